// Searching the help articles, offline, in English and Japanese. Words in scripts written with
// spaces are matched as words (and by their beginning: "approv" finds "approval"); Japanese,
// written without spaces, is matched by character bigrams, so "送金 間違い" finds an article
// that says "間違ったアドレスに送金" whatever the particles between the words.

/** A run of kana, kanji or the prolonged sound mark: cut into bigrams. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆]+/gu;
/** A run of letters or digits of other scripts: one word. */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The search tokens of a text: lowercase words, and the bigrams of its Japanese runs (a run of
 * one character is itself a token).
 * @param {string} text
 * @returns {string[]}
 */
export function tokens(text) {
  const normal = text.normalize('NFKC').toLowerCase();
  /** @type {string[]} */
  const out = [];
  for (const [run] of normal.matchAll(CJK)) {
    const chars = [...run];
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
  for (const [word] of normal.replace(CJK, ' ').matchAll(WORD)) out.push(word);
  return out;
}

/**
 * @typedef {{ id: string, title: string, summary: string, keywords: string, body: string }} Article
 * @typedef {{ id: string, score: number }} Hit
 */

/** How much a token found in each part of an article counts. */
const WEIGHTS = /** @type {const} */ ({ title: 6, keywords: 4, summary: 2, body: 1 });

/**
 * The articles that match a query, best first. Every query token that an article contains adds
 * its part's weight (once per part); an article must contain most of the query's tokens.
 * @param {Article[]} articles
 * @param {string} query
 * @returns {Hit[]}
 */
export function search(articles, query) {
  const wanted = [...new Set(tokens(query))];
  if (wanted.length === 0) return [];
  /** @type {Hit[]} */
  const hits = [];
  for (const article of articles) {
    const parts = Object.fromEntries(Object.keys(WEIGHTS).map((k) => [k, new Set(tokens(article[/** @type {keyof typeof WEIGHTS} */ (k)]))]));
    let score = 0;
    let found = 0;
    for (const token of wanted) {
      let hit = false;
      for (const [part, weight] of Object.entries(WEIGHTS)) {
        const set = parts[part];
        // A Latin word also matches as the beginning of a longer one ("approv" → "approval").
        const has = set.has(token) || (/^[a-z0-9]{4,}$/.test(token) && [...set].some((t) => t.startsWith(token)));
        if (has) {
          score += weight;
          hit = true;
        }
      }
      if (hit) found += 1;
    }
    if (found > 0 && found >= Math.ceil(wanted.length * 0.6)) hits.push({ id: article.id, score: score * (found / wanted.length) });
  }
  return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

// Secret phrases on screen: splitting what a person typed, showing a phrase as a numbered grid,
// and the backup check.

/**
 * The words of a phrase: any white space separates them (spaces, new lines, U+3000).
 * @param {string} text
 * @returns {string[]}
 */
export function splitWords(text) {
  return text.match(/[^\s\u3000]+/gu) ?? [];
}

/**
 * Where each word is in the text, to replace one in place.
 * @param {string} text
 * @returns {{ word: string, start: number, end: number }[]}
 */
export function wordSpans(text) {
  return [...text.matchAll(/[^\s\u3000]+/gu)].map((m) => ({ word: m[0], start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
}

/**
 * Replaces the word at a 1-based position, keeping the rest of the text as typed.
 * @param {string} text @param {number} position @param {string} replacement
 */
export function replaceWord(text, position, replacement) {
  const span = wordSpans(text)[position - 1];
  if (!span) return text;
  return text.slice(0, span.start) + replacement + text.slice(span.end);
}

/** How two words compare in the backup check: trimmed, case-insensitive, NFKC. @param {string} w */
export const normalizeWord = (w) => w.normalize('NFKC').trim().toLowerCase();

/**
 * Shows the words as a numbered grid. The list's text is exactly the words separated by single
 * spaces (the numbers come from CSS), so copying or reading it gives the phrase itself.
 * @param {HTMLElement} list an <ol>
 * @param {string[]} words
 */
export function renderPhrase(list, words) {
  /** @type {Node[]} */
  const parts = [];
  words.forEach((w, i) => {
    if (i > 0) parts.push(document.createTextNode(' '));
    const li = document.createElement('li');
    li.textContent = w;
    parts.push(li);
  });
  list.replaceChildren(...parts);
  // Kana words are wider than the grid's third: two columns then.
  list.classList.toggle('wide', words.some((w) => /[^\x00-\x7f]/.test(w)));
}

/**
 * `count` distinct 1-based positions out of `total`, picked with the browser's CSPRNG, in order.
 * @param {number} total @param {number} count
 */
export function pickPositions(total, count = 3) {
  const picked = new Set();
  const buf = new Uint32Array(1);
  while (picked.size < Math.min(count, total)) {
    crypto.getRandomValues(buf);
    picked.add((buf[0] % total) + 1);
  }
  return [...picked].sort((a, b) => a - b);
}

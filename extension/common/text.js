// Text a web page supplied (a message to sign, a network's name, a token's symbol, typed-data
// strings) may carry characters a person cannot see, or that reorder what they read: bidi
// overrides, zero-width characters, tag characters (U+E0000–E007F), variation selectors,
// fillers. One definition for the background (which refuses them in names) and the pages
// (which show them as ⟦U+XXXX⟧). Tab, line feed and carriage return are ordinary whitespace.

/**
 * Controls (except \t \n \r), format characters (bidi controls, zero-width, tags, invisible
 * operators), every default-ignorable code point (variation selectors, Hangul fillers, soft
 * hyphen...), the line/paragraph separators and the blank Braille pattern.
 */
const HIDDEN_SOURCE = '(?![\\t\\n\\r])[\\p{Cc}\\p{Cf}\\p{Default_Ignorable_Code_Point}\\u2028\\u2029\\u2800]';

/** Matches one hidden character. */
export const HIDDEN_CHAR = new RegExp(HIDDEN_SOURCE, 'u');

/** "U+202E" for a character. @param {string} c */
export const codePointName = (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first hidden character's name ("U+202E"), or null. @param {string} text */
export function firstHidden(text) {
  const m = HIDDEN_CHAR.exec(text);
  return m ? codePointName(m[0]) : null;
}

/**
 * The text cut into visible runs and hidden characters, for a page to render the hidden ones
 * as marks: `[{ text: 'Hi' }, { hidden: 'U+200B' }, { text: '!' }]`.
 * @param {string} text
 * @returns {Array<{ text: string } | { hidden: string }>}
 */
export function splitHidden(text) {
  /** @type {Array<{ text: string } | { hidden: string }>} */
  const parts = [];
  let run = '';
  for (const c of text) {
    if (HIDDEN_CHAR.test(c)) {
      if (run) parts.push({ text: run });
      run = '';
      parts.push({ hidden: codePointName(c) });
    } else {
      run += c;
    }
  }
  if (run) parts.push({ text: run });
  return parts;
}

/** The text with each hidden character written as ⟦U+XXXX⟧ (for plain-text places). @param {string} text */
export const revealHidden = (text) =>
  splitHidden(text)
    .map((p) => ('hidden' in p ? `⟦${p.hidden}⟧` : p.text))
    .join('');

// Punycode (RFC 3492) decoding, enough to show an `xn--` host name in Unicode beside its ASCII
// form. Decoding only: the browser gives us the ASCII form, which stays the one we trust.

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX = 0x10ffff;

/** @param {number} delta @param {number} points @param {boolean} first */
function adapt(delta, points, first) {
  delta = first ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / points);
  let k = 0;
  while (delta > ((BASE - T_MIN) * T_MAX) >> 1) {
    delta = Math.floor(delta / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * delta) / (delta + SKEW));
}

/** @param {number} c a code unit @returns {number} its digit value, or BASE when it is none */
function digit(c) {
  if (c >= 0x30 && c <= 0x39) return c - 22; // 0-9 → 26-35
  if (c >= 0x41 && c <= 0x5a) return c - 0x41; // A-Z
  if (c >= 0x61 && c <= 0x7a) return c - 0x61; // a-z
  return BASE;
}

/**
 * One label's Punycode (without "xn--") → Unicode.
 * @param {string} input
 * @returns {string}
 * @throws {RangeError} on input that is not valid Punycode
 */
export function decodeLabel(input) {
  /** @type {number[]} */
  const output = [];
  const basicEnd = input.lastIndexOf('-');
  for (let j = 0; j < Math.max(basicEnd, 0); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) throw new RangeError('not basic');
    output.push(c);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let pos = basicEnd > 0 ? basicEnd + 1 : 0; pos < input.length; ) {
    const oldi = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (pos >= input.length) throw new RangeError('truncated');
      const d = digit(input.charCodeAt(pos++));
      if (d >= BASE) throw new RangeError('bad digit');
      if (d > Math.floor((MAX * 4 - i) / w)) throw new RangeError('overflow');
      i += d * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (d < t) break;
      w *= BASE - t;
    }
    const points = output.length + 1;
    bias = adapt(i - oldi, points, oldi === 0);
    n += Math.floor(i / points);
    i %= points;
    if (n > MAX || (n >= 0xd800 && n <= 0xdfff)) throw new RangeError('bad code point');
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/**
 * A host name with its `xn--` labels in Unicode, or null when it has none (or one that does not
 * decode).
 * @param {string} hostname ASCII, as `new URL(origin).hostname` gives it
 * @returns {string | null}
 */
export function unicodeHostname(hostname) {
  const labels = hostname.split('.');
  if (!labels.some((l) => /^xn--/i.test(l))) return null;
  try {
    return labels.map((l) => (/^xn--/i.test(l) ? decodeLabel(l.slice(4)) : l)).join('.');
  } catch {
    return null;
  }
}

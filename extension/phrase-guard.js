// The phrase guard: notices when a web page's field receives what looks like a secret recovery
// phrase (12 or more BIP-39 words, English or Japanese, in one field; or one word in each of 12
// or more fields, the usual phishing form) and asks the wallet to warn the person. It runs in the
// content scripts' own world (the page cannot see or change it), decides only "this looks like a
// phrase", and sends nothing but that: the words are not stored, logged or sent, and nothing
// holds them after the check returns.
(() => {
  'use strict';
  /** @type {{ en: string, ja: string } | undefined} */
  const lists = /** @type {any} */ (self).kuraPhraseWords;
  if (!lists) return;

  /** The lowest number of phrase words that counts (BIP-39 phrases have 12 to 24). */
  const MIN_WORDS = 12;
  /** A field holding more words than this is prose, not a phrase. */
  const MAX_WORDS = 25;

  /** @type {Set<string> | null} built at the first input, not at every page load */
  let words = null;
  const norm = (/** @type {string} */ s) => s.normalize('NFKC').toLowerCase();
  const wordSet = () => (words ??= new Set(`${lists.en} ${lists.ja}`.split(' ').map(norm)));

  /** A field's text split as a restore form would split it. @param {string} text */
  const split = (text) => norm(text).split(/[\s\u3000]+/u).filter(Boolean);

  /** 12 to 25 words, all but at most one from the list (one may be mistyped). @param {string} text */
  function looksLikePhrase(text) {
    const parts = split(text);
    if (parts.length < MIN_WORDS || parts.length > MAX_WORDS) return false;
    const set = wordSet();
    let unknown = 0;
    for (const w of parts) if (!set.has(w) && ++unknown > 1) return false;
    return true;
  }

  /** @param {EventTarget | null} el @returns {string | null} what a text field holds */
  function fieldText(el) {
    if (el instanceof HTMLTextAreaElement) return el.value;
    if (el instanceof HTMLInputElement) return ['text', 'password', 'search', 'email', 'tel', 'url', ''].includes(el.type) ? el.value : null;
    if (el instanceof HTMLElement && el.isContentEditable) return el.innerText;
    return null;
  }

  /** One list word in each of 12 or more fields of the form (or the page): the usual phishing form. */
  function looksLikeWordPerField(/** @type {HTMLElement} */ field) {
    const scope = field.closest('form') ?? document;
    const set = wordSet();
    let count = 0;
    for (const input of scope.querySelectorAll('input, textarea')) {
      const text = fieldText(input);
      if (text === null) continue;
      const parts = split(text);
      if (parts.length === 1 && set.has(parts[0]) && ++count >= MIN_WORDS) return true;
    }
    return false;
  }

  let warned = false;
  /** @param {Event} event */
  function check(event) {
    if (warned) return;
    const field = event.target;
    const text = fieldText(field);
    if (text === null || !(field instanceof HTMLElement)) return;
    const hit = looksLikePhrase(text) || (split(text).length === 1 && looksLikeWordPerField(field));
    if (!hit) return;
    warned = true; // once per page load; the wallet decides whether to show it (trusted sites)
    chrome.runtime.sendMessage({ type: 'phrase-guard' }).catch(() => undefined);
  }

  document.addEventListener('input', check, { capture: true, passive: true });
  document.addEventListener('change', check, { capture: true, passive: true });
})();

// Every string a person reads comes from _locales through chrome.i18n. Markup names its
// strings with data-i18n (text) and data-i18n-attr ("attr:key;attr:key").

/** @param {string} key @param {string | string[]} [subs] */
export function t(key, subs) {
  const text = chrome.i18n.getMessage(key, subs);
  if (!text) console.warn(`missing message ${key}`);
  return text || key;
}

/** A message that may not exist (e.g. one per code): '' when the key is unknown. @param {string} key @param {string[]} [subs] */
export const maybe = (key, subs) => chrome.i18n.getMessage(key, subs);

/** @param {ParentNode} root */
export function localize(root = document) {
  document.documentElement.lang = chrome.i18n.getUILanguage().startsWith('ja') ? 'ja' : 'en';
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(/** @type {HTMLElement} */ (el).dataset.i18n ?? '');
  }
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of (/** @type {HTMLElement} */ (el).dataset.i18nAttr ?? '').split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  }
}

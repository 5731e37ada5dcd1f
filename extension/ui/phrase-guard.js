// The phrase guard's window: a web page received what looks like a secret recovery phrase. It
// names the site (from the background, which took it from the browser) and says plainly that
// no wallet or support ever asks for the phrase on a web page.

import { call } from './api.js';
import { errorText } from './errors.js';
import { localize } from './i18n.js';
import { unicodeHostname } from './approval/punycode.js';

localize();
document.title = chrome.i18n.getMessage('phraseGuardWindowTitle');
const root = /** @type {HTMLElement} */ (document.querySelector('[data-testid="phrase-guard"]'));
const origin = new URLSearchParams(location.search).get('origin') ?? '';
root.dataset.origin = origin;
const shown = /** @type {HTMLElement} */ (root.querySelector('[data-role="origin"]'));
let host = '';
try {
  host = new URL(origin).hostname;
} catch {
  // not a URL: shown as given
}
const unicode = /(^|\.)xn--/i.test(host) ? unicodeHostname(host) : null;
shown.textContent = unicode ? `${origin} (${unicode})` : origin;

root.querySelector('[data-testid="phrase-guard-close"]')?.addEventListener('click', () => window.close());
root.querySelector('[data-testid="phrase-guard-trust"]')?.addEventListener('click', async () => {
  try {
    await call('trustPhraseGuard', { origin });
    window.close();
  } catch (err) {
    const error = /** @type {HTMLElement} */ (root.querySelector('.form-error'));
    error.hidden = false;
    error.dataset.testid = 'form-error';
    error.textContent = errorText(err);
  }
});

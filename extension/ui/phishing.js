// The page shown instead of a site the wallet judges to be phishing (listed, or imitating a
// well-known site). A listed site never loaded: the browser's rules sent the tab here instead.
// The blocked address comes in the fragment, as it was (not decoded); why it is blocked comes
// from the background (the fragment only names the address). Leaving goes back; continuing is
// remembered for that site, whose requests still carry a warning.

import { call } from './api.js';
import { errorText } from './errors.js';
import { localize, t } from './i18n.js';
import { unicodeHostname } from './approval/punycode.js';

localize();
document.title = t('phishingWindowTitle');
const root = /** @type {HTMLElement} */ (document.querySelector('[data-testid="phishing-warning"]'));
/** @type {URL | null} */
let url = null;
try {
  const parsed = new URL(location.hash.slice(1));
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') url = parsed;
} catch {
  // not an address: nothing to continue to
}
// Framed by a page, this is not the warning the wallet showed: offer nothing to click.
const framed = window.top !== window;
const host = url?.hostname ?? '';
const shownHost = /** @type {HTMLElement} */ (root.querySelector('[data-role="host"]'));
const unicode = /(^|\.)xn--/i.test(host) ? unicodeHostname(host) : null;
shownHost.textContent = unicode ? `${host} (${unicode})` : host;
const continueButton = /** @type {HTMLButtonElement} */ (root.querySelector('[data-testid="phishing-continue"]'));
continueButton.hidden = !url || framed;

/** @param {unknown} err */
function fail(err) {
  const error = /** @type {HTMLElement} */ (root.querySelector('.form-error'));
  error.hidden = false;
  error.dataset.testid = 'form-error';
  error.textContent = errorText(err);
}

async function explain() {
  if (!url || framed) return;
  const verdict = await call('phishingVerdict', { url: url.href });
  const reason = /** @type {HTMLElement} */ (root.querySelector('[data-role="reason"]'));
  if (!verdict.phishing) {
    // Opened by hand, or the list changed since: say so rather than invent a reason.
    reason.textContent = t('phishingReasonNone');
    return;
  }
  root.dataset.reason = verdict.reason;
  if (verdict.imitates) root.dataset.imitates = verdict.imitates;
  const imitates = String(verdict.imitates ?? '');
  reason.textContent =
    verdict.reason === 'homograph' ? t(imitates ? 'phishingReasonHomograph' : 'phishingReasonHomographNone', imitates ? [imitates] : [])
    : verdict.reason === 'lookalike' ? t('phishingReasonLookalike', [imitates])
    : t('phishingReasonListed');
  // The list's source and licence, where the list is the reason.
  /** @type {HTMLElement} */ (root.querySelector('[data-role="list-source"]')).hidden = verdict.reason !== 'listed';
}

root.querySelector('[data-testid="phishing-back"]')?.addEventListener('click', () => {
  if (history.length > 1) history.back();
  else location.replace('about:blank');
});
continueButton.addEventListener('click', async () => {
  if (!url || framed) return;
  try {
    await call('continueToSite', { url: url.href });
    location.replace(url.href);
  } catch (err) {
    fail(err);
  }
});
explain().catch(fail);

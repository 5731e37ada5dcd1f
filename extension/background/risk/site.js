// What the wallet knows of a site, for the warnings every one of its requests carries: whether
// the person has ever approved anything it asked (until then, `new-site`), and whether it is a
// phishing site (`phishing-origin`, which stays on a site the person chose to continue to).
//
// chrome.storage.local: siteHistory  { [origin]: first approval's time (ms) }, bounded

import { storedList } from '../stored-list.js';
import { siteVerdict } from './guard.js';

const KEY = 'siteHistory';
/** The oldest entries go first past this; a forgotten site is only "new" again. */
const MAX_SITES = 2000;

/** @type {ReturnType<typeof storedList<[string, number]>>} */
const history = storedList(() => chrome.storage.local, KEY);

/** Whether the person has approved a request of this origin before. @param {string} origin */
export async function knownSite(origin) {
  return (await history.load()).some(([o]) => o === origin);
}

/** The person approved a request of this origin: it is no longer new. @param {string} origin */
export function rememberSite(origin) {
  return history.mutate((list) => {
    if (list.some(([o]) => o === origin)) return;
    list.push([origin, Date.now()]);
    if (list.length > MAX_SITES) list.splice(0, list.length - MAX_SITES);
  });
}

/**
 * The site's own warnings, for any of its requests.
 * @param {string} origin
 * @returns {Promise<Array<{ code: string, severity: 'high' | 'medium' | 'info', [k: string]: unknown }>>}
 */
export async function siteWarnings(origin) {
  /** @type {Array<{ code: string, severity: 'high' | 'medium' | 'info', [k: string]: unknown }>} */
  const warnings = [];
  // Judged locally (the bundled or refreshed list, and look-alikes of well-known sites). A site
  // the person chose to continue to is still a phishing site: its requests keep the warning.
  const verdict = await siteVerdict(origin);
  if (verdict.phishing) {
    warnings.push({ code: 'phishing-origin', severity: 'high', reason: verdict.reason, imitates: verdict.imitates, origin });
  }
  if (!(await knownSite(origin))) warnings.push({ code: 'new-site', severity: 'info', origin });
  return warnings;
}

// Stopping phishing sites in the tab the person opened (the guard judges: guard.js).
//
// Listed sites: declarativeNetRequest dynamic rules from the list's hosts (`requestDomains`, a
// few thousand per rule) redirect a main-frame request to phishing.html#<the URL> before it is
// sent, so nothing of the site loads or runs. The list's allowed hosts and the hosts the person
// continued to have allow rules of higher priority. The browser keeps dynamic rules across
// restarts; they are rewritten at install, at browser start, and when the list or the
// continued hosts change.
//
// Look-alikes and homographs are not in the list: each main-frame navigation is judged in
// webNavigation.onBeforeNavigate and the tab is sent to the warning page. That races the
// site's own response, so its scripts may already have started.

import { RpcError, Codes } from '../errors.js';
import { continueToHost, continuedHosts, coveredBy, forgetDownloadedList, judgeHost, listHosts, listSource, listStatus, refreshList, setListSource } from './guard.js';

/** Our rule ids (other features keep out of this range). */
const FIRST_RULE_ID = 1000;
const LAST_RULE_ID = 1999;
const HOSTS_PER_RULE = 2500;
const PRIORITY = { block: 1, listAllowed: 2, continued: 3 };
const REFRESH_ALARM = 'phishing-list-refresh';
const REFRESH_EVERY_MINUTES = 24 * 60;
/** The first refresh waits a little after install or a change of source. */
const FIRST_REFRESH_AFTER_MINUTES = 10;

const WARNING_PAGE = chrome.runtime.getURL('phishing.html');

/** What `requestDomains` accepts: lowercase ASCII host names. */
const RULE_HOST = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

/**
 * @template T
 * @param {T[]} xs
 * @returns {T[][]}
 */
const chunks = (xs) => Array.from({ length: Math.ceil(xs.length / HOSTS_PER_RULE) }, (_, i) => xs.slice(i * HOSTS_PER_RULE, (i + 1) * HOSTS_PER_RULE));

/** @returns {Promise<chrome.declarativeNetRequest.Rule[]>} */
async function rules() {
  const { blocked, allowed } = await listHosts();
  const continued = await continuedHosts();
  /** @type {chrome.declarativeNetRequest.Rule[]} */
  const out = [];
  let id = FIRST_RULE_ID;
  const main = [/** @type {chrome.declarativeNetRequest.ResourceType} */ ('main_frame')];
  for (const hosts of chunks(blocked.filter((h) => RULE_HOST.test(h)))) {
    out.push({
      id: id++,
      priority: PRIORITY.block,
      action: {
        type: /** @type {chrome.declarativeNetRequest.RuleActionType} */ ('redirect'),
        redirect: { regexSubstitution: `${WARNING_PAGE}#\\1` },
      },
      condition: { regexFilter: '^(.*)$', requestDomains: hosts, resourceTypes: main },
    });
  }
  for (const [hosts, priority] of [
    ...chunks(allowed.filter((h) => RULE_HOST.test(h))).map((c) => /** @type {const} */ ([c, PRIORITY.listAllowed])),
    ...chunks(continued.filter((h) => RULE_HOST.test(h))).map((c) => /** @type {const} */ ([c, PRIORITY.continued])),
  ]) {
    out.push({
      id: id++,
      priority,
      action: { type: /** @type {chrome.declarativeNetRequest.RuleActionType} */ ('allow') },
      condition: { requestDomains: hosts, resourceTypes: main },
    });
  }
  if (id > LAST_RULE_ID + 1) throw new Error('the phishing list needs more rules than its range holds');
  return out;
}

/** @type {Promise<unknown>} one rewrite at a time */
let serial = Promise.resolve();

/** Rewrites our rules in one update (the old ones stay if it fails). */
export function installPhishingRules() {
  const run = serial.then(async () => {
    const addRules = await rules();
    const existing = await chrome.declarativeNetRequest.getDynamicRules();
    const removeRuleIds = existing.map((r) => r.id).filter((id) => id >= FIRST_RULE_ID && id <= LAST_RULE_ID);
    await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds, addRules });
    return addRules.length;
  });
  serial = run.catch(() => undefined);
  return run;
}

/** A daily refresh while it is on; none when it is off. */
async function scheduleRefresh() {
  const { enabled } = await listSource();
  if (!enabled) {
    await chrome.alarms.clear(REFRESH_ALARM);
    return;
  }
  if (!(await chrome.alarms.get(REFRESH_ALARM))) {
    await chrome.alarms.create(REFRESH_ALARM, { delayInMinutes: FIRST_REFRESH_AFTER_MINUTES, periodInMinutes: REFRESH_EVERY_MINUTES });
  }
}

/**
 * At install, update and browser start.
 * @param {{ updated?: boolean }} [how] after an update of the wallet, its bundled list first
 */
export async function syncPhishingProtection({ updated = false } = {}) {
  if (updated) await forgetDownloadedList().catch((err) => console.error('the downloaded phishing list was not dropped', err));
  await Promise.all([
    installPhishingRules().catch((err) => console.error('phishing rules not installed', err)),
    scheduleRefresh().catch((err) => console.error('phishing list refresh not scheduled', err)),
  ]);
}

async function refreshAndInstall() {
  const info = await refreshList();
  await installPhishingRules();
  return info;
}

/** @param {chrome.alarms.Alarm} alarm */
export async function onPhishingAlarm(alarm) {
  if (alarm.name !== REFRESH_ALARM) return;
  if (!(await listSource()).enabled) return;
  await refreshAndInstall().catch((err) => console.warn('phishing list not refreshed; the current one stays', err));
}

/**
 * A look-alike (or a listed host the rules cannot name) about to load in a tab: the warning
 * page instead.
 * @param {chrome.webNavigation.WebNavigationBaseCallbackDetails} details
 */
export async function onBeforeNavigate(details) {
  if (details.frameId !== 0 || details.tabId < 0) return;
  /** @type {URL} */
  let url;
  try {
    url = new URL(details.url);
  } catch {
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
  const verdict = await judgeHost(url.hostname);
  if (!verdict.phishing) return;
  // A listed host is the rules' to stop, unless its spelling escapes them (a trailing dot).
  if (verdict.reason === 'listed' && url.hostname === verdict.host) return;
  if (coveredBy(verdict.host, await continuedHosts())) return;
  await chrome.tabs.update(details.tabId, { url: `${WARNING_PAGE}#${details.url}` });
}

/** @param {unknown} url */
function hostOf(url) {
  try {
    const u = new URL(String(url));
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : '';
  } catch {
    return '';
  }
}

/**
 * The warning page itself, in the top frame of a tab: not a page that embeds it (a site could
 * frame it and trick a click on "continue").
 * @param {chrome.runtime.MessageSender | undefined} sender
 */
function fromWarningPage(sender) {
  const url = sender?.url ?? '';
  return sender?.frameId === 0 && !!sender.tab && (url === WARNING_PAGE || url.startsWith(WARNING_PAGE + '#'));
}

/** The wallet pages' commands for the warning page and the list's settings. */
/** @type {Record<string, (args: any, sender?: chrome.runtime.MessageSender) => Promise<unknown>>} */
export const PHISHING_COMMANDS = {
  async phishingVerdict({ url }) {
    const verdict = await judgeHost(hostOf(url));
    return { ...verdict, continued: verdict.phishing && coveredBy(verdict.host, await continuedHosts()) };
  },
  async continueToSite({ url }, sender) {
    if (!fromWarningPage(sender)) throw new RpcError(Codes.unauthorized, 'only the warning page, in its own tab, can continue to a site');
    const done = await continueToHost(hostOf(url));
    if (done.continued) await installPhishingRules();
    return done;
  },
  async phishingListStatus() {
    return listStatus();
  },
  async setPhishingListSource({ enabled, url }) {
    const source = await setListSource({ enabled, url });
    await scheduleRefresh();
    return source;
  },
  async refreshPhishingList() {
    return refreshAndInstall();
  },
};

// The phishing guard's background half: MetaMask's eth-phishing-detect list and the risk crate's
// look-alike rules (PhishingGuard, docs/wasm-api.md), built once per worker start and kept for
// the worker's life (rebuilt if the core was restarted after a trap). The guard judges; what
// the browser is told to block is phishing-block.js.
//
// chrome.storage.local: phishingList       ({ text, url, at }: the last downloaded list that passed
//                                           the guard's checks; the bundled one otherwise)
//                       phishingListSource ({ enabled, url }: where the list is refreshed from)
//                       phishingContinued  (hosts the person chose to continue to anyway)
//
// Nothing about the person is sent anywhere: hosts are judged here; the only request is the
// whole list's download, without cookies, referrer or redirects.

import { riskCore, riskGeneration } from '../core.js';
import { invalidParams, walletError } from '../errors.js';

/** @typedef {import('../../wasm/wallet_risk.js').Verdict} Verdict */
/** @typedef {import('../../wasm/wallet_risk.js').PhishingListInfo} PhishingListInfo */
/** @typedef {{ enabled: boolean, url: string }} ListSource */

const LIST = 'phishingList';
const SOURCE = 'phishingListSource';
const CONTINUED = 'phishingContinued';

export const DEFAULT_LIST_URL = 'https://raw.githubusercontent.com/MetaMask/eth-phishing-detect/main/src/config.json';
/** The guard refuses a larger list anyway; the download stops here. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 60_000;
/** The person's "continue anyway" choices kept (the oldest are forgotten first). */
const KEEP_CONTINUED = 500;

/**
 * @typedef {object} Built
 * @property {import('../../wasm/wallet_risk.js').PhishingGuard} guard
 * @property {string} text  the list the guard holds (its hosts become the browser's rules)
 * @property {'bundled' | 'downloaded'} origin
 * @property {number | null} at  when it was downloaded
 */

/** @type {{ generation: number, built: Promise<Built> } | null} */
let current = null;

/** A file of the extension's own. @param {string} path */
async function bundledText(path) {
  const res = await fetch(chrome.runtime.getURL(path));
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.text();
}

/** @returns {Promise<Built>} */
async function build() {
  const wasm = await riskCore();
  const suffixes = await bundledText('risk/public_suffix_list.dat');
  /** @type {Record<string, any>} */
  const s = await chrome.storage.local.get(LIST);
  const stored = s[LIST];
  if (stored && typeof stored.text === 'string') {
    try {
      return { guard: new wasm.PhishingGuard(stored.text, suffixes), text: stored.text, origin: 'downloaded', at: Number(stored.at) || null };
    } catch (err) {
      // Checked when it was downloaded; refused now only if storage was damaged: the bundled list.
      console.error('the stored phishing list was refused; using the bundled one', err);
    }
  }
  const text = await bundledText('risk/eth-phishing-detect-config.json');
  return { guard: new wasm.PhishingGuard(text, suffixes), text, origin: 'bundled', at: null };
}

/** The guard, built on first use. @returns {Promise<Built>} */
export function phishingGuard() {
  const generation = riskGeneration();
  if (!current || current.generation !== generation) {
    const built = build();
    current = { generation, built };
    built.catch(() => {
      if (current?.built === built) current = null;
    });
  }
  return current.built;
}

/** @param {string} host @returns {Verdict} */
const harmless = (host) => ({ host, unicode: null, phishing: false, reason: null, imitates: null });

/**
 * The guard's judgement of a host (`URL.hostname`). Never throws: a host that is not one (or a
 * guard that could not be built, which is logged) is judged not phishing.
 * @param {unknown} host
 * @returns {Promise<Verdict>}
 */
export async function judgeHost(host) {
  if (typeof host !== 'string' || host === '' || host.length > 253) return harmless(typeof host === 'string' ? host.slice(0, 253).toLowerCase() : '');
  try {
    return (await phishingGuard()).guard.check(host);
  } catch (err) {
    // Not a host name (the guard says INVALID_INPUT): nothing to judge. Anything else is logged.
    if (/** @type {any} */ (err)?.code !== 'INVALID_INPUT') console.error('phishing guard: could not judge a host', err);
    return harmless(host.toLowerCase());
  }
}

/**
 * The verdict for an origin's host, for the request pipeline (`phishing-origin`). A site the
 * person continued to is still judged phishing.
 * @param {string} origin
 * @returns {Promise<Verdict>}
 */
export async function siteVerdict(origin) {
  let host = '';
  try {
    const url = new URL(origin);
    if (url.protocol === 'http:' || url.protocol === 'https:') host = url.hostname;
  } catch {
    // not an origin: not judged
  }
  return judgeHost(host);
}

/** The hosts the person continued to (each covers its subdomains, as the list's entries do). @returns {Promise<string[]>} */
export async function continuedHosts() {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.local.get(CONTINUED);
  return Array.isArray(s[CONTINUED]) ? s[CONTINUED].filter((h) => typeof h === 'string') : [];
}

/** @param {string} host @param {string[]} hosts */
export const coveredBy = (host, hosts) => hosts.some((h) => host === h || host.endsWith('.' + h));

/** @type {Promise<unknown>} one read-modify-write of the continued hosts at a time */
let serial = Promise.resolve();

/**
 * The person chose to continue to this site anyway. Only a host the guard judges phishing is
 * kept (there is nothing to continue past otherwise).
 * @param {unknown} host
 * @returns {Promise<{ host: string, continued: boolean }>}
 */
export function continueToHost(host) {
  const run = serial.then(async () => {
    const verdict = await judgeHost(host);
    if (!verdict.phishing) return { host: verdict.host, continued: false };
    const hosts = await continuedHosts();
    if (!hosts.includes(verdict.host)) await chrome.storage.local.set({ [CONTINUED]: [...hosts, verdict.host].slice(-KEEP_CONTINUED) });
    return { host: verdict.host, continued: true };
  });
  serial = run.catch(() => undefined);
  return run;
}

/** The list's blocked and allowed hosts, as the guard holds them (for the browser's rules). */
export async function listHosts() {
  const { text } = await phishingGuard();
  const list = JSON.parse(text);
  /** @param {unknown} v @returns {string[]} */
  const hosts = (v) => (Array.isArray(v) ? v.filter((h) => typeof h === 'string') : []);
  return { blocked: hosts(list.blacklist), allowed: hosts(list.whitelist) };
}

/** @returns {Promise<ListSource>} */
export async function listSource() {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.local.get(SOURCE);
  const v = s[SOURCE] ?? {};
  return { enabled: v.enabled !== false, url: typeof v.url === 'string' ? v.url : DEFAULT_LIST_URL };
}

/**
 * Where the list comes from: https, or http on this machine (a developer's or a test's server).
 * @param {unknown} url
 */
function checkListUrl(url) {
  /** @type {URL} */
  let u;
  try {
    u = new URL(String(url));
  } catch {
    throw invalidParams('the phishing list URL is not a URL');
  }
  const local = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (!(u.protocol === 'https:' || (u.protocol === 'http:' && local)) || u.username || u.password) {
    throw invalidParams('the phishing list URL must be https (http only on this machine), without a user name or password');
  }
  return u.href;
}

/** @param {{ enabled?: unknown, url?: unknown }} patch @returns {Promise<ListSource>} */
export async function setListSource({ enabled, url }) {
  const now = await listSource();
  const next = {
    enabled: typeof enabled === 'boolean' ? enabled : now.enabled,
    url: url === undefined || url === null || url === '' ? now.url : checkListUrl(url),
  };
  await chrome.storage.local.set({ [SOURCE]: next });
  return next;
}

/** What the settings show: the source, and the list in use. */
export async function listStatus() {
  const [source, built] = await Promise.all([listSource(), phishingGuard()]);
  return { ...source, defaultUrl: DEFAULT_LIST_URL, list: built.guard.listInfo(), origin: built.origin, at: built.at };
}

/**
 * The whole list, downloaded without anything about the person: no cookies, no referrer, no
 * redirect followed, at most 16 MiB, within 60 s.
 * @param {string} url
 */
async function download(url) {
  const where = new URL(url).origin;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), DOWNLOAD_TIMEOUT_MS);
  try {
    const res = await fetch(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
      cache: 'no-store',
      signal: controller.signal,
    });
    if (!res.ok || !res.body) throw walletError('RISK_LIST_DOWNLOAD', `the phishing list at ${where} answered ${res.status}`);
    if (Number(res.headers.get('content-length')) > MAX_LIST_BYTES) {
      throw walletError('RISK_LIST_DOWNLOAD', `the phishing list at ${where} is over 16 MiB`);
    }
    const reader = res.body.getReader();
    /** @type {Uint8Array[]} */
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_LIST_BYTES) {
        await reader.cancel();
        throw walletError('RISK_LIST_DOWNLOAD', `the phishing list at ${where} is over 16 MiB`);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw walletError('RISK_LIST_INVALID', `the phishing list at ${where} is not UTF-8 text`);
    }
  } catch (err) {
    if (/** @type {any} */ (err)?.data?.coreCode) throw err;
    const why = controller.signal.aborted ? 'no answer within 60 s' : String(/** @type {any} */ (err)?.message ?? err);
    throw walletError('RISK_LIST_DOWNLOAD', `the phishing list could not be downloaded from ${where}: ${why}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Downloads the list from its source and, if the guard accepts it (RISK_LIST_INVALID
 * otherwise, and the current list stays), makes it the list in use, here and after restarts.
 * @returns {Promise<PhishingListInfo>}
 */
export async function refreshList() {
  const { url } = await listSource();
  const text = await download(url);
  const built = await phishingGuard();
  const info = built.guard.replaceList(text);
  const at = Date.now();
  try {
    await chrome.storage.local.set({ [LIST]: { text, url, at } });
  } catch (err) {
    // Not kept: the next worker would judge with the old list, so this one does too.
    current = null;
    throw walletError('STORAGE', `the downloaded phishing list could not be stored: ${String(/** @type {any} */ (err)?.message ?? err)}`);
  }
  Object.assign(built, { text, origin: 'downloaded', at });
  return info;
}

/**
 * After an update of the wallet: its bundled list may be newer than the one downloaded under
 * the old release (surely so when the refresh is off), so the bundled one is used until the
 * next refresh.
 */
export async function forgetDownloadedList() {
  await chrome.storage.local.remove(LIST);
  current = null;
}

// The local diagnostic log: what failed, kept on this machine so that the doctor and a support
// report can say what happened. A bounded ring in chrome.storage.local (the last 500 events and
// at most 1 MiB). Each event is a kind, a time, and a few fields from a closed list, each
// checked here: a stable code, an RPC method name, an endpoint's host (never its path or
// query, which may hold an API key), a chain id, a count, an on-chain revert reason. Never a
// phrase, key, password, vault, session key, address, site or message content: nothing in an
// event is free text from the person or a page.
//
// chrome.storage.local: diagnosticLog  [{ at, kind, ...fields }]

import { storedList } from '../stored-list.js';

const KEY = 'diagnosticLog';
export const MAX_EVENTS = 500;
export const MAX_BYTES = 1024 * 1024;

/** @typedef {'rpc-error' | 'request-refused' | 'tx-failed' | 'unlock-failed' | 'core-error'} Kind */
/** @typedef {{ at: number, kind: Kind, code?: string, method?: string, host?: string, chainId?: string, count?: number, reason?: string }} LogEvent */

/** @param {LogEvent[]} list */
function bounded(list) {
  if (list.length > MAX_EVENTS) list.splice(0, list.length - MAX_EVENTS);
  while (list.length > 1 && JSON.stringify(list).length > MAX_BYTES) list.splice(0, Math.ceil(list.length / 10));
  return list;
}

/** @type {ReturnType<typeof storedList<LogEvent>>} */
const log = storedList(() => chrome.storage.local, KEY, bounded);

const CODE = /^[A-Za-z0-9_.:-]{1,64}$/;
const METHOD = /^[A-Za-z0-9_]{1,64}$/;
const HOST = /^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]{2,45}\]$/;
const CHAIN = /^0x[0-9a-f]{1,16}$/;

/** A field kept only when it has its shape (anything else is dropped, not cleaned). */
const FIELDS = /** @type {const} */ ({
  code: (/** @type {unknown} */ v) => (typeof v === 'string' && CODE.test(v) ? v : typeof v === 'number' && Number.isInteger(v) ? String(v) : undefined),
  method: (/** @type {unknown} */ v) => (typeof v === 'string' && METHOD.test(v) ? v : undefined),
  host: (/** @type {unknown} */ v) => (typeof v === 'string' && HOST.test(v) ? v.toLowerCase() : undefined),
  chainId: (/** @type {unknown} */ v) => (typeof v === 'string' && CHAIN.test(v) ? v : undefined),
  count: (/** @type {unknown} */ v) => (Number.isSafeInteger(v) && /** @type {number} */ (v) >= 0 ? /** @type {number} */ (v) : undefined),
  // A revert reason is public, on-chain text; still bounded, and never an address.
  reason: (/** @type {unknown} */ v) => (typeof v === 'string' ? v.replace(/0x[0-9a-fA-F]{40,}/g, '0x…').slice(0, 200) : undefined),
});

/** The host of an endpoint's URL (its origin's host: no path, no query, no credentials). @param {string} url */
export function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/**
 * Adds an event. Never throws and is never awaited by what failed: a full disk or a storage
 * error must not turn one failure into two.
 * @param {Kind} kind @param {Partial<Record<keyof typeof FIELDS, unknown>>} [fields]
 */
export function logEvent(kind, fields = {}) {
  /** @type {LogEvent} */
  const event = { at: Date.now(), kind };
  for (const [name, check] of Object.entries(FIELDS)) {
    const value = check(/** @type {any} */ (fields)[name]);
    if (value !== undefined) /** @type {any} */ (event)[name] = value;
  }
  log.mutate((list) => void list.push(event)).catch(() => undefined);
}

/** The log, oldest first. @returns {Promise<LogEvent[]>} */
export const readLog = () => log.load();

/** Empties the log (the person's choice, in the doctor). */
export const clearLog = () => log.mutate((list) => void list.splice(0));

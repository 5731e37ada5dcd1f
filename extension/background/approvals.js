// Requests that wait for the person: a queue kept in chrome.storage.session (so a worker restart
// loses none), shown one after another in one extension window. A request is identified by its
// page (tab, frame) and the page's own request id, so when the worker restarts and the content
// script sends the same request again it finds its approval instead of making a second one.
// Each approval moves pending → running → done exactly once: it is never carried out twice.
//
// No page can flood it: one pending request per origin for a connection, a network switch or
// addition and a token suggestion (another is -32002, as MetaMask answers); a few signatures
// and transactions per origin; a cap on the whole queue and on the bytes it holds, so that the
// session key beside it in chrome.storage.session always has room. The window is brought to
// the front at most once every few seconds for the same origin.
//
// chrome.storage.session: approvals (the queue: small records, rewritten per change)
//                         approval:<id> (each request's payload, written once)
//                         approvalWindowId, approvalsShown

import { Codes, RpcError, toRpcError } from './errors.js';
import { storedList } from './stored-list.js';
import { siteWarnings } from './risk/site.js';

const QUEUE = 'approvals';
const WINDOW = 'approvalWindowId';
const SHOWN = 'approvalsShown';
const WINDOW_SIZE = { width: 400, height: 640 };
/** @param {string} id */
const payloadKey = (id) => `approval:${id}`;

/** The wallet's own pages, as the origin of the requests they make (a send, a speed-up). */
export const WALLET_ORIGIN = chrome.runtime.getURL('').replace(/\/$/, '');

/** Kinds of which an origin may have one pending at a time. */
const ONE_PER_ORIGIN = new Set(['connect', 'switch_chain', 'add_chain', 'watch_asset']);
/** Signatures and transactions pending per origin. */
export const MAX_PER_ORIGIN = 5;
/** Pending requests of all sites together. */
export const MAX_PENDING = 50;
/** The payloads of all pending requests together (chrome.storage.session holds 10 MiB). */
export const MAX_QUEUE_BYTES = 4 * 1024 * 1024;
/** The window comes to the front at most this often for one origin, and for all together. */
const REFOCUS_PER_ORIGIN_MS = 5000;
const REFOCUS_ANY_MS = 1000;

/**
 * @typedef {{ key: string, origin: string, tabId: number, embeddedIn?: string | null }} Asker
 * @typedef {{ id: string, key: string, type: string, origin: string, tabId: number,
 *   embeddedIn: string | null, size: number, createdAt: number, state: 'pending' | 'running' | 'done',
 *   outcome?: { result?: unknown, error?: object } }} Entry
 * @typedef {Entry & { payload: any }} Approval
 */

/** @type {Map<string, Array<(outcome: any) => void>>} in this worker's life only */
const waiters = new Map();
/** @type {Map<string, number>} when the window was last brought forward, per origin */
const focusedAt = new Map();
let focusedAny = 0;

/** The queue, one change at a time. */
/** @type {ReturnType<typeof storedList<Entry>>} */
const { load, mutate } = storedList(() => chrome.storage.session, QUEUE);
/** What the window has shown, one change at a time (the window asks every second and on every change). */
/** @type {ReturnType<typeof storedList<string>>} */
const shownList = storedList(() => chrome.storage.session, SHOWN);

/** @param {{ result?: unknown, error?: any }} outcome */
function settle(outcome) {
  if (outcome.error) {
    const e = outcome.error;
    throw new RpcError(e.code ?? Codes.internal, e.message ?? 'error', e.data);
  }
  return outcome.result;
}

/** Pending requests, oldest first, without their payloads. */
async function pendingEntries() {
  return (await load()).filter((a) => a.state === 'pending').sort((a, b) => a.createdAt - b.createdAt);
}

/** @param {Entry[]} entries @returns {Promise<Approval[]>} */
async function withPayloads(entries) {
  if (entries.length === 0) return [];
  /** @type {Record<string, any>} */
  const stored = await chrome.storage.session.get(entries.map((a) => payloadKey(a.id)));
  return entries.map((a) => ({ ...a, payload: stored[payloadKey(a.id)] ?? {} }));
}

/** One pending request, without its payload, or undefined. @param {string} id */
export async function findPending(id) {
  return (await pendingEntries()).find((a) => a.id === id);
}

/** Pending approvals, oldest first, as the approval window shows them. */
export async function pendingApprovals() {
  return withPayloads(await pendingEntries());
}

/** @type {Promise<void>} one window at a time: requests arriving together must not open two */
let windowing = Promise.resolve();

/**
 * Opens the window, or brings it forward unless that origin (or any) did so a moment ago.
 * @param {string} origin
 */
function openWindow(origin) {
  const run = windowing.then(() => openWindowNow(origin));
  windowing = run.catch(() => undefined);
  return run;
}

/** @param {string} origin */
async function openWindowNow(origin) {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.session.get(WINDOW);
  const id = s[WINDOW];
  const now = Date.now();
  if (typeof id === 'number') {
    try {
      await chrome.windows.get(id);
      if (now - (focusedAt.get(origin) ?? 0) >= REFOCUS_PER_ORIGIN_MS && now - focusedAny >= REFOCUS_ANY_MS) {
        focusedAt.set(origin, now);
        focusedAny = now;
        await chrome.windows.update(id, { focused: true });
      }
      return;
    } catch {
      // closed meanwhile: open a new one
    }
  }
  focusedAt.set(origin, now);
  focusedAny = now;
  const win = await chrome.windows.create({ url: chrome.runtime.getURL('approval.html'), type: 'popup', ...WINDOW_SIZE });
  if (win?.id !== undefined) await chrome.storage.session.set({ [WINDOW]: win.id });
}

/**
 * Whether one more request of `type` from `origin` (payload of `size` bytes) may wait.
 * @param {Entry[]} list @param {string} origin @param {string} type @param {number} size
 */
function refusal(list, origin, type, size) {
  if (origin === WALLET_ORIGIN) return null; // the person's own page: never crowded out by sites
  const pending = list.filter((a) => a.state === 'pending');
  const mine = pending.filter((a) => a.origin === origin);
  if (ONE_PER_ORIGIN.has(type) && mine.some((a) => a.type === type)) {
    return new RpcError(Codes.resourceUnavailable, `a ${type} request from ${origin} is already pending: the person has not answered it yet`);
  }
  if (!ONE_PER_ORIGIN.has(type) && mine.filter((a) => !ONE_PER_ORIGIN.has(a.type)).length >= MAX_PER_ORIGIN) {
    return new RpcError(Codes.resourceUnavailable, `${MAX_PER_ORIGIN} requests from ${origin} are already pending: wait for the person to answer them`);
  }
  const sites = pending.filter((a) => a.origin !== WALLET_ORIGIN);
  if (sites.length >= MAX_PENDING || sites.reduce((n, a) => n + (a.size ?? 0), 0) + size > MAX_QUEUE_BYTES) {
    return new RpcError(Codes.limitExceeded, 'too many requests are waiting for the person: try again later');
  }
  return null;
}

/**
 * Queues a request for the person and resolves with what the approved action returned, or
 * rejects (4001 when rejected; -32002 / -32005 when the queue refuses it).
 * @param {Asker} asker who asks: the request's key, origin, tab and (for an iframe) the top page
 * @param {string} type the approval type (TESTIDS.md)
 * @param {any} payload what the window shows and the runner uses
 */
export async function requestApproval(asker, type, payload) {
  // A site's own warnings (a phishing site, a first request) go with each of its requests.
  if (asker.origin !== WALLET_ORIGIN && payload && typeof payload === 'object') {
    const site = await siteWarnings(asker.origin);
    if (site.length > 0) payload = { ...payload, warnings: [...(Array.isArray(payload.warnings) ? payload.warnings : []), ...site] };
  }
  const size = JSON.stringify(payload ?? {}).length;
  const entry = await mutate(async (list) => {
    const found = list.find((a) => a.key === asker.key);
    if (found) return found;
    const refused = refusal(list, asker.origin, type, size);
    if (refused) throw refused;
    /** @type {Entry} */
    const fresh = {
      id: crypto.randomUUID(),
      key: asker.key,
      type,
      origin: asker.origin,
      tabId: asker.tabId,
      embeddedIn: asker.embeddedIn ?? null,
      size,
      createdAt: Date.now(),
      state: 'pending',
    };
    // The payload first: the window never sees a request without it.
    await chrome.storage.session.set({ [payloadKey(fresh.id)]: payload ?? {} });
    list.push(fresh);
    return fresh;
  });
  if (entry.state === 'done' && entry.outcome) {
    await forget(entry.id);
    return settle(entry.outcome);
  }
  if (entry.state === 'pending') await openWindow(entry.origin);
  const outcome = await new Promise((resolve) => {
    waiters.set(entry.id, [...(waiters.get(entry.id) ?? []), resolve]);
  });
  return settle(outcome);
}

/** @param {string} id */
async function forget(id) {
  await mutate((list) => {
    const i = list.findIndex((a) => a.id === id);
    if (i >= 0) list.splice(i, 1);
  });
  await chrome.storage.session.remove(payloadKey(id));
}

/** @param {string} id @param {{ result?: unknown, error?: object }} outcome */
async function finish(id, outcome) {
  const entry = await mutate((list) => {
    const found = list.find((a) => a.id === id);
    if (found) Object.assign(found, { state: 'done', outcome });
    return found;
  });
  await chrome.storage.session.remove(payloadKey(id));
  const resolvers = waiters.get(id);
  if (!resolvers && entry?.key.startsWith('wallet:')) {
    // The wallet's own request (a send): no page will come back for the outcome.
    await forget(id);
    return;
  }
  if (resolvers) {
    waiters.delete(id);
    await forget(id);
    for (const resolve of resolvers) resolve(outcome);
  }
  // Otherwise the page's request was cut off by a worker restart; its retry collects the outcome.
}

/**
 * The person's answer. `run` carries out the approved action (sign, connect, switch...); it is
 * called at most once per approval.
 * @param {string} id
 * @param {boolean} approved
 * @param {(approval: Approval) => Promise<unknown>} run
 */
export async function decide(id, approved, run) {
  const entry = await mutate((list) => {
    const found = list.find((a) => a.id === id && a.state === 'pending');
    if (found) found.state = 'running';
    return found;
  });
  if (!entry) throw new RpcError(Codes.invalidRequest, 'this request was already answered or withdrawn');
  let outcome;
  if (!approved) {
    outcome = { error: { code: Codes.userRejected, message: 'the user rejected the request' } };
  } else {
    try {
      const [approval] = await withPayloads([entry]);
      outcome = { result: (await run(approval)) ?? null };
    } catch (err) {
      outcome = { error: toRpcError(err) };
    }
  }
  await finish(id, outcome);
  return outcome;
}

/** The window is about to show these: closing it rejects them (and only them). @param {string[]} ids */
export async function markShown(ids) {
  if (ids.length === 0) return;
  await shownList.mutate((shown) => {
    for (const id of ids) if (!shown.includes(id)) shown.push(id);
  });
}

/**
 * The approval window closed: what it showed is rejected (4001). A request that arrived while
 * it was closing was never seen, so it gets a new window instead.
 * @param {number} windowId
 */
export async function onWindowRemoved(windowId) {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.session.get(WINDOW);
  if (s[WINDOW] !== windowId) return;
  await chrome.storage.session.remove(WINDOW);
  const shown = new Set(await shownList.mutate((list) => list.splice(0, list.length)));
  const pending = await pendingEntries();
  for (const a of pending) if (shown.has(a.id)) await decide(a.id, false, async () => null);
  const unseen = pending.find((a) => !shown.has(a.id));
  if (unseen) await openWindow(unseen.origin);
}

/** A tab closed: its requests are withdrawn (nobody is left to answer). @param {number} tabId */
export async function onTabRemoved(tabId) {
  for (const a of await pendingEntries()) {
    if (a.tabId === tabId) {
      await forget(a.id);
      waiters.delete(a.id);
    }
  }
}

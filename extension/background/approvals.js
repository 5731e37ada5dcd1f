// Requests that wait for the person: a queue kept in chrome.storage.session (so a worker restart
// loses none), shown one after another in one extension window. A request is identified by its
// page (tab, frame) and the page's own request id, so when the worker restarts and the content
// script sends the same request again it finds its approval instead of making a second one.
// Each approval moves pending → running → done exactly once: it is never carried out twice.

import { Codes, RpcError, toRpcError } from './errors.js';
import { storedList } from './stored-list.js';

const QUEUE = 'approvals';
const WINDOW = 'approvalWindowId';
const SHOWN = 'approvalsShown';
const WINDOW_SIZE = { width: 400, height: 640 };

/**
 * @typedef {{ id: string, key: string, type: string, origin: string, tabId: number,
 *   payload: any, createdAt: number, state: 'pending' | 'running' | 'done',
 *   outcome?: { result?: unknown, error?: object } }} Approval
 */

/** @type {Map<string, Array<(outcome: any) => void>>} in this worker's life only */
const waiters = new Map();

/** The queue, one change at a time. */
/** @type {ReturnType<typeof storedList<Approval>>} */
const { load, mutate } = storedList(() => chrome.storage.session, QUEUE);

/** @param {{ result?: unknown, error?: any }} outcome */
function settle(outcome) {
  if (outcome.error) {
    const e = outcome.error;
    throw new RpcError(e.code ?? Codes.internal, e.message ?? 'error', e.data);
  }
  return outcome.result;
}

/** Pending approvals, oldest first, as the approval window shows them. */
export async function pendingApprovals() {
  return (await load()).filter((a) => a.state === 'pending').sort((a, b) => a.createdAt - b.createdAt);
}

async function openWindow() {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.session.get(WINDOW);
  const id = s[WINDOW];
  if (typeof id === 'number') {
    try {
      await chrome.windows.update(id, { focused: true });
      return;
    } catch {
      // closed meanwhile: open a new one
    }
  }
  const win = await chrome.windows.create({ url: chrome.runtime.getURL('approval.html'), type: 'popup', ...WINDOW_SIZE });
  await chrome.storage.session.set({ [WINDOW]: win.id });
}

/**
 * Queues a request for the person and resolves with what the approved action returned, or
 * rejects (4001 when rejected).
 * @param {{ key: string, type: string, origin: string, tabId: number, payload: any }} request
 */
export async function requestApproval(request) {
  const entry = await mutate((list) => {
    let found = list.find((a) => a.key === request.key);
    if (!found) {
      found = { id: crypto.randomUUID(), ...request, createdAt: Date.now(), state: 'pending' };
      list.push(found);
    }
    return found;
  });
  if (entry.state === 'done' && entry.outcome) {
    await forget(entry.id);
    return settle(entry.outcome);
  }
  if (entry.state === 'pending') await openWindow();
  const outcome = await new Promise((resolve) => {
    waiters.set(entry.id, [...(waiters.get(entry.id) ?? []), resolve]);
  });
  return settle(outcome);
}

async function forget(id) {
  await mutate((list) => {
    const i = list.findIndex((a) => a.id === id);
    if (i >= 0) list.splice(i, 1);
  });
}

async function finish(id, outcome) {
  await mutate((list) => {
    const entry = list.find((a) => a.id === id);
    if (entry) Object.assign(entry, { state: 'done', outcome });
  });
  const resolvers = waiters.get(id);
  const entry = (await load()).find((a) => a.id === id);
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
      outcome = { result: (await run(entry)) ?? null };
    } catch (err) {
      outcome = { error: toRpcError(err) };
    }
  }
  await finish(id, outcome);
  return outcome;
}

/** The window is about to show these: closing it rejects them (and only them). */
export async function markShown(ids) {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.session.get(SHOWN);
  const shown = new Set(Array.isArray(s[SHOWN]) ? s[SHOWN] : []);
  for (const id of ids) shown.add(id);
  await chrome.storage.session.set({ [SHOWN]: [...shown] });
}

/**
 * The approval window closed: what it showed is rejected (4001). A request that arrived while
 * it was closing was never seen, so it gets a new window instead.
 */
export async function onWindowRemoved(windowId) {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.session.get([WINDOW, SHOWN]);
  if (s[WINDOW] !== windowId) return;
  await chrome.storage.session.remove([WINDOW, SHOWN]);
  const shown = new Set(Array.isArray(s[SHOWN]) ? s[SHOWN] : []);
  const pending = await pendingApprovals();
  for (const a of pending) if (shown.has(a.id)) await decide(a.id, false, async () => null);
  if (pending.some((a) => !shown.has(a.id))) await openWindow();
}

/** A tab closed: its requests are dropped (nobody is left to answer). */
export async function onTabRemoved(tabId) {
  for (const a of await pendingApprovals()) {
    if (a.tabId === tabId) {
      await mutate((list) => {
        const i = list.findIndex((x) => x.id === a.id);
        if (i >= 0) list.splice(i, 1);
      });
      waiters.delete(a.id);
    }
  }
}

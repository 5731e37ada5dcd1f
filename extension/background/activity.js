// Every transaction the wallet sent (from its send page or for a site), per network and account,
// kept in chrome.storage.local so that it survives worker and browser restarts. Statuses follow
// the chain: pending → confirmed | failed (receipt status 0) | dropped (its nonce was used by
// another transaction). Refreshing asks the node for receipts and for the account's nonce.

import { walletError } from './errors.js';
import { rpcCall } from './rpc.js';
import { neededFee } from './fees.js';
import { logEvent } from './doctor/log.js';
import { storedList } from './stored-list.js';
import { currentNetwork } from './store.js';
import { decodeRevert, judgePending } from './send-rules.js';

const ADDRESS_BOOK = 'addressBook';
/** Kept per chain and account; the oldest finished ones go first. */
const MAX_ENTRIES = 200;
/** Refreshes closer together than this reuse the last answer (several pages may poll). */
const REFRESH_EVERY_MS = 1000;

/**
 * @typedef {{ maxFeePerGas?: string, maxPriorityFeePerGas?: string, gasPrice?: string }} Fees
 * @typedef {{ hash: string, chainId: string, from: string, to: string | null, nonce: number,
 *   valueWei: string, data: string, gas: string, fees: Fees, kind: 'send' | 'dapp' | 'speedup' | 'cancel' | 'revoke',
 *   origin: string | null, transfer: null | { token: string | null, symbol: string, decimals: number, amount: string, recipient: string },
 *   submittedAt: number, submittedBlock?: string, status: 'pending' | 'confirmed' | 'failed' | 'dropped',
 *   blockNumber?: string | null, revertReason?: string | null, replacedBy?: string | null,
 *   replaces?: string | null, droppedReason?: string | null, forgotten?: boolean }} Entry
 */

// Each network and account has a list under a key of its own (schema 3, see migrations.js), so
// that a send rewrites one account's list on one network, not a wallet's whole history. The
// index names the keys that exist, for what looks across them (the poll, the doctor, the
// recipients a look-alike imitates).
export const INDEX = 'activityIndex';
/** @param {string} chainId @param {string} from */
export const activityKey = (chainId, from) => `activity:${chainId}:${from.toLowerCase()}`;

/** @type {ReturnType<typeof storedList<string>>} */
const index = storedList(() => chrome.storage.local, INDEX);
/** @type {Map<string, ReturnType<typeof storedList<Entry>>>} */
const lists = new Map();

// What was read stays in memory until storage says the key changed (from any page, or by our
// own writes): the home page asks for the activity every few seconds, and a list of 200 entries
// is read from storage and decoded each time otherwise.
/** @type {Map<string, Promise<any[]>>} */
const cache = new Map();
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local') for (const key of Object.keys(changes)) cache.delete(key);
});

/** A key's list, from memory when it has not changed since. @param {string} key @param {() => Promise<any[]>} read */
async function cached(key, read) {
  let list = cache.get(key);
  if (!list) {
    list = read();
    cache.set(key, list);
    list.catch(() => cache.delete(key));
  }
  // A copy: callers sort and filter what they get.
  return [...(await list)];
}

/** The one list of a key, with its own queue of changes. @param {string} key */
function listAt(key) {
  let list = lists.get(key);
  if (!list) {
    const stored = storedList(() => chrome.storage.local, key, trim);
    list = {
      load: () => cached(key, stored.load),
      /** @type {typeof stored.mutate} */
      mutate: (change) => stored.mutate(change).finally(() => cache.delete(key)),
    };
    lists.set(key, list);
  }
  return list;
}

/** The keys of one chain's lists, or of all. @param {string} [chainId] */
async function keysOn(chainId) {
  const keys = await cached(INDEX, index.load);
  return chainId === undefined ? keys : keys.filter((k) => k.startsWith(`activity:${chainId}:`));
}

/** The entries of one chain, or of all. @param {string} [chainId] @returns {Promise<Entry[]>} */
async function loadAcross(chainId) {
  const each = await Promise.all((await keysOn(chainId)).map((k) => listAt(k).load()));
  return each.flat();
}

/**
 * Changes one account's list on one chain (named in the index first, if it is new).
 * @template T @param {string} chainId @param {string} from @param {(list: Entry[]) => T} change
 */
async function mutateFor(chainId, from, change) {
  const key = activityKey(chainId, from);
  if (!(await keysOn()).includes(key)) {
    await index.mutate((keys) => {
      if (!keys.includes(key)) keys.push(key);
    });
    cache.delete(INDEX);
  }
  return listAt(key).mutate(change);
}

/** Keeps the newest MAX_ENTRIES of one list, never dropping a pending one. @param {Entry[]} list */
function trim(list) {
  if (list.length <= MAX_ENTRIES) return list;
  const newest = [...list].sort((a, b) => b.submittedAt - a.submittedAt);
  const keep = new Set(newest.filter((e, i) => i < MAX_ENTRIES || e.status === 'pending'));
  return list.filter((e) => keep.has(e));
}

const same = (/** @type {string | null | undefined} */ a, /** @type {string | null | undefined} */ b) =>
  typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();

/** While something is pending, the chain is asked every half minute even with no page open. */
export const POLL_ALARM = 'activity-poll';

/** The poll alarm: brings the current network's pending transactions up to date. */
export async function onPollAlarm(/** @type {chrome.alarms.Alarm} */ alarm) {
  if (alarm.name !== POLL_ALARM) return;
  await refresh(await currentNetwork()).catch(() => undefined);
  if (!(await loadAcross()).some((e) => e.status === 'pending')) await chrome.alarms.clear(POLL_ALARM);
}

/** Records a transaction the node accepted. @param {Omit<Entry, 'status' | 'submittedAt'>} entry */
export async function record(entry) {
  await chrome.alarms.create(POLL_ALARM, { periodInMinutes: 0.5 });
  // A replacement (speed up, cancel) is from the same account on the same chain: one list.
  await mutateFor(entry.chainId, entry.from, (list) => {
    if (list.some((e) => e.hash === entry.hash && e.chainId === entry.chainId)) return;
    list.push({ ...entry, status: 'pending', submittedAt: Date.now() });
    if (entry.replaces) {
      for (const e of list) if (e.hash === entry.replaces && e.chainId === entry.chainId) e.replacedBy = entry.hash;
    }
  });
}

/** @param {string} chainId @param {string} from */
export async function entriesFor(chainId, from) {
  return listAt(activityKey(chainId, from)).load();
}

/** The doctor's "forget": a dropped transaction is no longer reported (it stays in the list). @param {string} chainId @param {string} hash */
export async function forgetDropped(chainId, hash) {
  const entry = await findEntry(chainId, hash);
  if (!entry) return;
  await mutateFor(chainId, entry.from, (list) => {
    for (const e of list) if (e.hash === hash && e.status === 'dropped') e.forgotten = true;
  });
}

/** What "clear old activity" keeps of the finished transactions, per chain and account. */
export const KEEP_WHEN_CLEARING = 20;

/**
 * The doctor's cure for full storage: finished transactions beyond the newest
 * KEEP_WHEN_CLEARING per chain and account go (they are on the chain for good); pending ones
 * always stay, since the wallet still follows them. Returns how many went.
 */
export async function clearOldActivity() {
  let removed = 0;
  for (const key of await keysOn()) {
    removed += await listAt(key).mutate((list) => {
      const finished = list.filter((e) => e.status !== 'pending').sort((a, b) => b.submittedAt - a.submittedAt);
      const gone = new Set(finished.slice(KEEP_WHEN_CLEARING));
      const kept = list.filter((e) => !gone.has(e));
      list.splice(0, list.length, ...kept);
      return gone.size;
    });
  }
  return { removed };
}

/** @param {string} chainId @param {string} hash */
export async function findEntry(chainId, hash) {
  return (await loadAcross(chainId)).find((e) => e.hash === hash) ?? null;
}

/**
 * The next nonce for an account: the node's pending count, or past our own pending ones that
 * the node still holds (some nodes count only part of their pool). Entries whose nonce the
 * chain has used are settled first by refresh(); a pending one the node has forgotten (dropped
 * from its pool) does not count, so its nonce is used again rather than left as a gap that
 * would block every later transaction.
 * @param {import('./networks.js').Network} network @param {string} from
 */
export async function nextNonce(network, from) {
  await refresh(network);
  let next = BigInt(await rpcCall(network.rpcUrl, 'eth_getTransactionCount', [from, 'pending']));
  const pending = (await entriesFor(network.chainId, from)).filter((e) => e.status === 'pending');
  for (const e of pending.sort((a, b) => a.nonce - b.nonce)) {
    if (BigInt(e.nonce) < next) continue;
    if (BigInt(e.nonce) > next) break;
    const held = await rpcCall(network.rpcUrl, 'eth_getTransactionByHash', [e.hash]).catch(() => null);
    if (held) next += 1n;
  }
  return next;
}

/** The reason a mined transaction reverted, when the node will say: replayed as a call. */
/** @param {string} rpcUrl @param {Entry} entry @param {any} receipt */
async function revertReason(rpcUrl, entry, receipt) {
  if (typeof receipt.revertReason === 'string' && receipt.revertReason) return receipt.revertReason;
  const call = { from: entry.from, to: entry.to ?? undefined, data: entry.data, value: '0x' + BigInt(entry.valueWei).toString(16), gas: entry.gas };
  const before = '0x' + (BigInt(receipt.blockNumber) - 1n).toString(16);
  try {
    await rpcCall(rpcUrl, 'eth_call', [call, before]);
    return null;
  } catch (err) {
    const e = /** @type {any} */ (err);
    const data = typeof e?.data === 'string' ? e.data : e?.data?.data;
    return decodeRevert(data) ?? (typeof e?.message === 'string' && /revert/i.test(e.message) ? e.message : null);
  }
}

/** @type {Map<string, { at: number, run: Promise<void> }>} */
const lastRefresh = new Map();

/**
 * Brings the pending transactions of one network up to date with the chain. `force` (the
 * doctor): a fresh look even right after another, once the one under way is done.
 * @param {import('./networks.js').Network} network @param {{ force?: boolean }} [options]
 */
export function refresh(network, { force = false } = {}) {
  const last = lastRefresh.get(network.chainId);
  if (last && !force && Date.now() - last.at < REFRESH_EVERY_MS) return last.run;
  const run = last && force ? last.run.catch(() => undefined).then(() => doRefresh(network)) : doRefresh(network);
  lastRefresh.set(network.chainId, { at: Date.now(), run });
  return run.catch((err) => {
    lastRefresh.delete(network.chainId);
    throw err;
  });
}

/** @param {import('./networks.js').Network} network */
async function doRefresh(network) {
  const { chainId, rpcUrl } = network;
  const pending = (await loadAcross(chainId)).filter((e) => e.status === 'pending');
  if (!pending.length) return;
  /** @type {Map<string, Partial<Entry>>} */
  const changes = new Map();
  /** @type {Entry[]} */
  const confirmedSends = [];
  for (const e of pending) {
    const receipt = await rpcCall(rpcUrl, 'eth_getTransactionReceipt', [e.hash]);
    if (!receipt) continue;
    const ok = receipt.status === '0x1';
    changes.set(e.hash, {
      status: ok ? 'confirmed' : 'failed',
      blockNumber: receipt.blockNumber ?? null,
      revertReason: ok ? null : await revertReason(rpcUrl, e, receipt),
    });
    if (ok && (e.kind === 'send' || e.kind === 'speedup') && e.transfer) confirmedSends.push(e);
    if (!ok) logEvent('tx-failed', { chainId, reason: changes.get(e.hash)?.revertReason ?? undefined });
  }
  /** @type {Map<string, bigint>} */
  const nonces = new Map();
  for (const e of pending) {
    if (changes.has(e.hash)) continue;
    const key = e.from.toLowerCase();
    if (!nonces.has(key)) nonces.set(key, BigInt(await rpcCall(rpcUrl, 'eth_getTransactionCount', [e.from, 'latest'])));
    const mined = /** @type {bigint} */ (nonces.get(key));
    if (mined > BigInt(e.nonce)) {
      // The nonce is used: by our replacement of it, or by a transaction sent from elsewhere.
      const winner = pending.find((o) => o !== e && o.nonce === e.nonce && same(o.from, e.from) && changes.get(o.hash)?.status);
      changes.set(e.hash, { status: 'dropped', replacedBy: winner?.hash ?? e.replacedBy ?? null, droppedReason: winner ? 'replaced' : 'nonce-used' });
    }
  }
  if (!changes.size) return;
  const accounts = new Set(pending.filter((e) => changes.has(e.hash)).map((e) => e.from.toLowerCase()));
  for (const from of accounts) {
    await mutateFor(chainId, from, (list) => {
      for (const e of list) {
        const change = e.status === 'pending' ? changes.get(e.hash) : undefined;
        if (change) Object.assign(e, change);
      }
    });
  }
  for (const e of confirmedSends) if (e.transfer) await rememberAddress(e.transfer.recipient);
}

/** The pending transactions judged (stuck? replaceable?) for one account on one network. */
/** @param {import('./networks.js').Network} network @param {string} from */
export async function judged(network, from) {
  const entries = await entriesFor(network.chainId, from);
  if (!entries.some((e) => e.status === 'pending')) return { entries, verdicts: new Map() };
  const chain = await neededFee(network.rpcUrl);
  return { entries, verdicts: judgePending(entries, chain) };
}

/**
 * The activity page's list: newest first, with explorer links. With a `limit`, the newest
 * `limit` and every pending one (the page shows a page at a time); `total` counts them all.
 * @param {import('./networks.js').Network} network @param {string} from @param {number} [limit]
 */
export async function listActivity(network, from, limit = Infinity) {
  await refresh(network);
  const { entries, verdicts } = await judged(network, from);
  const items = entries
    .sort((a, b) => b.submittedAt - a.submittedAt)
    .filter((e, i) => i < limit || e.status === 'pending')
    .map((e) => ({
      hash: e.hash,
      nonce: e.nonce,
      status: e.status,
      kind: e.kind,
      origin: e.origin,
      from: e.from,
      to: e.to,
      valueWei: BigInt(e.valueWei).toString(),
      transfer: e.transfer ? { symbol: e.transfer.symbol, decimals: e.transfer.decimals, amount: BigInt(e.transfer.amount).toString(), recipient: e.transfer.recipient } : null,
      submittedAt: e.submittedAt,
      blockNumber: e.blockNumber ?? null,
      revertReason: e.revertReason ?? null,
      replacedBy: e.replacedBy ?? null,
      droppedReason: e.droppedReason ?? null,
      explorerUrl: network.explorer ? `${network.explorer.replace(/\/$/, '')}/tx/${e.hash}` : null,
      stuck: verdicts.get(e.hash)?.stuck ?? null,
      canReplace: verdicts.get(e.hash)?.canReplace ?? false,
    }));
  return { items, total: entries.length };
}

// ---------------------------------------------------------------------------------------------
// The address book: filled from confirmed sends; the recipient checks compare against it.

/** @typedef {{ address: string, name: string | null, addedAt: number }} Contact */

/** @type {ReturnType<typeof storedList<Contact>>} */
const book = storedList(() => chrome.storage.local, ADDRESS_BOOK);

export const addressBook = () => book.load();

const MAX_CONTACT_NAME = 40;

/**
 * Adds an address to the book, or renames it. An empty name keeps the address unnamed.
 * @param {string} address checked and checksummed by the caller
 * @param {unknown} name
 */
export async function saveContact(address, name) {
  const clean = typeof name === 'string' ? name.normalize('NFC').trim() : '';
  if ([...clean].length > MAX_CONTACT_NAME || /[\u0000-\u001F]/.test(clean)) {
    throw walletError('INVALID_INPUT', `a contact name has at most ${MAX_CONTACT_NAME} characters`, { field: 'name' });
  }
  return book.mutate((list) => {
    const found = list.find((b) => same(b.address, address));
    if (found) found.name = clean || null;
    else list.push({ address, name: clean || null, addedAt: Date.now() });
    return [...list];
  });
}

/** Removes an address from the book (its past transactions stay in the activity). @param {string} address */
export function removeContact(address) {
  return book.mutate((list) => {
    const i = list.findIndex((b) => same(b.address, address));
    if (i >= 0) list.splice(i, 1);
    return [...list];
  });
}

/** Adds a confirmed send's recipient, unnamed, unless it is there already. @param {string} address */
export function rememberAddress(address) {
  return book.mutate((list) => {
    if (!list.some((b) => same(b.address, address))) list.push({ address, name: null, addedAt: Date.now() });
  });
}

/** Every address this person has sent to or saved, on any network: what a look-alike imitates. */
export async function knownRecipients() {
  const fromHistory = (await loadAcross())
    .filter((e) => e.kind !== 'cancel')
    // A token transfer's `to` is the token's contract; its recipient is the person paid.
    .map((e) => (e.transfer ? e.transfer.recipient : e.to))
    .filter((/** @type {unknown} */ a) => typeof a === 'string');
  const fromBook = (await addressBook()).map((b) => b.address);
  return [...new Set([...fromHistory, ...fromBook].map((a) => /** @type {string} */ (a)))];
}

// The balances the network last gave, so that the wallet page can show them at once, marked as
// not yet refreshed, while it asks the network again (and still show them, marked, when the
// network does not answer).
//
// chrome.storage.session: lastKnown:balance:<chainId>  { address, wei }
//                         lastKnown:tokens:<chainId>   { address, balances: { <token>: amount } }
//
// Per network, the last account asked for: a wallet of 100 accounts keeps what it shows, not a
// record per account. In the session area: in memory, gone when the browser closes, and removed
// at lock, so nothing about the accounts outlives the session that showed it.

const PREFIX = 'lastKnown:';
/** @param {'balance' | 'tokens'} kind @param {string} chainId */
const keyOf = (kind, chainId) => `${PREFIX}${kind}:${chainId}`;

/** What this worker last wrote, per key: an answer that did not change is not written again. */
/** @type {Map<string, string>} */
const written = new Map();

/**
 * @param {string} key
 * @param {object} value
 */
async function write(key, value) {
  const json = JSON.stringify(value);
  if (written.get(key) === json) return;
  written.set(key, json);
  try {
    await chrome.storage.session.set({ [key]: value });
  } catch {
    written.delete(key); // shown fresh all the same; the next answer tries again
  }
}

/** @param {string} key @param {string} address @returns {Promise<any>} */
async function read(key, address) {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.session.get(key);
  const v = s[key];
  return v && typeof v === 'object' && typeof v.address === 'string' && v.address.toLowerCase() === address.toLowerCase() ? v : null;
}

/** @param {string} chainId @param {string} address @param {string} wei the node's answer (hex or decimal) */
export function rememberBalance(chainId, address, wei) {
  return write(keyOf('balance', chainId), { address, wei: BigInt(wei).toString() });
}

/** The last known balance of `address` on the chain, in wei, or null. @param {string} chainId @param {string} address */
export async function lastBalance(chainId, address) {
  const v = await read(keyOf('balance', chainId), address);
  return typeof v?.wei === 'string' && /^\d+$/.test(v.wei) ? v.wei : null;
}

/**
 * The tokens' balances the network gave; a token it could not give now keeps the one it gave
 * before (a failed answer must not erase what the page shows in its place).
 * @param {string} chainId @param {string} address
 * @param {Array<{ address: string, balance: string | null }>} tokens
 */
export async function rememberTokens(chainId, address, tokens) {
  const before = tokens.some((t) => t.balance == null) ? await lastTokenBalances(chainId, address) : null;
  /** @type {Record<string, string>} */
  const balances = {};
  for (const t of tokens) {
    const balance = t.balance ?? before?.get(t.address.toLowerCase());
    if (balance != null) balances[t.address.toLowerCase()] = balance;
  }
  return write(keyOf('tokens', chainId), { address, balances });
}

/**
 * The last known balances of `address`'s tokens on the chain, by lowercase token address, or
 * null when none are known for that account.
 * @param {string} chainId @param {string} address
 * @returns {Promise<Map<string, string> | null>}
 */
export async function lastTokenBalances(chainId, address) {
  const v = await read(keyOf('tokens', chainId), address);
  if (!v || typeof v.balances !== 'object' || v.balances === null) return null;
  return new Map(Object.entries(v.balances).filter(([, b]) => typeof b === 'string' && /^\d+$/.test(b)));
}

/** At lock: every network's last known balances go. */
export async function forgetLastKnown() {
  written.clear();
  const all = await chrome.storage.session.get(null);
  const keys = Object.keys(all).filter((k) => k.startsWith(PREFIX));
  if (keys.length) await chrome.storage.session.remove(keys);
}

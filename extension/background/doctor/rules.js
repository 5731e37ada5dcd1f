// The doctor's judgements as pure functions (no chrome, no network), unit-tested on their own:
// how slow is too slow, when storage is nearly full, and which of our pending nonces the node
// has lost (a gap that blocks the later ones).

/** An endpoint answering eth_chainId slower than this is `rpc-slow`. */
export const SLOW_RPC_MS = 2000;
/** Storage above this share of its quota is `storage-near-full`. */
export const STORAGE_NEAR_FULL = 0.8;

/** @param {number} ms */
export const isSlow = (ms) => ms > SLOW_RPC_MS;

/** @param {number} used @param {number} quota */
export const storageNearFull = (used, quota) => quota > 0 && used / quota >= STORAGE_NEAR_FULL;

/**
 * Which pending transactions of ours the node no longer holds, judged against the chain's mined
 * nonce and the ones it still holds.
 * - a lost one below a held one is a gap: every later transaction waits for that nonce;
 * - (the chain's nonce having passed a lost one is settled by activity as dropped, `nonce-used`).
 * @param {Array<{ hash: string, nonce: number }>} pending our unreplaced pending transactions
 * @param {Set<string>} held hashes the node knows
 * @param {number} mined the account's mined nonce (eth_getTransactionCount 'latest')
 * @returns {Array<{ hash: string, nonce: number, blocked: number }>} the gaps, lowest first, with
 *   how many held transactions wait behind each
 */
export function nonceGaps(pending, held, mined) {
  const lost = pending.filter((e) => !held.has(e.hash) && e.nonce >= mined).sort((a, b) => a.nonce - b.nonce);
  const heldNonces = pending.filter((e) => held.has(e.hash)).map((e) => e.nonce);
  return lost
    .map((e) => ({ hash: e.hash, nonce: e.nonce, blocked: heldNonces.filter((n) => n > e.nonce).length }))
    .filter((g) => g.blocked > 0);
}

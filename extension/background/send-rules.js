// The rules of sending, as pure functions (no chrome, no network) so that they are unit-tested
// on their own: reading an amount, look-alike addresses, fee bumps for a replacement, and which
// pending transaction is stuck.

/** A replacement must pay at least this much more than the transaction it replaces (percent). */
export const BUMP_PERCENT = 110n;
/** A pending transaction is judged only once it has waited this many blocks. */
export const STUCK_AFTER_BLOCKS = 3n;

/**
 * A decimal amount typed by a person ("1.5", "0.000001", "１０") in the asset's smallest units.
 * @param {string} text
 * @param {number} decimals
 * @returns {bigint | null} null when it is not a positive amount with at most `decimals` places
 */
export function parseAmount(text, decimals) {
  if (typeof text !== 'string') return null;
  // Full-width digits and the ideographic full stop, as a Japanese keyboard may type them. A
  // comma is refused, not guessed: "1,5" is 1.5 in much of Europe and 15 elsewhere.
  const s = text.normalize('NFKC').replace(/。/g, '.').trim();
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (!m[1] && !m[2])) return null;
  const [, whole = '', fraction = ''] = m;
  if (fraction.length > decimals) return null;
  const value = BigInt(whole || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  return value > 0n ? value : null;
}

/**
 * Address poisoning: `candidate` shows the same first 4 and last 4 hex digits as `known` (what a
 * shortened display or a quick glance compares) but is a different address.
 * @param {string} candidate @param {string} known
 */
export function isLookalike(candidate, known) {
  const a = candidate.toLowerCase().replace(/^0x/, '');
  const b = known.toLowerCase().replace(/^0x/, '');
  if (a.length !== 40 || b.length !== 40 || a === b) return false;
  return a.slice(0, 4) === b.slice(0, 4) && a.slice(-4) === b.slice(-4);
}

/** @param {bigint} x */
const bumped = (x) => (x * BUMP_PERCENT + 99n) / 100n;
/** @param {bigint} a @param {bigint} b */
const max = (a, b) => (a > b ? a : b);

/**
 * The fees of a replacement (speed up or cancel): at least 10% above each of the old fees, and
 * at least the market's. Nodes refuse a replacement that does not raise both EIP-1559 fees.
 * @param {{ maxFeePerGas?: string, maxPriorityFeePerGas?: string, gasPrice?: string }} old
 * @param {{ maxFeePerGas?: string, maxPriorityFeePerGas?: string, gasPrice?: string }} market
 * @returns {{ maxFeePerGas: bigint, maxPriorityFeePerGas: bigint } | { gasPrice: bigint }}
 */
export function replacementFees(old, market) {
  if (old.gasPrice !== undefined) {
    return { gasPrice: max(bumped(BigInt(old.gasPrice)), BigInt(market.gasPrice ?? 0)) };
  }
  const tip = max(bumped(BigInt(old.maxPriorityFeePerGas ?? 0)), BigInt(market.maxPriorityFeePerGas ?? 0));
  const cap = max(max(bumped(BigInt(old.maxFeePerGas ?? 0)), BigInt(market.maxFeePerGas ?? 0)), tip);
  return { maxFeePerGas: cap, maxPriorityFeePerGas: tip };
}

/**
 * @typedef {{ hash: string, nonce: number, status: string, submittedBlock?: string,
 *   submittedAt: number, replacedBy?: string | null,
 *   fees: { maxFeePerGas?: string, maxPriorityFeePerGas?: string, gasPrice?: string } }} Entry
 * @typedef {{ reason: 'fee-low', maxFeePerGas: string, neededFeePerGas: string }
 *   | { reason: 'blocked-by-nonce', blockingNonce: number }} Stuck
 */

/**
 * Judges one account's pending transactions on one chain. The newest transaction of each nonce
 * (the one not replaced) is the one that counts. It is stuck when it has waited a few blocks and
 * its fee is below what the chain asks now; any later nonce is blocked by the lowest stuck one.
 * Only the lowest pending nonce can usefully be replaced: the others wait for it.
 * @param {Entry[]} entries one account, one chain
 * @param {{ blockNumber: bigint, neededFeePerGas: bigint }} chain
 * @returns {Map<string, { stuck: Stuck | null, canReplace: boolean }>} by hash, pending ones only
 */
export function judgePending(entries, chain) {
  /** @type {Map<string, { stuck: Stuck | null, canReplace: boolean }>} */
  const out = new Map();
  const heads = entries
    .filter((e) => e.status === 'pending' && !e.replacedBy)
    .sort((a, b) => a.nonce - b.nonce || b.submittedAt - a.submittedAt);
  const lowest = heads.length ? heads[0].nonce : null;
  /** @type {number | null} */
  let blocking = null;
  for (const e of heads) {
    // Two unreplaced entries with one nonce (a replacement not yet recorded as such): the newer counts.
    if (heads.some((h) => h.nonce === e.nonce && h.submittedAt > e.submittedAt)) continue;
    const fee = BigInt(e.fees.maxFeePerGas ?? e.fees.gasPrice ?? 0);
    const waited = e.submittedBlock !== undefined && chain.blockNumber - BigInt(e.submittedBlock) >= STUCK_AFTER_BLOCKS;
    /** @type {Stuck | null} */
    let stuck = null;
    if (blocking !== null && waited) {
      stuck = { reason: 'blocked-by-nonce', blockingNonce: blocking };
    } else if (waited && fee < chain.neededFeePerGas) {
      stuck = { reason: 'fee-low', maxFeePerGas: fee.toString(), neededFeePerGas: chain.neededFeePerGas.toString() };
      blocking ??= e.nonce;
    }
    out.set(e.hash, { stuck, canReplace: e.nonce === lowest });
  }
  // A replaced transaction still waiting is shown, but only its replacement can be acted on.
  for (const e of entries) {
    if (e.status === 'pending' && !out.has(e.hash)) out.set(e.hash, { stuck: null, canReplace: false });
  }
  return out;
}

/**
 * The revert reason in a node's error data: Error(string) decoded, Panic(uint256) named.
 * @param {unknown} data 0x hex
 * @returns {string | null}
 */
export function decodeRevert(data) {
  if (typeof data !== 'string' || !/^0x[0-9a-f]*$/i.test(data)) return null;
  const hex = data.slice(2);
  if (hex.startsWith('08c379a0') && hex.length >= 8 + 128) {
    const length = Number(BigInt('0x' + hex.slice(8 + 64, 8 + 128)));
    const body = hex.slice(8 + 128, 8 + 128 + length * 2);
    if (body.length !== length * 2) return null;
    try {
      const bytes = Uint8Array.from(body.match(/../g) ?? [], (h) => parseInt(h, 16));
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
  if (hex.startsWith('4e487b71') && hex.length >= 8 + 64) return `panic 0x${BigInt('0x' + hex.slice(8, 72)).toString(16)}`;
  return null;
}

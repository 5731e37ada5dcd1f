// The fee oracle: what a transaction should offer now, from the chain's last blocks. One home
// for the wallet's own sends, a site's transactions and replacements.

import { rpcCall } from './rpc.js';

/** Gas estimates get this margin (percent): state can change between estimate and inclusion. */
export const GAS_MARGIN_PERCENT = 120n;
/** A quantity as JSON-RPC writes it. @param {bigint | number | string} n */
export const hex = (n) => '0x' + BigInt(n).toString(16);

/** Low / market / aggressive fees from the last blocks; null on a chain without a base fee. */
/** @param {string} rpcUrl */
export async function feeOptions(rpcUrl) {
  // EIP-1559 is there when the latest block has a base fee (fee history may report zeros).
  const latest = await rpcCall(rpcUrl, 'eth_getBlockByNumber', ['latest', false]);
  if (!latest || latest.baseFeePerGas === undefined || latest.baseFeePerGas === null) return null;
  const history = await rpcCall(rpcUrl, 'eth_feeHistory', ['0x5', 'latest', [10, 50, 90]]);
  const base = history?.baseFeePerGas?.at(-1);
  if (!base) return null;
  const nextBase = BigInt(base);
  /** @type {string[][]} */
  const rewards = (history.reward ?? []).filter((/** @type {unknown} */ r) => Array.isArray(r) && r.length === 3);
  const tip = (/** @type {number} */ i) => {
    const xs = rewards.map((r) => BigInt(r[i])).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const median = xs.length ? xs[Math.floor(xs.length / 2)] : 0n;
    return median > 0n ? median : [1_000_000n, 1_500_000_000n, 2_000_000_000n][i];
  };
  const option = (/** @type {number} */ i, /** @type {bigint} */ baseFactor) => {
    const priority = tip(i);
    return { maxPriorityFeePerGas: hex(priority), maxFeePerGas: hex((nextBase * baseFactor) / 100n + priority) };
  };
  return { low: option(0, 110n), market: option(1, 200n), aggressive: option(2, 250n) };
}

/** What a chain asks now of a transaction to be included: base fee plus the usual tip. */
/** @param {string} rpcUrl */
export async function neededFee(rpcUrl) {
  const latest = await rpcCall(rpcUrl, 'eth_getBlockByNumber', ['latest', false]);
  if (latest?.baseFeePerGas === undefined || latest?.baseFeePerGas === null) {
    return { blockNumber: BigInt(latest?.number ?? 0), neededFeePerGas: BigInt(await rpcCall(rpcUrl, 'eth_gasPrice', [])) };
  }
  const history = await rpcCall(rpcUrl, 'eth_feeHistory', ['0x5', 'latest', [50]]).catch(() => null);
  const tips = (history?.reward ?? []).map((/** @type {string[]} */ r) => BigInt(r?.[0] ?? 0)).filter((/** @type {bigint} */ x) => x > 0n);
  tips.sort((/** @type {bigint} */ a, /** @type {bigint} */ b) => (a < b ? -1 : a > b ? 1 : 0));
  const tip = tips.length ? tips[Math.floor(tips.length / 2)] : 1_000_000_000n;
  return { blockNumber: BigInt(latest.number), neededFeePerGas: BigInt(latest.baseFeePerGas) + tip };
}

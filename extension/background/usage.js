// Whether addresses have been used on a network: a balance or a nonce, asked of that network's
// own endpoint (through rpc.js, which bounds and checks every answer). The recovery helpers
// rank what they found with it. Only the addresses are sent, a few requests at a time.

import { walletError } from './errors.js';
import { rpcCall } from './rpc.js';

/** Requests in flight at once (two per address: the balance and the nonce). */
const CONCURRENCY = 4;
/** Most addresses per call (the pages ask again for the next ones). */
export const MAX_USAGE_ADDRESSES = 20;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * @param {string} rpcUrl
 * @param {unknown} addresses
 * @returns {Promise<{ address: string, balance: string, nonce: string, used: boolean }[]>}
 *   in the order given; throws the endpoint's error (the first that failed)
 */
export async function addressesUsage(rpcUrl, addresses) {
  if (!Array.isArray(addresses) || addresses.length > MAX_USAGE_ADDRESSES || !addresses.every((a) => typeof a === 'string' && ADDRESS.test(a))) {
    throw walletError('INVALID_INPUT', `give up to ${MAX_USAGE_ADDRESSES} addresses`, { field: 'addresses' });
  }
  /** @type {(() => Promise<string>)[]} */
  const jobs = addresses.flatMap((a) => [
    () => rpcCall(rpcUrl, 'eth_getBalance', [a, 'latest'], 8000),
    () => rpcCall(rpcUrl, 'eth_getTransactionCount', [a, 'latest'], 8000),
  ]);
  /** @type {string[]} */
  const results = new Array(jobs.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < jobs.length) {
      const i = next++;
      try {
        results[i] = await jobs[i]();
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, worker));
  return addresses.map((address, i) => {
    const balance = results[2 * i];
    const nonce = results[2 * i + 1];
    return { address, balance, nonce, used: BigInt(balance) > 0n || BigInt(nonce) > 0n };
  });
}

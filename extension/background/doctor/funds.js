// Tokens but no coin for the fee: the account cannot move its tokens until it gets some.

import { feeOptions } from '../fees.js';
import { rpcCall } from '../rpc.js';
import { tokensWithBalances } from '../tokens.js';
import { finding } from './finding.js';

/** A plain transfer's gas. */
const TRANSFER_GAS = 21000n;

/** @type {import('./finding.js').Check} */
export const fundsCheck = {
  id: 'funds',
  needsUnlock: true,
  async run({ network, account }) {
    if (!account) return [];
    const tokens = (await tokensWithBalances(network, account)).filter((t) => t.balance !== null && BigInt(t.balance) > 0n);
    if (!tokens.length) return [];
    const [balance, options] = await Promise.all([rpcCall(network.rpcUrl, 'eth_getBalance', [account, 'latest']), feeOptions(network.rpcUrl)]);
    const perGas = BigInt(options ? options.market.maxFeePerGas : await rpcCall(network.rpcUrl, 'eth_gasPrice', []));
    const needed = TRANSFER_GAS * perGas;
    if (BigInt(balance) >= needed) return [];
    return [finding('no-gas-funds', { needed: needed.toString(), balance: BigInt(balance).toString(), symbol: network.symbol, decimals: network.decimals, token: tokens[0].symbol })];
  },
};

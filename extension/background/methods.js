// The explicit allow-list of provider methods a web page may call. A method not in this table
// does not exist for pages (4200). Each entry says, in order of the pipeline in provider.js:
//   params     the shape its params must have (params.js)
//   unlock     needs the wallet unlocked?
//   permission needs the origin connected (EIP-2255)?
//   approval   needs the person's approval, and of which type (TESTIDS.md approval types)?
//   handler    what answers it.

import { rpcCall } from './rpc.js';
import * as assets from './dapp/assets.js';
import * as chain from './dapp/chain.js';
import * as connect from './dapp/connect.js';
import * as sign from './dapp/sign.js';
import * as transaction from './dapp/transaction.js';

/**
 * @typedef {{ method: string, params: any[], origin: string, embeddedIn: string | null, tabId: number,
 *   key: string, network: import('./networks.js').Network }} Context
 *   origin: the asking frame's own origin; embeddedIn: the top page's, when an iframe asks
 * @typedef {{ params: string[], unlock: boolean, permission: boolean, approval: string | null,
 *   handler: (ctx: Context) => Promise<unknown> }} MethodSpec
 */

/**
 * A read-only method answered by the current network's RPC endpoint.
 * @param {string[]} params
 * @returns {MethodSpec}
 */
const relayed = (params) => ({
  params,
  unlock: false,
  permission: false,
  approval: null,
  handler: ({ method, params: p, network }) => rpcCall(network.rpcUrl, method, p),
});

/**
 * A method the person approves in the approval window (which asks to unlock first if needed).
 * @param {string[]} params
 * @param {string} approval
 * @param {boolean} permission needs the origin connected first?
 * @param {(ctx: Context) => Promise<unknown>} handler
 * @returns {MethodSpec}
 */
const approved = (params, approval, permission, handler) => ({ params, unlock: true, permission, approval, handler });

/** @type {Readonly<Record<string, MethodSpec>>} */
export const METHODS = Object.freeze({
  // Answered from the wallet's own state: the chain id was checked when the network was added.
  eth_chainId: {
    params: [],
    unlock: false,
    permission: false,
    approval: null,
    handler: async ({ network }) => network.chainId,
  },
  net_version: {
    params: [],
    unlock: false,
    permission: false,
    approval: null,
    handler: async ({ network }) => BigInt(network.chainId).toString(10),
  },
  // [] while locked or for an origin not connected: never a hint of other accounts.
  eth_accounts: {
    params: [],
    unlock: false,
    permission: false,
    approval: null,
    handler: async ({ origin }) => connect.visibleAccounts(origin),
  },
  wallet_getPermissions: {
    params: [],
    unlock: false,
    permission: false,
    approval: null,
    handler: connect.getPermissions,
  },
  wallet_revokePermissions: {
    params: ['object'],
    unlock: false,
    permission: false,
    approval: null,
    handler: connect.revokePermissions,
  },
  eth_requestAccounts: approved([], 'connect', false, connect.requestAccounts),
  wallet_requestPermissions: approved(['object'], 'connect', false, connect.requestPermissions),
  wallet_switchEthereumChain: approved(['object'], 'switch_chain', false, chain.switchChain),
  wallet_addEthereumChain: approved(['object'], 'add_chain', false, chain.addChain),
  wallet_watchAsset: approved(['named'], 'watch_asset', false, assets.watchAsset),

  eth_blockNumber: relayed([]),
  eth_gasPrice: relayed([]),
  eth_maxPriorityFeePerGas: relayed([]),
  eth_syncing: relayed([]),
  web3_clientVersion: relayed([]),
  eth_getBalance: relayed(['address', 'block?']),
  eth_getTransactionCount: relayed(['address', 'block?']),
  eth_getCode: relayed(['address', 'block?']),
  eth_getStorageAt: relayed(['address', 'quantity', 'block?']),
  eth_call: relayed(['call', 'block?']),
  eth_estimateGas: relayed(['call', 'block?']),
  eth_feeHistory: relayed(['quantity', 'block', 'percentiles?']),
  eth_getBlockByNumber: relayed(['block', 'bool?']),
  eth_getBlockByHash: relayed(['hash', 'bool?']),
  eth_getTransactionByHash: relayed(['hash']),
  eth_getTransactionReceipt: relayed(['hash']),
  eth_getLogs: relayed(['filter']),
  eth_sendRawTransaction: relayed(['data']),

  eth_sendTransaction: approved(['transaction'], 'transaction', true, transaction.sendTransaction),
  personal_sign: approved(['message', 'address', 'any?'], 'personal_sign', true, sign.personalSign),
  eth_signTypedData_v4: approved(['address', 'typedData'], 'typed_data', true, sign.signTypedData),
  eth_signTypedData_v3: approved(['address', 'typedData'], 'typed_data', true, sign.signTypedData),
});

/** Methods refused on purpose, with the reason a developer reads. */
export const REFUSED = Object.freeze({
  eth_sign:
    'eth_sign (blind signing of a 32-byte hash) is not supported: it lets a site take any action with the account. Use personal_sign or eth_signTypedData_v4.',
});

// The explicit allow-list of provider methods a web page may call. A method not in this table
// does not exist for pages (4200). Each entry says, in order of the pipeline in provider.js:
//   params     the shape its params must have (params.js)
//   unlock     needs the wallet unlocked?
//   permission needs the origin connected (EIP-2255)?
//   approval   needs the person's approval, and of which type (TESTIDS.md approval types)?
//   handler    what answers it.

import { Codes, RpcError } from './errors.js';
import { rpcCall } from './rpc.js';
import { permittedAccounts } from './store.js';
import { unlockedWallet } from './vault.js';

/**
 * @typedef {{ method: string, params: unknown[], origin: string, network: import('./networks.js').Network }} Context
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

/** A signing method whose approval flow is not built yet: no origin can reach it unconnected. */
const needsApproval = (params, approval) => ({
  params,
  unlock: true,
  permission: true,
  approval,
  handler: async () => {
    throw new RpcError(Codes.unsupportedMethod, `approval of type ${approval} is not available yet`);
  },
});

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
  eth_accounts: {
    params: [],
    unlock: false,
    permission: false,
    approval: null,
    // [] while locked or for an origin not connected: never a hint of other accounts.
    handler: async ({ origin }) => ((await unlockedWallet()) ? permittedAccounts(origin) : []),
  },

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

  eth_sendTransaction: needsApproval(['call'], 'transaction'),
  personal_sign: needsApproval(['data', 'address', 'data?'], 'personal_sign'),
  eth_signTypedData_v4: needsApproval(['address', 'typedData'], 'typed_data'),
  eth_signTypedData_v3: needsApproval(['address', 'typedData'], 'typed_data'),
});

/** Methods refused on purpose, with the reason a developer reads. */
export const REFUSED = Object.freeze({
  eth_sign:
    'eth_sign (blind signing of a 32-byte hash) is not supported: it lets a site take any action with the account. Use personal_sign or eth_signTypedData_v4.',
});

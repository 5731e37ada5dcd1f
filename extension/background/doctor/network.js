// The network's endpoint: does it answer, for the right chain, in good time, over an encrypted
// connection when it is not on this machine.

import { walletError } from '../errors.js';
import { BUILTIN_NETWORKS, hostKind } from '../networks.js';
import { endpointName, rpcCall } from '../rpc.js';
import { customNetworks } from '../store.js';
import { finding } from './finding.js';
import { isSlow } from './rules.js';

/** The doctor waits this long for an answer before it calls the endpoint unreachable. */
const ASK_TIMEOUT_MS = 8000;

/** @param {unknown} id */
const decimal = (id) => {
  try {
    return BigInt(String(id)).toString(10);
  } catch {
    return String(id);
  }
};

/** @param {import('../networks.js').Network} network */
function fixesFor(network) {
  const builtin = BUILTIN_NETWORKS.find((b) => b.chainId === network.chainId);
  return builtin && builtin.rpcUrl !== network.rpcUrl ? ['builtin-endpoint', 'network-settings'] : ['network-settings'];
}

/** @type {import('./finding.js').Check} */
export const networkCheck = {
  id: 'network',
  needsUnlock: false,
  async run({ network }) {
    const fixes = fixesFor(network);
    const endpoint = endpointName(network.rpcUrl);
    /** @type {import('./finding.js').Finding[]} */
    const out = [];
    try {
      const url = new URL(network.rpcUrl);
      if (url.protocol === 'http:' && hostKind(url.hostname) !== 'loopback') out.push(finding('insecure-rpc', { endpoint }, fixes));
    } catch {
      // not a URL at all: the call below says unreachable
    }
    const started = Date.now();
    let answered;
    try {
      answered = await rpcCall(network.rpcUrl, 'eth_chainId', [], ASK_TIMEOUT_MS);
    } catch (err) {
      const reason = /** @type {any} */ (err)?.data?.rpcReason;
      out.push(finding('rpc-unreachable', { endpoint, reason: typeof reason === 'string' ? reason : 'error' }, fixes));
      return out;
    }
    const ms = Date.now() - started;
    if (BigInt(answered) !== BigInt(network.chainId)) {
      out.push(finding('rpc-wrong-chain', { endpoint, expected: decimal(network.chainId), answered: decimal(answered) }, fixes));
    }
    if (isSlow(ms)) out.push(finding('rpc-slow', { endpoint, ms }, fixes));
    return out;
  },
  async fix(fixId, _finding, { network }) {
    if (fixId === 'network-settings') return { open: 'network-settings', chainId: network.chainId };
    if (fixId === 'builtin-endpoint') {
      const builtin = BUILTIN_NETWORKS.find((b) => b.chainId === network.chainId);
      if (!builtin) throw walletError('INVALID_INPUT', `chain ${network.chainId} is not a built-in network`, { field: 'fix' });
      // The person's version of a built-in network goes; the built-in one, with its endpoint, is back.
      const custom = await customNetworks();
      await chrome.storage.local.set({ networks: custom.filter((n) => n.chainId !== network.chainId) });
      return { rpcUrl: builtin.rpcUrl };
    }
    throw walletError('INVALID_INPUT', `unknown fix ${fixId}`, { field: 'fix' });
  },
};

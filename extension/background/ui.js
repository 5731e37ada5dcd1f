// Requests from the wallet's own pages (popup, settings). Trusted, but still a closed set.

import { core } from './core.js';
import { applyMetaMaskMode } from './metamask-mode.js';
import { BUILTIN_NETWORKS, findNetwork } from './networks.js';
import { switchTo } from './dapp/chain.js';
import { RpcError, Codes } from './errors.js';
import { currentNetwork, customNetworks, settings, updateSettings } from './store.js';
import { WALLET_COMMANDS } from './ui-wallet.js';
import { APPROVAL_COMMANDS } from './ui-approvals.js';

/** @type {Record<string, (args: any) => Promise<unknown>>} */
const COMMANDS = {
  ...WALLET_COMMANDS,
  ...APPROVAL_COMMANDS,
  async getState() {
    return {
      network: await currentNetwork(),
      networks: [...BUILTIN_NETWORKS, ...(await customNetworks())],
      settings: await settings(),
    };
  },
  async about() {
    return { coreVersion: (await core()).coreVersion(), extensionVersion: chrome.runtime.getManifest().version };
  },
  async switchNetwork({ chainId }) {
    const network = findNetwork(chainId, await customNetworks());
    if (!network) throw new RpcError(Codes.unrecognizedChain, `unknown chain ${chainId}`);
    await switchTo(network.chainId);
    return network;
  },
  async setMetaMaskMode({ enabled }) {
    await updateSettings({ metaMaskMode: enabled === true });
    await applyMetaMaskMode(enabled === true);
    return { metaMaskMode: enabled === true };
  },
};

/** @param {unknown} msg `{ command, args }` */
export async function handleUiRequest(msg) {
  const { command, args } = /** @type {any} */ (msg);
  if (typeof command !== 'string' || !Object.hasOwn(COMMANDS, command)) {
    throw new RpcError(Codes.unsupportedMethod, `unknown wallet command ${command}`);
  }
  return COMMANDS[command](args ?? {});
}

// Requests from the wallet's own pages (popup, settings). Trusted, but still a closed set.

import { currentAllowances, revoke } from './doctor/allowances.js';
import { listAccounts } from './accounts.js';
import { walletError } from './errors.js';
import { clearLog, readLog } from './doctor/log.js';
import { supportReport } from './doctor/report.js';
import { core } from './core.js';
import { applyMetaMaskMode } from './metamask-mode.js';
import { allNetworks, findNetwork } from './networks.js';
import { rpcCall } from './rpc.js';
import { checkUrl, switchTo } from './dapp/chain.js';
import { RpcError, Codes } from './errors.js';
import { currentNetwork, customNetworks, settings, updateSettings } from './store.js';
import { WALLET_COMMANDS } from './ui-wallet.js';
import { RECOVERY_COMMANDS } from './ui-recovery.js';
import { trustForPhrases } from './risk/phrase-guard.js';
import { PHISHING_COMMANDS } from './risk/phishing-block.js';
import { SEND_COMMANDS } from './ui-send.js';
import { APPROVAL_COMMANDS } from './ui-approvals.js';
import { applyFix, runChecks } from './doctor/index.js';

/** Asks an RPC endpoint which chain it serves, as the network page's Test button does. */
/** @param {unknown} url */
async function testRpc(url) {
  const rpcUrl = checkUrl(url, 'the RPC URL', { allowLocalHttp: true });
  const [chainId, blockNumber] = await Promise.all([
    rpcCall(rpcUrl, 'eth_chainId', [], 8000),
    rpcCall(rpcUrl, 'eth_blockNumber', [], 8000),
  ]);
  return { rpcUrl, chainId: '0x' + BigInt(chainId).toString(16), blockNumber };
}

/** @type {Record<string, (args: any, sender?: chrome.runtime.MessageSender) => Promise<unknown>>} */
const COMMANDS = {
  ...WALLET_COMMANDS,
  ...RECOVERY_COMMANDS,
  ...PHISHING_COMMANDS,
  ...APPROVAL_COMMANDS,
  ...SEND_COMMANDS,
  async getState() {
    return {
      network: await currentNetwork(),
      networks: allNetworks(await customNetworks()),
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
  async testRpc({ url }) {
    return testRpc(url);
  },
  /** Changes a network's RPC URL, only to an endpoint that serves that very chain. */
  async setNetworkRpc({ chainId, url }) {
    const custom = await customNetworks();
    const network = findNetwork(chainId, custom);
    if (!network) throw new RpcError(Codes.unrecognizedChain, `unknown chain ${chainId}`);
    const tested = await testRpc(url);
    if (tested.chainId !== network.chainId) {
      throw new RpcError(
        Codes.invalidParams,
        `the RPC endpoint ${tested.rpcUrl} serves chain ${tested.chainId}, not ${network.chainId}; nothing was changed`,
      );
    }
    const edited = { ...network, rpcUrl: tested.rpcUrl, builtin: false };
    await chrome.storage.local.set({ networks: [...custom.filter((n) => n.chainId !== chainId), edited] });
    return edited;
  },
  async doctorRun({ focus }) {
    return runChecks({ focus });
  },
  async doctorFix({ check, fix, finding }) {
    return applyFix({ check, fix, finding });
  },
  async allowances() {
    const { selected } = await listAccounts();
    if (!selected) throw walletError('LOCKED', 'no account');
    const network = await currentNetwork();
    return { account: selected, allowances: await currentAllowances(network.rpcUrl, network.chainId, selected) };
  },
  async revokeAllowance({ kind, token, spender }) {
    const { selected } = await listAccounts();
    if (!selected) throw walletError('LOCKED', 'no account');
    return revoke(await currentNetwork(), selected, { kind, token, spender });
  },
  /** How much the diagnostic log holds (its events stay here: the report is how they leave). */
  async doctorLog() {
    const events = await readLog();
    return { count: events.length, since: events[0]?.at ?? null };
  },
  async doctorLogClear() {
    await clearLog();
    return { count: 0, since: null };
  },
  async doctorReport({ probe, includeAddresses }) {
    if (probe === true) return { available: true };
    return supportReport({ includeAddresses: includeAddresses === true });
  },
  async trustPhraseGuard({ origin }) {
    return trustForPhrases(origin);
  },
  async setMetaMaskMode({ enabled }) {
    await updateSettings({ metaMaskMode: enabled === true });
    await applyMetaMaskMode(enabled === true);
    return { metaMaskMode: enabled === true };
  },
};

/**
 * @param {unknown} msg `{ command, args }`
 * @param {chrome.runtime.MessageSender} [sender] which of our pages asks (a command may need a
 *   particular one: only the warning page in its own tab continues to a phishing site)
 */
export async function handleUiRequest(msg, sender) {
  const { command, args } = /** @type {any} */ (msg);
  if (typeof command !== 'string' || !Object.hasOwn(COMMANDS, command)) {
    throw new RpcError(Codes.unsupportedMethod, `unknown wallet command ${command}`);
  }
  return COMMANDS[command](args ?? {}, sender);
}

// The phrase assistant for the restore page: one search at a time, in bounded steps that the
// page asks for one after another (so it can show progress and stop). The candidates go back
// to the page that typed the phrase; nothing is stored. With the person's consent, the
// candidates' first addresses (at most MAX_ACTIVITY_CANDIDATES) are checked for a balance or a
// nonce on one network: only those addresses are sent, to that network's endpoint.
// And the path finder of an unlocked wallet: its phrase's accounts on the standard, Ledger Live
// and legacy paths, in steps, checked against an address the person knows (locally) or for
// activity on the current network; a found account is added at its path.

import { listAccounts, selectAccount } from './accounts.js';
import { announceAccounts } from './dapp/connect.js';
import { core, holdCore } from './core.js';
import { walletError } from './errors.js';
import { findNetwork } from './networks.js';
import { endpointName } from './rpc.js';
import { currentNetwork, customNetworks } from './store.js';
import { addressesUsage } from './usage.js';
import * as vault from './vault.js';

/** Candidates whose first address may be checked for activity in one search. */
export const MAX_ACTIVITY_CANDIDATES = 200;
/** Indices per scheme per path-finder step (the core takes at most 50). */
const PATH_STEP = 25;

/** Phrases tried per step (about a quarter of a second in WASM). */
const STEP = 2000;

/** A search lives across requests, so the core instance is held for it (see compactCore). */
/** @type {{ id: string, assistant: any, release: () => void } | null} */
let search = null;

function stop() {
  if (!search) return;
  try {
    search.assistant.free();
  } catch {
    // a broken instance: nothing to free
  } finally {
    search.release();
  }
  search = null;
}

/** @type {Record<string, (args: any) => Promise<unknown>>} */
export const RECOVERY_COMMANDS = {
  async assistantStart({ phrase, passphrase = '', knownAddress = '' }) {
    if (typeof phrase !== 'string' || typeof passphrase !== 'string' || typeof knownAddress !== 'string') {
      throw walletError('INVALID_INPUT', 'the phrase, passphrase and known address must be text', { field: 'phrase' });
    }
    stop();
    const c = await core();
    const assistant = new c.PhraseAssistant(phrase, passphrase);
    try {
      if (knownAddress.trim()) assistant.setKnownAddress(knownAddress.trim());
    } catch (err) {
      assistant.free();
      throw err;
    }
    search = { id: crypto.randomUUID(), assistant, release: holdCore() };
    return { id: search.id, total: assistant.total() };
  },
  /** Balances and nonces of some candidates' first addresses on `chainId` (the page asks in chunks). */
  async assistantActivity({ chainId, addresses }) {
    const network = findNetwork(chainId, await customNetworks());
    if (!network) throw walletError('INVALID_INPUT', `unknown chain ${chainId}`, { field: 'chainId' });
    return { endpoint: endpointName(network.rpcUrl), results: await addressesUsage(network.rpcUrl, addresses) };
  },
  /** The path finder's next step: `count` indices (≤ 25) per scheme from `start`. */
  async pathScan({ start, count = PATH_STEP }) {
    const w = await vault.requireUnlocked();
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 1 || count > PATH_STEP) {
      throw walletError('INVALID_INPUT', `a step is 1 to ${PATH_STEP} indices from a non-negative start`, { field: 'start' });
    }
    return { accounts: w.scanPaths(start, count) };
  },
  /** Activity of some of the path finder's addresses on the current network. */
  async pathActivity({ addresses }) {
    await vault.requireUnlocked();
    const network = await currentNetwork();
    return { endpoint: endpointName(network.rpcUrl), network: network.name, results: await addressesUsage(network.rpcUrl, addresses) };
  },
  /** Adds the found account at `path` (one of the schemes'), selects it and tells the sites. */
  async addAccountAtPath({ path }) {
    if (typeof path !== 'string') throw walletError('INVALID_INPUT', 'the path must be text', { field: 'path' });
    await vault.update((w) => w.addAccountAtPath(path));
    const list = await listAccounts();
    const added = list.accounts.find((/** @type {any} */ a) => a.path === path) ?? list.accounts.filter((/** @type {any} */ a) => a.kind === 'hd').pop();
    if (added) await selectAccount(added.address);
    await announceAccounts();
    return listAccounts();
  },
  async assistantStep({ id }) {
    if (!search || search.id !== id) throw walletError('INVALID_INPUT', 'this search was stopped', { field: 'id' });
    const { assistant } = search;
    const candidates = assistant.step(STEP);
    const result = { tried: assistant.tried(), total: assistant.total(), finished: assistant.isFinished(), candidates };
    if (result.finished) stop();
    return result;
  },
  async assistantCancel() {
    stop();
    return null;
  },
};

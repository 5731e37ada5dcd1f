// The person's accounts as the pages see them: addresses, names, which one is selected, and
// balances on the current network. Secrets stay in the core.

import { rpcCall } from './rpc.js';
import { currentNetwork } from './store.js';
import { requireUnlocked, update } from './vault.js';

/** @typedef {import('../wasm/wallet_wasm.js').Account} Account */

const SELECTED = 'selectedAccount';
export const DISCOVERY_GAP = 5;
/** Discovery stops here whatever the network says (an endpoint could call every address used). */
export const MAX_DISCOVERED = 50;

export async function listAccounts() {
  const w = await requireUnlocked();
  const accounts = w.accounts();
  const { [SELECTED]: selected } = await chrome.storage.local.get(SELECTED);
  const current = accounts.find((/** @type {Account} */ a) => a.address === selected) ?? accounts[0];
  return { accounts, selected: current?.address ?? null, hasPhrase: w.hasPhrase() };
}

/**
 * The selected account's address, from storage without listing the accounts when one was
 * chosen (else the first account's, listed; null without accounts). It may name an account no
 * longer in the vault: for a hint only, such as the last known balances.
 */
export async function selectionHint() {
  const { [SELECTED]: selected } = await chrome.storage.local.get(SELECTED);
  return typeof selected === 'string' ? selected : (await listAccounts()).selected;
}

/** @param {string} address */
export async function selectAccount(address) {
  const { accounts } = await listAccounts();
  if (!accounts.some((/** @type {Account} */ a) => a.address === address)) throw new Error('not one of the wallet\'s accounts');
  await chrome.storage.local.set({ [SELECTED]: address });
}

/** @param {string} address */
export async function balanceOf(address) {
  const network = await currentNetwork();
  const wei = await rpcCall(network.rpcUrl, 'eth_getBalance', [address, 'latest'], 8000);
  return { wei, symbol: network.symbol, decimals: network.decimals, chainId: network.chainId };
}

/**
 * After a restore: adds the accounts the person had, i.e. those the current network reports a
 * nonce or balance for, scanning until DISCOVERY_GAP unused addresses in a row.
 * @returns {Promise<{ found: number, error?: string }>} how many accounts in all
 */
export async function discoverAccounts() {
  const w = await requireUnlocked();
  const network = await currentNetwork();
  const used = async (/** @type {string} */ address) => {
    const [nonce, balance] = await Promise.all([
      rpcCall(network.rpcUrl, 'eth_getTransactionCount', [address, 'latest'], 8000),
      rpcCall(network.rpcUrl, 'eth_getBalance', [address, 'latest'], 8000),
    ]);
    return BigInt(nonce) > 0n || BigInt(balance) > 0n;
  };
  let lastUsed = 0;
  try {
    for (let i = 1; i - lastUsed <= DISCOVERY_GAP && i < MAX_DISCOVERED; i++) {
      if (await used(w.peekAddress(i))) lastUsed = i;
    }
  } catch (err) {
    // The network could not be asked: keep what we found; the person can add accounts by hand.
    await addUpTo(lastUsed);
    return { found: lastUsed + 1, error: String(/** @type {any} */ (err)?.message ?? err) };
  }
  await addUpTo(lastUsed);
  return { found: lastUsed + 1 };
}

/** @param {number} lastIndex */
async function addUpTo(lastIndex) {
  const w = await requireUnlocked();
  const hd = () => w.accounts().filter((/** @type {Account} */ a) => a.kind === 'hd').length;
  while (hd() <= lastIndex) await update((wallet) => wallet.addAccount());
}

// The wallet's own pages' commands for the vault's life: onboarding, unlock, accounts, security.
// Passwords and phrases arrive here from our own pages only (background.js checks the sender).

import { balanceOf, discoverAccounts, listAccounts, selectAccount, selectionHint } from './accounts.js';
import { rearm, touch } from './autolock.js';
import { core } from './core.js';
import { announceAccounts } from './dapp/connect.js';
import { walletError } from './errors.js';
import { lastBalance, rememberBalance } from './last-known.js';
import { currentNetwork, settings, updateSettings } from './store.js';
import * as vault from './vault.js';

export const MIN_PASSWORD_LENGTH = 8;

/** Wrong passwords since the last successful unlock, for the unlock screen (count and times only). */
async function unseenFailures() {
  const log = await vault.failedUnlocks();
  return log && log.unlockedAt === null ? { count: log.count, first: log.first, last: log.last } : null;
}

/** @param {unknown} password @returns {asserts password is string} */
function checkNewPassword(password) {
  if (typeof password !== 'string' || [...password].length < MIN_PASSWORD_LENGTH) {
    throw walletError('PASSWORD_TOO_SHORT', `the password needs at least ${MIN_PASSWORD_LENGTH} characters`, {
      min: MIN_PASSWORD_LENGTH,
    });
  }
}

/** @param {unknown} v @param {string} field */
const text = (v, field) => {
  if (typeof v !== 'string') throw walletError('INVALID_INPUT', `${field} must be text`, { field });
  return v;
};

/** Most files searched for a MetaMask vault at once. */
const MAX_METAMASK_FILES = 64;

/**
 * What the core searches for a MetaMask vault: the pasted text and each file (base64 from the
 * page, as a browser message carries no bytes), as bytes.
 * @param {unknown} pasted @param {unknown} files
 * @returns {Uint8Array[]}
 */
function metaMaskInputs(pasted, files) {
  if (typeof pasted !== 'string' || !Array.isArray(files) || files.length > MAX_METAMASK_FILES || !files.every((f) => typeof f === 'string')) {
    throw walletError('INVALID_INPUT', 'give the vault text and up to 64 files', { field: 'files' });
  }
  /** @type {Uint8Array[]} */
  const inputs = [];
  if (pasted.trim()) inputs.push(new TextEncoder().encode(pasted));
  for (const f of files) {
    let binary;
    try {
      binary = atob(f);
    } catch {
      throw walletError('INVALID_INPUT', 'a file did not arrive whole', { field: 'files' });
    }
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    inputs.push(bytes);
  }
  if (inputs.length === 0) throw walletError('INVALID_INPUT', 'paste the vault or choose its files', { field: 'files' });
  return inputs;
}

/** @type {Record<string, (args: any) => Promise<unknown>>} */
export const WALLET_COMMANDS = {
  async status() {
    const { vault: stored, problem, copyUsable } = await vault.storedVault();
    // A read: it does not count as activity (what the person does, below, does).
    const unlocked = stored !== null && problem === null && (await vault.unlockedWallet()) !== null;
    return {
      hasVault: stored !== null,
      unlocked,
      problem,
      backupCopyUsable: problem !== null && copyUsable,
      autoLockMinutes: (await settings()).autoLockMinutes,
      failedUnlocks: await unseenFailures(),
    };
  },
  async generatePhrase({ words = 12, language = 'en' }) {
    if (![12, 24].includes(words) || !['en', 'ja'].includes(language)) {
      throw walletError('INVALID_INPUT', 'a phrase has 12 or 24 words, in en or ja');
    }
    return { phrase: (await core()).generatePhrase(words, language) };
  },
  async checkPhrase({ phrase }) {
    return (await core()).checkPhrase(text(phrase, 'phrase'));
  },
  async createWallet({ password, phrase }) {
    checkNewPassword(password);
    await vault.create(password, text(phrase, 'phrase'), '');
    await rearm();
    return listAccounts();
  },
  async restoreWallet({ password, phrase, passphrase = '' }) {
    checkNewPassword(password);
    await (await core()).checkPhrase(text(phrase, 'phrase'));
    await vault.create(password, phrase, text(passphrase, 'passphrase'));
    await rearm();
    const discovery = await discoverAccounts();
    return { ...(await listAccounts()), discovery };
  },
  async importMetaMask({ password, metaMaskPassword, text: pasted = '', files = [] }) {
    checkNewPassword(password);
    const report = await vault.createFromMetaMask(password, text(metaMaskPassword, 'metaMaskPassword'), metaMaskInputs(pasted, files));
    await rearm();
    return { ...(await listAccounts()), ...report };
  },
  async addMetaMaskAccounts({ metaMaskPassword, text: pasted = '', files = [] }) {
    const inputs = metaMaskInputs(pasted, files);
    /** @type {any} */
    let report = null;
    await vault.update((w) => {
      report = w.addMetaMaskAccounts(text(metaMaskPassword, 'metaMaskPassword'), inputs);
      return report.vault;
    });
    await announceAccounts();
    const { vault: _stored, ...rest } = report;
    return { ...(await listAccounts()), ...rest };
  },
  async unlock({ password }) {
    await vault.unlock(text(password, 'password'));
    await rearm();
    await announceAccounts();
    return listAccounts();
  },
  async lock() {
    await vault.lock();
    await announceAccounts();
    return null;
  },
  async accounts() {
    await touch();
    return listAccounts();
  },
  async addAccount({ name }) {
    await vault.update((w) => w.addAccount(name ?? undefined));
    const list = await listAccounts();
    await selectAccount(list.accounts[list.accounts.length - 1].address);
    return listAccounts();
  },
  async importKey({ privateKey, name }) {
    await vault.update((w) => w.importPrivateKey(text(privateKey, 'privateKey').trim(), name ?? undefined));
    const list = await listAccounts();
    await selectAccount(list.accounts[list.accounts.length - 1].address);
    return listAccounts();
  },
  async renameAccount({ address, name }) {
    const clean = text(name, 'name').trim();
    if (!clean || clean.length > 40) throw walletError('INVALID_INPUT', 'a name has 1 to 40 characters', { field: 'name' });
    await vault.update((w) => w.renameAccount(text(address, 'address'), clean));
    return listAccounts();
  },
  async selectAccount({ address }) {
    await selectAccount(text(address, 'address'));
    return listAccounts();
  },
  /**
   * Without an address, the selected account's (the wallet page asks before it has the list).
   * `lastKnown`: the selected account's balance as the network last gave it (null if none),
   * without asking the network, for the page to show while it asks.
   */
  async balance({ address, lastKnown }) {
    await vault.requireUnlocked();
    if (lastKnown === true) {
      const network = await currentNetwork();
      const of = await selectionHint();
      const wei = of ? await lastBalance(network.chainId, of) : null;
      return wei === null ? null : { address: of, wei, symbol: network.symbol, decimals: network.decimals, chainId: network.chainId, lastKnown: true };
    }
    const of = address === undefined ? (await listAccounts()).selected : text(address, 'address');
    if (!of) throw walletError('INVALID_INPUT', 'the wallet has no account', { field: 'address' });
    const answer = await balanceOf(of);
    void rememberBalance(answer.chainId, of, answer.wei);
    return { address: of, ...answer };
  },
  async revealPhrase({ password }) {
    return { phrase: await vault.revealPhrase(text(password, 'password')) };
  },
  async changePassword({ oldPassword, newPassword }) {
    checkNewPassword(newPassword);
    await vault.changePassword(text(oldPassword, 'oldPassword'), newPassword);
    return null;
  },
  async exportBackup() {
    await vault.requireUnlocked();
    const { vault: stored } = await vault.storedVault();
    const date = new Date().toISOString().slice(0, 10);
    return {
      filename: `kura-wallet-backup-${date}.json`,
      content: JSON.stringify({ kind: 'kura-wallet-backup', exportedAt: new Date().toISOString(), vault: JSON.parse(stored ?? 'null') }, null, 2),
    };
  },
  async restoreBackup({ content, password, currentPassword, forgotCurrentPassword }) {
    let parsed;
    try {
      parsed = JSON.parse(text(content, 'content'));
    } catch {
      throw walletError('BACKUP_FILE_INVALID', 'the file is not a wallet backup (not JSON)');
    }
    if (parsed?.kind !== 'kura-wallet-backup' || !parsed.vault) {
      throw walletError('BACKUP_FILE_INVALID', 'the file is not a Kura Wallet backup');
    }
    await vault.restoreFromFile(JSON.stringify(parsed.vault), text(password, 'password'), { currentPassword, forgotCurrent: forgotCurrentPassword });
    await rearm();
    await announceAccounts();
    return listAccounts();
  },
  async replacedVaults() {
    return vault.listReplaced();
  },
  async bringBackVault({ id }) {
    await vault.bringBack(text(id, 'id'));
    await announceAccounts();
    return null;
  },
  async deleteReplacedVault({ id }) {
    await vault.deleteReplaced(text(id, 'id'));
    return vault.listReplaced();
  },
  async useBackupCopy() {
    await vault.restoreFromCopy();
    return null;
  },
  async resetDamagedVault() {
    const { problem } = await vault.storedVault();
    if (problem === null) throw walletError('INVALID_INPUT', 'the vault is not damaged; nothing was removed');
    await vault.setAsideDamaged();
    return null;
  },
  async setAutoLock({ minutes }) {
    if (typeof minutes !== 'number' || !(minutes >= 0) || minutes > 24 * 60) {
      throw walletError('INVALID_INPUT', 'auto-lock is 0 (never) to 1440 minutes', { field: 'minutes' });
    }
    await updateSettings({ autoLockMinutes: minutes });
    await rearm();
    return { autoLockMinutes: minutes };
  },
};

// What the wallet keeps in the browser: the vault's two copies, the room left, and the wrong
// passwords since the last unlock. None of it needs the password.

import { walletError } from '../errors.js';
import { clearOldActivity } from '../activity.js';
import * as vault from '../vault.js';
import { finding } from './finding.js';
import { storageNearFull } from './rules.js';

/** @type {import('./finding.js').Check} */
export const vaultCheck = {
  id: 'vault',
  needsUnlock: false,
  async run() {
    const { vault: main, copy, problem, copyUsable } = await vault.storedVault();
    if (main === null) return [];
    if (problem !== null) return [finding('vault-damaged', { copyUsable }, copyUsable ? ['restore-copy'] : [])];
    if (copy !== main) return [finding('vault-copy-mismatch', { copyUsable }, ['sync-copy'])];
    return [];
  },
  async fix(fixId) {
    if (fixId === 'restore-copy') return vault.restoreFromCopy();
    if (fixId === 'sync-copy') return vault.syncCopyFromVault();
    throw walletError('INVALID_INPUT', `unknown fix ${fixId}`, { field: 'fix' });
  },
};

/** chrome.storage.local's room: Chrome reports it; Firefox may not (then the stored JSON is measured). */
async function bytesInUse() {
  const area = /** @type {any} */ (chrome.storage.local);
  if (typeof area.getBytesInUse === 'function') {
    try {
      return Number(await area.getBytesInUse(null));
    } catch {
      // not implemented here: measured below
    }
  }
  const all = await chrome.storage.local.get(null);
  return new TextEncoder().encode(JSON.stringify(all)).byteLength;
}

/** @type {import('./finding.js').Check} */
export const storageCheck = {
  id: 'storage',
  needsUnlock: false,
  async run() {
    const quota = Number(/** @type {any} */ (chrome.storage.local).QUOTA_BYTES) || 10 * 1024 * 1024;
    const used = await bytesInUse();
    return storageNearFull(used, quota) ? [finding('storage-near-full', { used, quota }, ['clear-activity'])] : [];
  },
  async fix(fixId) {
    if (fixId === 'clear-activity') return clearOldActivity();
    throw walletError('INVALID_INPUT', `unknown fix ${fixId}`, { field: 'fix' });
  },
};

/** @type {import('./finding.js').Check} */
export const unlocksCheck = {
  id: 'unlocks',
  needsUnlock: false,
  async run({ unlocked }) {
    const log = await vault.failedUnlocks();
    if (!log) return [];
    // Seen by the person once unlocked: reported this time, forgotten after.
    if (unlocked && log.unlockedAt !== null) await vault.acknowledgeFailedUnlocks();
    return [finding('failed-unlocks', { count: log.count, first: log.first, last: log.last })];
  },
};

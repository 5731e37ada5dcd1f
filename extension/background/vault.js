// The vault's life in storage: written safely, never overwritten silently, reopened after a
// worker restart from the session key (never the password), locked on request or when idle.
//
// chrome.storage.local:   vault (the encrypted JSON, as the core wrote it)
//                         vaultCopy (a second copy, written after the first was read back)
//                         vaultPending (only while a write is in progress)
//                         replacedVaults (every vault a restore or a reset replaced, until the
//                         person deletes it: [{ id, at, reason, vault }])
//                         failedUnlocks (wrong passwords since the last successful unlock: count
//                         and times only, never what was typed; kept until the person has seen
//                         them after unlocking)
// chrome.storage.session: sessionKey (the key the password derived; cleared by lock and by
//                         closing the browser), unlockFailures

import { compactCore, core, coreGeneration } from './core.js';
import { walletError } from './errors.js';
import { logEvent } from './doctor/log.js';
import { forgetLastKnown } from './last-known.js';

const K = Object.freeze({
  vault: 'vault',
  copy: 'vaultCopy',
  pending: 'vaultPending',
  sessionKey: 'sessionKey',
  failures: 'unlockFailures',
  replaced: 'replacedVaults',
  failedLog: 'failedUnlocks',
});

/** @typedef {import('../wasm/wallet_wasm.js').Wallet} Wallet */

/** @type {Wallet | null} the core's Wallet in this worker's memory; rebuilt from the session key */
let wallet = null;
/** The core instance `wallet` belongs to (a trap replaces the instance and kills its objects). */
let walletGeneration = -1;

async function theWallet() {
  const c = await core();
  if (!wallet || walletGeneration !== coreGeneration()) {
    wallet = new c.Wallet();
    walletGeneration = coreGeneration();
  }
  return wallet;
}

/**
 * Whether a stored value has the shape of a vault; says what is wrong if not. Decryption is
 * the real test; this only tells a damaged record from a wrong password.
 * @param {unknown} value
 * @returns {string | null} the problem, or null
 */
export function vaultShapeProblem(value) {
  if (typeof value !== 'string') return 'the stored vault is not text';
  let v;
  try {
    v = JSON.parse(value);
  } catch {
    return 'the stored vault is not valid JSON (it may be truncated)';
  }
  if (!v || typeof v !== 'object') return 'the stored vault is not an object';
  for (const field of ['version', 'kdf', 'cipher', 'ciphertext']) {
    if (!(field in v)) return `the stored vault has no "${field}" field`;
  }
  return null;
}

/**
 * What is stored, and whether it can be used.
 * @returns {Promise<{ vault: string | null, copy: string | null, problem: string | null, copyUsable: boolean }>}
 */
export async function storedVault() {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.local.get([K.vault, K.copy]);
  /** @type {string | null} */
  const vault = s[K.vault] ?? null;
  /** @type {string | null} */
  const copy = s[K.copy] ?? null;
  const problem = vault === null ? null : vaultShapeProblem(vault);
  return { vault, copy, problem, copyUsable: copy !== null && vaultShapeProblem(copy) === null };
}

/**
 * Writes a new vault so that nothing is lost if the browser dies halfway: the new vault is
 * written beside the old one and read back; only then does it replace the old one; then the
 * second copy follows.
 * @param {string} next
 */
export async function writeVault(next) {
  if (vaultShapeProblem(next) !== null) throw walletError('INTERNAL', 'refusing to store a malformed vault');
  await chrome.storage.local.set({ [K.pending]: next });
  const back = await chrome.storage.local.get(K.pending);
  if (back[K.pending] !== next) throw walletError('STORAGE', 'the browser did not store the vault; nothing was changed');
  await chrome.storage.local.set({ [K.vault]: next });
  const written = await chrome.storage.local.get(K.vault);
  if (written[K.vault] !== next) throw walletError('STORAGE', 'the browser did not store the vault; the previous one is kept');
  await chrome.storage.local.set({ [K.copy]: next });
  await chrome.storage.local.remove(K.pending);
}

/** The unlocked wallet, reopened from the session key if the worker restarted; or null. */
export async function unlockedWallet() {
  const w = await theWallet();
  if (w.isUnlocked()) return w;
  const generation = walletGeneration;
  const [{ [K.sessionKey]: key }, { vault, problem }] = await Promise.all([
    chrome.storage.session.get(K.sessionKey),
    storedVault(),
  ]);
  // The instance was replaced meanwhile (compactCore, a trap): start again with the new one,
  // rather than take the old object's refusal for a bad session key.
  if (generation !== coreGeneration()) return unlockedWallet();
  if (typeof key !== 'string' || !vault || problem) return null;
  try {
    w.unlockWithKey(vault, key);
    return w;
  } catch {
    await chrome.storage.session.remove(K.sessionKey);
    return null;
  }
}

/** Like unlockedWallet, but an error when locked. */
export async function requireUnlocked() {
  const w = await unlockedWallet();
  if (!w) throw walletError('LOCKED', 'the wallet is locked');
  return w;
}

/** Remembers what reopens the vault until the browser closes or the wallet locks. */
/** @param {string} key */
export async function rememberSession(key) {
  await chrome.storage.session.set({ [K.sessionKey]: key, [K.failures]: { count: 0, until: 0 } });
}

/** Locks: the session key goes first, so that nothing can reopen the vault whatever else fails. */
export async function lock() {
  try {
    await chrome.storage.session.remove(K.sessionKey);
  } finally {
    try {
      wallet?.lock();
    } catch {
      wallet = null; // a broken instance: the next use makes a new one
    }
    // The balances last shown go with the session that showed them.
    await forgetLastKnown().catch(() => undefined);
    // Nothing unlocked is left to break: memory a reveal or a password change grew goes back.
    await compactCore().catch(() => undefined);
  }
}

/**
 * After scrypt ran for the vault that is now open: the instance grown to scrypt's 128 MiB is
 * replaced by a fresh one, and the wallet reopened in it from the session key (an AES key,
 * no scrypt), so that the next request does not wait. Returns the open wallet.
 * @param {Wallet} w the wallet as opened
 */
async function givingBackMemory(w) {
  try {
    if (!(await compactCore())) return w;
    return (await unlockedWallet()) ?? w;
  } catch {
    return w; // the next request reopens it from the session key
  }
}

/** Wrong passwords slow down: after 3 failures, 2^(n-3) s, at most 5 minutes. */
/** @param {number} count */
function throttleMs(count) {
  return count < 3 ? 0 : Math.min(2 ** (count - 3) * 1000, 5 * 60 * 1000);
}

/** @param {string} password */
export async function unlock(password) {
  const { vault, problem } = await storedVault();
  if (!vault) throw walletError('NO_VAULT', 'there is no wallet yet');
  if (problem) throw walletError('VAULT_CORRUPT', problem);
  const failures = await failuresNow();
  const w = await theWallet();
  try {
    const key = w.unlock(vault, password);
    await rememberSession(key);
    await noteSuccessfulUnlock();
    return givingBackMemory(w);
  } catch (err) {
    await countFailure(err, failures);
    throw err;
  }
}

/** A wrong password counts towards the slow-down. @param {unknown} err @param {{ count: number }} failures */
async function countFailure(err, failures) {
  if (/** @type {any} */ (err)?.code !== 'VAULT_DECRYPT') return;
  const count = failures.count + 1;
  logEvent('unlock-failed', { count });
  await chrome.storage.session.set({ [K.failures]: { count, until: Date.now() + throttleMs(count) } });
  const now = Date.now();
  const log = await failedUnlocks();
  const next = !log || log.unlockedAt !== null ? { count: 1, first: now, last: now, unlockedAt: null } : { ...log, count: log.count + 1, last: now };
  await chrome.storage.local.set({ [K.failedLog]: next });
}

/** @typedef {{ count: number, first: number, last: number, unlockedAt: number | null }} FailedUnlocks */

/** The wrong passwords since the last successful unlock (or those not yet seen after it). */
export async function failedUnlocks() {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.local.get(K.failedLog);
  const log = s[K.failedLog];
  if (!log || typeof log !== 'object' || !Number.isInteger(log.count) || log.count < 1) return null;
  return /** @type {FailedUnlocks} */ ({ count: log.count, first: Number(log.first) || 0, last: Number(log.last) || 0, unlockedAt: typeof log.unlockedAt === 'number' ? log.unlockedAt : null });
}

/** The right password came: the failures before it stay until the person has seen them. */
async function noteSuccessfulUnlock() {
  const log = await failedUnlocks();
  if (log && log.unlockedAt === null) await chrome.storage.local.set({ [K.failedLog]: { ...log, unlockedAt: Date.now() } });
}

/** The person, unlocked, has seen the failures: they are forgotten. */
export async function acknowledgeFailedUnlocks() {
  const log = await failedUnlocks();
  if (log && log.unlockedAt !== null) await chrome.storage.local.remove(K.failedLog);
}

/** The slow-down in force, or an error while it lasts. */
async function failuresNow() {
  /** @type {Record<string, any>} */
  const session = await chrome.storage.session.get(K.failures);
  /** @type {{ count: number, until: number }} */
  const failures = session[K.failures] ?? { count: 0, until: 0 };
  const wait = failures.until - Date.now();
  if (wait > 0) throw walletError('UNLOCK_THROTTLED', 'too many wrong passwords; wait and try again', { retryAfterMs: wait });
  return failures;
}

/**
 * Whether a password opens a vault, with a throwaway instance (freed at once) and the same
 * slow-down as unlocking. Throws VAULT_DECRYPT when it does not.
 * @param {string} vault @param {string} password
 */
async function checkPassword(vault, password) {
  const failures = await failuresNow();
  const c = await core();
  const probe = new c.Wallet();
  try {
    probe.unlock(vault, password);
  } catch (err) {
    await countFailure(err, failures);
    throw err;
  } finally {
    probe.lock();
    probe.free();
  }
}

/**
 * Keeps a vault that is being replaced, until the person deletes it (Settings).
 * @param {string} vault @param {'restore' | 'damaged' | 'swap'} reason
 */
async function keepReplaced(vault, reason) {
  const list = await replacedVaults();
  if (list.some((r) => r.vault === vault)) return;
  list.push({ id: crypto.randomUUID(), at: Date.now(), reason, vault });
  await chrome.storage.local.set({ [K.replaced]: list });
}

/** @returns {Promise<Array<{ id: string, at: number, reason: string, vault: string }>>} */
async function replacedVaults() {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.local.get(K.replaced);
  return Array.isArray(s[K.replaced]) ? s[K.replaced] : [];
}

/** The replaced vaults, for Settings (when and why; the vaults themselves stay here). */
export async function listReplaced() {
  return (await replacedVaults()).map(({ id, at, reason, vault }) => ({ id, at, reason, readable: vaultShapeProblem(vault) === null }));
}

/**
 * Brings a replaced vault back: it becomes the wallet's vault (to be unlocked with its own
 * password), and the current one is kept in its place. The wallet locks.
 * @param {string} id
 */
export async function bringBack(id) {
  const list = await replacedVaults();
  const chosen = list.find((r) => r.id === id);
  if (!chosen) throw walletError('INVALID_INPUT', 'no such replaced wallet', { field: 'id' });
  if (vaultShapeProblem(chosen.vault) !== null) throw walletError('VAULT_CORRUPT', 'this replaced wallet is damaged and cannot be used');
  const { vault } = await storedVault();
  if (vault) await keepReplaced(vault, 'swap');
  await lock();
  await writeVault(chosen.vault);
  await chrome.storage.local.set({ [K.replaced]: (await replacedVaults()).filter((r) => r.id !== id) });
}

/** Deletes a replaced vault for good. @param {string} id */
export async function deleteReplaced(id) {
  const list = await replacedVaults();
  if (!list.some((r) => r.id === id)) throw walletError('INVALID_INPUT', 'no such replaced wallet', { field: 'id' });
  await chrome.storage.local.set({ [K.replaced]: list.filter((r) => r.id !== id) });
}

/**
 * Creates the vault from a phrase (new or restored) and leaves the wallet unlocked.
 * @param {string} password @param {string} phrase @param {string} passphrase
 */
export async function create(password, phrase, passphrase) {
  const { vault } = await storedVault();
  if (vault) throw walletError('VAULT_EXISTS', 'a wallet already exists in this browser');
  const c = await core();
  const w = new c.Wallet();
  let next;
  let key;
  try {
    next = w.createVault(password, phrase, passphrase);
    key = w.unlock(next, password);
    await writeVault(next);
  } catch (err) {
    w.lock();
    w.free();
    throw err;
  }
  replaceWallet(w);
  await rememberSession(key);
  return givingBackMemory(w);
}

/**
 * Creates the vault from a MetaMask vault (found by the core in `files`: pasted text or
 * MetaMask's storage files) and leaves the wallet unlocked. Only the core sees the phrase.
 * @param {string} password our new password @param {string} metaMaskPassword
 * @param {Uint8Array[]} files
 */
export async function createFromMetaMask(password, metaMaskPassword, files) {
  const { vault } = await storedVault();
  if (vault) throw walletError('VAULT_EXISTS', 'a wallet already exists in this browser');
  const c = await core();
  const w = new c.Wallet();
  let report;
  let key;
  try {
    report = w.importMetaMask(password, metaMaskPassword, files);
    key = w.unlock(report.vault, password);
    await writeVault(report.vault);
  } catch (err) {
    w.lock();
    w.free();
    throw err;
  }
  replaceWallet(w);
  await rememberSession(key);
  await givingBackMemory(w);
  const { vault: _stored, ...rest } = report;
  return rest;
}

/** The new instance becomes the wallet; the old one is locked and freed. @param {Wallet} next */
function replaceWallet(next) {
  const old = wallet;
  wallet = next;
  walletGeneration = coreGeneration();
  if (old && old !== next) {
    try {
      old.lock();
      old.free();
    } catch {
      // already broken: nothing to free
    }
  }
}

/**
 * Applies a change that re-encrypts the vault (add, import, rename) and stores the result.
 * @param {(w: Wallet) => string} change returns the new vault JSON
 */
export async function update(change) {
  const w = await requireUnlocked();
  const next = change(w);
  await writeVault(next);
  return w;
}

/** @param {string} password */
export async function revealPhrase(password) {
  const w = await requireUnlocked();
  const { vault } = await storedVault();
  if (vault === null) throw walletError('NO_VAULT', 'there is no wallet yet');
  return w.revealPhrase(vault, password);
}

/** @param {string} oldPassword @param {string} newPassword */
export async function changePassword(oldPassword, newPassword) {
  const w = await requireUnlocked();
  const { vault } = await storedVault();
  if (vault === null) throw walletError('NO_VAULT', 'there is no wallet yet');
  const { vault: next, key } = w.changePassword(vault, oldPassword, newPassword);
  // Read back: the new vault must open with the new key before the old one is replaced.
  const c = await core();
  const probe = new c.Wallet();
  try {
    probe.unlockWithKey(next, key);
  } finally {
    probe.lock();
    probe.free();
  }
  await writeVault(next);
  w.unlockWithKey(next, key);
  await rememberSession(key);
}

/** The second copy becomes the vault (after a damaged vault). */
export async function restoreFromCopy() {
  const { copy, copyUsable } = await storedVault();
  if (!copyUsable || copy === null) throw walletError('NO_BACKUP_COPY', 'there is no usable backup copy');
  await chrome.storage.local.set({ [K.vault]: copy });
}

/** The second copy follows the vault again, once the vault is known to open (the wallet is unlocked with it). */
export async function syncCopyFromVault() {
  const { vault, problem } = await storedVault();
  if (vault === null || problem !== null || (await unlockedWallet()) === null) throw walletError('LOCKED', 'the vault must be unlocked to be known good');
  await chrome.storage.local.set({ [K.copy]: vault });
}

/**
 * Replaces the vault with one from a backup file, after checking the password opens it. A
 * healthy vault in storage is replaced only with its own password, or when the person says
 * they no longer have it (after a warning); whatever is replaced is kept (replacedVaults).
 * @param {string} fileVault @param {string} password the file's password
 * @param {{ currentPassword?: unknown, forgotCurrent?: unknown }} current
 */
export async function restoreFromFile(fileVault, password, { currentPassword, forgotCurrent } = {}) {
  const problem = vaultShapeProblem(fileVault);
  if (problem) throw walletError('BACKUP_FILE_INVALID', problem.replace('stored vault', 'file'));
  const { vault, problem: storedProblem } = await storedVault();
  if (vault && storedProblem === null && forgotCurrent !== true) {
    if (typeof currentPassword !== 'string' || currentPassword === '') {
      throw walletError('CURRENT_PASSWORD_REQUIRED', "replacing this browser's wallet needs its password (or confirm you no longer have it)");
    }
    try {
      await checkPassword(vault, currentPassword);
    } catch (err) {
      if (/** @type {any} */ (err)?.code === 'VAULT_DECRYPT') throw walletError('CURRENT_PASSWORD_WRONG', "this is not the password of this browser's wallet; nothing was changed");
      throw err;
    }
  }
  const c = await core();
  const w = new c.Wallet();
  let key;
  try {
    key = w.unlock(fileVault, password);
  } catch (err) {
    w.free();
    throw err;
  }
  if (vault) await keepReplaced(vault, storedProblem === null ? 'restore' : 'damaged');
  await writeVault(fileVault);
  replaceWallet(w);
  await rememberSession(key);
  return givingBackMemory(w);
}

/** Sets the damaged vault aside (kept in replacedVaults) before the person restores from the phrase. */
export async function setAsideDamaged() {
  const { vault } = await storedVault();
  if (vault) await keepReplaced(vault, 'damaged');
  await chrome.storage.local.remove([K.vault, K.copy, K.pending]);
  await lock();
}

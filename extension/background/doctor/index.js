// The wallet doctor: one table of checks, each finding problems the person can meet (an
// endpoint that does not answer, a stuck transaction, a damaged vault...) with the fixes it can
// apply. Checks that need the account are skipped while the wallet is locked.

import { listAccounts } from '../accounts.js';
import { walletError } from '../errors.js';
import { currentNetwork } from '../store.js';
import { unlockedWallet } from '../vault.js';
import { fundsCheck } from './funds.js';
import { networkCheck } from './network.js';
import { storageCheck, unlocksCheck, vaultCheck } from './storage.js';
import { transactionsCheck } from './transactions.js';
import { allowancesCheck } from './allowances.js';

/** @typedef {import('./finding.js').Finding} Finding @typedef {import('./finding.js').Check} Check @typedef {import('./finding.js').CheckContext} CheckContext */

/** @type {Check[]} */
export const CHECKS = [vaultCheck, networkCheck, transactionsCheck, fundsCheck, storageCheck, unlocksCheck, allowancesCheck];

const PROGRESS_KEY = 'doctorProgress';
const RANK = { high: 0, medium: 1, info: 2 };

/** @param {(done: number, total: number) => void} progress @returns {Promise<CheckContext>} */
async function context(progress) {
  const [network, wallet] = await Promise.all([currentNetwork(), unlockedWallet()]);
  const account = wallet ? (await listAccounts().catch(() => ({ selected: null }))).selected : null;
  return { network, unlocked: wallet !== null, account, progress };
}

/**
 * Runs every check (the focused one first; its findings come first).
 * @param {{ focus?: unknown }} [args]
 * @returns {Promise<{ findings: Array<Finding & { check: string }>, ran: string[], skipped: string[], failed: string[], ms: number }>}
 */
export async function runChecks({ focus } = {}) {
  const started = Date.now();
  const progress = (/** @type {number} */ done, /** @type {number} */ total) => void chrome.storage.session.set({ [PROGRESS_KEY]: { done, total, at: Date.now() } }).catch(() => undefined);
  const ctx = await context(progress);
  const order = [...CHECKS].sort((a, b) => Number(b.id === focus) - Number(a.id === focus));
  const runnable = order.filter((c) => !c.needsUnlock || ctx.unlocked);
  const skipped = order.filter((c) => !runnable.includes(c)).map((c) => c.id);
  /** @type {Array<Finding & { check: string }>} */
  const findings = [];
  /** @type {string[]} */
  const failed = [];
  let done = 0;
  progress(0, runnable.length);
  // One after another: most ask the same endpoint, and a slow one should not time the others out.
  for (const check of runnable) {
    try {
      for (const f of await check.run(ctx)) findings.push({ ...f, check: check.id });
    } catch {
      failed.push(check.id);
    }
    progress(++done, runnable.length);
  }
  findings.sort((a, b) => Number(b.check === focus) - Number(a.check === focus) || RANK[a.severity] - RANK[b.severity]);
  return { findings, ran: runnable.map((c) => c.id), skipped, failed, ms: Date.now() - started };
}

/**
 * Applies one fix a finding offered.
 * @param {{ check?: unknown, fix?: unknown, finding?: any }} args
 */
export async function applyFix({ check, fix, finding } = {}) {
  const entry = CHECKS.find((c) => c.id === check);
  if (!entry?.fix || typeof fix !== 'string' || !finding || typeof finding !== 'object' || !Array.isArray(finding.fixes) || !finding.fixes.includes(fix)) {
    throw walletError('INVALID_INPUT', `no fix ${String(fix)} in the check ${String(check)}`, { field: 'fix' });
  }
  const ctx = await context(() => undefined);
  if (entry.needsUnlock && !ctx.unlocked) throw walletError('LOCKED', 'the wallet is locked');
  return (await entry.fix(fix, finding, ctx)) ?? null;
}

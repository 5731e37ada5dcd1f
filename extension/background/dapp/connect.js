// Connection (EIP-1102) and permissions (EIP-2255): which accounts a site may see.

import { Codes, RpcError } from '../errors.js';
import { notifyOrigin } from '../frames.js';
import { listAccounts } from '../accounts.js';
import { connectedSites, grant, permissionsOf, permittedAccounts, revoke } from '../permissions.js';
import { unlockedWallet } from '../vault.js';
import { requestApproval } from '../approvals.js';

/** @typedef {import('../../wasm/wallet_wasm.js').Account} Account */

/** The wallet's addresses now: none while locked. @returns {Promise<Set<string>>} */
async function heldAccounts() {
  if (!(await unlockedWallet())) return new Set();
  return new Set((await listAccounts()).accounts.map((/** @type {Account} */ a) => a.address));
}

/** Accounts the origin may see now: [] while locked or not connected. */
/** @param {string} origin */
export async function visibleAccounts(origin) {
  const held = await heldAccounts();
  if (held.size === 0) return [];
  return (await permittedAccounts(origin)).filter((a) => held.has(a));
}

/** @param {import('../methods.js').Context} ctx */
export async function requestAccounts(ctx) {
  const already = await visibleAccounts(ctx.origin);
  if (already.length > 0) return already;
  return requestApproval(ctx, 'connect', {});
}

/** Runs an approved connection: remembers the chosen accounts and tells the site. */
/**
 * @param {import('../approvals.js').Approval} approval
 * @param {{ accounts?: unknown }} answer the accounts the person ticked
 */
export async function approveConnect(approval, { accounts }) {
  const { accounts: held } = await listAccounts();
  const chosen = Array.isArray(accounts) ? accounts.filter((a) => held.some((/** @type {Account} */ h) => h.address === a)) : [];
  if (chosen.length === 0) throw new RpcError(Codes.invalidParams, 'choose at least one account');
  await grant(approval.origin, chosen);
  await notifyOrigin(approval.origin, 'accountsChanged', chosen);
  return chosen;
}

/** What the approval window shows for a connection (computed when shown: needs unlock). */
export async function connectPayload() {
  const { accounts, selected } = await listAccounts();
  return { accounts: accounts.map((/** @type {Account} */ a) => ({ address: a.address, name: a.name })), selected };
}

/** @param {import('../methods.js').Context} ctx */
export async function requestPermissions(ctx) {
  const [request] = ctx.params;
  if (!request || typeof request !== 'object' || !('eth_accounts' in request)) {
    throw new RpcError(Codes.invalidParams, 'only the eth_accounts permission can be requested');
  }
  await requestApproval(ctx, 'connect', {});
  return permissionsOf(ctx.origin);
}

/** @param {import('../methods.js').Context} ctx */
export async function getPermissions(ctx) {
  return (await unlockedWallet()) ? permissionsOf(ctx.origin) : [];
}

/** @param {import('../methods.js').Context} ctx */
export async function revokePermissions(ctx) {
  const [request] = ctx.params;
  if (!request || typeof request !== 'object' || !('eth_accounts' in request)) {
    throw new RpcError(Codes.invalidParams, 'only the eth_accounts permission can be revoked');
  }
  await disconnect(ctx.origin);
  return null;
}

/** @param {string} origin */
export async function disconnect(origin) {
  await revoke(origin);
  await notifyOrigin(origin, 'accountsChanged', []);
}

/**
 * After lock or unlock: each connected site learns which accounts it sees now. The accounts and
 * the permissions are read once for all sites: read per site, as `visibleAccounts` does, a
 * wallet of 100 accounts connected to 100 sites serialised 10,000 accounts out of the core at
 * each unlock and lock.
 */
export async function announceAccounts() {
  const sites = await connectedSites();
  if (sites.length === 0) return;
  const held = await heldAccounts();
  await Promise.all(
    sites.map(({ origin, accounts }) =>
      notifyOrigin(origin, 'accountsChanged', (Array.isArray(accounts) ? accounts : []).filter((a) => held.has(a))),
    ),
  );
}

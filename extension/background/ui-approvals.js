// The approval window's commands: what is waiting, and the person's answer. Each approval type
// has one runner that carries out the approved action; approvals.js makes sure it runs once.

import { decide, findPending, markShown, pendingApprovals } from './approvals.js';
import { listAccounts } from './accounts.js';
import * as assets from './dapp/assets.js';
import * as chain from './dapp/chain.js';
import * as connect from './dapp/connect.js';
import * as sign from './dapp/sign.js';
import * as transaction from './dapp/transaction.js';
import { Codes, RpcError } from './errors.js';
import { connectedSites } from './permissions.js';
import { unlockedWallet } from './vault.js';
import { rememberSite } from './risk/site.js';

/** @type {Record<string, (approval: any, args: any) => Promise<unknown>>} */
const RUNNERS = {
  connect: connect.approveConnect,
  personal_sign: sign.approvePersonalSign,
  typed_data: sign.approveTypedData,
  switch_chain: chain.approveSwitch,
  add_chain: chain.approveAddChain,
  transaction: transaction.approveTransaction,
  watch_asset: assets.approveWatchAsset,
};

/** Adds what can only be known unlocked: account names, and the accounts to connect. */
/** @param {any} approval @param {boolean} unlocked */
async function forDisplay(approval, unlocked) {
  if (!unlocked) return approval;
  const { accounts } = await listAccounts();
  const nameOf = (/** @type {unknown} */ address) => accounts.find((/** @type {{ address: string, name: string }} */ a) => a.address.toLowerCase() === String(address).toLowerCase())?.name;
  const payload = { ...approval.payload };
  if (approval.type === 'connect') Object.assign(payload, await connect.connectPayload());
  if (payload.address) payload.accountName = nameOf(payload.address);
  if (payload.from) payload.accountName = nameOf(payload.from);
  return { ...approval, payload };
}

/** @type {Record<string, (args: any) => Promise<unknown>>} */
export const APPROVAL_COMMANDS = {
  async approvals() {
    const unlocked = (await unlockedWallet()) !== null;
    const pending = await pendingApprovals();
    await markShown(pending.map((a) => a.id));
    return {
      unlocked,
      pending: await Promise.all(
        pending.map(async (a) =>
          forDisplay({ id: a.id, type: a.type, origin: a.origin, embeddedIn: a.embeddedIn, createdAt: a.createdAt, payload: a.payload }, unlocked),
        ),
      ),
    };
  },
  async decideApproval({ id, approved, ...args }) {
    const approval = await findPending(id);
    if (!approval) throw new RpcError(Codes.invalidRequest, 'this request was already answered or withdrawn');
    const run = RUNNERS[approval.type];
    if (approved === true && !run) throw new RpcError(Codes.unsupportedMethod, `cannot approve a ${approval.type} request`);
    // A runner's error may carry a detail for the person only (`windowDetail`: e.g. what a
    // proposed RPC endpoint answered), which the page never receives.
    /** @type {Record<string, unknown> | undefined} */
    let detail;
    const outcome = await decide(id, approved === true, async (a) => {
      try {
        return await run(a, args);
      } catch (err) {
        detail = /** @type {any} */ (err)?.windowDetail;
        throw err;
      }
    });
    if (approved !== true) return null;
    if (!outcome.error) await rememberSite(approval.origin);
    if (outcome.error) {
      const e = /** @type {any} */ (outcome.error);
      throw new RpcError(e.code, e.message, detail ? { ...e.data, detail } : e.data);
    }
    return outcome.result ?? null;
  },
  async connectedSites() {
    return connectedSites();
  },
  async disconnectSite({ origin }) {
    if (typeof origin !== 'string') throw new RpcError(Codes.invalidParams, 'origin must be text');
    await connect.disconnect(origin);
    return connectedSites();
  },
};

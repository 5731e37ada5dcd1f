// The account's pending transactions: stuck (activity's own judgement), a nonce the node lost
// below ones it holds (everything after it waits), and a nonce used from elsewhere.

import { walletError } from '../errors.js';
import * as activity from '../activity.js';
import { rpcCall } from '../rpc.js';
import { replace } from '../send.js';
import { dataString, finding } from './finding.js';
import { nonceGaps } from './rules.js';

/** @type {import('./finding.js').Check} */
export const transactionsCheck = {
  id: 'transactions',
  needsUnlock: true,
  async run({ network, account }) {
    if (!account) return [];
    // A fresh look: the last refresh may predate what the person is asking the doctor about.
    await activity.refresh(network, { force: true });
    const { entries, verdicts } = await activity.judged(network, account);
    /** @type {import('./finding.js').Finding[]} */
    const out = [];
    const heads = entries.filter((e) => e.status === 'pending' && !e.replacedBy);
    /** @type {Set<string>} */
    const gapHashes = new Set();
    if (heads.length) {
      const mined = Number(BigInt(await rpcCall(network.rpcUrl, 'eth_getTransactionCount', [account, 'latest'])));
      /** @type {Set<string>} */
      const held = new Set();
      for (const e of heads) {
        const known = await rpcCall(network.rpcUrl, 'eth_getTransactionByHash', [e.hash]).catch(() => null);
        if (known) held.add(e.hash);
      }
      for (const gap of nonceGaps(heads, held, mined)) {
        gapHashes.add(gap.hash);
        out.push(finding('nonce-gap', { hash: gap.hash, nonce: gap.nonce, waiting: gap.blocked }, ['fill-gap']));
      }
    }
    for (const e of heads) {
      const verdict = verdicts.get(e.hash);
      if (gapHashes.has(e.hash) || verdict?.stuck?.reason !== 'fee-low' || !verdict.canReplace) continue;
      out.push(finding('tx-stuck', { hash: e.hash, nonce: e.nonce }, ['speedup', 'cancel']));
    }
    for (const e of entries) {
      if (e.status === 'dropped' && e.droppedReason === 'nonce-used' && !e.forgotten) {
        out.push(finding('nonce-used-elsewhere', { hash: e.hash, nonce: e.nonce }, ['forget']));
      }
    }
    return out;
  },
  async fix(fixId, f, { network }) {
    const hash = dataString(f, 'hash');
    // The speed-up, the cancel and the gap's filler are the wallet's own replacements: the same
    // nonce, through the normal approval window. A filler is a 0-value transfer to oneself.
    if (fixId === 'speedup') return replace('speedup', hash);
    if (fixId === 'cancel' || fixId === 'fill-gap') return replace('cancel', hash);
    if (fixId === 'forget') return activity.forgetDropped(network.chainId, hash);
    throw walletError('INVALID_INPUT', `unknown fix ${fixId}`, { field: 'fix' });
  },
};

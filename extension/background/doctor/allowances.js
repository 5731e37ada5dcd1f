// Token allowances: what the account has let others take, read from the person's own endpoint.
// The account's ERC-20 `Approval` and `ApprovalForAll` events (eth_getLogs, in bounded block
// ranges, halved when the node refuses a range) name every (token, spender) pair it ever
// approved; the current value of each is then read (`allowance`, `isApprovedForAll`), with the
// spender's code. Unlimited allowances and allowances to addresses without code are findings;
// revoking one (`approve(spender, 0)`, `setApprovalForAll(operator, false)`) is a transaction of
// the wallet's own, through the normal approval window. The same list is the Allowances page.

import { walletError } from '../errors.js';
import { feeOptions, GAS_MARGIN_PERCENT, hex } from '../fees.js';
import { judgeTransaction } from '../risk/judge.js';
import { rpcCall } from '../rpc.js';
import { networkInfo, queue } from '../send.js';
import { decodeAbiString, word } from '../tokens.js';
import { finding } from './finding.js';

/** keccak256("Approval(address,address,uint256)"), the same for ERC-721 (4 topics there). */
const APPROVAL = '0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925';
/** keccak256("ApprovalForAll(address,address,bool)") */
const APPROVAL_FOR_ALL = '0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31';
const SELECTOR = { allowance: '0xdd62ed3e', isApprovedForAll: '0xe985e9c5', approve: '0x095ea7b3', setApprovalForAll: '0xa22cb465', totalSupply: '0x18160ddd', symbol: '0x95d89b41', decimals: '0x313ce567' };
/** Blocks per eth_getLogs request at first, and the most requests one scan makes. */
const RANGE = 100_000n;
const MAX_REQUESTS = 200;
/** At most this many pairs are read (a wallet with more is told so). */
const MAX_PAIRS = 200;
const UNLIMITED = 2n ** 255n;
/** chrome.storage.local: allowanceScans { "<chainId>:<owner>": { next: block, pairs } } */
const SCANS = 'allowanceScans';

/**
 * @typedef {{ kind: 'erc20' | 'all', token: string, spender: string, amount: string, unlimited: boolean,
 *   symbol: string | null, decimals: number | null, spenderHasCode: boolean | null }} Allowance
 */

/** @param {string} topic */
const topicAddress = (topic) => '0x' + topic.slice(-40);
/** @param {unknown} hexWord */
const uint = (hexWord) => (typeof hexWord === 'string' && /^0x[0-9a-fA-F]{1,64}$/.test(hexWord) ? BigInt(hexWord) : null);

/**
 * The (token, spender) pairs the owner ever approved, from its events.
 * @param {string} rpcUrl @param {string} chainId @param {string} owner @param {(done: number, total: number) => void} progress
 */
async function approvedPairs(rpcUrl, chainId, owner, progress) {
  const latest = BigInt(await rpcCall(rpcUrl, 'eth_blockNumber', []));
  const ownerTopic = '0x' + word(owner);
  // What earlier scans found, and where they stopped: each scan reads only the blocks since
  // (a long history is read over several runs, MAX_REQUESTS ranges at a time).
  const key = `${chainId}:${owner.toLowerCase()}`;
  /** @type {Record<string, any>} */
  const stored = (await chrome.storage.local.get(SCANS))[SCANS] ?? {};
  const saved = stored[key] && typeof stored[key] === 'object' ? stored[key] : null;
  /** @type {Map<string, { kind: 'erc20' | 'all', token: string, spender: string }>} */
  const pairs = new Map(saved && Array.isArray(saved.pairs) ? saved.pairs.map((/** @type {any} */ p) => [`${p.kind}:${p.token}:${p.spender}`, p]) : []);
  let from = saved && typeof saved.next === 'string' && BigInt(saved.next) <= latest + 1n ? BigInt(saved.next) : 0n;
  let range = RANGE;
  let requests = 0;
  while (from <= latest) {
    if (++requests > MAX_REQUESTS) break;
    const to = from + range - 1n < latest ? from + range - 1n : latest;
    let logs;
    try {
      logs = await rpcCall(rpcUrl, 'eth_getLogs', [{ fromBlock: hex(from), toBlock: hex(to), topics: [[APPROVAL, APPROVAL_FOR_ALL], ownerTopic] }]);
    } catch (err) {
      // A node refuses ranges with too many results: the same range in halves.
      if (range > 1n) {
        range /= 2n;
        continue;
      }
      throw err;
    }
    for (const log of Array.isArray(logs) ? logs : []) {
      const topics = /** @type {string[]} */ (log.topics);
      const token = String(log.address).toLowerCase();
      // ERC-20 Approval has 3 topics (ERC-721's per-token Approval has 4 and is not an allowance).
      const spender = topics.length === 3 ? topicAddress(topics[2]) : '';
      if (topics[0] === APPROVAL && topics.length === 3) pairs.set(`erc20:${token}:${spender}`, { kind: 'erc20', token, spender });
      if (topics[0] === APPROVAL_FOR_ALL && topics.length === 3) pairs.set(`all:${token}:${spender}`, { kind: 'all', token, spender });
    }
    progress(Number(to + 1n), Number(latest + 1n));
    from = to + 1n;
  }
  const found = [...pairs.values()].slice(0, MAX_PAIRS);
  await chrome.storage.local.set({ [SCANS]: { ...stored, [key]: { next: from.toString(), pairs: found } } });
  return found;
}

/**
 * Every allowance the owner has now (zero ones left out).
 * @param {string} rpcUrl @param {string} chainId @param {string} owner @param {(done: number, total: number) => void} [progress]
 * @returns {Promise<Allowance[]>}
 */
export async function currentAllowances(rpcUrl, chainId, owner, progress = () => undefined) {
  const pairs = await approvedPairs(rpcUrl, chainId, owner, progress);
  const call = (/** @type {string} */ to, /** @type {string} */ data) => rpcCall(rpcUrl, 'eth_call', [{ to, data }, 'latest']).catch(() => null);
  const code = new Map();
  const hasCode = async (/** @type {string} */ a) => {
    if (!code.has(a)) code.set(a, rpcCall(rpcUrl, 'eth_getCode', [a, 'latest']).then((c) => typeof c === 'string' && c !== '0x', () => null));
    return code.get(a);
  };
  /** @type {Allowance[]} */
  const out = [];
  for (const p of pairs) {
    if (p.kind === 'erc20') {
      const amount = uint(await call(p.token, SELECTOR.allowance + word(owner) + word(p.spender)));
      if (!amount) continue;
      const [symbol, decimals, supply] = await Promise.all([call(p.token, SELECTOR.symbol), call(p.token, SELECTOR.decimals), call(p.token, SELECTOR.totalSupply)]);
      const total = uint(supply);
      const dec = uint(decimals);
      out.push({
        kind: 'erc20', token: p.token, spender: p.spender, amount: amount.toString(),
        unlimited: amount >= UNLIMITED || (total !== null && total > 0n && amount >= total),
        symbol: decodeAbiString(symbol), decimals: dec !== null && dec <= 255n ? Number(dec) : null, spenderHasCode: await hasCode(p.spender),
      });
    } else {
      const approved = uint(await call(p.token, SELECTOR.isApprovedForAll + word(owner) + word(p.spender)));
      if (approved !== 1n) continue;
      out.push({ kind: 'all', token: p.token, spender: p.spender, amount: 'all', unlimited: true, symbol: decodeAbiString(await call(p.token, SELECTOR.symbol)), decimals: null, spenderHasCode: await hasCode(p.spender) });
    }
  }
  return out;
}

/**
 * Revokes one allowance: a transaction of the wallet's own (approve(spender, 0) or
 * setApprovalForAll(operator, false)), shown in the approval window like any other.
 * @param {import('../networks.js').Network} network @param {string} owner
 * @param {{ kind: unknown, token: unknown, spender: unknown }} which
 */
export async function revoke(network, owner, { kind, token, spender }) {
  const address = /^0x[0-9a-fA-F]{40}$/;
  if ((kind !== 'erc20' && kind !== 'all') || typeof token !== 'string' || !address.test(token) || typeof spender !== 'string' || !address.test(spender)) {
    throw walletError('INVALID_INPUT', 'an allowance is a kind, a token and a spender', { field: 'allowance' });
  }
  const data = kind === 'erc20' ? SELECTOR.approve + word(spender) + word(0n) : SELECTOR.setApprovalForAll + word(spender) + word(0n);
  const call = { from: owner, to: token, value: '0x0', data };
  const gas = (BigInt(await rpcCall(network.rpcUrl, 'eth_estimateGas', [call])) * GAS_MARGIN_PERCENT) / 100n;
  const options = await feeOptions(network.rpcUrl);
  const fees = options ? { type: 'eip1559', options, choice: 'market' } : { type: 'legacy', gasPrice: await rpcCall(network.rpcUrl, 'eth_gasPrice', []) };
  const maxFee = options ? BigInt(options.aggressive.maxFeePerGas) : BigInt(/** @type {any} */ (fees).gasPrice);
  const judged = await judgeTransaction(network.rpcUrl, { chainId: network.chainId, to: token, data, value: '0x0' }).catch(() => ({ call: null }));
  const approvalId = queue({
    kind: 'revoke',
    from: owner,
    to: token,
    valueWei: '0x0',
    data,
    selector: data.slice(0, 10),
    chainId: network.chainId,
    network: networkInfo(network),
    gas: hex(gas),
    fees,
    maxCostWei: hex(gas * maxFee),
    decoded: judged.call,
    replacement: null,
    warnings: [],
  });
  return { approvalId };
}

/** @type {import('./finding.js').Check} */
export const allowancesCheck = {
  id: 'allowances',
  needsUnlock: true,
  async run({ network, account, progress }) {
    if (!account) return [];
    const list = await currentAllowances(network.rpcUrl, network.chainId, account, progress);
    /** @type {import('./finding.js').Finding[]} */
    const out = [];
    for (const a of list) {
      const data = { kind: a.kind, token: a.token, spender: a.spender, symbol: a.symbol ?? a.token };
      if (a.spenderHasCode === false) out.push(finding('allowance-to-eoa', data, ['revoke']));
      else if (a.unlimited) out.push(finding('unlimited-allowance', data, ['revoke']));
    }
    return out;
  },
  async fix(fixId, f, { network, account }) {
    if (fixId !== 'revoke' || !account) throw walletError('INVALID_INPUT', `unknown fix ${fixId}`, { field: 'fix' });
    return revoke(network, account, { kind: f.data?.kind, token: f.data?.token, spender: f.data?.spender });
  },
};

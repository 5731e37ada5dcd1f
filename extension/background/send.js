// The wallet's own send page and the activity page's speed up / cancel. Each prepares a
// transaction, checks it (the recipient, the balance), and queues it for the same confirm
// screen a site's transaction gets; the approval runner (dapp/transaction.js) signs, sends and
// records it.

import * as activity from './activity.js';
import { WALLET_ORIGIN, requestApproval } from './approvals.js';
import { walletError } from './errors.js';
import { rpcCall } from './rpc.js';
import { decodeRevert, parseAmount, replacementFees } from './send-rules.js';
import { currentNetwork } from './store.js';
import { checkedAddress, tokenBalance, transferData, watchedTokens } from './tokens.js';
import { GAS_MARGIN_PERCENT, feeOptions, hex } from './fees.js';
import { recipientWarnings } from './risk/recipients.js';
import { listAccounts } from './accounts.js';

/** The gas limit offered when the node cannot estimate (it predicts a revert). */
const FALLBACK_GAS = 100_000n;

/** Queues one of the wallet's own transactions for the confirm screen; does not wait for it. */
/** @param {Record<string, unknown>} payload */
export function queue(payload) {
  const key = `wallet:${crypto.randomUUID()}`;
  // The runner records what was sent in the activity; the outcome is also noted for the page
  // that asked (a send page left open in a tab follows it: the new transaction, or the refusal).
  requestApproval({ key, origin: WALLET_ORIGIN, tabId: -1 }, 'transaction', payload).then(
    (hash) => noteOutcome(key, { hash: typeof hash === 'string' ? hash : null }),
    (/** @type {any} */ err) => noteOutcome(key, { code: Number.isInteger(err?.code) ? err.code : 4001 }),
  );
  return key;
}

/** chrome.storage.session: the outcomes of the wallet's own approvals, newest last. */
export const OUTCOMES = 'walletOutcomes';
const KEEP_OUTCOMES = 20;

/**
 * @param {string} key the approval's id, as prepareSend returned it
 * @param {{ hash?: string | null, code?: number }} outcome
 */
async function noteOutcome(key, outcome) {
  try {
    const { [OUTCOMES]: list = [] } = await chrome.storage.session.get(OUTCOMES);
    const next = [...(Array.isArray(list) ? list : []), { id: key, ...outcome }].slice(-KEEP_OUTCOMES);
    await chrome.storage.session.set({ [OUTCOMES]: next });
  } catch {
    // only a convenience for an open page: the activity has what was sent
  }
}

/** @param {import('./networks.js').Network} network */
export const networkInfo = (network) => ({ name: network.name, symbol: network.symbol, decimals: network.decimals });

/**
 * The send page's submit: checks everything that can be checked, then opens the confirm screen.
 * @param {{ asset: unknown, to: unknown, amount: unknown }} args
 */
export async function prepareSend({ asset, to, amount }) {
  const network = await currentNetwork();
  const { selected: from } = await listAccounts();
  if (!from) throw walletError('LOCKED', 'no account');
  const recipient = await checkedAddress(to);
  const token = asset === 'native' || asset === undefined ? null : (await watchedTokens(network.chainId)).find((t) => t.address.toLowerCase() === String(asset).toLowerCase());
  if (asset !== 'native' && asset !== undefined && !token) throw walletError('UNKNOWN_TOKEN', `the token ${String(asset)} is not in the list for this network`);
  const decimals = token ? token.decimals : network.decimals;
  const value = parseAmount(String(amount ?? ''), decimals);
  if (value === null) throw walletError('AMOUNT_INVALID', `the amount must be a positive number with at most ${decimals} decimals`, { decimals });

  const call = token
    ? { from, to: token.address, value: '0x0', data: transferData(recipient, value) }
    : { from, to: recipient, value: hex(value), data: '0x' };
  const [balanceHex, options] = await Promise.all([rpcCall(network.rpcUrl, 'eth_getBalance', [from, 'latest']), feeOptions(network.rpcUrl)]);
  const balance = BigInt(balanceHex);
  if (token) {
    const tokens = await tokenBalance(network.rpcUrl, token.address, from);
    if (value > tokens) {
      throw walletError('INSUFFICIENT_TOKEN_BALANCE', `the amount is more than the ${token.symbol} balance`, {
        balance: tokens.toString(), needed: value.toString(), symbol: token.symbol, decimals: token.decimals,
      });
    }
  }
  // The fee the confirm screen proposes (market); a plain transfer to an account costs 21000 gas.
  // When the node predicts a failure (a contract that refuses coins, a paused token), the person
  // is told, and may still send it with a generous gas limit.
  /** @type {Record<string, unknown> | null} */
  let willFail = null;
  let gas = 21000n;
  const code = await rpcCall(network.rpcUrl, 'eth_getCode', [recipient, 'latest']);
  const isContract = typeof code === 'string' && code !== '0x' && code !== '0x0';
  if (token || isContract) {
    try {
      gas = (BigInt(await rpcCall(network.rpcUrl, 'eth_estimateGas', [call])) * GAS_MARGIN_PERCENT) / 100n;
    } catch (err) {
      const e = /** @type {any} */ (err);
      gas = FALLBACK_GAS;
      willFail = { code: 'will-fail', severity: 'high', reason: decodeRevert(e?.data) ?? String(e?.message ?? e) };
    }
  }
  const fees = options ? { type: 'eip1559', options, choice: 'market' } : { type: 'legacy', gasPrice: await rpcCall(network.rpcUrl, 'eth_gasPrice', []) };
  const perGas = BigInt(options ? options.market.maxFeePerGas : fees.gasPrice);
  const fee = gas * perGas;
  const needed = (token ? 0n : value) + fee;
  if (needed > balance) {
    throw walletError(token ? 'INSUFFICIENT_FUNDS_FOR_FEE' : 'INSUFFICIENT_FUNDS', 'the amount plus the network fee is more than the balance', {
      balance: balance.toString(), needed: needed.toString(), fee: fee.toString(), symbol: network.symbol, decimals: network.decimals,
    });
  }
  const warnings = await recipientWarnings({ from, recipient, token: token?.address ?? null, isContract });
  if (willFail) warnings.unshift(/** @type {any} */ (willFail));
  const maxFee = options ? BigInt(options.aggressive.maxFeePerGas) : perGas;
  const approvalId = queue({
    kind: 'send',
    from,
    to: call.to,
    valueWei: call.value,
    data: call.data,
    selector: token ? call.data.slice(0, 10) : null,
    chainId: network.chainId,
    network: networkInfo(network),
    gas: hex(gas),
    fees,
    maxCostWei: hex(BigInt(call.value) + gas * maxFee),
    transfer: { token: token?.address ?? null, symbol: token?.symbol ?? network.symbol, decimals, amount: value.toString(), recipient },
    replacement: null,
    warnings,
  });
  return { approvalId, warnings };
}

/**
 * Speed up or cancel: the same nonce again, with fees raised by at least 10% over the old ones
 * and to at least the market's. A cancel is a 0-value transfer to oneself.
 * @param {'speedup' | 'cancel'} kind @param {unknown} hash
 */
export async function replace(kind, hash) {
  const network = await currentNetwork();
  const entry = typeof hash === 'string' ? await activity.findEntry(network.chainId, hash) : null;
  if (!entry) throw walletError('TX_UNKNOWN', `no transaction ${String(hash)} in this network's activity`);
  await activity.refresh(network);
  const { verdicts } = await activity.judged(network, entry.from);
  const verdict = verdicts.get(entry.hash);
  if (!verdict) throw walletError('TX_NOT_PENDING', 'the transaction is no longer pending: it was mined or replaced');
  if (!verdict.canReplace) {
    throw walletError('TX_NOT_PENDING', 'an earlier transaction (lower nonce) must be mined or replaced first, or this one was already replaced');
  }
  const options = await feeOptions(network.rpcUrl);
  const market = options ? options.market : { gasPrice: await rpcCall(network.rpcUrl, 'eth_gasPrice', []) };
  const bumped = replacementFees(entry.fees, market);
  const cancel = kind === 'cancel';
  const gas = cancel ? 21000n : BigInt(entry.gas);
  const fees =
    'gasPrice' in bumped
      ? { type: 'legacy', gasPrice: hex(bumped.gasPrice) }
      : { type: 'eip1559', choice: 'market', options: { market: { maxFeePerGas: hex(bumped.maxFeePerGas), maxPriorityFeePerGas: hex(bumped.maxPriorityFeePerGas) } } };
  const perGas = 'gasPrice' in bumped ? bumped.gasPrice : bumped.maxFeePerGas;
  const value = cancel ? 0n : BigInt(entry.valueWei);
  const approvalId = queue({
    kind,
    from: entry.from,
    to: cancel ? entry.from : entry.to,
    valueWei: hex(value),
    data: cancel ? '0x' : entry.data,
    selector: !cancel && entry.data.length >= 10 ? entry.data.slice(0, 10) : null,
    chainId: network.chainId,
    network: networkInfo(network),
    gas: hex(gas),
    fees,
    maxCostWei: hex(value + gas * perGas),
    transfer: cancel ? null : entry.transfer,
    replacement: { hash: entry.hash, nonce: entry.nonce, oldFees: entry.fees },
    warnings: [],
  });
  return { approvalId };
}

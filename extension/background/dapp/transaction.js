// eth_sendTransaction: checked against the site's accounts, completed (nonce, gas, EIP-1559
// fees from eth_feeHistory, or gasPrice where the chain has no base fee), shown to the person,
// signed in the WASM core after approval and sent with eth_sendRawTransaction.

import * as activity from '../activity.js';
import { Codes, RpcError, walletError } from '../errors.js';
import { requestApproval } from '../approvals.js';
import { endpointName, rpcCall } from '../rpc.js';
import { currentNetwork } from '../store.js';
import { requireUnlocked } from '../vault.js';
import { permittedAccounts } from '../permissions.js';
import { GAS_MARGIN_PERCENT, feeOptions, hex } from '../fees.js';
import { siteTransactionWarnings } from '../risk/recipients.js';
import { judgeTransaction } from '../risk/judge.js';

/** @param {import('../methods.js').Context} ctx */
export async function sendTransaction(ctx) {
  const [tx] = ctx.params;
  const from = typeof tx?.from === 'string' ? tx.from : null;
  if (!from) throw new RpcError(Codes.invalidParams, 'eth_sendTransaction: "from" is required');
  const signer = (await permittedAccounts(ctx.origin)).find((a) => a.toLowerCase() === from.toLowerCase());
  if (!signer) throw new RpcError(Codes.unauthorized, `${ctx.origin} has no permission for the account ${from}`);
  if (tx.gasPrice !== undefined && (tx.maxFeePerGas !== undefined || tx.maxPriorityFeePerGas !== undefined)) {
    throw new RpcError(Codes.invalidParams, 'eth_sendTransaction: gasPrice cannot be mixed with maxFeePerGas / maxPriorityFeePerGas');
  }
  const { network } = ctx;
  const call = { from: signer, to: tx.to ?? undefined, value: tx.value ?? '0x0', data: tx.data ?? tx.input ?? '0x' };
  const gas = tx.gas ?? hex((BigInt(await rpcCall(network.rpcUrl, 'eth_estimateGas', [call])) * GAS_MARGIN_PERCENT) / 100n);
  const options = await feeOptions(network.rpcUrl);
  let fees;
  let maxFee;
  if (options) {
    if (tx.maxFeePerGas) options.market = { maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas ?? tx.maxFeePerGas };
    fees = { type: 'eip1559', options, choice: 'market' };
    maxFee = BigInt(options.aggressive.maxFeePerGas);
  } else {
    const gasPrice = tx.gasPrice ?? (await rpcCall(network.rpcUrl, 'eth_gasPrice', []));
    fees = { type: 'legacy', gasPrice };
    maxFee = BigInt(gasPrice);
  }
  const data = call.data;
  const judged = await judgeTransaction(network.rpcUrl, { chainId: network.chainId, to: call.to ?? null, data, value: hex(call.value) }).catch((err) => {
    // Judging never stops a request: without it the window shows the raw data, as before.
    console.warn('risk: the transaction was not judged', err?.code ?? err?.name);
    return { call: null, warnings: [] };
  });
  return requestApproval(ctx, 'transaction', {
    from: signer,
    to: call.to ?? null,
    valueWei: hex(call.value),
    data,
    selector: data.length >= 10 ? data.slice(0, 10) : null,
    chainId: network.chainId,
    network: { name: network.name, symbol: network.symbol, decimals: network.decimals },
    gas,
    fees,
    maxCostWei: hex(BigInt(call.value) + BigInt(gas) * maxFee),
    decoded: judged.call,
    warnings: [...judged.warnings, ...(await siteTransactionWarnings(call.to ?? null))],
  });
}

/** The largest amount a transaction can take from the account: value plus gas at its fee cap. */
/** @param {{ value?: string, gas: string, maxFeePerGas?: string, gasPrice?: string }} tx */
export function maxCost(tx) {
  const perGas = BigInt(tx.maxFeePerGas ?? tx.gasPrice ?? 0);
  return BigInt(tx.value ?? 0) + BigInt(tx.gas) * perGas;
}

/**
 * Signs with the chosen fee and sends; returns the transaction hash. The nonce is the chain's
 * next one (past our own pending transactions), or, for a speed-up or cancel, the nonce of the
 * transaction it replaces, as long as that nonce is still unused.
 */
/**
 * @param {import('../approvals.js').Approval} approval
 * @param {{ fee?: string }} [answer] the fee level the person chose
 */
export async function approveTransaction(approval, { fee = 'market' } = {}) {
  const p = approval.payload;
  const network = await currentNetwork();
  if (network.chainId !== p.chainId) {
    throw new RpcError(Codes.chainDisconnected, `the wallet moved to chain ${network.chainId} since this was asked on ${p.chainId}`);
  }
  const w = await requireUnlocked();
  let nonce;
  if (p.replacement) {
    const mined = BigInt(await rpcCall(network.rpcUrl, 'eth_getTransactionCount', [p.from, 'latest']));
    if (mined > BigInt(p.replacement.nonce)) {
      throw walletError('TX_NOT_PENDING', `nonce ${p.replacement.nonce} is already used on chain: the transaction was mined or replaced`);
    }
    nonce = BigInt(p.replacement.nonce);
  } else {
    nonce = await activity.nextNonce(network, p.from);
  }
  const feeFields =
    p.fees.type === 'eip1559'
      ? (p.fees.options[fee] ?? p.fees.options.market)
      : { gasPrice: p.fees.gasPrice };
  const tx = { chainId: p.chainId, nonce: hex(nonce), gas: p.gas, value: p.valueWei, data: p.data, ...(p.to ? { to: p.to } : {}), ...feeFields };
  if (p.kind) {
    // The wallet's own sends are refused before signing when the account cannot pay for them.
    const balance = BigInt(await rpcCall(network.rpcUrl, 'eth_getBalance', [p.from, 'latest']));
    const needed = maxCost(tx);
    if (needed > balance) {
      throw walletError('INSUFFICIENT_FUNDS', 'the amount plus the network fee is more than the balance', {
        balance: balance.toString(), needed: needed.toString(), symbol: network.symbol, decimals: network.decimals,
      });
    }
  }
  const submittedBlock = await rpcCall(network.rpcUrl, 'eth_blockNumber', []).catch(() => undefined);
  const { raw, hash } = w.signTransaction(p.from, JSON.stringify(tx));
  // The hash is ours (computed from what was signed); the node's answer is only checked.
  const answered = await rpcCall(network.rpcUrl, 'eth_sendRawTransaction', [raw]);
  await activity.record({
    hash,
    chainId: p.chainId,
    from: p.from,
    to: p.to ?? null,
    nonce: Number(nonce),
    valueWei: p.valueWei,
    data: p.data,
    gas: p.gas,
    fees: p.fees.type === 'eip1559' ? { maxFeePerGas: feeFields.maxFeePerGas, maxPriorityFeePerGas: feeFields.maxPriorityFeePerGas } : { gasPrice: p.fees.gasPrice },
    kind: p.kind ?? 'dapp',
    origin: p.kind ? null : approval.origin,
    transfer: p.transfer ?? null,
    submittedBlock,
    replaces: p.replacement?.hash ?? null,
  });
  if (answered.toLowerCase() !== hash.toLowerCase()) {
    throw new RpcError(
      Codes.internal,
      `RPC endpoint ${endpointName(network.rpcUrl)} answered with the hash ${answered}, not ${hash}, the hash of the signed transaction: it may or may not have been sent (the wallet's activity follows ${hash})`,
      { hash },
    );
  }
  return hash;
}

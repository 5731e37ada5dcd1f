// Networks a site may ask for: wallet_switchEthereumChain (EIP-3326) and
// wallet_addEthereumChain (EIP-3085). Every switch and every addition is the person's choice.

import { Codes, RpcError } from '../errors.js';
import { broadcast } from '../events.js';
import { findNetwork } from '../networks.js';
import { rpcCall } from '../rpc.js';
import { currentNetwork, customNetworks, updateSettings } from '../store.js';
import { requestApproval } from '../approvals.js';

const CHAIN_ID = /^0x[1-9a-fA-F][0-9a-fA-F]{0,12}$/;
const MAX_SAFE_CHAIN_ID = 4503599627370476n;
const NAME = /^[^\u0000-\u001F\u007F<>]{1,64}$/u;
const SYMBOL = /^[A-Za-z0-9.$_-]{1,12}$/;

/** @param {unknown} value */
function checkChainId(value) {
  if (typeof value !== 'string' || !CHAIN_ID.test(value) || BigInt(value) > MAX_SAFE_CHAIN_ID) {
    throw new RpcError(Codes.invalidParams, `chainId must be a 0x-hex number without leading zeros, got ${JSON.stringify(value)}`);
  }
  return '0x' + BigInt(value).toString(16);
}

/** Makes a network the current one and tells every page. */
export async function switchTo(chainId) {
  const before = await currentNetwork();
  await updateSettings({ chainId });
  if (before.chainId !== chainId) await broadcast('chainChanged', chainId);
  return null;
}

/** @param {import('../methods.js').Context} ctx */
export async function switchChain(ctx) {
  const [request] = ctx.params;
  const chainId = checkChainId(request?.chainId);
  const target = findNetwork(chainId, await customNetworks());
  if (!target) {
    throw new RpcError(Codes.unrecognizedChain, `unrecognized chain ${chainId}: add it first with wallet_addEthereumChain`);
  }
  if (target.chainId === ctx.network.chainId) return null;
  return requestApproval({
    key: ctx.key,
    type: 'switch_chain',
    origin: ctx.origin,
    tabId: ctx.tabId,
    payload: {
      from: { chainId: ctx.network.chainId, name: ctx.network.name },
      to: { chainId: target.chainId, name: target.name, rpcUrl: target.rpcUrl },
    },
  });
}

export const approveSwitch = (approval) => switchTo(approval.payload.to.chainId);

/** A URL a network may use: https, or http to this machine only. */
export function checkUrl(value, what, { allowLocalHttp }) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new RpcError(Codes.invalidParams, `${what} ${JSON.stringify(value)} is not a URL`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:' || (allowLocalHttp && local && url.protocol === 'http:')) return url.href.replace(/\/$/, '');
  throw new RpcError(Codes.invalidParams, `${what} must use https${allowLocalHttp ? ' (http only for localhost)' : ''}: ${value}`);
}

/** @param {import('../methods.js').Context} ctx */
export async function addChain(ctx) {
  const [p] = ctx.params;
  if (!p || typeof p !== 'object') throw new RpcError(Codes.invalidParams, 'wallet_addEthereumChain takes one object');
  const chainId = checkChainId(p.chainId);
  const known = findNetwork(chainId, await customNetworks());
  if (known) return switchChain({ ...ctx, params: [{ chainId }] });
  if (typeof p.chainName !== 'string' || !NAME.test(p.chainName.trim())) {
    throw new RpcError(Codes.invalidParams, 'chainName must be 1 to 64 printable characters');
  }
  const currency = p.nativeCurrency;
  if (!currency || typeof currency.symbol !== 'string' || !SYMBOL.test(currency.symbol) || currency.decimals !== 18) {
    throw new RpcError(Codes.invalidParams, 'nativeCurrency needs a symbol of 1 to 12 letters or digits and decimals 18');
  }
  if (!Array.isArray(p.rpcUrls) || p.rpcUrls.length === 0) throw new RpcError(Codes.invalidParams, 'rpcUrls must list at least one URL');
  const rpcUrl = checkUrl(p.rpcUrls[0], 'the RPC URL', { allowLocalHttp: true });
  const explorers = Array.isArray(p.blockExplorerUrls) ? p.blockExplorerUrls : [];
  const explorer = explorers.length ? checkUrl(explorers[0], 'the block explorer URL', { allowLocalHttp: false }) : undefined;
  const answered = await rpcCall(rpcUrl, 'eth_chainId', [], 8000);
  if (typeof answered !== 'string' || BigInt(answered) !== BigInt(chainId)) {
    throw new RpcError(
      Codes.invalidParams,
      `the RPC endpoint ${rpcUrl} answers chain id ${answered}, not the requested ${chainId}: refusing a mislabelled network`,
    );
  }
  const network = { chainId, name: p.chainName.trim(), rpcUrl, symbol: currency.symbol, decimals: 18, ...(explorer ? { explorer } : {}) };
  const warnings = rpcUrl.startsWith('http:') ? [{ code: 'insecure-rpc', severity: 'medium' }] : [];
  return requestApproval({ key: ctx.key, type: 'add_chain', origin: ctx.origin, tabId: ctx.tabId, payload: { network, warnings } });
}

export async function approveAddChain(approval) {
  const { network } = approval.payload;
  const custom = await customNetworks();
  if (!findNetwork(network.chainId, custom)) await chrome.storage.local.set({ networks: [...custom, network] });
  return switchTo(network.chainId);
}

// Networks a site may ask for: wallet_switchEthereumChain (EIP-3326) and
// wallet_addEthereumChain (EIP-3085). Every switch and every addition is the person's choice.
//
// A proposed RPC endpoint is not contacted until the person has approved the addition (a page
// must not use the wallet to probe addresses it cannot reach itself); then its eth_chainId must
// be the proposed one, no redirect is followed, and the page learns only that the endpoint did
// not answer with that chain, never what it answered. An endpoint on this machine or a private
// network may be proposed only while the wallet is on a local network itself (a developer's).

import { firstHidden } from '../../common/text.js';
import { Codes, RpcError, walletError } from '../errors.js';
import { broadcast } from '../frames.js';
import { findNetwork, hostKind, impersonated, isLocalNetwork } from '../networks.js';
import { rpcCall } from '../rpc.js';
import { currentNetwork, customNetworks, updateSettings } from '../store.js';
import { requestApproval } from '../approvals.js';

const CHAIN_ID = /^0x[1-9a-fA-F][0-9a-fA-F]{0,12}$/;
const MAX_SAFE_CHAIN_ID = 4503599627370476n;
const NAME = /^[^\u0000-\u001F\u007F<>]{1,64}$/u;
const SYMBOL = /^[A-Za-z0-9.$_-]{1,12}$/;
const MAX_URL = 2048;
/** How long the endpoint has to answer eth_chainId after the person approved. */
const CHAIN_CHECK_MS = 8000;

/** @param {string} message */
const invalid = (message) => new RpcError(Codes.invalidParams, `wallet_addEthereumChain: ${message}`);

/** @param {unknown} value */
function checkChainId(value) {
  if (typeof value !== 'string' || !CHAIN_ID.test(value) || BigInt(value) > MAX_SAFE_CHAIN_ID) {
    throw new RpcError(Codes.invalidParams, `chainId must be a 0x-hex number without leading zeros, got ${JSON.stringify(value)?.slice(0, 80)}`);
  }
  return '0x' + BigInt(value).toString(16);
}

/** Makes a network the current one and tells every page. @param {string} chainId */
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
  return requestApproval(ctx, 'switch_chain', {
    from: { chainId: ctx.network.chainId, name: ctx.network.name },
    to: { chainId: target.chainId, name: target.name, rpcUrl: target.rpcUrl },
  });
}

/** @param {any} approval */
export const approveSwitch = (approval) => switchTo(approval.payload.to.chainId);

/**
 * A URL a network may use: https, or http to this machine only; local and private-network hosts
 * only where `allowLocal` (the wallet's own settings always; a site only from a local network).
 * @param {unknown} value @param {string} what
 * @param {{ allowLocalHttp: boolean, allowLocal?: boolean }} options
 */
export function checkUrl(value, what, { allowLocalHttp, allowLocal = true }) {
  let url;
  try {
    if (typeof value !== 'string' || value.length > MAX_URL) throw new Error('not a URL');
    url = new URL(value);
  } catch {
    throw new RpcError(Codes.invalidParams, `${what} ${JSON.stringify(value)?.slice(0, 100)} is not a URL`);
  }
  if (url.username || url.password) throw new RpcError(Codes.invalidParams, `${what} must not carry a user name or password`);
  const kind = hostKind(url.hostname);
  if (kind !== 'public' && !allowLocal) {
    throw new RpcError(
      Codes.invalidParams,
      `${what} is on this machine or a private network (${url.host}): a site may propose one only while the wallet is on a local network`,
    );
  }
  if (url.protocol === 'https:' || (allowLocalHttp && kind === 'loopback' && url.protocol === 'http:')) return url.href.replace(/\/$/, '');
  throw new RpcError(Codes.invalidParams, `${what} must use https${allowLocalHttp ? ' (http only for localhost)' : ''}: ${value}`);
}

/** A name shown to the person: printable, and nothing hidden or direction-changing. @param {unknown} v @param {string} field */
function checkName(v, field) {
  if (typeof v !== 'string' || !NAME.test(v.trim())) throw invalid(`${field} must be 1 to 64 printable characters`);
  const hidden = firstHidden(v);
  if (hidden) throw invalid(`${field} contains ${hidden}, a hidden or direction-changing character`);
  return v.trim();
}

/** @param {import('../methods.js').Context} ctx */
export async function addChain(ctx) {
  const [p] = ctx.params;
  if (!p || typeof p !== 'object') throw invalid('it takes one object');
  const chainId = checkChainId(p.chainId);
  const known = findNetwork(chainId, await customNetworks());
  if (known) return switchChain({ ...ctx, params: [{ chainId }] });
  const name = checkName(p.chainName, 'chainName');
  const currency = p.nativeCurrency;
  if (!currency || typeof currency.symbol !== 'string' || !SYMBOL.test(currency.symbol) || currency.decimals !== 18) {
    throw invalid('nativeCurrency needs a symbol of 1 to 12 letters or digits and decimals 18');
  }
  if (currency.name !== undefined) checkName(currency.name, 'nativeCurrency.name');
  if (!Array.isArray(p.rpcUrls) || p.rpcUrls.length === 0 || p.rpcUrls.length > 16) throw invalid('rpcUrls must list 1 to 16 URLs');
  const allowLocal = isLocalNetwork(ctx.network);
  const rpcUrl = checkUrl(p.rpcUrls[0], 'the RPC URL', { allowLocalHttp: true, allowLocal });
  const explorers = Array.isArray(p.blockExplorerUrls) ? p.blockExplorerUrls : [];
  const explorer = explorers.length ? checkUrl(explorers[0], 'the block explorer URL', { allowLocalHttp: false, allowLocal }) : undefined;
  const network = { chainId, name, rpcUrl, symbol: currency.symbol, decimals: 18, ...(explorer ? { explorer } : {}) };
  /** @type {Array<Record<string, unknown>>} */
  const warnings = [];
  const imitates = impersonated(network);
  if (imitates) {
    warnings.push({ code: 'network-impersonation', severity: 'high', imitates: imitates.name, imitatesChainId: String(BigInt(imitates.chainId)) });
  }
  if (rpcUrl.startsWith('http:')) warnings.push({ code: 'insecure-rpc', severity: 'medium' });
  // Nothing is fetched here: the endpoint is asked only once the person has approved.
  return requestApproval(ctx, 'add_chain', { network, warnings });
}

/**
 * The approved addition: the endpoint must serve the chain it was proposed for. The page hears
 * only that it did not; the window also shows why (for the person, not the page).
 * @param {any} approval
 */
export async function approveAddChain(approval) {
  const { network } = approval.payload;
  const failed = (/** @type {Record<string, unknown>} */ detail) =>
    Object.assign(
      walletError('RPC_CHAIN_CHECK', `the RPC endpoint did not answer with chain ${network.chainId}; the network was not added`, { chainId: network.chainId }),
      { windowDetail: detail },
    );
  let answered;
  try {
    answered = await rpcCall(network.rpcUrl, 'eth_chainId', [], CHAIN_CHECK_MS);
  } catch (err) {
    const d = /** @type {any} */ (err)?.data ?? {};
    throw failed({ reason: typeof d.rpcReason === 'string' ? d.rpcReason : 'unreachable', ...(Number.isInteger(d.status) ? { status: d.status } : {}) });
  }
  if (BigInt(answered) !== BigInt(network.chainId)) throw failed({ reason: 'wrong-chain', answered: '0x' + BigInt(answered).toString(16) });
  const custom = await customNetworks();
  if (!findNetwork(network.chainId, custom)) await chrome.storage.local.set({ networks: [...custom, network] });
  return switchTo(network.chainId);
}

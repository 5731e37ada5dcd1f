// wallet_watchAsset (EIP-747): a site suggests an ERC-20 token to show. The wallet checks the
// suggestion against the chain (a contract is there; its decimals match; its symbol is compared)
// and limits the image it is given, then asks the person.

import { firstHidden, revealHidden } from '../../common/text.js';
import { Codes, RpcError } from '../errors.js';
import { core } from '../core.js';
import { rpcCall } from '../rpc.js';
import { requestApproval } from '../approvals.js';
import { SELECTOR, decodeAbiString, saveToken, watchedTokens } from '../tokens.js';

export const MAX_IMAGE_DATA_URI = 64 * 1024;
export const MAX_IMAGE_URL = 2048;
const IMAGE_TYPES = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/;

const invalid = (/** @type {string} */ message) => new RpcError(Codes.invalidParams, `wallet_watchAsset: ${message}`);

/** @param {unknown} image */
function checkImage(image) {
  if (image === undefined || image === null || image === '') return undefined;
  if (typeof image !== 'string') throw invalid('options.image must be a string');
  if (image.startsWith('data:')) {
    if (!IMAGE_TYPES.test(image)) throw invalid('options.image must be a PNG, JPEG, GIF, WebP or SVG image');
    if (image.length > MAX_IMAGE_DATA_URI) throw invalid(`options.image is larger than ${MAX_IMAGE_DATA_URI} bytes`);
    return image;
  }
  if (image.length > MAX_IMAGE_URL) throw invalid(`options.image URL is longer than ${MAX_IMAGE_URL} characters`);
  let url;
  try {
    url = new URL(image);
  } catch {
    throw invalid('options.image is neither a data: image nor a URL');
  }
  if (url.protocol !== 'https:') throw invalid('options.image must be an https URL or a data: image');
  return url.href;
}

/** @param {import('../methods.js').Context} ctx */
export async function watchAsset(ctx) {
  const [request] = ctx.params;
  if (request.type !== 'ERC20') throw invalid(`only ERC20 tokens are supported, not ${JSON.stringify(request.type)}`);
  const options = request.options;
  if (!options || typeof options !== 'object') throw invalid('options must be an object');
  let address;
  try {
    address = (await core()).toChecksumAddress(String(options.address ?? ''));
  } catch (err) {
    throw invalid(`options.address: ${/** @type {any} */ (err)?.message ?? err}`);
  }
  const symbol = typeof options.symbol === 'string' ? options.symbol.trim() : '';
  if (!/^[^\s\u0000-\u001F<>]{1,11}$/u.test(symbol)) throw invalid('options.symbol must be 1 to 11 characters without spaces');
  const hidden = firstHidden(symbol);
  if (hidden) throw invalid(`options.symbol contains ${hidden}, a hidden or direction-changing character`);
  const decimals = Number(options.decimals);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 36) throw invalid('options.decimals must be an integer from 0 to 36');
  const image = checkImage(options.image);

  const { rpcUrl, chainId } = ctx.network;
  const code = await rpcCall(rpcUrl, 'eth_getCode', [address, 'latest']);
  if (!code || code === '0x') throw invalid(`there is no contract at ${address} on chain ${BigInt(chainId)}`);
  const onChainDecimals = await rpcCall(rpcUrl, 'eth_call', [{ to: address, data: SELECTOR.decimals }, 'latest']).catch(() => '0x');
  if (onChainDecimals.length >= 66 && BigInt(onChainDecimals.slice(0, 66)) !== BigInt(decimals)) {
    throw invalid(`the token says it has ${BigInt(onChainDecimals.slice(0, 66))} decimals, not ${decimals}`);
  }
  const onChainSymbol = decodeAbiString(await rpcCall(rpcUrl, 'eth_call', [{ to: address, data: SELECTOR.symbol }, 'latest']).catch(() => '0x'));
  const warnings = onChainSymbol !== null && onChainSymbol !== symbol ? [{ code: 'symbol-mismatch', severity: 'medium', chainSymbol: revealHidden(onChainSymbol) }] : [];

  if ((await watchedTokens(chainId)).some((t) => t.address.toLowerCase() === address.toLowerCase())) return true;
  return requestApproval(ctx, 'watch_asset', { token: { address, symbol, decimals, ...(image ? { image } : {}) }, chainId, warnings });
}

/** @param {import('../approvals.js').Approval} approval */
export async function approveWatchAsset(approval) {
  const { token, chainId } = approval.payload;
  await saveToken(chainId, token);
  return true;
}

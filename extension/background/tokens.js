// ERC-20 tokens the person follows, per chain: added by contract address on the wallet page (or
// by a site's wallet_watchAsset, after the person agrees), with symbol and decimals read from
// the chain, and their balances.

import { revealHidden } from '../common/text.js';
import { core } from './core.js';
import { walletError } from './errors.js';
import { rpcBatch, rpcCall } from './rpc.js';
import { storedList } from './stored-list.js';

// Each network's followed tokens under a key of its own (schema 3, see migrations.js). They
// are the same for every account, unlike MetaMask's: a person with many accounts adds a token
// once, and an account without it shows a zero balance.
/** @param {string} chainId */
export const tokensKey = (chainId) => `tokens:${chainId}`;
export const SELECTOR = { decimals: '0x313ce567', symbol: '0x95d89b41', balanceOf: '0x70a08231', transfer: '0xa9059cbb' };

/** @typedef {{ address: string, symbol: string, decimals: number, image?: string }} Token */

/** A 32-byte ABI word. @param {string | bigint} x address or amount */
export const word = (x) => (typeof x === 'bigint' ? x.toString(16) : x.toLowerCase().replace(/^0x/, '')).padStart(64, '0');

/** The data of ERC-20 transfer(to, amount). @param {string} to @param {bigint} amount */
export const transferData = (to, amount) => SELECTOR.transfer + word(to) + word(amount);

/** Decodes an ABI `string` return value (or a bytes32 one, as some old tokens return). */
/** @param {unknown} hex @returns {string | null} */
export function decodeAbiString(hex) {
  if (typeof hex !== 'string' || hex.length < 66) return null;
  const bytes = Uint8Array.from(hex.slice(2).match(/../g) ?? [], (h) => parseInt(h, 16));
  const at = (/** @type {number} */ i) => bytes.slice(i * 32, i * 32 + 32);
  const toNumber = (/** @type {Uint8Array} */ w) => w.reduce((n, b) => n * 256 + b, 0);
  try {
    if (bytes.length >= 64) {
      const offset = toNumber(at(0));
      const length = toNumber(bytes.slice(offset, offset + 32));
      if (offset === 32 && offset + 32 + length <= bytes.length) {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(64, 64 + length));
      }
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(at(0)).replace(/\0+$/, '') || null;
  } catch {
    return null;
  }
}

/** @type {Map<string, ReturnType<typeof storedList<Token>>>} */
const lists = new Map();
/** One network's list, with its own queue of changes (two adds at once both stay). @param {string} chainId */
function listOn(chainId) {
  let list = lists.get(chainId);
  if (!list) {
    list = storedList(() => chrome.storage.local, tokensKey(chainId));
    lists.set(chainId, list);
  }
  return list;
}

/** The tokens the person follows on a chain. @param {string} chainId @returns {Promise<Token[]>} */
export function watchedTokens(chainId) {
  return listOn(chainId).load();
}

/** @param {string} chainId @param {Token} token */
export async function saveToken(chainId, token) {
  await listOn(chainId).mutate((list) => {
    if (!list.some((t) => t.address.toLowerCase() === token.address.toLowerCase())) list.push(token);
  });
}

/** Stops following a token on a chain (nothing on chain changes). @param {string} chainId @param {string} address */
export async function removeToken(chainId, address) {
  await listOn(chainId).mutate((list) => {
    const i = list.findIndex((t) => t.address.toLowerCase() === String(address).toLowerCase());
    if (i >= 0) list.splice(i, 1);
  });
}

/**
 * An address as the person typed it, checked: 40 hex digits, and when it mixes upper and lower
 * case, a correct EIP-55 checksum (a wrong one means a typo). Returns the checksummed form.
 * @param {unknown} text
 */
export async function checkedAddress(text) {
  const s = typeof text === 'string' ? text.normalize('NFKC').trim() : '';
  if (!/^0x[0-9a-fA-F]{40}$/.test(s)) throw walletError('ADDRESS_INVALID', 'not an address: 0x and 40 hex digits');
  try {
    return (await core()).toChecksumAddress(s);
  } catch (err) {
    const code = /** @type {any} */ (err)?.code === 'ADDRESS_CHECKSUM' ? 'ADDRESS_CHECKSUM' : 'ADDRESS_INVALID';
    throw walletError(code, code === 'ADDRESS_CHECKSUM' ? 'the address has a wrong EIP-55 checksum: a character may be mistyped' : 'not an address');
  }
}

/** Reads a token's symbol and decimals from its contract. @param {string} rpcUrl @param {string} address */
export async function readToken(rpcUrl, address) {
  const code = await rpcCall(rpcUrl, 'eth_getCode', [address, 'latest']);
  if (!code || code === '0x') throw walletError('TOKEN_NOT_CONTRACT', `there is no contract at ${address} on this network`);
  const call = (/** @type {string} */ data) => rpcCall(rpcUrl, 'eth_call', [{ to: address, data }, 'latest']).catch(() => '0x');
  const [decimalsHex, symbolHex] = await Promise.all([call(SELECTOR.decimals), call(SELECTOR.symbol)]);
  const symbol = decodeAbiString(symbolHex)?.trim() ?? '';
  const decimals = decimalsHex.length >= 66 ? BigInt(decimalsHex.slice(0, 66)) : -1n;
  if (decimals < 0n || decimals > 36n || !/^[^\s\u0000-\u001F<>]{1,11}$/u.test(symbol)) {
    throw walletError('TOKEN_NOT_ERC20', `the contract at ${address} does not answer as an ERC-20 token (symbol, decimals)`);
  }
  // A symbol the contract chose may hide characters: kept with each one written as ⟦U+XXXX⟧,
  // so every place that shows it (lists, selects, activity) shows them.
  return { address, symbol: revealHidden(symbol), decimals: Number(decimals) };
}

/** The eth_call of `owner`'s balance of `token`. @param {string} token @param {string} owner */
const balanceCall = (token, owner) => ({ method: 'eth_call', params: [{ to: token, data: SELECTOR.balanceOf + word(owner) }, 'latest'] });

/** A balanceOf answer as an amount. @param {unknown} hex @param {string} token */
function balanceFrom(hex, token) {
  if (typeof hex !== 'string' || hex.length < 66) throw new Error(`the token ${token} gave no balance`);
  return BigInt(hex.slice(0, 66));
}

/** @param {string} rpcUrl @param {string} token @param {string} owner */
export async function tokenBalance(rpcUrl, token, owner) {
  const { method, params } = balanceCall(token, owner);
  return balanceFrom(await rpcCall(rpcUrl, method, params, 8000), token);
}

/** Adds a token by address. @param {import('./networks.js').Network} network @param {unknown} text */
export async function addToken(network, text) {
  const address = await checkedAddress(text);
  const existing = (await watchedTokens(network.chainId)).find((t) => t.address.toLowerCase() === address.toLowerCase());
  if (existing) throw walletError('TOKEN_EXISTS', `${existing.symbol} is already in the list`, { symbol: existing.symbol });
  const token = await readToken(network.rpcUrl, address);
  await saveToken(network.chainId, token);
  return token;
}

/** The followed tokens with the account's balances (null, with the reason, where unreadable). */
/** @param {import('./networks.js').Network} network @param {string} owner */
export async function tokensWithBalances(network, owner) {
  const tokens = await watchedTokens(network.chainId);
  // One JSON-RPC batch per 50 tokens rather than a request each (50 tokens were 50 requests,
  // six at a time in the browser).
  const answers = await rpcBatch(network.rpcUrl, tokens.map((t) => balanceCall(t.address, owner)), 8000);
  return tokens.map((t, i) => {
    const answer = answers[i];
    try {
      if ('error' in answer) throw answer.error;
      return { address: t.address, symbol: t.symbol, decimals: t.decimals, balance: balanceFrom(answer.result, t.address).toString() };
    } catch (err) {
      return { address: t.address, symbol: t.symbol, decimals: t.decimals, balance: null, error: String(/** @type {any} */ (err)?.message ?? err) };
    }
  });
}

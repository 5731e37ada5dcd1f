// Contracts for the "Protection" tests: an ERC-20 with EIP-2612 permit, an ERC-721 and Permit2,
// on anvil, plus readers of their state and calldata builders for eth_sendTransaction from a page.
// Every function that talks to the chain takes an optional `url` (default: anvil on 8545).
import fs from 'node:fs';
import path from 'node:path';
import { AbiCoder, Interface, Signature, getAddress, keccak256, toUtf8Bytes } from 'ethers';
import { ROOT } from './harness.mjs';
import { chainRpc } from './anvil.mjs';
import { deployContract, sendAndWait } from './solidity.mjs';

/** Where Permit2 lives on every chain Uniswap deployed it to (CREATE2, same init code). */
export const PERMIT2_ADDRESS = '0x000000000022D473030F116dDEE9F6B43aC78BA3';
export const MAX_UINT256 = 2n ** 256n - 1n;
/** Permit2's amounts are uint160, its expirations and allowance nonces uint48. */
export const MAX_UINT160 = 2n ** 160n - 1n;
export const MAX_UINT48 = 2n ** 48n - 1n;

const ERC20 = new Interface([
  'function approve(address spender, uint256 amount) returns (bool)',
  'function increaseAllowance(address spender, uint256 added) returns (bool)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function transferFrom(address from, address to, uint256 amount) returns (bool)',
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function balanceOf(address owner) view returns (uint256)',
  'function nonces(address owner) view returns (uint256)',
  'function DOMAIN_SEPARATOR() view returns (bytes32)',
]);
const ERC721 = new Interface([
  'function mint(address to, uint256 tokenId)',
  'function minter() view returns (address)',
  'function approve(address to, uint256 tokenId)',
  'function setApprovalForAll(address operator, bool approved)',
  'function transferFrom(address from, address to, uint256 tokenId)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function getApproved(uint256 tokenId) view returns (address)',
  'function isApprovedForAll(address owner, address operator) view returns (bool)',
]);

let permit2Vector = null;
function permit2() {
  permit2Vector ??= JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/vectors/permit2.json'), 'utf8'));
  return permit2Vector;
}
let permit2Iface = null;
/** Permit2's ABI (from the compiled vector), as an ethers Interface. */
export function permit2Interface() {
  return (permit2Iface ??= new Interface(permit2().abi));
}

// ---- deploying --------------------------------------------------------------------------------

/** Deploys TestPermitToken; returns its address. The deployer holds the whole supply. Its EIP-712
 *  domain is {name, version: '1', chainId, verifyingContract: the address}. */
export async function deployPermitToken({ name = 'Permit Token', symbol = 'PMT', decimals = 18, supply = 10n ** 24n, from, url } = {}) {
  return deployContract('TestPermitToken.sol', 'TestPermitToken', [name, symbol, decimals, supply], { from, url });
}

/** Deploys TestNFT; returns its address. Only `from` (the deployer) can mint. */
export async function deployNFT({ name = 'Test NFT', symbol = 'TNFT', from, url } = {}) {
  return deployContract('TestNFT.sol', 'TestNFT', [name, symbol], { from, url });
}

/** Mints token `tokenId` of `nft` to `to`, sent by the NFT's deployer (read from the chain
 *  unless `from` is given). Returns the receipt. */
export async function mint(nft, to, tokenId, { from, url } = {}) {
  from ??= await read(nft, ERC721, 'minter', [], url);
  return sendTx({ from, to: nft, data: ERC721.encodeFunctionData('mint', [to, tokenId]), url, what: `mint #${tokenId}` });
}

/**
 * Permit2's runtime code as its constructor leaves it when deployed at `address` on chain
 * `chainId`: the vector's code with the two immutables written in (the chain id and the EIP-712
 * domain separator for {name: 'Permit2', chainId, verifyingContract: address}).
 */
export function permit2RuntimeCode(chainId, address = PERMIT2_ADDRESS) {
  const v = permit2();
  const coder = AbiCoder.defaultAbiCoder();
  const separator = keccak256(
    coder.encode(
      ['bytes32', 'bytes32', 'uint256', 'address'],
      [keccak256(toUtf8Bytes('EIP712Domain(string name,uint256 chainId,address verifyingContract)')), keccak256(toUtf8Bytes('Permit2')), chainId, address],
    ),
  );
  const values = { _CACHED_CHAIN_ID: coder.encode(['uint256'], [chainId]), _CACHED_DOMAIN_SEPARATOR: separator };
  const code = Buffer.from(v.runtimeCode.slice(2), 'hex');
  for (const [name, refs] of Object.entries(v.immutables)) {
    if (!values[name]) throw new Error(`permit2.json: unknown immutable ${name}`);
    for (const { start, length } of refs) Buffer.from(values[name].slice(2), 'hex').copy(code, start, 0, length);
  }
  return '0x' + code.toString('hex');
}

/**
 * Puts Permit2 at its canonical address with anvil_setCode, with immutables for the node's
 * chain id (so DOMAIN_SEPARATOR() is the one a real deployment there has). Returns the address.
 */
export async function installPermit2({ url } = {}) {
  const chainId = BigInt(await chainRpc('eth_chainId', [], url));
  await chainRpc('anvil_setCode', [PERMIT2_ADDRESS, permit2RuntimeCode(chainId)], url);
  return PERMIT2_ADDRESS;
}

// ---- sending and reading ----------------------------------------------------------------------

/** Sends a transaction from an unlocked anvil account and waits until it is mined; returns the
 *  receipt, throws if it reverted. */
export async function sendTx({ from, to, data, value, gas = '0x200000', url, what }) {
  const tx = { from, to, data, gas, ...(value !== undefined ? { value: '0x' + BigInt(value).toString(16) } : {}) };
  return sendAndWait(tx, { url, what: what ?? `transaction to ${to}` });
}

async function read(to, iface, fn, args, url) {
  const data = iface.encodeFunctionData(fn, args);
  const result = iface.decodeFunctionResult(fn, await chainRpc('eth_call', [{ to, data }, 'latest'], url));
  return result.length === 1 ? result[0] : result;
}

/** ERC-20 allowance (bigint). */
export const allowance = (token, owner, spender, { url } = {}) => read(token, ERC20, 'allowance', [owner, spender], url);
/** ERC-20 balance (bigint). */
export const balanceOf = (token, owner, { url } = {}) => read(token, ERC20, 'balanceOf', [owner], url);
/** EIP-2612 nonce the owner's next permit must carry (bigint). */
export const permitNonce = (token, owner, { url } = {}) => read(token, ERC20, 'nonces', [owner], url);
/** The contract's DOMAIN_SEPARATOR() (TestPermitToken or Permit2). */
export const domainSeparator = (contract, { url } = {}) => read(contract, ERC20, 'DOMAIN_SEPARATOR', [], url);
/** ERC-721 operator approval (boolean). */
export const isApprovedForAll = (nft, owner, operator, { url } = {}) => read(nft, ERC721, 'isApprovedForAll', [owner, operator], url);
/** ERC-721 owner (EIP-55 address). */
export const ownerOf = async (nft, tokenId, { url } = {}) => getAddress(await read(nft, ERC721, 'ownerOf', [tokenId], url));
/** ERC-721 single-token approval (EIP-55 address, the zero address if none). */
export const getApproved = async (nft, tokenId, { url } = {}) => getAddress(await read(nft, ERC721, 'getApproved', [tokenId], url));

/** Permit2 allowance of owner's `token` for `spender`: {amount: bigint, expiration: number,
 *  nonce: number} (nonce: the next PermitSingle/PermitBatch must carry it). */
export async function permit2Allowance(owner, token, spender, { url } = {}) {
  const [amount, expiration, nonce] = await read(PERMIT2_ADDRESS, permit2Interface(), 'allowance', [owner, token, spender], url);
  return { amount, expiration: Number(expiration), nonce: Number(nonce) };
}

// ---- calldata (hex strings for eth_sendTransaction's `data`) -----------------------------------

/** ERC-20 approve(spender, amount). */
export const approveData = (spender, amount) => ERC20.encodeFunctionData('approve', [spender, amount]);
/** ERC-20 increaseAllowance(spender, added). */
export const increaseAllowanceData = (spender, added) => ERC20.encodeFunctionData('increaseAllowance', [spender, added]);
/** ERC-20 transfer(to, amount). */
export const transferData = (to, amount) => ERC20.encodeFunctionData('transfer', [to, amount]);
/** ERC-721 / ERC-1155 setApprovalForAll(operator, approved). */
export const setApprovalForAllData = (operator, approved) => ERC721.encodeFunctionData('setApprovalForAll', [operator, approved]);
/** ERC-721 approve(to, tokenId) (the same selector as ERC-20 approve: 0x095ea7b3). */
export const nftApproveData = (to, tokenId) => ERC721.encodeFunctionData('approve', [to, tokenId]);
/** EIP-2612 permit(owner, spender, value, deadline, v, r, s) from a 65-byte signature. */
export function permitData(owner, spender, value, deadline, signature) {
  const { v, r, s } = Signature.from(signature);
  return ERC20.encodeFunctionData('permit', [owner, spender, value, deadline, v, r, s]);
}
/** Permit2 approve(token, spender, uint160 amount, uint48 expiration). */
export const permit2ApproveData = (token, spender, amount, expiration) =>
  permit2Interface().encodeFunctionData('approve', [token, spender, amount, expiration]);
/** Permit2 permit(owner, PermitSingle, signature); `permitSingle` is the `message` of typed.mjs
 *  permit2PermitSingle(). */
export const permit2PermitData = (owner, permitSingle, signature) =>
  permit2Interface().encodeFunctionData('permit(address,((address,uint160,uint48,uint48),address,uint256),bytes)', [owner, permitSingle, signature]);
/** Permit2 transferFrom(from, to, uint160 amount, token): a spender using its allowance. */
export const permit2TransferFromData = (from, to, amount, token) =>
  permit2Interface().encodeFunctionData('transferFrom(address,address,uint160,address)', [from, to, amount, token]);
/** Permit2 permitTransferFrom(PermitTransferFrom, {to, requestedAmount}, owner, signature), sent
 *  by the permit's spender; `permit` is the `message` of typed.mjs permit2TransferFrom(). */
export const permit2PermitTransferFromData = (permit, { to, requestedAmount }, owner, signature) =>
  permit2Interface().encodeFunctionData('permitTransferFrom(((address,uint256),uint256,uint256),(address,uint256),address,bytes)', [
    { permitted: permit.permitted, nonce: permit.nonce, deadline: permit.deadline },
    { to, requestedAmount },
    owner,
    signature,
  ]);

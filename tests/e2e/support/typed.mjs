// Typed data (EIP-712) that tests ask the wallet to sign with eth_signTypedData_v4: each builder
// returns { types, domain, primaryType, message } with EIP712Domain declared, integers as decimal
// strings and the chain id as a number, so it goes through JSON (page.evaluate) unchanged.
//
// The type definitions are those of the contracts and SDKs that use them:
// - EIP-2612 Permit: the EIP's type string, which TestPermitToken.sol hashes.
// - Permit2 PermitSingle, PermitTransferFrom: Uniswap's permit2-sdk (GitHub Uniswap/sdks
//   sdks/permit2-sdk/src/allowanceTransfer.ts and signatureTransfer.ts, last changed in commit
//   74d352469d4b7faeb7d52f5366e13c2dcc0def8d; the SDK's package.json there says 1.4.0); domain
//   {name: 'Permit2', chainId, verifyingContract} (its domain.ts), no version.
// - Seaport 1.6 OrderComponents: GitHub ProjectOpenSea/seaport eip-712-types/order.js and
//   domain.js (commit bb1bb3f43ae0f2e7006fff82110414c2a345e23a); name "Seaport" (Seaport.sol
//   _nameString), version "1.6" (seaport-types ConsiderationConstants.sol), enums from
//   seaport-types ConsiderationEnums.sol.
import { PERMIT2_ADDRESS } from './contracts.mjs';

export { PERMIT2_ADDRESS };
export const SEAPORT_1_6_ADDRESS = '0x0000000000000068F116a894984e2DB1123eB395';
export const ANVIL_CHAIN_ID = 31337;
/** 2100-01-01T00:00:00Z: the default deadline and expiration, so builders are deterministic. */
export const FAR_FUTURE = 4102444800;
const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
const ZERO_BYTES32 = '0x' + '00'.repeat(32);

/** Seaport ItemType and OrderType (uint8 in the typed data). */
export const ITEM_TYPE = { NATIVE: 0, ERC20: 1, ERC721: 2, ERC1155: 3, ERC721_WITH_CRITERIA: 4, ERC1155_WITH_CRITERIA: 5 };
export const ORDER_TYPE = { FULL_OPEN: 0, PARTIAL_OPEN: 1, FULL_RESTRICTED: 2, PARTIAL_RESTRICTED: 3, CONTRACT: 4 };

const dec = (x) => BigInt(x).toString();

const PERMIT2_DOMAIN_TYPE = [
  { name: 'name', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];
const FULL_DOMAIN_TYPE = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];

/**
 * EIP-2612 Permit for TestPermitToken (or any EIP-2612 token whose domain is {name, version,
 * chainId, verifyingContract}). `name` must be the token's name (deployPermitToken's default is
 * 'Permit Token'); `nonce` the token's nonces(owner).
 */
export function eip2612Permit({ token, name = 'Permit Token', version = '1', chainId = ANVIL_CHAIN_ID, owner, spender, value, nonce = 0, deadline = FAR_FUTURE }) {
  return {
    types: {
      EIP712Domain: FULL_DOMAIN_TYPE,
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    domain: { name, version, chainId, verifyingContract: token },
    primaryType: 'Permit',
    message: { owner, spender, value: dec(value), nonce: dec(nonce), deadline: dec(deadline) },
  };
}

/**
 * Permit2 AllowanceTransfer PermitSingle, for permit(owner, permitSingle, signature): lets
 * `spender` pull up to `amount` (uint160) of `token` until `expiration` (uint48). `nonce` is
 * the allowance's nonce (contracts.mjs permit2Allowance().nonce); `sigDeadline` bounds the
 * signature itself.
 */
export function permit2PermitSingle({ token, amount, expiration = FAR_FUTURE, nonce = 0, spender, sigDeadline = FAR_FUTURE, chainId = ANVIL_CHAIN_ID, permit2 = PERMIT2_ADDRESS }) {
  return {
    types: {
      EIP712Domain: PERMIT2_DOMAIN_TYPE,
      PermitSingle: [
        { name: 'details', type: 'PermitDetails' },
        { name: 'spender', type: 'address' },
        { name: 'sigDeadline', type: 'uint256' },
      ],
      PermitDetails: [
        { name: 'token', type: 'address' },
        { name: 'amount', type: 'uint160' },
        { name: 'expiration', type: 'uint48' },
        { name: 'nonce', type: 'uint48' },
      ],
    },
    domain: { name: 'Permit2', chainId, verifyingContract: permit2 },
    primaryType: 'PermitSingle',
    message: {
      details: { token, amount: dec(amount), expiration: dec(expiration), nonce: dec(nonce) },
      spender,
      sigDeadline: dec(sigDeadline),
    },
  };
}

/**
 * Permit2 SignatureTransfer PermitTransferFrom: `spender` may transfer up to `amount` of
 * `token` once, with permitTransferFrom(...) before `deadline`. `nonce` is an unordered nonce
 * (any unused uint256; Permit2 keeps a bitmap).
 */
export function permit2TransferFrom({ token, amount, spender, nonce = 0, deadline = FAR_FUTURE, chainId = ANVIL_CHAIN_ID, permit2 = PERMIT2_ADDRESS }) {
  return {
    types: {
      EIP712Domain: PERMIT2_DOMAIN_TYPE,
      PermitTransferFrom: [
        { name: 'permitted', type: 'TokenPermissions' },
        { name: 'spender', type: 'address' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
      TokenPermissions: [
        { name: 'token', type: 'address' },
        { name: 'amount', type: 'uint256' },
      ],
    },
    domain: { name: 'Permit2', chainId, verifyingContract: permit2 },
    primaryType: 'PermitTransferFrom',
    message: { permitted: { token, amount: dec(amount) }, spender, nonce: dec(nonce), deadline: dec(deadline) },
  };
}

const SEAPORT_TYPES = {
  EIP712Domain: FULL_DOMAIN_TYPE,
  OrderComponents: [
    { name: 'offerer', type: 'address' },
    { name: 'zone', type: 'address' },
    { name: 'offer', type: 'OfferItem[]' },
    { name: 'consideration', type: 'ConsiderationItem[]' },
    { name: 'orderType', type: 'uint8' },
    { name: 'startTime', type: 'uint256' },
    { name: 'endTime', type: 'uint256' },
    { name: 'zoneHash', type: 'bytes32' },
    { name: 'salt', type: 'uint256' },
    { name: 'conduitKey', type: 'bytes32' },
    { name: 'counter', type: 'uint256' },
  ],
  OfferItem: [
    { name: 'itemType', type: 'uint8' },
    { name: 'token', type: 'address' },
    { name: 'identifierOrCriteria', type: 'uint256' },
    { name: 'startAmount', type: 'uint256' },
    { name: 'endAmount', type: 'uint256' },
  ],
  ConsiderationItem: [
    { name: 'itemType', type: 'uint8' },
    { name: 'token', type: 'address' },
    { name: 'identifierOrCriteria', type: 'uint256' },
    { name: 'startAmount', type: 'uint256' },
    { name: 'endAmount', type: 'uint256' },
    { name: 'recipient', type: 'address' },
  ],
};

const item = ({ itemType, token = ZERO_ADDRESS, identifierOrCriteria = 0, startAmount, endAmount = startAmount }) => ({
  itemType,
  token,
  identifierOrCriteria: dec(identifierOrCriteria),
  startAmount: dec(startAmount),
  endAmount: dec(endAmount),
});

/**
 * A Seaport 1.6 OrderComponents. `offer` and `consideration` are arrays of {itemType, token,
 * identifierOrCriteria, startAmount, endAmount?} (consideration items also `recipient`); the
 * other fields default to an open order with no zone and no conduit, valid from 0 to FAR_FUTURE.
 */
export function seaportOrder({
  offerer,
  offer,
  consideration,
  zone = ZERO_ADDRESS,
  orderType = ORDER_TYPE.FULL_OPEN,
  startTime = 0,
  endTime = FAR_FUTURE,
  zoneHash = ZERO_BYTES32,
  salt = 0,
  conduitKey = ZERO_BYTES32,
  counter = 0,
  chainId = ANVIL_CHAIN_ID,
  seaport = SEAPORT_1_6_ADDRESS,
}) {
  return {
    types: SEAPORT_TYPES,
    domain: { name: 'Seaport', version: '1.6', chainId, verifyingContract: seaport },
    primaryType: 'OrderComponents',
    message: {
      offerer,
      zone,
      offer: offer.map(item),
      consideration: consideration.map((c) => ({ ...item(c), recipient: c.recipient })),
      orderType,
      startTime: dec(startTime),
      endTime: dec(endTime),
      zoneHash,
      salt: dec(salt),
      conduitKey,
      counter: dec(counter),
    },
  };
}

/**
 * The drainer's order: the signer (offerer) offers ERC-721 `tokenId` of `nft` and receives
 * nothing. With `receiver` (the attacker), the only consideration item is 1 wei of the native
 * coin to `receiver`: the usual shape of a "free listing" phishing signature, which the attacker
 * fulfils paying only himself. Without `receiver`, the consideration is empty.
 */
export function seaportGiveawayOrder({ offerer, nft, tokenId, receiver, ...rest }) {
  return seaportOrder({
    offerer,
    offer: [{ itemType: ITEM_TYPE.ERC721, token: nft, identifierOrCriteria: tokenId, startAmount: 1 }],
    consideration: receiver ? [{ itemType: ITEM_TYPE.NATIVE, startAmount: 1, recipient: receiver }] : [],
    ...rest,
  });
}

/** A benign listing: the signer offers ERC-721 `tokenId` of `nft` for `price` wei of the native
 *  coin, paid to the signer. */
export function seaportSaleOrder({ offerer, nft, tokenId, price, ...rest }) {
  return seaportOrder({
    offerer,
    offer: [{ itemType: ITEM_TYPE.ERC721, token: nft, identifierOrCriteria: tokenId, startAmount: 1 }],
    consideration: [{ itemType: ITEM_TYPE.NATIVE, startAmount: price, recipient: offerer }],
    ...rest,
  });
}

/** The same data as ethers' signTypedData / verifyTypedData / TypedDataEncoder take it
 *  (ethers derives EIP712Domain from the domain itself and refuses it in `types`). */
export function forEthers({ types, domain, message }) {
  const { EIP712Domain, ...rest } = types;
  return { domain, types: rest, message };
}

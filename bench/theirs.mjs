// The same operations with the JavaScript libraries a JS wallet ships (MetaMask, Rabby):
// bundled for the page by esbuild (bench/run.mjs). Each function takes the same inputs as our
// WASM side and returns a comparable output, so the page can check both agree before timing.

import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { SigningKey, Transaction, TypedDataEncoder } from 'ethers';
import * as passworder from '@metamask/browser-passworder';

/** BIP-39: validate, then PBKDF2-HMAC-SHA512 x2048 (@scure/bip39). */
export function phraseToSeed(phrase) {
  if (!validateMnemonic(phrase, wordlist)) throw new Error('invalid phrase');
  return mnemonicToSeedSync(phrase);
}

/** EIP-55 of 20 address bytes, as ethereumjs-util/ethers do it: keccak of the lowercase hex. */
function checksum(addressBytes) {
  const hex = bytesToHex(addressBytes);
  const hash = bytesToHex(keccak_256(new TextEncoder().encode(hex)));
  let out = '0x';
  for (let i = 0; i < 40; i++) out += parseInt(hash[i], 16) >= 8 ? hex[i].toUpperCase() : hex[i];
  return out;
}

/** m/44'/60'/0'/0/0..count-1 from the seed (@scure/bip32), each with its EIP-55 address. */
export function deriveAddresses(seed, count) {
  const node = HDKey.fromMasterSeed(seed).derive("m/44'/60'/0'/0");
  const out = [];
  for (let i = 0; i < count; i++) {
    const child = node.deriveChild(i);
    // the child's compressed public key is already computed: decompress (cheaper than a
    // second multiplication), then keccak of x‖y
    const full = secp256k1.Point.fromBytes(child.publicKey).toBytes(false);
    out.push(checksum(keccak_256(full.subarray(1)).subarray(12)));
  }
  return out;
}

/** secp256k1 RFC 6979 signature of a 32-byte digest (@noble/curves): 0x r‖s‖v, v = 27/28. */
export function signDigest(key, digest) {
  const sig = secp256k1.sign(digest, key, { prehash: false, format: 'recovered' });
  // 'recovered' is recovery‖r‖s
  return '0x' + bytesToHex(sig.subarray(1)) + (27 + sig[0]).toString(16);
}

/** keccak-256 (@noble/hashes). */
export function keccak256(data) {
  return keccak_256(data);
}

/** An ethers 6 signing key. */
export function signingKey(keyHex) {
  return new SigningKey(keyHex);
}

/** eth_signTypedData_v4 as a JS wallet does it with ethers 6: parse, hash, sign. */
export function signTypedData(key, typedDataJson) {
  const td = JSON.parse(typedDataJson);
  const types = { ...td.types };
  delete types.EIP712Domain;
  const digest = TypedDataEncoder.hash(td.domain, types, td.message);
  return key.sign(digest).serialized;
}

/** An EIP-1559 transaction from JSON-RPC fields, signed with ethers 6: { raw, hash }. */
export function signTransaction(key, txJson) {
  const f = JSON.parse(txJson);
  const tx = Transaction.from({
    type: 2,
    chainId: BigInt(f.chainId),
    nonce: Number(BigInt(f.nonce)),
    gasLimit: BigInt(f.gas),
    maxFeePerGas: BigInt(f.maxFeePerGas),
    maxPriorityFeePerGas: BigInt(f.maxPriorityFeePerGas),
    to: f.to,
    value: BigInt(f.value),
    data: f.data,
  });
  tx.signature = key.sign(tx.unsignedHash);
  return { raw: tx.serialized, hash: tx.hash };
}

/** MetaMask's vault (@metamask/browser-passworder: PBKDF2-SHA256 in WebCrypto + AES-GCM). */
export function passworderEncrypt(password, data, iterations) {
  return passworder.encrypt(password, data, undefined, undefined, {
    algorithm: 'PBKDF2',
    params: { iterations },
  });
}

/** MetaMask's unlock: reads the iterations from the vault's keyMetadata. */
export function passworderDecrypt(password, vault) {
  return passworder.decrypt(password, vault);
}

/** Our vault's KDF in JavaScript (@noble/hashes scrypt), for the same work in JS. */
export function scryptKdf(password, salt, logN, r, p) {
  return scrypt(password, salt, { N: 2 ** logN, r, p, dkLen: 32 });
}

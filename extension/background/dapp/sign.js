// personal_sign (EIP-191) and eth_signTypedData_v3/v4 (EIP-712): checked, shown to the person
// as readable text or a tree, signed in the WASM core after approval.

import { core } from '../core.js';
import { Codes, RpcError } from '../errors.js';
import { requestApproval } from '../approvals.js';
import { requireUnlocked } from '../vault.js';
import { permittedAccounts } from '../permissions.js';
import { judgeTypedData } from '../risk/judge.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HEX = /^0x([0-9a-fA-F]{2})*$/;
/** Control characters other than tab, line feed and carriage return: such bytes are not text. */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

/** @param {string} address @param {string} origin */
async function signerFor(address, origin) {
  if (typeof address !== 'string' || !ADDRESS.test(address)) {
    throw new RpcError(Codes.invalidParams, 'the account must be a 20-byte 0x-hex address');
  }
  // The stored permission, not the unlocked state: when locked the window asks to unlock first.
  const match = (await permittedAccounts(origin)).find((a) => a.toLowerCase() === address.toLowerCase());
  if (!match) throw new RpcError(Codes.unauthorized, `${origin} has no permission for the account ${address}`);
  return match;
}

/**
 * A message as text if it is UTF-8 without control characters; else null (it is shown as hex,
 * and signing it is blind). The approval window marks the text's hidden characters.
 * @param {Uint8Array} bytes
 */
export function readableText(bytes) {
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return CONTROL.test(text) ? null : text;
}

/** EIP-4361 fields when the text is a Sign-In with Ethereum message. */
/** @param {string} text */
export function parseSiwe(text) {
  const head = /^(?:(?<scheme>[a-z][a-z0-9+.-]*):\/\/)?(?<domain>[^\s/]+) wants you to sign in with your Ethereum account:\n(?<address>0x[0-9a-fA-F]{40})\n/.exec(text);
  if (!head?.groups) return null;
  const field = (/** @type {string} */ name) => new RegExp(`^${name}: (.+)$`, 'm').exec(text)?.[1] ?? null;
  const statement = /\n\n([^\n]+)\n\n/.exec(text)?.[1] ?? null;
  return {
    scheme: head.groups.scheme ?? null,
    domain: head.groups.domain,
    address: head.groups.address,
    statement,
    uri: field('URI'),
    chainId: field('Chain ID'),
    nonce: field('Nonce'),
    issuedAt: field('Issued At'),
  };
}

const toHex = (/** @type {Uint8Array} */ bytes) => '0x' + [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (/** @type {string} */ hex) => Uint8Array.from(hex.slice(2).match(/../g) ?? [], (h) => parseInt(h, 16));

/** @param {import('../methods.js').Context} ctx */
export async function personalSign(ctx) {
  const [message, address] = ctx.params;
  if (typeof message !== 'string') throw new RpcError(Codes.invalidParams, 'personal_sign: the message must be a string');
  // dApps send hex; some send plain text, which MetaMask also accepts.
  const bytes = HEX.test(message) ? fromHex(message) : new TextEncoder().encode(message);
  const signer = await signerFor(address, ctx.origin);
  const text = readableText(bytes);
  const siwe = text === null ? null : parseSiwe(text);
  const warnings = [];
  // Bytes that are not text (a 32-byte hash above all) can be anything: a Safe accepts an
  // EIP-191 signature of its safeTxHash as an owner's approval of the transaction.
  if (text === null) warnings.push({ code: 'blind-signature', severity: 'high', bytes: bytes.length });
  if (siwe) {
    const host = new URL(ctx.origin).host;
    if (siwe.domain !== host) warnings.push({ code: 'siwe-domain-mismatch', severity: 'high', domain: siwe.domain, origin: ctx.origin });
    if (siwe.address.toLowerCase() !== signer.toLowerCase()) warnings.push({ code: 'siwe-address-mismatch', severity: 'medium' });
  }
  return requestApproval(ctx, 'personal_sign', { address: signer, messageHex: toHex(bytes), text, siwe, warnings });
}

/** @param {any} approval */
export async function approvePersonalSign(approval) {
  const w = await requireUnlocked();
  return w.personalSign(approval.payload.address, approval.payload.messageHex);
}

/**
 * eth_signTypedData_v3 / _v4. The core parses and prepares the request (`prepareTypedData`):
 * the digest, and the domain and message as trees of exactly what is hashed. JavaScript never
 * parses typed data: the window shows only the core's tree, and the chain check uses the chain
 * id the core says the signature is bound to.
 * @param {import('../methods.js').Context} ctx
 */
export async function signTypedData(ctx) {
  const version = ctx.method === 'eth_signTypedData_v3' ? 'v3' : 'v4';
  const [address, data] = ctx.params;
  const signer = await signerFor(address, ctx.origin);
  // As the page sent it: JSON text, or an object (which the relay already made plain data).
  const json = typeof data === 'string' ? data : JSON.stringify(data);
  const prepared = (await core()).prepareTypedData(json, version); // TYPED_DATA_INVALID → -32602
  const active = BigInt(ctx.network.chainId);
  if (prepared.chainId !== null && BigInt(prepared.chainId) !== active) {
    throw new RpcError(Codes.invalidParams, `the typed data's domain chainId ${prepared.chainId} does not match the active chain ${active}`);
  }
  /** @type {Array<Record<string, unknown>>} */
  const warnings = [];
  if (prepared.chainId === null) warnings.push({ code: 'no-chain-binding', severity: 'medium' });
  if (prepared.undeclared.length > 0) {
    warnings.push({ code: 'undeclared-fields', severity: 'medium', fields: prepared.undeclared.slice(0, 20).join(', ') });
  }
  // What it is (a permit, a Permit2 signature, a marketplace order) and whether it drains.
  const judged = await judgeTypedData(ctx.network.rpcUrl, json, version, signer).catch((err) => {
    console.warn('risk: the typed data was not judged', err?.code ?? err?.name);
    return { kind: 'other', warnings: [] };
  });
  warnings.unshift(...judged.warnings);
  return requestApproval(ctx, 'typed_data', { address: signer, version, json, prepared, kind: judged.kind, warnings });
}

/** @param {any} approval */
export async function approveTypedData(approval) {
  const w = await requireUnlocked();
  const { address, json, version, prepared } = approval.payload;
  // What is signed must be what was shown: the core prepares the same text again.
  if ((await core()).prepareTypedData(json, version).digest !== prepared.digest) {
    throw new RpcError(Codes.internal, 'the typed data changed between display and signing; nothing was signed');
  }
  return w.signTypedData(address, json, version);
}

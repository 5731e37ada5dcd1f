// Shape and size checks for the parameters of every provider method. Nothing malformed is
// forwarded to an RPC endpoint or queued for the person: it is refused here with -32602 and a
// message that says which parameter is wrong and why. Sizes are bounded before anything is
// stored: a page must not fill the approval queue (and the session storage beside it).

import { invalidParams } from './errors.js';

const HEX = /^0x[0-9a-fA-F]*$/;
const QUANTITY = /^0x(0|[1-9a-fA-F][0-9a-fA-F]{0,63})$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;
const BLOCK_TAGS = new Set(['latest', 'earliest', 'pending', 'safe', 'finalized']);

const isObject = (/** @type {unknown} */ v) => v !== null && typeof v === 'object' && !Array.isArray(v);

const KiB = 1024;
/** Everything a request carries. */
export const MAX_PARAMS_BYTES = 1024 * KiB;
/** A personal_sign message, in bytes. */
export const MAX_MESSAGE_BYTES = 64 * KiB;
/** Typed data, as JSON text. */
export const MAX_TYPED_DATA_BYTES = 256 * KiB;
/** A transaction's data (the largest a node's pool accepts is 128 KB). */
export const MAX_TX_DATA_BYTES = 128 * KiB;

/** @param {number} n */
const kib = (n) => `${Math.round(n / KiB)} KiB`;

/** Bytes of a personal_sign message: 0x-hex, or text (UTF-8). @param {string} v */
const messageBytes = (v) => (/^0x([0-9a-fA-F]{2})*$/.test(v) ? (v.length - 2) / 2 : new TextEncoder().encode(v).length);

/** @type {Record<string, (v: unknown) => string | null>} a checker returns a problem or null */
const CHECKS = {
  address: (v) => (typeof v === 'string' && ADDRESS.test(v) ? null : 'must be a 20-byte 0x-hex address'),
  quantity: (v) => (typeof v === 'string' && QUANTITY.test(v) ? null : 'must be a 0x-hex quantity without leading zeros'),
  hash: (v) => (typeof v === 'string' && HASH.test(v) ? null : 'must be a 32-byte 0x-hex hash'),
  data: (v) => (typeof v === 'string' && HEX.test(v) && v.length % 2 === 0 ? null : 'must be 0x-hex bytes'),
  bool: (v) => (typeof v === 'boolean' ? null : 'must be true or false'),
  block: (v) => {
    if (typeof v === 'string' && (BLOCK_TAGS.has(v) || QUANTITY.test(v))) return null;
    const o = /** @type {any} */ (v);
    if (isObject(o) && (typeof o.blockHash === 'string' || typeof o.blockNumber === 'string')) return null;
    return 'must be a block number (0x-hex) or one of latest, earliest, pending, safe, finalized';
  },
  call: (v) => {
    if (!isObject(v)) return 'must be a transaction call object';
    const o = /** @type {Record<string, unknown>} */ (v);
    for (const f of ['from', 'to']) {
      if (o[f] != null && CHECKS.address(o[f])) return `field "${f}" ${CHECKS.address(o[f])}`;
    }
    for (const f of ['gas', 'gasPrice', 'maxFeePerGas', 'maxPriorityFeePerGas', 'value', 'nonce']) {
      if (o[f] != null && CHECKS.quantity(o[f])) return `field "${f}" ${CHECKS.quantity(o[f])}`;
    }
    for (const f of ['data', 'input']) {
      if (o[f] != null && CHECKS.data(o[f])) return `field "${f}" ${CHECKS.data(o[f])}`;
    }
    return null;
  },
  transaction: (v) => {
    const problem = CHECKS.call(v);
    if (problem) return problem;
    const o = /** @type {Record<string, unknown>} */ (v);
    const data = typeof o.data === 'string' ? o.data : typeof o.input === 'string' ? o.input : '0x';
    return (data.length - 2) / 2 > MAX_TX_DATA_BYTES ? `field "data" is larger than ${kib(MAX_TX_DATA_BYTES)}` : null;
  },
  message: (v) => {
    if (typeof v !== 'string') return 'must be a string (0x-hex bytes or text)';
    return messageBytes(v) > MAX_MESSAGE_BYTES ? `is larger than ${kib(MAX_MESSAGE_BYTES)} (${messageBytes(v)} bytes)` : null;
  },
  typedData: (v) => {
    if (!((typeof v === 'string' && v.length > 0) || isObject(v))) return 'must be EIP-712 typed data (JSON text or an object)';
    const size = typeof v === 'string' ? v.length : JSON.stringify(v).length;
    return size > MAX_TYPED_DATA_BYTES ? `is larger than ${kib(MAX_TYPED_DATA_BYTES)} of JSON` : null;
  },
  filter: (v) => (isObject(v) ? null : 'must be a filter object'),
  object: (v) => (isObject(v) ? null : 'must be an object'),
  string: (v) => (typeof v === 'string' ? null : 'must be a string'),
  any: () => null,
  percentiles: (v) =>
    Array.isArray(v) && v.every((x) => typeof x === 'number' && x >= 0 && x <= 100)
      ? null
      : 'must be an array of numbers between 0 and 100',
};

/**
 * Checks positional params against a spec like ['address', 'block?'] and returns them as an array.
 * @param {string} method
 * @param {string[]} spec
 * @param {unknown} params
 * @returns {unknown[]}
 */
export function checkParams(method, spec, params) {
  let size;
  try {
    size = JSON.stringify(params ?? null).length;
  } catch {
    throw invalidParams(`${method}: params must be JSON values`);
  }
  if (size > MAX_PARAMS_BYTES) throw invalidParams(`${method}: params are larger than ${kib(MAX_PARAMS_BYTES)}`);
  // EIP-747 (wallet_watchAsset) takes its params as one object, not a list.
  if (spec.length === 1 && spec[0] === 'named') {
    const named = Array.isArray(params) && params.length === 1 ? params[0] : params;
    if (!isObject(named)) throw invalidParams(`${method}: params must be an object`);
    return [named];
  }
  const list = params === undefined ? [] : params;
  if (!Array.isArray(list)) throw invalidParams(`${method}: params must be an array`);
  const required = spec.filter((s) => !s.endsWith('?')).length;
  if (list.length < required || list.length > spec.length) {
    const expected = required === spec.length ? `${required}` : `${required} to ${spec.length}`;
    throw invalidParams(`${method}: expected ${expected} parameters, got ${list.length}`);
  }
  list.forEach((value, i) => {
    const kind = spec[i].replace('?', '');
    const check = CHECKS[kind];
    const problem = check ? check(value) : `unknown parameter kind ${kind}`;
    if (problem) throw invalidParams(`${method}: parameter ${i + 1} ${problem}`);
  });
  return list;
}

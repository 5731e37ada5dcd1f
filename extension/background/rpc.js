// JSON-RPC to a network's endpoint, which is treated as untrusted. Never hangs: one deadline
// covers the whole exchange (connecting, the headers and the whole body). Never follows a
// redirect. Never reads more than MAX_RESPONSE_BYTES. Every result is checked for the type its
// method must return before anyone uses it. Every failure is a -32603 error naming the endpoint
// (scheme, host and port only: a path or query may hold the person's API key) and the reason,
// with `data.rpcReason` for the wallet's pages.

import { Codes, RpcError } from './errors.js';
import { hostOf, logEvent } from './doctor/log.js';

export const RPC_TIMEOUT_MS = 15_000;
/** An answer larger than this is refused (eth_getLogs over a wide range can be large). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Error text from an endpoint is cut to this length. */
const MAX_ERROR_TEXT = 500;
let nextId = 1;

/** What a page or our code may read as the endpoint's name: its origin. @param {string} url */
export function endpointName(url) {
  try {
    return new URL(url).origin;
  } catch {
    return 'the RPC endpoint';
  }
}

const QUANTITY = /^0x[0-9a-fA-F]{1,64}$/;
const DATA = /^0x[0-9a-fA-F]*$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** @typedef {(v: any) => boolean} Check */
/** @type {Check} */ const quantity = (v) => typeof v === 'string' && QUANTITY.test(v);
/** @type {Check} */ const data = (v) => typeof v === 'string' && DATA.test(v);
/** @type {Check} */ const hash = (v) => typeof v === 'string' && HASH.test(v);
/** @param {Check} c @returns {Check} */ const nullable = (c) => (v) => v === null || c(v);
/** @param {Check} c @returns {Check} */ const optional = (c) => (v) => v === undefined || v === null || c(v);
/** @type {Check} */ const object = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** @param {Check} c @returns {Check} */ const arrayOf = (c) => (v) => Array.isArray(v) && v.every(c);

/** @type {Check} */
const block = (v) =>
  object(v) &&
  optional(quantity)(v.number) &&
  optional(hash)(v.hash) &&
  optional(quantity)(v.baseFeePerGas) &&
  optional(quantity)(v.timestamp) &&
  (v.transactions === undefined || Array.isArray(v.transactions));
/** @type {Check} */
const transaction = (v) => object(v) && hash(v.hash) && quantity(v.nonce) && optional(quantity)(v.blockNumber) && optional((a) => ADDRESS.test(a))(v.from);
/** @type {Check} */
const receipt = (v) =>
  object(v) && hash(v.transactionHash) && quantity(v.blockNumber) && optional(quantity)(v.status) && optional(quantity)(v.gasUsed);
/** @type {Check} */
const log = (v) => object(v) && typeof v.address === 'string' && ADDRESS.test(v.address) && arrayOf(data)(v.topics) && data(v.data);
/** @type {Check} */
const feeHistory = (v) =>
  object(v) && arrayOf(quantity)(v.baseFeePerGas) && optional(arrayOf(arrayOf(quantity)))(v.reward) && optional(quantity)(v.oldestBlock);

/** The type each method's result must have, and how to name it in an error. */
/** @type {Record<string, [Check, string]>} */
const RESULTS = {
  eth_chainId: [quantity, 'a quantity'],
  eth_blockNumber: [quantity, 'a quantity'],
  eth_gasPrice: [quantity, 'a quantity'],
  eth_maxPriorityFeePerGas: [quantity, 'a quantity'],
  eth_getBalance: [quantity, 'a quantity'],
  eth_getTransactionCount: [quantity, 'a quantity'],
  eth_estimateGas: [quantity, 'a quantity'],
  eth_getCode: [data, 'hex data'],
  eth_getStorageAt: [data, 'hex data'],
  eth_call: [data, 'hex data'],
  eth_sendRawTransaction: [hash, 'a 32-byte transaction hash'],
  eth_getBlockByNumber: [nullable(block), 'a block object or null'],
  eth_getBlockByHash: [nullable(block), 'a block object or null'],
  eth_getTransactionByHash: [nullable(transaction), 'a transaction object or null'],
  eth_getTransactionReceipt: [nullable(receipt), 'a receipt object or null'],
  eth_getLogs: [arrayOf(log), 'a list of logs'],
  eth_feeHistory: [feeHistory, 'a fee history object'],
  eth_syncing: [(v) => typeof v === 'boolean' || object(v), 'a boolean or a sync status'],
  web3_clientVersion: [(v) => typeof v === 'string' && v.length <= 1024, 'a version string'],
  net_version: [(v) => typeof v === 'string' && /^\d{1,20}$/.test(v), 'a decimal chain id'],
};

/**
 * Error codes an endpoint may pass on to a page: a revert (3), a server error (-32000 to
 * -32099) and the JSON-RPC ones. Anything else (4001 "user rejected", 4100...) would lie to the
 * page about the wallet, so it becomes -32603.
 * @param {unknown} code
 */
const passableCode = (code) =>
  Number.isInteger(code) && (code === 3 || (Number(code) <= -32000 && Number(code) >= -32099) || [-32700, -32600, -32601, -32602, -32603].includes(Number(code)));

/**
 * @param {string} url @param {string} reason a stable code for the wallet's pages
 * @param {string} text @param {Record<string, unknown>} [extra]
 */
const failure = (url, reason, text, extra = {}) =>
  new RpcError(Codes.internal, `RPC endpoint ${endpointName(url)} ${text}`, { rpcReason: reason, ...extra });

/**
 * Reads a body up to `limit` bytes; the signal's deadline aborts a body that stalls.
 * @param {Response} response @param {number} limit @returns {Promise<string | null>} null when too large
 */
async function readLimited(response, limit) {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return new TextDecoder().decode(all);
}

/**
 * @param {string} url
 * @param {string} method
 * @param {unknown[]} params
 * @param {number} [timeoutMs] the deadline for the whole exchange
 */
export async function rpcCall(url, method, params, timeoutMs = RPC_TIMEOUT_MS) {
  try {
    return await exchange(url, method, params, timeoutMs);
  } catch (err) {
    // The diagnostic log: the endpoint's host and what went wrong, never the URL's path.
    const reason = /** @type {any} */ (err)?.data?.rpcReason;
    logEvent('rpc-error', { host: hostOf(url), method, code: reason ?? /** @type {any} */ (err)?.code });
    throw err;
  }
}

/** One exchange with the endpoint (rpcCall's body). @param {string} url @param {string} method @param {unknown[]} params @param {number} timeoutMs */
async function exchange(url, method, params, timeoutMs) {
  return checkedAnswer(url, method, await post(url, { jsonrpc: '2.0', id: nextId++, method, params }, timeoutMs));
}

/**
 * Posts a JSON-RPC body and parses the answer: the transport half of an exchange, under one
 * deadline, never following a redirect, never reading more than MAX_RESPONSE_BYTES.
 * @param {string} url @param {unknown} payload @param {number} timeoutMs @returns {Promise<unknown>}
 */
async function post(url, payload, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const late = () => failure(url, 'timeout', `did not answer within ${timeoutMs / 1000} s`);
  let text;
  try {
    let response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
        referrerPolicy: 'no-referrer',
      });
    } catch (err) {
      if (controller.signal.aborted) throw late();
      throw failure(url, 'unreachable', `is unreachable (or redirected elsewhere, which the wallet does not follow): ${String(/** @type {any} */ (err)?.message ?? err).slice(0, 200)}`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw failure(url, 'http', `answered HTTP ${response.status}`, { status: response.status });
    }
    try {
      text = await readLimited(response, MAX_RESPONSE_BYTES);
    } catch {
      throw controller.signal.aborted ? late() : failure(url, 'unreachable', 'broke off its answer');
    }
    if (text === null) throw failure(url, 'too-large', `answered more than ${MAX_RESPONSE_BYTES / (1024 * 1024)} MiB`);
  } finally {
    clearTimeout(timer);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw failure(url, 'not-json', 'answered something that is not JSON');
  }
}

/**
 * One answer object checked: an error passed on (JSON-RPC server codes only) or a result of
 * the type its method must return.
 * @param {string} url @param {string} method @param {any} body
 */
function checkedAnswer(url, method, body) {
  if (body && typeof body === 'object' && body.error) {
    const { code, message, data: errorData } = body.error;
    const detail = String(message ?? 'RPC error').slice(0, MAX_ERROR_TEXT);
    if (!passableCode(code)) throw failure(url, 'error', `answered with an error: ${detail}`);
    const small = errorData === undefined || JSON.stringify(errorData).length <= 64 * 1024;
    throw new RpcError(/** @type {number} */ (code), detail, small ? errorData : undefined);
  }
  if (!body || typeof body !== 'object' || !('result' in body)) {
    throw failure(url, 'bad-result', 'answered without a result');
  }
  const expected = RESULTS[method];
  if (expected && !expected[0](body.result)) {
    throw failure(url, 'bad-result', `answered ${method} with something that is not ${expected[1]}`);
  }
  return body.result;
}

/** Most calls per batch: 50 tokens in one request (public endpoints commonly take 100 or more; a
 * refused batch falls back to single calls, and larger lists go in several). */
export const MAX_BATCH = 50;

/**
 * Several calls in JSON-RPC batches of at most MAX_BATCH (one HTTP request each instead of one
 * per call), each answer matched by its id and checked as rpcCall checks one. An endpoint that
 * refuses batches, or answers a batch with anything but an array, gets the calls one by one.
 * Never throws: each call's outcome is `{ result }` or `{ error }`, in the order given.
 * @param {string} url
 * @param {{ method: string, params: unknown[] }[]} calls
 * @param {number} [timeoutMs] the deadline for each batch
 * @returns {Promise<({ result: any } | { error: any })[]>}
 */
export async function rpcBatch(url, calls, timeoutMs = RPC_TIMEOUT_MS) {
  /** @type {Promise<({ result: any } | { error: any })[]>[]} */
  const parts = [];
  for (let i = 0; i < calls.length; i += MAX_BATCH) parts.push(batchOnce(url, calls.slice(i, i + MAX_BATCH), timeoutMs));
  return (await Promise.all(parts)).flat();
}

/** @param {string} url @param {{ method: string, params: unknown[] }[]} calls @param {number} timeoutMs */
async function batchOnce(url, calls, timeoutMs) {
  const one = (/** @type {{ method: string, params: unknown[] }} */ c) =>
    rpcCall(url, c.method, c.params, timeoutMs).then(
      (result) => ({ result }),
      (error) => ({ error }),
    );
  if (calls.length === 1) return [await one(calls[0])];
  const ids = calls.map(() => nextId++);
  let answer;
  try {
    answer = await post(url, calls.map((c, i) => ({ jsonrpc: '2.0', id: ids[i], method: c.method, params: c.params })), timeoutMs);
  } catch (err) {
    const reason = /** @type {any} */ (err)?.data?.rpcReason;
    // The endpoint itself failed (gone, too slow, too large): every call failed with it.
    if (reason === 'unreachable' || reason === 'timeout' || reason === 'too-large') {
      logEvent('rpc-error', { host: hostOf(url), method: 'batch', code: reason });
      return calls.map(() => ({ error: err }));
    }
    return Promise.all(calls.map(one)); // refused as a batch (HTTP 4xx, not JSON...): one by one
  }
  if (!Array.isArray(answer)) return Promise.all(calls.map(one)); // e.g. one error object for "no batches"
  /** @type {Map<unknown, any>} */
  const byId = new Map();
  for (const item of answer) if (item && typeof item === 'object' && ids.includes(item.id) && !byId.has(item.id)) byId.set(item.id, item);
  return calls.map((c, i) => {
    const item = byId.get(ids[i]);
    if (item === undefined) return { error: failure(url, 'bad-result', `left ${c.method} out of its batch answer`) };
    try {
      return { result: checkedAnswer(url, c.method, item) };
    } catch (error) {
      logEvent('rpc-error', { host: hostOf(url), method: c.method, code: /** @type {any} */ (error)?.data?.rpcReason ?? /** @type {any} */ (error)?.code });
      return { error };
    }
  });
}

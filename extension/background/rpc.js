// JSON-RPC to the current network's endpoint. Never hangs: every call has a deadline, and
// every failure becomes a -32603 error that names the endpoint and the reason.

import { Codes, RpcError } from './errors.js';

export const RPC_TIMEOUT_MS = 15_000;
let nextId = 1;

/**
 * @param {string} url
 * @param {string} method
 * @param {unknown[]} params
 * @param {number} [timeoutMs]
 */
export async function rpcCall(url, method, params, timeoutMs = RPC_TIMEOUT_MS) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (err) {
    const reason = controller.signal.aborted ? `no answer within ${timeoutMs / 1000} s` : String(err?.message ?? err);
    throw new RpcError(Codes.internal, `RPC endpoint ${url} is unreachable: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) {
    throw new RpcError(Codes.internal, `RPC endpoint ${url} answered HTTP ${response.status}`);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new RpcError(Codes.internal, `RPC endpoint ${url} answered something that is not JSON`);
  }
  if (body && typeof body === 'object' && body.error) {
    const { code, message, data } = body.error;
    throw new RpcError(Number.isInteger(code) ? code : Codes.internal, String(message ?? 'RPC error'), data);
  }
  if (!body || typeof body !== 'object' || !('result' in body)) {
    throw new RpcError(Codes.internal, `RPC endpoint ${url} answered without a result`);
  }
  return body.result;
}

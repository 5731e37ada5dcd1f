// Errors as EIP-1193 and EIP-1474 define them, and the one table that maps the WASM core's
// error codes onto them.

export const Codes = Object.freeze({
  userRejected: 4001,
  unauthorized: 4100,
  unsupportedMethod: 4200,
  disconnected: 4900,
  chainDisconnected: 4901,
  unrecognizedChain: 4902,
  resourceUnavailable: -32002,
  limitExceeded: -32005,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
});

/** A JSON-RPC error a page receives: `{ code, message, data? }`. */
export class RpcError extends Error {
  /**
   * @param {number} code
   * @param {string} message
   * @param {unknown} [data]
   */
  constructor(code, message, data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  toJSON() {
    return this.data === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, data: this.data };
  }
}

export const invalidParams = (/** @type {string} */ message) => new RpcError(Codes.invalidParams, message);

/** WASM core error codes (docs/wasm-api.md) → EIP-1193/1474 codes. */
/** @type {Record<string, number>} */
const CORE_TO_RPC = {
  INVALID_INPUT: Codes.invalidParams,
  ADDRESS_INVALID: Codes.invalidParams,
  ADDRESS_CHECKSUM: Codes.invalidParams,
  TX_INVALID: Codes.invalidParams,
  TYPED_DATA_INVALID: Codes.invalidParams,
  SIGNATURE_INVALID: Codes.invalidParams,
  UNKNOWN_ACCOUNT: Codes.unauthorized,
  LOCKED: Codes.unauthorized,
};

/**
 * An error of the wallet's own (not the core's), with a stable code in `data.coreCode` that the
 * wallet's pages turn into a message in the person's language.
 * @param {string} code
 * @param {string} message
 * @param {Record<string, unknown>} [data]
 */
export const walletError = (code, message, data) =>
  new RpcError(CORE_TO_RPC[code] ?? Codes.internal, message, { coreCode: code, ...data });

/**
 * Any thrown value as a JSON-RPC error object. Core errors keep their stable code in `data`.
 * @param {unknown} err
 */
export function toRpcError(err) {
  if (err instanceof RpcError) return err.toJSON();
  const e = /** @type {any} */ (err);
  if (e && e.name === 'WalletError' && typeof e.code === 'string') {
    const code = CORE_TO_RPC[e.code] ?? Codes.internal;
    return new RpcError(code, String(e.message), { coreCode: e.code, ...(e.data ?? {}) }).toJSON();
  }
  console.error('internal error', err);
  return new RpcError(Codes.internal, `internal error: ${e?.message ?? String(e)}`).toJSON();
}

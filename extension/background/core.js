// The WASM core, loaded on first use. MV3 workers may not use top-level await, so callers
// await `core()`; the module is compiled once per worker lifetime.
//
// A trap inside the core (a WebAssembly RuntimeError: memory out of bounds, unreachable, or its
// stack exhausted) leaves the instance's memory in an unknown state: every later call could
// misbehave, the lock included. So every call goes through a guard: after a trap the instance
// is replaced by a fresh one from the same compiled module (wasm-bindgen's __wbg_reset_state),
// objects of the old one refuse to be used, and the caller gets a clear CORE_RESTARTED error.
// The vault reopens from the session key on the next request, as after a worker restart.

import init, * as wasm from '../wasm/wallet_wasm.js';

/** @type {Promise<typeof wasm> | null} */
let ready = null;
/** How many times the instance was replaced in this worker's life. */
let restarts = 0;

/** The instance's generation: objects made before a restart belong to a dead instance. */
export const coreGeneration = () => restarts;

/** @param {unknown} err */
const isTrap = (err) =>
  err instanceof WebAssembly.RuntimeError || (err instanceof RangeError && /call stack/i.test(err.message));

/** Replaces the instance after a trap; returns the error the caller sees. */
function restart() {
  restarts += 1;
  wasm.__wbg_reset_state();
  console.error(`wallet core: a call trapped; the instance was replaced (${restarts} so far)`);
  return Object.assign(new Error('the wallet core failed on this input and was restarted; nothing was done'), {
    name: 'WalletError',
    code: 'CORE_RESTARTED',
  });
}

/**
 * @template {(...args: any[]) => any} F
 * @param {F} fn
 * @returns {F}
 */
function guard(fn) {
  return /** @type {F} */ (
    /** @this {unknown} @param {...any} args */
    function guardedCall(...args) {
      try {
        return fn.apply(this, args);
      } catch (err) {
        throw isTrap(err) ? restart() : err;
      }
    }
  );
}

/** The module's classes: their methods go through the guard; the classes stay constructible. */
const CLASSES = ['Wallet', 'PhishingGuard'];

/** The module's calls and its classes' methods, each through the guard (done once). */
function guarded() {
  for (const cls of [wasm.Wallet, wasm.PhishingGuard]) {
    const proto = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (cls.prototype));
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = proto[name];
      if (name !== 'constructor' && typeof method === 'function') proto[name] = guard(/** @type {any} */ (method));
    }
  }
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [name, value] of Object.entries(wasm)) {
    out[name] = typeof value === 'function' && !CLASSES.includes(name) && name !== 'default' ? guard(/** @type {any} */ (value)) : value;
  }
  return /** @type {typeof wasm} */ (/** @type {unknown} */ (out));
}

export function core() {
  ready ??= init({ module_or_path: new URL('../wasm/wallet_wasm_bg.wasm', import.meta.url) }).then(guarded);
  return ready;
}

// The WASM core, loaded on first use. MV3 workers may not use top-level await, so callers
// await `core()`; the module is compiled once per worker lifetime. The risk engine is a module
// of its own (`riskCore()`, wallet_risk.wasm, built for size): it is loaded only when a request
// or a site is judged, so that unlocking and signing never wait for it.
//
// A trap inside the core (a WebAssembly RuntimeError: memory out of bounds, unreachable, or its
// stack exhausted) leaves the instance's memory in an unknown state: every later call could
// misbehave, the lock included. So every call goes through a guard: after a trap the instance
// is replaced by a fresh one from the same compiled module (wasm-bindgen's __wbg_reset_state),
// objects of the old one refuse to be used, and the caller gets a clear CORE_RESTARTED error.
// The vault reopens from the session key on the next request, as after a worker restart.

import { initSync } from '../wasm/wallet_wasm.js';
import * as wasm from '../wasm/wallet_wasm.js';
import initRisk, * as riskWasm from '../wasm/wallet_risk.js';
import { logEvent } from './doctor/log.js';

/** @type {Promise<typeof wasm> | null} */
let ready = null;
/** @type {Promise<typeof riskWasm> | null} */
let riskReady = null;
/** How many times the instance was replaced in this worker's life. */
let restarts = 0;
/** The same for the risk module. */
let riskRestarts = 0;

/** How many times the instance was replaced to give back memory (see compactCore). */
let compactions = 0;

/** The instance's generation: objects made before a restart or a compaction belong to a dead instance. */
export const coreGeneration = () => restarts + compactions;

/**
 * A WebAssembly memory never shrinks: the 128 MiB scrypt needs at an unlock would stay with the
 * background for as long as it lives. Above this, the instance is replaced by a fresh one.
 */
const COMPACT_ABOVE_BYTES = 32 * 1024 * 1024;

/**
 * Replaces a grown wallet instance with a fresh one from the same compiled module, when no
 * unlocked object of the old one can be in use: vault.js calls it right after a password
 * opened or made the vault (the session key then reopens the wallet without scrypt) and at
 * lock. Objects of the old instance refuse to be used, as after a trap. Returns whether it did.
 */
export async function compactCore() {
  const c = await core();
  if (holds > 0 || c.memoryBytes() <= COMPACT_ABOVE_BYTES) return false;
  wasm.__wbg_reset_state();
  compactions++;
  return true;
}

/** Objects kept across requests (the phrase assistant's search) that a compaction would kill. */
let holds = 0;

/** Keeps the instance from being compacted until the returned release is called (once). */
export function holdCore() {
  holds++;
  let released = false;
  return () => {
    if (!released) holds--;
    released = true;
  };
}

/** What the support report says of the instance: its memory, and how often it was replaced. */
export async function coreFacts() {
  const c = await core();
  return { memoryBytes: c.memoryBytes(), restarts, compactions };
}
/** The risk module's generation (a PhishingGuard of an older one is dead). */
export const riskGeneration = () => riskRestarts;

/** @param {unknown} err */
const isTrap = (err) =>
  err instanceof WebAssembly.RuntimeError || (err instanceof RangeError && /call stack/i.test(err.message));

/**
 * Replaces the instance after a trap; returns the error the caller sees.
 * @param {() => void} reset @param {'wallet' | 'risk'} which
 */
function restart(reset, which) {
  const count = which === 'risk' ? ++riskRestarts : ++restarts;
  reset();
  logEvent('core-error', { code: 'CORE_RESTARTED', method: which });
  console.error(`wallet core (${which}): a call trapped; the instance was replaced (${count} so far)`);
  return Object.assign(new Error('the wallet core failed on this input and was restarted; nothing was done'), {
    name: 'WalletError',
    code: 'CORE_RESTARTED',
  });
}

/**
 * @template {(...args: any[]) => any} F
 * @param {F} fn
 * @param {() => void} reset the module's `__wbg_reset_state`
 * @param {'wallet' | 'risk'} which
 * @returns {F}
 */
function guard(fn, reset, which) {
  return /** @type {F} */ (
    /** @this {unknown} @param {...any} args */
    function guardedCall(...args) {
      try {
        return fn.apply(this, args);
      } catch (err) {
        throw isTrap(err) ? restart(reset, which) : err;
      }
    }
  );
}

/** wasm-bindgen's exported classes (`class X { ... }`): they stay constructible. @param {unknown} value */
const isClass = (value) => typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));

/**
 * A module's calls and its classes' methods, each through the guard (done once per module).
 * Classes are found, not listed, so a new exported class cannot be wrapped as a plain function.
 * @template {Record<string, unknown> & { __wbg_reset_state: () => void }} M
 * @param {M} module @param {'wallet' | 'risk'} which
 * @returns {M}
 */
function guarded(module, which) {
  const reset = module.__wbg_reset_state;
  const classes = Object.keys(module).filter((name) => isClass(module[name]));
  for (const cls of classes) {
    const proto = /** @type {Record<string, unknown>} */ (/** @type {any} */ (module[cls]).prototype);
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = proto[name];
      if (name !== 'constructor' && typeof method === 'function') proto[name] = guard(/** @type {any} */ (method), reset, which);
    }
  }
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [name, value] of Object.entries(module)) {
    out[name] = typeof value === 'function' && !classes.includes(name) && name !== 'default' && name !== '__wbg_reset_state' ? guard(/** @type {any} */ (value), reset, which) : value;
  }
  return /** @type {M} */ (out);
}

/** The wallet module compiled (streaming where the browser serves it as application/wasm). */
async function compileWallet() {
  const url = new URL('../wasm/wallet_wasm_bg.wasm', import.meta.url);
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}

export function core() {
  // Instantiated with initSync, not the glue's async init: that one keeps its first instance
  // for good (its promise resolves to the instance's exports), and with it the memory a first
  // unlock grew to 128 MiB, which compactCore is there to give back.
  ready ??= compileWallet().then((module) => {
    initSync({ module });
    return guarded(wasm, 'wallet');
  });
  return ready;
}

/** The risk engine's module (describe/assess, PhishingGuard), loaded on first use. */
export function riskCore() {
  riskReady ??= initRisk({ module_or_path: new URL('../wasm/wallet_risk_bg.wasm', import.meta.url) }).then(() => guarded(riskWasm, 'risk'));
  return riskReady;
}

// The WASM core, loaded on first use. MV3 workers may not use top-level await, so callers
// await `core()`; the module is compiled once per worker lifetime.

import init, * as wasm from '../wasm/wallet_wasm.js';

/** @type {Promise<typeof wasm> | null} */
let ready = null;

export function core() {
  ready ??= init({ module_or_path: new URL('../wasm/wallet_wasm_bg.wasm', import.meta.url) }).then(() => wasm);
  return ready;
}

// Small helpers shared by the Chromium and Firefox drivers.

import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Reject with a clear message if `promise` does not settle within `ms`.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what  used in the error message
 * @returns {Promise<T>}
 */
export function withTimeout(promise, ms, what) {
  let timer;
  const t = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

/**
 * Call `fn` until it returns a truthy value (returned) or the time is up (throws).
 * Errors thrown by `fn` count as "not yet" and the last one is reported, except errors with
 * `fatal: true`, which are rethrown at once.
 * @template T
 * @param {() => Promise<T> | T} fn
 * @param {{ timeout: number, interval?: number, what: string }} opts
 * @returns {Promise<T>}
 */
export async function poll(fn, { timeout, interval = 100, what }) {
  const deadline = Date.now() + timeout;
  let lastErr;
  for (;;) {
    const left = deadline - Date.now();
    try {
      const v = await withTimeout(Promise.resolve().then(fn), Math.max(left, 1), what);
      if (v) return v;
      lastErr = undefined;
    } catch (e) {
      if (e && e.fatal) throw e;
      lastErr = e;
    }
    if (Date.now() + interval > deadline) {
      const why = lastErr ? ` (last error: ${lastErr.message || lastErr})` : '';
      throw new Error(`Timed out after ${timeout} ms: ${what}${why}`);
    }
    await sleep(interval);
  }
}

/**
 * Turn a function or a source string into a JS expression that evaluates to a function.
 * Strings that look like a function (`function`, `async`, `(...) =>`, `x =>`) are used as is;
 * any other string is treated as an expression body: `() => (EXPR)`.
 * @param {Function | string} fn
 * @returns {string}
 */
export function fnSource(fn) {
  if (typeof fn === 'function') return fn.toString();
  if (typeof fn !== 'string') throw new TypeError('expected a function or a function source string');
  const looksLikeFn = /^\s*(async\b\s*)?(function\b|\(|[A-Za-z_$][\w$]*\s*=>)/.test(fn);
  return looksLikeFn ? fn : `() => (${fn})`;
}

/**
 * Source of an async expression that calls `fn` with JSON args in the page and resolves to
 * `{ u: 1 }` (undefined), `{ j: JSON }` (value) or `{ e: message }` (exception).
 * Results go through JSON so both browsers return exactly the same shapes.
 * @param {Function | string} fn
 * @param {unknown[]} args
 */
export function wrappedCall(fn, args) {
  const a = JSON.stringify(args ?? []);
  if (a === undefined) throw new TypeError('evaluate args must be JSON-serialisable');
  return `(async () => {
    try {
      const v = await (${fnSource(fn)}).apply(null, ${a});
      return v === undefined ? { u: 1 } : { j: JSON.stringify(v) };
    } catch (e) {
      const stack = e && e.stack ? String(e.stack) : '';
      const msg = String(e);
      return { e: stack.includes(msg) ? stack : (stack ? msg + '\\n' + stack : msg) };
    }
  })()`;
}

/** @param {{u?: 1, j?: string, e?: string} | null | undefined} r @param {string} where */
export function unwrapResult(r, where) {
  if (!r || typeof r !== 'object') throw new Error(`${where}: unexpected evaluate result ${JSON.stringify(r)}`);
  if ('e' in r) throw new Error(`${where}: page threw: ${r.e}`);
  if ('u' in r) return undefined;
  return r.j === undefined ? undefined : JSON.parse(r.j);
}

/** CSS selector for a data-testid; `css=...` passes a raw CSS selector through. */
export function testidSelector(testid) {
  if (typeof testid !== 'string' || !testid) throw new TypeError('testid must be a non-empty string');
  if (testid.startsWith('css=')) return testid.slice(4);
  return `[data-testid="${testid.replace(/["\\]/g, '\\$&')}"]`;
}

/**
 * The `locale` launch option as the tags each browser wants. 'en' (the default) means en-US.
 * @param {string} [locale]  'en' | 'ja' (other simple tags like 'de' or 'pt-BR' are passed through untested)
 * @returns {{ bcp47: string, posix: string }}  e.g. {bcp47: 'ja', posix: 'ja'}, {bcp47: 'en-US', posix: 'en_US'}
 */
export function localeTags(locale = 'en') {
  if (typeof locale !== 'string' || !/^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})?$/.test(locale)) {
    throw new TypeError(`launchBrowser: bad locale ${JSON.stringify(locale)} (use 'en' or 'ja')`);
  }
  const bcp47 = locale === 'en' ? 'en-US' : locale.replace('_', '-');
  return { bcp47, posix: bcp47.replace('-', '_') };
}

/**
 * Absolute paths of the files for setInputFiles; every file must exist.
 * @param {string | string[]} files
 * @returns {string[]}
 */
export function checkInputFiles(files) {
  const list = (Array.isArray(files) ? files : [files]).map((f) => {
    if (typeof f !== 'string' || !f) throw new TypeError('setInputFiles: file paths must be non-empty strings');
    return path.resolve(f);
  });
  for (const f of list) {
    let st;
    try { st = statSync(f); } catch { throw new Error(`setInputFiles: no such file ${f}`); }
    if (!st.isFile()) throw new Error(`setInputFiles: not a file: ${f}`);
  }
  return list;
}

/**
 * Page-side check used by the WebDriver driver (same rule as Playwright's "visible":
 * non-empty bounding box and not visibility:hidden).
 * @param {string} sel
 * @param {'visible'|'hidden'|'attached'|'detached'} state
 */
export function stateCheckSource(sel, state) {
  return `(() => {
    const el = document.querySelector(${JSON.stringify(sel)});
    const visible = !!el && (() => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    })();
    switch (${JSON.stringify(state)}) {
      case 'attached': return !!el;
      case 'detached': return !el;
      case 'hidden': return !visible;
      default: return visible;
    }
  })()`;
}

// ---- process-exit cleanup -------------------------------------------------------------

/** @type {Set<() => void>} synchronous last-resort cleanups */
const exitCleanups = new Set();
let hooked = false;

/**
 * Register a synchronous cleanup that runs on process exit / SIGINT / SIGTERM.
 * Returns an unregister function.
 * @param {() => void} fn
 */
export function onProcessExit(fn) {
  exitCleanups.add(fn);
  if (!hooked) {
    hooked = true;
    const runAll = () => {
      for (const f of [...exitCleanups]) {
        try { f(); } catch { /* best effort */ }
      }
      exitCleanups.clear();
    };
    process.on('exit', runAll);
    const signals = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
    for (const [sig, no] of Object.entries(signals)) {
      process.once(sig, () => {
        runAll();
        process.exit(128 + no); // runs the remaining 'exit' handlers (e.g. playwright's)
      });
    }
  }
  return () => exitCleanups.delete(fn);
}

/** Kill a whole process group, ignoring "no such process". */
export function killGroup(pid, signal = 'SIGKILL') {
  if (!pid) return;
  try { process.kill(-pid, signal); } catch { /* gone */ }
  try { process.kill(pid, signal); } catch { /* gone */ }
}

/**
 * Synchronously find pids whose command line contains `needle` (Linux /proc).
 * @param {string} needle
 * @returns {number[]}
 */
export function pidsWithArg(needle) {
  const out = [];
  let entries = [];
  try { entries = readdirSync('/proc'); } catch { return out; }
  for (const d of entries) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(needle)) out.push(Number(d));
    } catch { /* exited */ }
  }
  return out;
}

export function rmrf(dir) {
  if (!dir) return;
  try { rmSync(dir, { recursive: true, force: true, maxRetries: 3 }); } catch { /* best effort */ }
}

/** @param {string} extensionDir */
export async function readManifest(extensionDir) {
  const { readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const file = path.join(extensionDir, 'manifest.json');
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${file}: ${e.message}`);
  }
}

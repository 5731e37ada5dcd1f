// The browser half of `cargo xtask bench` (crates/xtask/src/bench.rs builds the WASM and runs
// criterion first). Bundles the JavaScript libraries (esbuild), serves the page on 127.0.0.1,
// runs it in headless Debian Chromium (playwright-core), then joins the browser's medians with
// criterion's native estimates: prints the table, writes docs/bench/<name>.json and .svg.
//
// node bench/run.mjs --page-dir DIR --criterion target/criterion --out docs/bench [--name N]
//   [--rounds 15] [--only id,id] [--profile id]
// node bench/run.mjs --rerender --name N   (the plot and table again from docs/bench/N.json)

import { execFileSync } from 'node:child_process';
import { pbkdf2Sync } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { renderSvg } from './plot.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const { values: args } = parseArgs({
  options: {
    'page-dir': { type: 'string', default: path.join(root, 'target/bench-wasm/page') },
    criterion: { type: 'string', default: path.join(root, 'target/criterion') },
    out: { type: 'string', default: path.join(root, 'docs/bench') },
    name: { type: 'string', default: 'wasm-vs-js' },
    variant: { type: 'string', default: 'wasm-release (opt-level 3, +simd128), wasm-opt -O3 (as dist)' },
    rounds: { type: 'string', default: '15' },
    'slow-rounds': { type: 'string', default: '5' },
    only: { type: 'string' },
    profile: { type: 'string' },
    // rewrite <name>.svg and .md from <name>.json, without measuring
    rerender: { type: 'boolean', default: false },
  },
});

// Which native (criterion) benchmark is the same operation as each browser one.
const NATIVE = {
  phrase_to_seed: 'phrase_to_seed',
  derive_100: 'derive_100_accounts_with_addresses',
  sign_digest: 'sign_keccak_digest',
  keccak_1mib: 'keccak256_1mib',
  eip712_sign: 'eip712_hash_and_sign_spec_example_from_json',
  sign_tx: 'sign_eip1559_transaction_from_json',
  unlock: 'vault/unlock_default_params',
  scrypt_same_work: 'vault/unlock_default_params',
};
// The targets: >= 5x faster than JS and within 2x of native on these; unlock <= 1 s.
const SPEED_TARGETS = new Set(['derive_100', 'sign_digest', 'keccak_1mib', 'eip712_sign']);
const UNLOCK_TARGET_MS = 1000;

const PHRASE = 'test test test test test test test test test test test junk';
const KEY = '0x4646464646464646464646464646464646464646464646464646464646464646';

async function preparePage(dir) {
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [path.join(here, 'theirs.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    inject: [path.join(here, 'buffer-shim.mjs')],
    outfile: path.join(dir, 'theirs.js'),
    logLevel: 'warning',
  });
  for (const f of ['page.html', 'page.mjs']) copyFileSync(path.join(here, f), path.join(dir, f));
  const vectors = JSON.parse(readFileSync(path.join(root, 'tests/vectors/eip712.json'), 'utf8'));
  const fixtures = {
    phrase: PHRASE,
    privateKey: KEY,
    typedData: vectors.spec.typedData,
    tx: {
      chainId: '0x1', nonce: '0x9', gas: '0x5208', maxFeePerGas: '0x4a817c800',
      maxPriorityFeePerGas: '0x3b9aca00', to: '0x3535353535353535353535353535353535353535',
      value: '0xde0b6b3a7640000', data: '0x',
    },
    rounds: Number(args.rounds),
    slowRounds: Number(args['slow-rounds']),
    batchMs: 40,
    warmupMs: 300,
    only: args.profile ? [args.profile] : args.only?.split(','),
    profile: Boolean(args.profile),
  };
  writeFileSync(path.join(dir, 'fixtures.json'), JSON.stringify(fixtures));
}

const MIME = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json',
};

function serve(dir) {
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
    const file = path.resolve(dir, rel || 'page.html');
    if (!file.startsWith(path.resolve(dir) + path.sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    // port 0: any free port (never anvil's 8545)
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

async function runBrowser(dir) {
  const server = await serve(dir);
  const url = `http://127.0.0.1:${server.address().port}/page.html`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    headless: true,
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => console.log(`  [page] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`  [page error] ${e.message}`));
    await page.goto(url);
    let cdp;
    if (args.profile) {
      await page.waitForFunction(() => window.__go || window.__bench, null, { timeout: 60000 });
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await page.evaluate(() => window.__go?.());
    }
    await page.waitForFunction(() => window.__bench, null, { timeout: 15 * 60 * 1000, polling: 500 });
    const out = await page.evaluate(() => window.__bench);
    if (out.error) throw new Error(`the page failed: ${out.error}`);
    const profile = cdp ? (await cdp.send('Profiler.stop')).profile : undefined;
    return { ...out, chromium: browser.version(), profile };
  } finally {
    await browser.close();
    server.close();
  }
}

/** criterion's median estimate of `id`, in ms (null when that benchmark has not run). */
function nativeMs(criterionDir, id) {
  const file = path.join(criterionDir, id, 'new/estimates.json');
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')).median.point_estimate / 1e6;
}

/** MetaMask's KDF natively (OpenSSL through node): an attacker's time per guess on this CPU. */
function pbkdf2NativeMs(iterations) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    pbkdf2Sync('benchmark password', Buffer.alloc(32, 7), iterations, 32, 'sha256');
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1];
}

function machine(chromiumVersion) {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model;
  const tryRun = (cmd, a) => {
    try {
      return execFileSync(cmd, a, { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  const version = (pkg) =>
    JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  return {
    nproc: os.availableParallelism(),
    cpu: model,
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    os: tryRun('sh', ['-c', '. /etc/os-release && echo "$PRETTY_NAME"']),
    rustc: tryRun('rustc', ['-V']),
    node: process.version,
    chromium: chromiumVersion,
    libraries: Object.fromEntries(['@noble/curves', '@noble/hashes', '@scure/bip39', '@scure/bip32',
      'ethers', '@metamask/browser-passworder', 'esbuild', 'playwright-core'].map((p) => [p, version(p)])),
  };
}

const fmt = (ms) => {
  if (ms == null) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toPrecision(3)} ms`;
  return `${(ms * 1000).toPrecision(3)} µs`;
};
const ratio = (a, b) => (a == null || b == null ? null : a / b);
const fmtRatio = (r) => (r == null ? '—' : r >= 10 ? r.toFixed(0) : r.toFixed(2));

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

/**
 * Chromium's sampling profile of one operation (warm-up and rounds of both sides): self time
 * per function, ours (WASM functions, named thanks to wasm-opt -g) and theirs (JS) apart.
 */
function writeProfile(profile, op) {
  const byName = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const { functionName, url } = node.callFrame;
    const hits = node.hitCount ?? 0;
    total += hits;
    const side = url.endsWith('.wasm') || /wasm/.test(url) ? 'wasm' : url.endsWith('theirs.js') ? 'js' : 'other';
    const key = `${side}  ${functionName || '(anonymous)'}`;
    byName.set(key, (byName.get(key) ?? 0) + hits);
  }
  const sides = { wasm: 0, js: 0, other: 0 };
  for (const [k, v] of byName) sides[k.split(' ')[0]] += v;
  const lines = [`profile of "${op}": ${total} samples of 200 µs (both sides, warm-up included)`,
    `by side: ours (WASM) ${(100 * sides.wasm / total).toFixed(1)}%, theirs (JS bundle) ${(100 * sides.js / total).toFixed(1)}%, other (page, GC, idle) ${(100 * sides.other / total).toFixed(1)}%`,
    'top functions by self time:'];
  for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    lines.push(`  ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
  }
  const text = lines.join('\n') + '\n';
  console.log(`\n${text}`);
  mkdirSync(args.out, { recursive: true });
  const file = path.join(args.out, `profile-${op}${args.name.replace('wasm-vs-js', '')}.txt`);
  writeFileSync(file, text);
  console.log(`wrote ${path.relative(root, file)}`);
}

/** The results as a Markdown table (BENCHMARKS.md quotes it). */
function markdown(report) {
  const m = report.machine;
  const lines = [
    `<!-- written by cargo xtask bench (bench/run.mjs); ${report.generated} -->`,
    `WASM build: ${report.wasm_build}. ${m.cpu}, ${m.nproc} cores; Chromium ${m.chromium}; `
      + `load average ${m.loadavg_before.map((x) => x.toFixed(1)).join('/')} before, `
      + `${m.loadavg_after.map((x) => x.toFixed(1)).join('/')} after.`,
    '',
    '| operation | ours, WASM | theirs, JS | ours / theirs | native | WASM / native | target | theirs = |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of report.results) {
    const target = r.target_met == null ? '—' : `${r.target_met ? '✓' : '✗'} ${r.target}`;
    lines.push(`| ${r.label} | ${fmt(r.ours_wasm_ms)} | ${fmt(r.theirs_js_ms)} | ${fmtRatio(r.ours_over_theirs)} | `
      + `${fmt(r.native_ms)} | ${fmtRatio(r.wasm_over_native)} | ${target} | ${r.theirs_lib} |`);
  }
  const unlock = report.results.find((r) => r.id === 'unlock');
  if (unlock?.attacker) {
    const a = unlock.attacker;
    lines.push('', '| vault | the user waits (Chromium) | the attacker per guess: memory | the attacker per guess: time, one core, native |', '|---|---|---|---|');
    lines.push(`| ours: ${a.ours.kdf} | ${fmt(unlock.ours_wasm_ms)} | ${(a.ours.memory_bytes / 2 ** 20).toFixed(0)} MiB | ${fmt(a.ours.native_ms_per_guess)} (criterion) |`);
    lines.push(`| MetaMask: ${a.theirs.kdf} | ${fmt(unlock.theirs_js_ms)} | ${a.theirs.memory_bytes} | ${fmt(a.theirs.native_ms_per_guess)} (OpenSSL via node); ${fmt(unlock.theirs_js_ms)} (Chromium's own) |`);
    lines.push(`| browser-passworder 6 default: ${a.theirs_alt.kdf} | ${fmt(unlock.theirs_alt_ms)} | ${a.theirs_alt.memory_bytes} | ${fmt(a.theirs_alt.native_ms_per_guess)} (OpenSSL via node); ${fmt(unlock.theirs_alt_ms)} (Chromium's own) |`);
  }
  return lines.join('\n') + '\n';
}

async function main() {
  if (args.rerender) {
    const report = JSON.parse(readFileSync(path.join(args.out, `${args.name}.json`), 'utf8'));
    writeFileSync(path.join(args.out, `${args.name}.svg`), renderSvg(report));
    writeFileSync(path.join(args.out, `${args.name}.md`), markdown(report));
    return;
  }
  const loadBefore = os.loadavg();
  console.log('bundling the JavaScript libraries (esbuild) and preparing the page');
  await preparePage(args['page-dir']);
  console.log('running the page in headless Chromium');
  const browser = await runBrowser(args['page-dir']);
  const loadAfter = os.loadavg();
  if (args.profile) {
    writeProfile(browser.profile, args.profile);
    return;
  }

  const kdf = browser.vault_kdf; // { name, logN, r, p }
  const scryptBytes = 2 ** kdf.logN * kdf.r * 128 * kdf.p;
  const pbkdf2 = { 600000: pbkdf2NativeMs(600000), 900000: pbkdf2NativeMs(900000) };

  const results = browser.results.map((r) => {
    const native = nativeMs(args.criterion, NATIVE[r.id]);
    const ours = r.ours.median_ms;
    const theirs = r.theirs.median_ms;
    const row = {
      id: r.id, label: r.label, theirs_lib: r.theirs_lib, same_output: r.same_output,
      ours_wasm_ms: ours, theirs_js_ms: theirs, ours_over_theirs: ratio(ours, theirs),
      native_ms: native, wasm_over_native: ratio(ours, native),
      theirs_alt_ms: r.alt?.median_ms, theirs_alt_label: r.alt_label,
      samples: { ours: r.ours.samples_ms, theirs: r.theirs.samples_ms, alt: r.alt?.samples_ms },
      batch: { ours: r.ours.batch, theirs: r.theirs.batch },
    };
    if (SPEED_TARGETS.has(r.id)) {
      row.target = '≥5x faster than JS, ≤2x native';
      row.target_met = row.ours_over_theirs <= 0.2 && row.wasm_over_native != null && row.wasm_over_native <= 2;
    } else if (r.id === 'unlock') {
      row.target = 'unlock ≤ 1 s in the browser';
      row.target_met = ours <= UNLOCK_TARGET_MS;
      row.attacker = {
        ours: { kdf: `scrypt N=2^${kdf.logN} r=${kdf.r} p=${kdf.p}`, memory_bytes: scryptBytes, native_ms_per_guess: native },
        theirs: { kdf: 'PBKDF2-HMAC-SHA256 600,000', memory_bytes: 'negligible (< 1 KiB)', native_ms_per_guess: pbkdf2[600000] },
        theirs_alt: { kdf: 'PBKDF2-HMAC-SHA256 900,000', memory_bytes: 'negligible (< 1 KiB)', native_ms_per_guess: pbkdf2[900000] },
      };
    }
    return row;
  });

  const head = ['operation', 'ours WASM', 'theirs JS', 'ours/theirs', 'native', 'WASM/native', 'target', 'same output', 'theirs = '];
  const rows = [head, ...results.map((r) => [
    r.id, fmt(r.ours_wasm_ms), fmt(r.theirs_js_ms), fmtRatio(r.ours_over_theirs), fmt(r.native_ms),
    fmtRatio(r.wasm_over_native), r.target_met == null ? '—' : r.target_met ? 'met' : 'MISSED',
    r.same_output ? 'yes' : 'NO', r.theirs_lib,
  ])];
  console.log(`\n${table(rows)}`);
  const unlock = results.find((r) => r.id === 'unlock');
  if (unlock?.attacker) {
    const a = unlock.attacker;
    console.log(`\nvault unlock: the user's wait vs the attacker's cost per password guess (native, one core of this CPU)
  ours    ${a.ours.kdf}: user waits ${fmt(unlock.ours_wasm_ms)} (WASM); attacker: ${(a.ours.memory_bytes / 2 ** 20).toFixed(0)} MiB and ${fmt(a.ours.native_ms_per_guess)} per guess
  MetaMask ${a.theirs.kdf}: user waits ${fmt(unlock.theirs_js_ms)} (WebCrypto); attacker: ${a.theirs.memory_bytes} and ${fmt(a.theirs.native_ms_per_guess)} per guess
  passworder default ${a.theirs_alt.kdf}: user waits ${fmt(unlock.theirs_alt_ms)}; attacker: ${fmt(a.theirs_alt.native_ms_per_guess)} per guess`);
  }

  const report = {
    generated: new Date().toISOString(),
    command: 'cargo xtask bench',
    wasm_build: args.variant,
    machine: { ...machine(browser.chromium), loadavg_before: loadBefore, loadavg_after: loadAfter },
    user_agent: browser.user_agent,
    core: browser.core,
    method: 'one headless Chromium page; per operation: outputs of both sides compared, a warm-up, '
      + `then ${args.rounds} rounds (slow operations: ${args['slow-rounds']}, scrypt in JS: 3) in which each side runs one batch of about 40 ms `
      + '(one call for slow operations), order rotating each round; medians of the batch means. Native: criterion median estimates.',
    results,
  };
  mkdirSync(args.out, { recursive: true });
  writeFileSync(path.join(args.out, `${args.name}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(path.join(args.out, `${args.name}.svg`), renderSvg(report));
  writeFileSync(path.join(args.out, `${args.name}.md`), markdown(report));
  console.log(`\nwrote ${path.relative(root, path.join(args.out, args.name))}.{json,svg,md}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

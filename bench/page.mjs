// Runs in one headless page (served by bench/run.mjs), in Chromium and then in Firefox: the
// same operations with our WASM core and with the JavaScript libraries, checked to agree, then
// timed alternately.
// The result is left in window.__bench for the driver; progress goes to the console.

import init, * as ours from './wasm/wallet_wasm.js';
import * as theirs from './theirs.js';

const log = (line) => {
  console.log(line);
  document.getElementById('log').textContent += line + '\n';
};

const hex = (bytes) => '0x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Mean time of one call over a batch of n calls, in ms. */
async function batch(fn, n, isAsync) {
  const t0 = performance.now();
  if (isAsync) for (let i = 0; i < n; i++) await fn();
  else for (let i = 0; i < n; i++) fn();
  return (performance.now() - t0) / n;
}

/**
 * Warm-up, then `rounds` rounds; in each round every side runs one batch, the order rotating
 * from round to round so neither side always goes first. Batches last about `batchMs`.
 */
async function measure(sides, { rounds, batchMs, warmupMs }) {
  const plan = [];
  for (const side of sides) {
    // warm-up: at least twice, and for about warmupMs (JIT tiers, WASM tier-up, caches)
    let n = 0;
    const t0 = performance.now();
    while (n < 2 || performance.now() - t0 < warmupMs) {
      if (side.isAsync) await side.fn();
      else side.fn();
      n++;
    }
    const per = (performance.now() - t0) / n;
    plan.push({ ...side, n: Math.max(1, Math.round(batchMs / per)), samples: [] });
  }
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < plan.length; k++) {
      const side = plan[(k + round) % plan.length];
      side.samples.push(await batch(side.fn, side.n, side.isAsync));
    }
  }
  return Object.fromEntries(
    plan.map((s) => [s.name, { median_ms: median(s.samples), batch: s.n, samples_ms: s.samples }]),
  );
}

async function main() {
  const fx = await (await fetch('./fixtures.json')).json();
  await init({ module_or_path: new URL('./wasm/wallet_wasm_bg.wasm', import.meta.url) });
  log(`core ${ours.coreVersion()}; ${navigator.userAgent}`);

  // --- inputs, the same for both sides
  const phrase = fx.phrase;
  const seed = ours.benchPhraseToSeed(phrase);
  const keyHex = fx.privateKey;
  const keyBytes = Uint8Array.from(keyHex.slice(2).match(/../g), (h) => parseInt(h, 16));
  const digest = ours.benchKeccak256(new TextEncoder().encode('kura wallet benchmark'));
  const mib = new Uint8Array(1 << 20);
  for (let i = 0; i < mib.length; i++) mib[i] = i % 251;
  const typedData = JSON.stringify(fx.typedData);
  const txJson = JSON.stringify(fx.tx);
  const password = 'benchmark password';

  // ours: the shipped Wallet object (createVault runs scrypt once)
  const wallet = new ours.Wallet();
  const vault = wallet.createVault(password, phrase, '');
  wallet.importPrivateKey(keyHex, 'bench');
  const address = wallet.accounts().find((a) => a.kind === 'imported').address;
  const unlocker = new ours.Wallet();
  const signer = new ours.BenchSigner(keyHex);
  const { salt: _salt, ...vaultParams } = JSON.parse(vault).kdf;

  // theirs
  const ethersKey = theirs.signingKey(keyHex);
  const mmVault600 = await theirs.passworderEncrypt(password, { phrase }, 600000);
  const mmVault900 = await theirs.passworderEncrypt(password, { phrase }, 900000);
  const salt = new Uint8Array(32).fill(7);

  const ops = [
    {
      id: 'phrase_to_seed', label: 'phrase → seed', theirsLib: '@scure/bip39',
      ours: () => ours.benchPhraseToSeed(phrase),
      theirs: () => theirs.phraseToSeed(phrase),
      same: (a, b) => hex(a) === hex(b),
    },
    {
      id: 'derive_100', label: 'derive 100 accounts + addresses', theirsLib: '@scure/bip32 + @noble/curves + @noble/hashes',
      ours: () => ours.benchDeriveAddresses(seed, 100),
      theirs: () => theirs.deriveAddresses(seed, 100),
      same: (a, b) => a.length === 100 && a.join() === b.join(),
    },
    {
      id: 'sign_digest', label: 'secp256k1 sign a keccak digest', theirsLib: '@noble/curves',
      ours: () => signer.signDigest(digest),
      theirs: () => theirs.signDigest(keyBytes, digest),
      same: (a, b) => a === b,
    },
    {
      id: 'keccak_1mib', label: 'keccak-256 of 1 MiB', theirsLib: '@noble/hashes',
      ours: () => ours.benchKeccak256(mib),
      theirs: () => theirs.keccak256(mib),
      same: (a, b) => hex(a) === hex(b),
    },
    {
      id: 'eip712_sign', label: 'EIP-712 hash + sign (spec example)', theirsLib: 'ethers 6',
      ours: () => wallet.signTypedData(address, typedData, 'v4'),
      theirs: () => theirs.signTypedData(ethersKey, typedData),
      same: (a, b) => a === b,
    },
    {
      id: 'sign_tx', label: 'sign an EIP-1559 transaction', theirsLib: 'ethers 6',
      ours: () => wallet.signTransaction(address, txJson),
      theirs: () => theirs.signTransaction(ethersKey, txJson),
      same: (a, b) => a.raw === b.raw && a.hash === b.hash,
    },
    {
      id: 'unlock', label: 'vault unlock', theirsLib: '@metamask/browser-passworder (PBKDF2 600,000)',
      ours: () => { unlocker.unlock(vault, password); unlocker.lock(); return true; },
      theirs: () => theirs.passworderDecrypt(password, mmVault600),
      alt: () => theirs.passworderDecrypt(password, mmVault900),
      altLabel: 'browser-passworder 6.0.0 default (PBKDF2 900,000)',
      theirsAsync: true,
      same: (a, b) => a === true && b.phrase === phrase,
      slow: true,
    },
    {
      id: 'scrypt_same_work', label: 'our vault KDF, scrypt N=2^17 r=8 p=1', theirsLib: '@noble/hashes scrypt',
      ours: () => { unlocker.unlock(vault, password); unlocker.lock(); return true; },
      theirs: () => theirs.scryptKdf(password, salt, 17, 8, 1),
      same: (a, b) => a === true && b.length === 32,
      slow: true, rounds: 3,
    },
  ];
  if (fx.only) ops.splice(0, ops.length, ...ops.filter((o) => fx.only.includes(o.id)));

  // profiling: the driver starts Chromium's profiler, then lets the page go on
  if (fx.profile) await new Promise((go) => { window.__go = go; });

  const results = [];
  for (const op of ops) {
    const a = op.ours();
    const b = op.theirsAsync ? await op.theirs() : op.theirs();
    const same = op.same(a, b);
    log(`${op.id}: outputs ${same ? 'agree' : 'DIFFER'}`);
    const sides = [
      { name: 'ours', fn: op.ours },
      { name: 'theirs', fn: op.theirs, isAsync: op.theirsAsync },
    ];
    if (op.alt) sides.push({ name: 'alt', fn: op.alt, isAsync: op.theirsAsync });
    const opts = op.slow
      ? { rounds: op.rounds ?? fx.slowRounds, batchMs: 0, warmupMs: 0 }
      : { rounds: fx.rounds, batchMs: fx.batchMs, warmupMs: fx.warmupMs };
    const m = await measure(sides, opts);
    log(`${op.id}: ours ${m.ours.median_ms.toFixed(3)} ms, theirs ${m.theirs.median_ms.toFixed(3)} ms`);
    results.push({
      id: op.id, label: op.label, theirs_lib: op.theirsLib, alt_label: op.altLabel,
      same_output: same, ...m,
    });
  }
  window.__bench = { user_agent: navigator.userAgent, core: ours.coreVersion(), vault_kdf: vaultParams, results };
}

main().catch((e) => {
  log(`error: ${e?.stack ?? e}`);
  window.__bench = { error: String(e?.stack ?? e) };
});

// The built WASM core (dist/chrome, as the extension ships it) in Node, with the background's
// own core.js and vault.js and an in-memory chrome.storage: hostile typed data is refused
// without harming the instance; a real trap replaces the instance and the vault reopens from the
// session key; lock() removes the session key even when the core's lock throws.
// Needs `cargo xtask dist` first (cargo xtask test runs it before the unit tests).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = process.env.KURA_DIST ?? path.join(ROOT, 'dist/chrome');
const JUNK = 'test test test test test test test test test test test junk';
const ACCOUNT0 = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/vectors/eth-hd.json'), 'utf8')).vectors[0].address;

/** chrome.storage as the background uses it: get (key, keys or null), set, remove. */
function area() {
  const data = new Map();
  return {
    data,
    async get(keys) {
      const list = keys === null || keys === undefined ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
}

let core;
let vault;
let session;

before(async () => {
  if (!fs.existsSync(path.join(DIST, 'wasm/wallet_wasm_bg.wasm'))) throw new Error('dist/chrome is not built: run cargo xtask dist');
  session = area();
  globalThis.chrome = { storage: { local: area(), session }, runtime: { getURL: (p) => `chrome-extension://test/${p}` } };
  // The glue fetches the .wasm by URL; Node's fetch does not read file: URLs.
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, init) =>
    String(url).startsWith('file:')
      ? new Response(fs.readFileSync(fileURLToPath(String(url))), { headers: { 'content-type': 'application/wasm' } })
      : realFetch(url, init);
  core = await import(pathToFileURL(path.join(DIST, 'background/core.js')).href);
  vault = await import(pathToFileURL(path.join(DIST, 'background/vault.js')).href);
});

/** Typed data a page could send, each meant to break a parser that recurses or allocates freely. */
function hostile() {
  const base = (types, message = {}) => JSON.stringify({ types: { EIP712Domain: [], ...types }, primaryType: 'M', domain: {}, message });
  const nested = {};
  for (let i = 0; i < 10_000; i++) nested[`A${i}`] = [{ name: 'x', type: i === 9_999 ? 'uint8' : `A${i + 1}` }];
  let deep = '0';
  for (let i = 0; i < 10_000; i++) deep = `{"x":${deep}}`;
  return [
    base({ M: [{ name: 'x', type: 'uint8' + '[]'.repeat(100_000) }] }),
    base({ M: [{ name: 'x', type: 'T'.repeat(1024 * 1024) }] }),
    base({ M: [{ name: 'x', type: 'A0' }], ...nested }, { x: {} }),
    `{"types":{"EIP712Domain":[],"M":[{"name":"x","type":"A"}]},"primaryType":"M","domain":{},"message":${deep}}`,
    base({ M: Array.from({ length: 5000 }, (_, i) => ({ name: `f${i}`, type: 'uint256[]' })) }),
  ];
}

test('five hostile typed-data requests in a row: each a clear TYPED_DATA_INVALID, and the same instance still answers', async () => {
  const c = await core.core();
  const generation = core.coreGeneration();
  for (const json of hostile()) {
    assert.throws(() => c.prepareTypedData(json, 'v4'), (err) => err.name === 'WalletError' && err.code === 'TYPED_DATA_INVALID', json.slice(0, 60));
  }
  assert.equal(core.coreGeneration(), generation, 'no trap, no restart');
  assert.equal(c.toChecksumAddress(ACCOUNT0.toLowerCase()), ACCOUNT0);
  const spec = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/vectors/eip712.json'), 'utf8')).spec;
  assert.equal(c.prepareTypedData(JSON.stringify(spec.typedData), 'v4').digest, spec.digest);
});

test('a trap replaces the instance: the caller gets CORE_RESTARTED, then the vault reopens from the session key', async () => {
  await vault.create('correct horse battery', JUNK, '');
  const w = await vault.unlockedWallet();
  assert.equal(w.accounts()[0].address, ACCOUNT0);
  const generation = core.coreGeneration();
  // A pointer far outside the instance's memory: a genuine "memory access out of bounds" trap.
  w.__wbg_ptr = 0xfffffff0;
  assert.throws(() => w.accounts(), (err) => err.code === 'CORE_RESTARTED');
  assert.equal(core.coreGeneration(), generation + 1);
  const reopened = await vault.unlockedWallet();
  assert.notEqual(reopened, w);
  assert.equal(reopened.accounts()[0].address, ACCOUNT0, 'the fresh instance reopened the vault with the session key');
  assert.throws(() => w.isUnlocked(), /stale/, "the dead instance's objects refuse to be used");
});

test("lock() removes the session key even when the core's lock throws", async () => {
  const w = await vault.unlockedWallet();
  assert.ok(w);
  assert.ok((await session.get('sessionKey')).sessionKey, 'unlocked: the session key is stored');
  w.lock = () => {
    throw new Error('the core is broken');
  };
  await vault.lock();
  assert.deepEqual(await session.get('sessionKey'), {});
  assert.equal(await vault.unlockedWallet(), null, 'nothing reopens the vault');
});

// Makes tests/vectors/metamask/leveldb/: the LevelDB files a real Chromium writes when an
// extension stores MetaMask's state in chrome.storage.local, with vaults from vaults.json.
//
//   cd /work/main && node /path/to/tests/vectors/metamask/make-leveldb.mjs
//
// (needs npm playwright-core and Debian's /usr/bin/chromium). MetaMask's legacy layout is
// one `data` key holding the whole state ({KeyringController: {vault: "<json>"}, ...}) and
// a `meta` key ({version}); its newer split layout has one key per controller. Case
// `log-two-vaults`: vault A, then vault B stored later under `data` (the log keeps both:
// the newest write must come first). Case `compacted`: the same profile opened again, so
// Chromium's LevelDB turns the log into a Snappy-compressed .ldb table, then a split-layout
// write lands in the new log.
import { createRequire } from 'node:module';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
const require = createRequire(process.cwd() + '/');
const { chromium } = require('playwright-core');

const here = new URL('.', import.meta.url).pathname;
const extension = join(here, 'fake-extension');
const vaults = JSON.parse(readFileSync(join(here, 'vaults.json'), 'utf8')).vaults;
const A = vaults.find((v) => v.name === 'legacy-hdpath');
const B = vaults.find((v) => v.name === 'legacy-10k-string');

async function session(profile, work) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, '--disable-gpu',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const id = new URL(worker.url()).host;
  await work(worker);
  await context.close();
  return id;
}

function state(vault) {
  return { KeyringController: { vault }, PreferencesController: { identities: {}, currentLocale: 'en' },
    NetworkController: { selectedNetworkClientId: 'mainnet' } };
}

function copyStorage(profile, id, into) {
  const dir = join(profile, 'Default', 'Local Extension Settings', id);
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  const files = readdirSync(dir).filter((f) => f.endsWith('.log') || f.endsWith('.ldb'));
  for (const f of files) cpSync(join(dir, f), join(into, f));
  return files.map((f) => `${f} (${statSync(join(dir, f)).size} bytes)`);
}

const out = join(here, 'leveldb');
const profile = mkdtempSync(join(tmpdir(), 'fake-mm-'));
let id = await session(profile, async (w) => {
  await w.evaluate((s) => chrome.storage.local.set({ data: s, meta: { version: 150 } }), state(A.vault));
  await w.evaluate((s) => chrome.storage.local.set({ data: s, meta: { version: 151 } }), state(B.vault));
});
const first = copyStorage(profile, id, join(out, 'log-two-vaults'));
// Chromium reuses the log when it reopens a database, so a table only appears once the
// memtable is full: write a compressible filler until LevelDB has flushed and compacted
// (level-0 tables merged into one level-1 table, Snappy-compressed), then shrink the
// filler so the files stay small, and write the split-layout key last.
id = await session(profile, async (w) => {
  await w.evaluate(async () => {
    for (let i = 0; i < 24; i++) await chrome.storage.local.set({ filler: String(i % 10).repeat(1 << 20) });
    await chrome.storage.local.set({ filler: 'small' });
  });
  // Give LevelDB's background compaction time to merge the level-0 tables.
  await new Promise((resolve) => setTimeout(resolve, 8000));
  await w.evaluate((v) => chrome.storage.local.set({ KeyringController: { vault: v } }), A.vault);
});
const second = copyStorage(profile, id, join(out, 'compacted'));
rmSync(profile, { recursive: true, force: true });
writeFileSync(join(out, 'cases.json'), JSON.stringify({
  source: 'written by Debian Chromium (headless, through npm playwright-core) for the fake extension in tests/vectors/metamask/fake-extension; vaults from vaults.json; generator: tests/vectors/metamask/make-leveldb.mjs',
  notes: 'each case is a folder with the .log/.ldb files of Local Extension Settings/<id>/. expected = the vault names of vaults.json that must be found, newest first.',
  cases: [
    { name: 'log-two-vaults', files: first, expected: [B.name, A.name] },
    { name: 'compacted', files: second, expected: [A.name, B.name] },
  ],
}, null, 2) + '\n');
console.log(first, second);

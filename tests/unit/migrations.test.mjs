// The storage migrations, on the layouts each release wrote (no browser needed: pure function).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SCHEMA_VERSION, migrate } from '../../extension/background/migrations.js';

const vault = '{"version":1,"kdf":{"name":"scrypt"},"cipher":{},"ciphertext":"00"}';

test('data from before schema versions (the first development builds) keeps every field', () => {
  const before = { vault, vaultCopy: vault, settings: { chainId: '0x7a69', metaMaskMode: false } };
  const { changed, data, from } = migrate(before);
  assert.equal(changed, true);
  assert.equal(from, 0);
  assert.equal(data.schemaVersion, SCHEMA_VERSION);
  assert.equal(data.vault, vault);
  assert.equal(data.vaultCopy, vault);
  assert.deepEqual(data.settings, before.settings);
});

test('an empty profile gets the current version', () => {
  assert.deepEqual(migrate({}).data, { schemaVersion: SCHEMA_VERSION });
});

test('the current layout is left alone', () => {
  const current = { schemaVersion: SCHEMA_VERSION, vault };
  const { changed, data } = migrate(current);
  assert.equal(changed, false);
  assert.equal(data, current);
});

test('a layout from a newer release is refused, not rewritten', () => {
  assert.throws(() => migrate({ schemaVersion: SCHEMA_VERSION + 1, vault }), /newer than this release/);
});

test('1 → 2: the one replaced-vault slot becomes the first entry of the kept list', () => {
  const old = '{"version":1,"kdf":{"name":"scrypt"},"cipher":{},"ciphertext":"11"}';
  const { data } = migrate({ schemaVersion: 1, vault, vaultReplaced: { at: 1700000000000, vault: old } });
  assert.equal(data.schemaVersion, SCHEMA_VERSION);
  assert.equal('vaultReplaced' in data, false);
  assert.deepEqual(data.replacedVaults, [{ id: 'migrated-1700000000000', at: 1700000000000, reason: 'restore', vault: old }]);
  assert.equal(data.vault, vault);
});

test('1 → 2 without a replaced vault adds no list', () => {
  const { data } = migrate({ schemaVersion: 1, vault });
  assert.deepEqual(data, { schemaVersion: SCHEMA_VERSION, vault });
});

test('2 → 3: the one activity list becomes a list per network and account, each in its order', () => {
  const A = '0xAbCdEf0000000000000000000000000000000001';
  const B = '0x00000000000000000000000000000000000000b2';
  const tx = (/** @type {string} */ chainId, /** @type {string} */ from, /** @type {number} */ nonce) => ({ hash: `0x${chainId}${nonce}`, chainId, from, nonce, status: 'confirmed', submittedAt: nonce });
  const activity = [tx('0x1', A, 1), tx('0x7a69', A, 1), tx('0x1', B, 1), tx('0x1', A.toLowerCase(), 2), tx('0x7a69', A, 2)];
  const { data } = migrate({ schemaVersion: 2, vault, activity });
  assert.equal('activity' in data, false);
  const a = A.toLowerCase();
  assert.deepEqual(data.activityIndex.toSorted(), [`activity:0x1:${a}`, `activity:0x1:${B}`, `activity:0x7a69:${a}`].toSorted());
  // The same account in two spellings is one list; the order of the old list is kept.
  assert.deepEqual(data[`activity:0x1:${a}`], [activity[0], activity[3]]);
  assert.deepEqual(data[`activity:0x7a69:${a}`], [activity[1], activity[4]]);
  assert.deepEqual(data[`activity:0x1:${B}`], [activity[2]]);
  // Nothing else is touched, and every entry is somewhere.
  assert.equal(data.vault, vault);
  assert.equal(data.activityIndex.reduce((n, k) => n + data[k].length, 0), activity.length);
});

test('2 → 3 leaves out entries no release wrote (no chain or sender) and adds no index for none', () => {
  assert.deepEqual(migrate({ schemaVersion: 2, vault, activity: [{ hash: '0x1' }, null] }).data, { schemaVersion: SCHEMA_VERSION, vault });
  assert.deepEqual(migrate({ schemaVersion: 2, vault }).data, { schemaVersion: SCHEMA_VERSION, vault });
});

test('2 → 3: the followed tokens, one object of every network, become a key per network', () => {
  const usdc = { address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', symbol: 'USDC', decimals: 6 };
  const tst = { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', symbol: 'TST', decimals: 18 };
  const { data } = migrate({ schemaVersion: 2, vault, tokens: { '0x1': [usdc], '0x7a69': [tst, usdc], '0x5': [] } });
  assert.equal('tokens' in data, false);
  assert.deepEqual(data['tokens:0x1'], [usdc]);
  assert.deepEqual(data['tokens:0x7a69'], [tst, usdc]);
  assert.equal('tokens:0x5' in data, false, 'an empty list needs no key');
});

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
  assert.equal(data.schemaVersion, 2);
  assert.equal('vaultReplaced' in data, false);
  assert.deepEqual(data.replacedVaults, [{ id: 'migrated-1700000000000', at: 1700000000000, reason: 'restore', vault: old }]);
  assert.equal(data.vault, vault);
});

test('1 → 2 without a replaced vault adds no list', () => {
  const { data } = migrate({ schemaVersion: 1, vault });
  assert.deepEqual(data, { schemaVersion: 2, vault });
});

// The last known balances (background/last-known.js) on an in-memory chrome.storage.session:
// what the wallet page shows before the network answers, and when it does not.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';

/** chrome.storage.session as the module uses it: get (key or null), set, remove. */
const data = new Map();
globalThis.chrome = /** @type {any} */ ({
  storage: {
    session: {
      async get(/** @type {string | null} */ key) {
        const keys = key === null ? [...data.keys()] : [key];
        return Object.fromEntries(keys.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
      },
      async set(/** @type {Record<string, unknown>} */ items) {
        for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
      },
      async remove(/** @type {string[]} */ keys) {
        for (const k of keys) data.delete(k);
      },
    },
  },
});

const { forgetLastKnown, lastBalance, lastTokenBalances, rememberBalance, rememberTokens } = await import('../../extension/background/last-known.js');

const A = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const B = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const T1 = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const T2 = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';

beforeEach(async () => {
  await forgetLastKnown();
  data.clear();
});

test("a balance is kept per network, for the account it was asked for, in decimal", async () => {
  await rememberBalance('0x1', A, '0x21e19e0c9bab2400000');
  assert.equal(await lastBalance('0x1', A), (10_000n * 10n ** 18n).toString());
  assert.equal(await lastBalance('0x1', A.toLowerCase()), (10_000n * 10n ** 18n).toString(), 'the address in any case');
  assert.equal(await lastBalance('0x1', B), null, "another account's is not shown for this one");
  assert.equal(await lastBalance('0x89', A), null, "another network's is not shown on this one");
  await rememberBalance('0x1', B, '0x5');
  assert.equal(await lastBalance('0x1', B), '5');
  assert.equal(await lastBalance('0x1', A), null, 'one account per network: the last one asked');
});

test('a token the network did not give now keeps the balance it gave before', async () => {
  await rememberTokens('0x1', A, [
    { address: T1, balance: '100' },
    { address: T2, balance: '7' },
  ]);
  await rememberTokens('0x1', A, [
    { address: T1, balance: null },
    { address: T2, balance: '8' },
  ]);
  assert.deepEqual(Object.fromEntries((await lastTokenBalances('0x1', A)) ?? []), { [T1.toLowerCase()]: '100', [T2.toLowerCase()]: '8' });
  // Another account's failure inherits nothing.
  await rememberTokens('0x1', B, [{ address: T1, balance: null }]);
  assert.deepEqual(Object.fromEntries((await lastTokenBalances('0x1', B)) ?? []), {});
  assert.equal(await lastTokenBalances('0x1', A), null);
});

test('what another writer stored there is not taken for an amount', async () => {
  data.set('lastKnown:balance:0x1', { address: A, wei: '1e18' });
  data.set('lastKnown:tokens:0x1', { address: A, balances: { [T1.toLowerCase()]: '-1', [T2.toLowerCase()]: '3' } });
  assert.equal(await lastBalance('0x1', A), null);
  assert.deepEqual(Object.fromEntries((await lastTokenBalances('0x1', A)) ?? []), { [T2.toLowerCase()]: '3' });
});

test('at lock every network\'s last known balances go, and nothing else', async () => {
  data.set('sessionKey', 'k');
  data.set('approvals', []);
  await rememberBalance('0x1', A, '0x1');
  await rememberBalance('0x89', A, '0x2');
  await rememberTokens('0x1', A, [{ address: T1, balance: '1' }]);
  await forgetLastKnown();
  assert.deepEqual([...data.keys()].sort(), ['approvals', 'sessionKey']);
  // Written again after the lock although the same as before it.
  await rememberBalance('0x1', A, '0x1');
  assert.equal(await lastBalance('0x1', A), '1');
});

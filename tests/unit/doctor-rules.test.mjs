// The doctor's pure judgements: a slow endpoint, nearly full storage, and which lost nonces
// block later transactions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SLOW_RPC_MS, isSlow, nonceGaps, storageNearFull } from '../../extension/background/doctor/rules.js';

test('slow means over 2 s', () => {
  assert.equal(isSlow(SLOW_RPC_MS), false);
  assert.equal(isSlow(SLOW_RPC_MS + 1), true);
  assert.equal(isSlow(3000), true);
});

test('storage is nearly full from 80 % of the quota; an unknown quota is not full', () => {
  assert.equal(storageNearFull(79, 100), false);
  assert.equal(storageNearFull(80, 100), true);
  assert.equal(storageNearFull(1, 0), false);
});

test('a lost nonce below a held one is a gap; a lost one with nothing behind it is not', () => {
  const pending = [
    { hash: '0xa', nonce: 5 },
    { hash: '0xb', nonce: 6 },
    { hash: '0xc', nonce: 7 },
  ];
  assert.deepEqual(nonceGaps(pending, new Set(['0xb', '0xc']), 5), [{ hash: '0xa', nonce: 5, blocked: 2 }]);
  assert.deepEqual(nonceGaps(pending, new Set(['0xa', '0xb']), 5), [], 'the last one lost blocks nothing');
  assert.deepEqual(nonceGaps(pending, new Set(['0xa', '0xb', '0xc']), 5), [], 'all held');
  assert.deepEqual(nonceGaps(pending, new Set(['0xc']), 5), [
    { hash: '0xa', nonce: 5, blocked: 1 },
    { hash: '0xb', nonce: 6, blocked: 1 },
  ]);
  assert.deepEqual(nonceGaps(pending, new Set(['0xc']), 6), [{ hash: '0xb', nonce: 6, blocked: 1 }], 'below the mined nonce it is used, not a gap');
});

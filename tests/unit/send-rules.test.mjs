// The rules of sending (pure functions): amounts, look-alike addresses, replacement fees, stuck
// transactions and revert reasons. Amounts and revert data are checked against ethers, an
// independent implementation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AbiCoder, Wallet, parseUnits } from 'ethers';
import { decodeRevert, isLookalike, judgePending, parseAmount, replacementFees } from '../../extension/background/send-rules.js';

test('amounts: the same integer as ethers parseUnits, for every decimals count used', () => {
  for (const decimals of [0, 6, 8, 18]) {
    for (const text of ['1', '0.5', '123.456', '0.000001', '1000000', '42.0', '.25', '7.']) {
      const places = (text.split('.')[1] ?? '').length;
      if (places > decimals) {
        assert.equal(parseAmount(text, decimals), null, `${text} has more than ${decimals} decimals`);
        continue;
      }
      assert.equal(parseAmount(text, decimals), parseUnits(text.replace(/\.$/, ''), decimals), `${text} at ${decimals}`);
    }
  }
});

test('amounts: full-width digits from a Japanese keyboard are read; commas (1,5 or 1,000?) and junk are refused', () => {
  assert.equal(parseAmount('１．５', 18), parseUnits('1.5', 18));
  assert.equal(parseAmount(' 2.5 ', 6), parseUnits('2.5', 6));
  for (const bad of ['1,5', '1,000.25', '1 000', '', ' ', '0', '0.0', '-1', '1e3', 'abc', '1.2.3', '0x10', '.']) {
    assert.equal(parseAmount(bad, 18), null, JSON.stringify(bad));
  }
  assert.equal(parseAmount('0.0000001', 6), null, 'more places than the token has');
});

test('look-alike: same first 4 and last 4 hex digits, different address', () => {
  const real = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  const fake = '0x7099' + '0'.repeat(32) + '79c8';
  assert.equal(isLookalike(fake, real), true);
  assert.equal(isLookalike(real, real), false, 'the address itself');
  assert.equal(isLookalike(real.toLowerCase(), real), false, 'the same address in another case');
  assert.equal(isLookalike('0x7098' + '0'.repeat(32) + '79c8', real), false, 'different start');
  assert.equal(isLookalike('0x7099' + '0'.repeat(32) + '79c9', real), false, 'different end');
  assert.equal(isLookalike('0x7099', real), false, 'not an address');
});

test('replacement fees: at least 10% above each old fee, and at least the market', () => {
  const gwei = 10n ** 9n;
  // The market is below the old fees: +10% of the old ones (rounded up).
  assert.deepEqual(
    replacementFees({ maxFeePerGas: String(30n * gwei), maxPriorityFeePerGas: String(2n * gwei) }, { maxFeePerGas: String(10n * gwei), maxPriorityFeePerGas: String(1n * gwei) }),
    { maxFeePerGas: 33n * gwei, maxPriorityFeePerGas: 2_200_000_000n },
  );
  // The market is far above: the market.
  assert.deepEqual(
    replacementFees({ maxFeePerGas: String(30n * gwei), maxPriorityFeePerGas: String(2n * gwei) }, { maxFeePerGas: String(500n * gwei), maxPriorityFeePerGas: String(3n * gwei) }),
    { maxFeePerGas: 500n * gwei, maxPriorityFeePerGas: 3n * gwei },
  );
  // Rounding up: 10% of 15 wei is 1.5 → 17, never 16.
  assert.deepEqual(replacementFees({ maxFeePerGas: '15', maxPriorityFeePerGas: '15' }, {}), { maxFeePerGas: 17n, maxPriorityFeePerGas: 17n });
  assert.deepEqual(replacementFees({ gasPrice: '100' }, { gasPrice: '90' }), { gasPrice: 110n });
  assert.deepEqual(replacementFees({ gasPrice: '100' }, { gasPrice: '300' }), { gasPrice: 300n });
});

/** A pending transaction for judgePending. */
const tx = (hash, nonce, maxFee, submittedBlock, extra = {}) => ({
  hash, nonce, status: 'pending', submittedBlock: '0x' + submittedBlock.toString(16), submittedAt: nonce * 1000 + (extra.later ?? 0),
  fees: { maxFeePerGas: String(maxFee), maxPriorityFeePerGas: '1' }, ...extra,
});

test('stuck: a fee below the chain\'s ask after a few blocks; the lowest nonce blocks the rest', () => {
  const chain = { blockNumber: 100n, neededFeePerGas: 50n };
  const verdicts = judgePending([tx('a', 5, 10, 90), tx('b', 6, 80, 90), tx('c', 7, 10, 99)], chain);
  assert.deepEqual(verdicts.get('a'), { stuck: { reason: 'fee-low', maxFeePerGas: '10', neededFeePerGas: '50' }, canReplace: true });
  assert.deepEqual(verdicts.get('b'), { stuck: { reason: 'blocked-by-nonce', blockingNonce: 5 }, canReplace: false }, 'enough fee, but behind a stuck one');
  assert.deepEqual(verdicts.get('c'), { stuck: null, canReplace: false }, 'too recent to judge');
});

test('stuck: a fresh or well-paid transaction is not stuck, and stays replaceable', () => {
  const chain = { blockNumber: 100n, neededFeePerGas: 50n };
  assert.deepEqual(judgePending([tx('a', 1, 10, 99)], chain).get('a'), { stuck: null, canReplace: true });
  assert.deepEqual(judgePending([tx('a', 1, 60, 50)], chain).get('a'), { stuck: null, canReplace: true });
});

test('stuck: after a speed-up, only the replacement counts and can be acted on', () => {
  const chain = { blockNumber: 100n, neededFeePerGas: 50n };
  const verdicts = judgePending([tx('old', 3, 10, 90, { replacedBy: 'new' }), tx('new', 3, 60, 99, { later: 1 })], chain);
  assert.deepEqual(verdicts.get('old'), { stuck: null, canReplace: false });
  assert.deepEqual(verdicts.get('new'), { stuck: null, canReplace: true });
  const confirmed = { ...tx('done', 2, 10, 10), status: 'confirmed' };
  assert.equal(judgePending([confirmed], chain).has('done'), false, 'only pending ones are judged');
});

test('revert reasons: Error(string) as ethers encodes it, and Panic codes', () => {
  const coder = AbiCoder.defaultAbiCoder();
  const error = '0x08c379a0' + coder.encode(['string'], ['ERC20: transfer amount exceeds balance']).slice(2);
  assert.equal(decodeRevert(error), 'ERC20: transfer amount exceeds balance');
  const japanese = '0x08c379a0' + coder.encode(['string'], ['残高不足']).slice(2);
  assert.equal(decodeRevert(japanese), '残高不足');
  const panic = '0x4e487b71' + coder.encode(['uint256'], [0x11]).slice(2);
  assert.equal(decodeRevert(panic), 'panic 0x11');
  for (const bad of [null, '', '0x', '0x08c379a0', 'revert', Wallet.createRandom().address]) assert.equal(decodeRevert(bad), null);
});

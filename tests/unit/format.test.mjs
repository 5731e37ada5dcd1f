// Amounts as people read them on home: grouped, a few decimals, cut rather than rounded up,
// and dust shown as dust. The exact amount stays available (formatUnits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatUnits, shortUnits } from '../../extension/ui/format.js';

const ETH = 18;
const wei = (text) => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole + fraction.padEnd(ETH, '0'));
};

test('a long balance: four decimals, grouped, in English and Japanese', () => {
  const balance = wei('9999.498939761682275');
  assert.equal(shortUnits(balance, ETH, 'en'), '9,999.4989');
  assert.equal(shortUnits(balance, ETH, 'ja'), '9,999.4989');
  assert.equal(formatUnits(balance, ETH), '9999.498939761682275', 'the exact amount is still there');
});

test('never rounded up: 0.99999 is not shown as 1', () => {
  assert.equal(shortUnits(wei('0.99999'), ETH, 'en'), '0.9999');
  assert.equal(shortUnits(wei('1.99999999'), ETH, 'en'), '1.9999');
});

test('dust is "<0.0001", zero is 0, whole amounts have no decimals', () => {
  assert.equal(shortUnits(1n, ETH, 'en'), '<0.0001');
  assert.equal(shortUnits(wei('0.00009999'), ETH, 'en'), '<0.0001');
  assert.equal(shortUnits(wei('0.0001'), ETH, 'en'), '0.0001');
  assert.equal(shortUnits(0n, ETH, 'en'), '0');
  assert.equal(shortUnits(wei('10000'), ETH, 'en'), '10,000');
});

test('token amounts: grouped by thousands, few or no decimals, and beyond what a float holds', () => {
  assert.equal(shortUnits(999_987_500_000n, 6, 'en'), '999,987.5');
  assert.equal(shortUnits(12n, 0, 'ja'), '12');
  // 2^256-1 units of an 18-decimal token: exact digits, not 1.157920892373162e+59.
  const max = 2n ** 256n - 1n;
  assert.equal(shortUnits(max, ETH, 'en').replace(/,/g, '').split('.')[0], (max / 10n ** 18n).toString());
});

test('a hex amount and a negative one', () => {
  assert.equal(shortUnits('0x' + wei('1.5').toString(16), ETH, 'en'), '1.5');
  assert.equal(shortUnits(-wei('2.25'), ETH, 'en'), '-2.25');
  assert.equal(shortUnits(-1n, ETH, 'en'), '-<0.0001');
});

// EIP-712 messages as a tree a person can read: nested structs indented, arrays numbered,
// addresses and long hex in full (wrapped, never cut).

import { t } from '../i18n.js';
import { h, pageText } from './util.js';

const MAX_DEPTH = 48;

/** @param {unknown} value @returns {Node} */
function leaf(value) {
  if (value === null || value === undefined) return h('span', { class: 'tree-value null', text: 'null' });
  if (typeof value === 'boolean') return h('span', { class: 'tree-value bool', text: String(value) });
  if (typeof value === 'number' || typeof value === 'bigint') return h('span', { class: 'tree-value num', text: String(value) });
  const text = String(value);
  if (/^0x[0-9a-fA-F]{40}$/.test(text)) return h('span', { class: 'tree-value addr mono wrap', text, data: { address: text } });
  if (/^0x[0-9a-fA-F]*$/.test(text)) return h('span', { class: 'tree-value hex mono wrap', text });
  if (/^-?\d+$/.test(text)) return h('span', { class: 'tree-value num', text });
  return pageText(text, 'tree-value str');
}

/**
 * @param {unknown} value
 * @param {number} depth
 * @returns {Node}
 */
function node(value, depth) {
  if (depth > MAX_DEPTH) return h('span', { class: 'tree-value mono wrap', text: JSON.stringify(value) });
  if (Array.isArray(value)) {
    if (value.length === 0) return h('span', { class: 'tree-value empty', text: t('approvalTypedEmptyList') });
    const ol = h('ol', { class: 'tree-list' });
    value.forEach((item, i) => {
      const complex = item !== null && typeof item === 'object';
      ol.append(
        h(
          'li',
          { class: complex ? 'tree-item complex' : 'tree-item' },
          h('span', { class: 'tree-index', text: t('approvalTypedItem', [String(i + 1)]) }),
          node(item, depth + 1),
        ),
      );
    });
    return ol;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return h('span', { class: 'tree-value empty', text: t('approvalTypedEmptyStruct') });
    const dl = h('dl', { class: 'tree-struct' });
    for (const [key, v] of entries) {
      const complex = v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
      dl.append(h('div', { class: complex ? 'tree-row complex' : 'tree-row' }, pageText(key, 'tree-key', 'dt'), h('dd', {}, node(v, depth + 1))));
    }
    return dl;
  }
  return leaf(value);
}

/**
 * @param {unknown} message the typed data's `message`
 * @param {string} [testid]
 */
export function renderTree(message, testid) {
  return h('div', { class: 'tree', testid }, node(message, 0));
}

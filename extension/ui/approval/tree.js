// EIP-712 values as a tree a person can read, drawn from the core's display tree
// (`prepareTypedData`): exactly the fields that are hashed, each with its declared type;
// structs indented, arrays numbered, addresses EIP-55 and whole, integers exact, strings with
// their hidden characters marked. Nothing the page sent outside its declared types is here.

import { t } from '../i18n.js';
import { addressEl, h, pageText } from './util.js';

/** @typedef {import('../../wasm/wallet_wasm.js').DisplayNode} DisplayNode */

/** Deeper than the core allows (64): a malformed tree is shown as its type only. */
const MAX_DEPTH = 70;

/** @param {string} type */
const typeHint = (type) => h('span', { class: 'tree-type', text: type });

/**
 * @param {DisplayNode} node
 * @param {number} depth
 * @returns {Node}
 */
function value(node, depth) {
  if (depth > MAX_DEPTH) return typeHint(String(/** @type {any} */ (node)?.type ?? ''));
  switch (node.kind) {
    case 'struct': {
      if (node.fields.length === 0) return h('span', { class: 'tree-value empty', text: t('approvalTypedEmptyStruct') });
      const dl = h('dl', { class: 'tree-struct', data: { type: node.type } });
      for (const field of node.fields) {
        const complex = field.value.kind === 'struct' || field.value.kind === 'array';
        dl.append(
          h(
            'div',
            { class: complex ? 'tree-row complex' : 'tree-row', data: { field: field.name } },
            h('dt', { class: 'tree-key' }, pageText(field.name), ' ', typeHint(field.type)),
            h('dd', {}, value(field.value, depth + 1)),
          ),
        );
      }
      return dl;
    }
    case 'array': {
      if (node.items.length === 0) return h('span', { class: 'tree-value empty', text: t('approvalTypedEmptyList') });
      const ol = h('ol', { class: 'tree-list' });
      node.items.forEach((item, i) => {
        const complex = item.kind === 'struct' || item.kind === 'array';
        ol.append(
          h('li', { class: complex ? 'tree-item complex' : 'tree-item' }, h('span', { class: 'tree-index', text: t('approvalTypedItem', [String(i + 1)]) }), value(item, depth + 1)),
        );
      });
      return ol;
    }
    case 'null':
      return h('span', { class: 'tree-value null', text: t('approvalTypedNullStruct') });
    case 'address':
      return addressEl(node.value, 'tree-value addr small');
    case 'int':
      return h('span', { class: 'tree-value num', text: node.value });
    case 'bool':
      return h('span', { class: 'tree-value bool', text: String(node.value) });
    case 'string':
      return pageText(node.value, 'tree-value str');
    case 'bytes':
      return h('span', { class: 'tree-value hex mono wrap', text: node.value });
    default:
      return typeHint(String(/** @type {any} */ (node)?.type ?? ''));
  }
}

/**
 * @param {DisplayNode} node a struct node of the core's tree
 * @param {string} [testid]
 */
export function renderTree(node, testid) {
  return h('div', { class: 'tree', testid }, value(node, 0));
}

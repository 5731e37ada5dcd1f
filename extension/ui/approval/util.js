// Small builders shared by the approval renderers. Everything a site sends is put into the page
// as text (textContent), never as markup.

import { splitHidden } from '../../common/text.js';
import { formatUnits, renderAddress } from '../format.js';
import { t } from '../i18n.js';

/**
 * @typedef {{ class?: string, text?: string, testid?: string, data?: Record<string, string>,
 *   attrs?: Record<string, string> }} Props
 */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [props]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.testid) el.dataset.testid = props.testid;
  for (const [k, v] of Object.entries(props.data ?? {})) el.dataset[k] = v;
  for (const [k, v] of Object.entries(props.attrs ?? {})) el.setAttribute(k, v);
  if (props.text !== undefined) el.textContent = props.text;
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/**
 * A name shown in the person's language: the core's default English names ("Account 3",
 * "Imported 1") are translated, as on the home page.
 * @param {string | null | undefined} name
 */
export function accountLabel(name) {
  if (!name) return '';
  const hd = /^Account (\d+)$/.exec(name);
  if (hd) return t('accountDefaultName', [hd[1]]);
  const imported = /^Imported (\d+)$/.exec(name);
  if (imported) return t('importedDefaultName', [imported[1]]);
  return name;
}

/**
 * An address in full, in groups of four like the home page.
 * @param {string} address
 * @param {string} [cls] extra classes
 * @param {string} [testid]
 */
export function addressEl(address, cls = '', testid) {
  const el = h('p', { class: `address ${cls}`.trim(), testid, data: { address } });
  if (/^0x[0-9a-fA-F]{40}$/.test(address)) renderAddress(el, address);
  else el.textContent = address;
  return el;
}

/**
 * A small coloured disc that tells accounts apart at a glance (never instead of the address).
 * @param {string} address
 */
export function avatar(address) {
  const n = Number.parseInt(address.slice(2, 10), 16) || 0;
  const el = h('span', { class: 'avatar', attrs: { 'aria-hidden': 'true' } });
  el.style.background = `linear-gradient(135deg, hsl(${n % 360} 70% 55%), hsl(${(n >>> 9) % 360} 65% 45%))`;
  return el;
}

/**
 * The account that signs or sends: its name and its whole address.
 * @param {string} address
 * @param {string} [name]
 */
export function accountCard(address, name) {
  return h(
    'div',
    { class: 'who' },
    avatar(address),
    h('div', { class: 'who-text' }, h('p', { class: 'who-name', text: accountLabel(name) || t('approvalAccount') }), addressEl(address, 'small')),
  );
}

/**
 * A chain id (0x hex, decimal string or number) as a decimal number for reading.
 * @param {unknown} chainId
 */
export function chainDecimal(chainId) {
  try {
    if (typeof chainId === 'number' || typeof chainId === 'bigint') return BigInt(chainId).toString();
    if (typeof chainId === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(chainId.trim())) return BigInt(chainId.trim()).toString();
  } catch {
    // not a number: shown as given
  }
  return String(chainId ?? '');
}

/**
 * An amount in a coin, exactly: "1.5" and "ETH" in separate spans.
 * @param {string | bigint} wei
 * @param {number} decimals
 * @param {string} symbol
 * @param {string} [cls]
 */
export function amountEl(wei, decimals, symbol, cls = 'amount') {
  return h('span', { class: cls }, h('span', { class: 'value', text: formatUnits(wei, decimals) }), ' ', h('span', { class: 'symbol', text: symbol }));
}

/**
 * A definition list of label → value rows (values are text or nodes).
 * @param {Array<[string, Node | string] | null | false>} rows
 * @param {Props} [props]
 */
export function facts(rows, props = {}) {
  const dl = h('dl', { class: `facts approval-facts ${props.class ?? ''}`.trim(), testid: props.testid, data: props.data });
  for (const row of rows) {
    if (!row) continue;
    const [label, value] = row;
    dl.append(h('dt', { text: label }), h('dd', {}, value));
  }
  return dl;
}

/** @param {string} text @param {string} [cls] */
export const mono = (text, cls = '') => h('span', { class: `mono wrap ${cls}`.trim(), text });

/**
 * A section with a small heading, like the panels of the wallet's page.
 * @param {string} title
 * @param {...(Node | null | false)} children
 */
export function panel(title, ...children) {
  const id = `p-${Math.random().toString(36).slice(2, 9)}`;
  return h('section', { class: 'panel', attrs: { 'aria-labelledby': id } }, h('h3', { text: title, attrs: { id } }), ...children);
}

/**
 * Text a site supplied, with every character a person cannot see (or that reorders what they
 * read) shown as a marked ⟦U+XXXX⟧: a message, a name, a symbol, a typed-data string.
 * @param {string} text
 * @param {string} [cls]
 * @param {string} [tag]
 * @returns {HTMLElement}
 */
export function pageText(text, cls = '', tag = 'span') {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  for (const part of splitHidden(String(text))) {
    if ('hidden' in part) {
      const mark = h('mark', { class: 'invisible', text: `⟦${part.hidden}⟧`, attrs: { title: t('approvalSignInvisibleMark') } });
      mark.dataset.hidden = part.hidden;
      el.append(mark);
    } else {
      el.append(part.text);
    }
  }
  return el;
}

/** Whether a site's text has a character that pageText marks. @param {string} text */
export const hasHidden = (text) => splitHidden(String(text)).some((p) => 'hidden' in p);

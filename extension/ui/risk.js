// One risk warning as both the approval window and the send page show it: its level, the
// message for its stable code (`risk_<code>` in _locales), and the details the background
// attached (an address, a chain id...), labelled when the field is known.

import { q } from './dom.js';
import { maybe, t } from './i18n.js';
import { h, pageText } from './approval/util.js';
import { helpLinkFor } from './help-link.js';

/**
 * @typedef {{ code: string, severity?: 'high' | 'medium' | 'info', [detail: string]: unknown }} Warning
 */

/** The message key of a warning code ("unlimited-approval" → "risk_unlimited_approval"). @param {string} code */
export const riskKey = (code) => `risk_${String(code).replace(/[^A-Za-z0-9]/g, '_')}`;

/** Fields of a warning that are not shown as details. */
const RISK_META = new Set(['code', 'severity', 'message', 'title']);

/** @param {Warning} w */
export function riskWarning(w) {
  const code = String(w.code ?? 'unknown');
  const high = w.severity === 'high';
  const info = w.severity === 'info';
  const text = maybe(riskKey(code)) || t('approvalRiskUnknown', [code]);
  const el = h(
    'div',
    { class: `callout risk ${high ? 'danger' : info ? 'info' : 'warning'}`, testid: 'risk-warning', data: { risk: code, severity: high ? 'high' : info ? 'info' : 'medium' }, attrs: { role: 'note' } },
    h('span', { class: 'risk-icon', attrs: { 'aria-hidden': 'true' }, text: high ? '!' : 'i' }),
    h('div', { class: 'risk-text' }, h('strong', { class: 'risk-level', text: high ? t('approvalRiskHigh') : info ? t('approvalRiskInfo') : t('approvalRiskMedium') }), h('p', { text })),
  );
  // Details the background attached (an address, a chain id...), labelled when we know the field.
  const details = Object.entries(w).filter(([k, v]) => !RISK_META.has(k) && v !== null && ['string', 'number', 'boolean'].includes(typeof v));
  const link = helpLinkFor(code);
  if (link) q(el, '.risk-text').append(link);
  if (details.length) {
    const dl = h('dl', { class: 'risk-details' });
    // Details may be a site's text (a SIWE domain, a symbol): hidden characters are marked.
    for (const [k, v] of details) dl.append(h('dt', { text: maybe(`approvalRiskField_${k.replace(/[^A-Za-z0-9]/g, '_')}`) || k }), pageText(String(v), 'mono wrap', 'dd'));
    q(el, '.risk-text').append(dl);
  }
  return el;
}


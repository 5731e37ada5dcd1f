// One request on screen: who asks (the whole origin, and the page it is embedded in when a
// frame asks), what for, the details, the risks the background found, and the two answers.
// Approve stays disabled for a moment after the screen appears and whenever the window comes
// back into view, so that a click meant for something else never approves this.

import { byRole, byTestId, q } from '../dom.js';
import { t } from '../i18n.js';
import { unicodeHostname } from './punycode.js';
import { riskWarning } from '../risk.js';
import { render } from './types.js';
import { h } from './util.js';

/**
 * @typedef {import('./data.js').Approval} Approval
 * @typedef {import('./data.js').Warning} Warning
 */

const SVG = 'http://www.w3.org/2000/svg';
function globe() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-2.9a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8ZM12 4c.8 1.2 1.5 2.5 1.9 4h-3.8c.4-1.5 1.1-2.8 1.9-4ZM4.3 14a8.2 8.2 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4H4.3Zm.8 2h2.9c.3 1.3.8 2.5 1.4 3.6A8 8 0 0 1 5.1 16ZM8 8H5.1a8 8 0 0 1 4.3-3.6C8.8 5.5 8.4 6.7 8 8Zm4 12c-.8-1.2-1.5-2.5-1.9-4h3.8c-.4 1.5-1.1 2.8-1.9 4Zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4Zm.3 5.6c.6-1.1 1.1-2.3 1.4-3.6h2.9a8 8 0 0 1-4.3 3.6Zm1.7-5.6a16.5 16.5 0 0 0 0-4h3.4a8.2 8.2 0 0 1 0 4h-3.4Z');
  svg.append(path);
  return svg;
}

/** How long Approve waits after each new screen and each return of the window (at least 0.5 s). */
export const ARM_MS = 600;

/**
 * The origin, whole, and for an international (xn--) host its Unicode form beside it; when a
 * frame asks, the page that embeds it.
 * @param {HTMLElement} root
 * @param {string} origin
 * @param {string | null | undefined} embeddedIn
 */
function renderOrigin(root, origin, embeddedIn) {
  if (embeddedIn) {
    const el = byTestId(root, 'approval-embedded-in');
    el.hidden = false;
    el.dataset.origin = embeddedIn;
    el.textContent = t('approvalEmbeddedIn', [embeddedIn]);
  }
  if (origin === location.origin) {
    // The wallet's own page asks (a send, a speed up): no site is involved.
    const el = byTestId(root, 'approval-origin');
    el.textContent = t('approvalOriginWallet');
    el.dataset.origin = origin;
    byRole(root, 'requester-icon').textContent = 'K';
    return;
  }
  byTestId(root, 'approval-origin').textContent = origin;
  let host = '';
  try {
    host = new URL(origin).hostname;
  } catch {
    // not a URL (should not happen: the background takes it from the browser)
  }
  const icon = byRole(root, 'requester-icon');
  // A letter for a name; a globe for an address (IP) or a name that does not start with one.
  const first = host.replace(/^www\./, '')[0] ?? '';
  const ip = /^[\d.]+$/.test(host) || host.startsWith('[');
  if (!ip && /[a-z]/i.test(first)) icon.textContent = first.toUpperCase();
  else icon.append(globe());
  const hue = [...host].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 360, 7);
  icon.style.setProperty('--site-hue', String(hue));
  if (/(^|\.)xn--/i.test(host)) {
    const unicode = unicodeHostname(host);
    const idn = byRole(root, 'idn');
    idn.hidden = false;
    const shown = byRole(root, 'idn-unicode');
    if (unicode) shown.textContent = t('approvalIdnUnicode', [unicode]);
    else shown.remove();
  }
}

/**
 * @param {HTMLElement} root the cloned tpl-approval
 * @param {Approval} approval
 * @param {{ onAnswer: (approved: boolean, args: Record<string, unknown>) => void }} opts
 * @returns {{ refreshReady: () => void, arm: () => void, approve: HTMLButtonElement | null, reject: HTMLButtonElement }}
 */
export function mountApproval(root, approval, opts) {
  root.dataset.approvalType = approval.type;
  root.dataset.approvalId = approval.id;
  renderOrigin(root, approval.origin, approval.embeddedIn);

  /** @type {HTMLButtonElement} */
  const approve = byTestId(root, 'approval-approve');
  /** @type {HTMLButtonElement} */
  const reject = byTestId(root, 'approval-reject');
  /** @type {HTMLInputElement | null} */
  let ack = null;

  const ctx = { update: () => refreshReady() };
  const r = render(approval, ctx);
  byRole(root, 'title').textContent = r.title;
  byRole(root, 'lede').textContent = r.lede;
  byRole(root, 'body').replaceChildren(...r.body);

  /** @type {Warning[]} */
  const warnings = Array.isArray(approval.payload?.warnings) ? approval.payload.warnings.filter((/** @type {unknown} */ w) => w && typeof w === 'object') : [];
  // Highest risk first.
  const rank = (/** @type {Warning} */ w) => (w.severity === 'high' ? 2 : w.severity === 'info' ? 0 : 1);
  warnings.sort((x, y) => rank(y) - rank(x));
  const risks = byRole(root, 'risks');
  risks.replaceChildren(...warnings.map(riskWarning));
  risks.hidden = warnings.length === 0;
  if (warnings.some((w) => w.severity === 'high') && r.approvable !== false) {
    ack = h('input', { testid: 'risk-acknowledge', attrs: { type: 'checkbox' } });
    ack.addEventListener('change', () => refreshReady());
    // In the footer, beside Approve: always in view, and read at the moment of approving.
    q(root, '.approval-footer').prepend(h('label', { class: 'row ack' }, ack, h('span', { text: t('approvalRiskAcknowledge') })));
  }

  const approvable = r.approvable !== false;
  if (!approvable) {
    approve.remove();
    q(root, '.actions').classList.add('single');
  } else {
    approve.textContent = r.approveLabel ?? t('approvalApprove');
  }

  let armedAt = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let armTimer;
  const arming = () => performance.now() < armedAt;
  function refreshReady() {
    if (!approvable) return;
    const ok = (r.ready?.() ?? true) && (!ack || ack.checked);
    const waiting = arming();
    approve.disabled = !ok || waiting;
    // Tests (and dApp teams' tests) can tell the short delay from a real reason to wait.
    if (waiting) approve.dataset.arming = '';
    else delete approve.dataset.arming;
  }
  /** Approve waits ARM_MS from now. */
  function arm() {
    armedAt = performance.now() + ARM_MS;
    clearTimeout(armTimer);
    armTimer = setTimeout(refreshReady, ARM_MS + 20);
    refreshReady();
  }
  arm();

  root.dataset.busyApprove = r.busyLabel ?? t('approvalWorking');
  approve.addEventListener('click', () => {
    if (approve.disabled || arming()) return;
    opts.onAnswer(true, r.args?.() ?? {});
  });
  reject.addEventListener('click', () => opts.onAnswer(false, {}));

  return { refreshReady, arm, approve: approvable ? approve : null, reject };
}

// The wallet doctor: runs the background's checks and shows what they found, each finding with
// its text, its help article and the fixes it offers. Opened from home, from settings and next
// to an error (with that error's check first).

import { call } from '../api.js';
import { byRole, byTestId, downloadFile, showError } from '../dom.js';
import { errorText } from '../errors.js';
import { formatUnits, whenText } from '../format.js';
import { helpLinkFor } from '../help-link.js';
import { t } from '../i18n.js';
import { messageKey } from '../../common/codes.js';
import * as router from '../router.js';

/** @typedef {{ code: string, severity: string, check: string, data?: Record<string, any>, fixes?: string[] }} Finding */

/** The placeholders of a finding's text. @param {Finding} f @returns {string[]} */
function substitutions(f) {
  const d = f.data ?? {};
  switch (f.code) {
    case 'rpc-slow':
      return [String(d.ms ?? '?')];
    case 'nonce-gap':
      return [String(d.nonce ?? '?')];
    case 'no-gas-funds':
      try {
        return [formatUnits(String(d.needed), Number(d.decimals) || 0), String(d.symbol ?? '')];
      } catch {
        return ['?', String(d.symbol ?? '')];
      }
    case 'storage-near-full':
      return [String(Math.round((Number(d.used) / Number(d.quota)) * 100))];
    case 'unlimited-allowance':
    case 'allowance-to-eoa':
      return [String(d.symbol ?? d.token ?? '?'), String(d.spender ?? '?')];
    case 'failed-unlocks':
      return [String(d.count ?? '?'), typeof d.last === 'number' ? whenText(d.last) : '?'];
    default:
      return [];
  }
}

/** The button label of a fix ("fill-gap" → doctorFix_fill_gap). @param {string} fix */
const fixLabel = (fix) => t(`doctorFix_${fix.replace(/[^A-Za-z0-9]/g, '_')}`);

/** @param {HTMLElement} root @param {{ focus?: string }} [params] */
export function mountDoctor(root, params = {}) {
  const focus = typeof params.focus === 'string' ? params.focus : '';
  const list = byRole(root, 'findings');
  const ok = byTestId(root, 'doctor-ok');
  /** @type {HTMLProgressElement} */
  const progress = byTestId(root, 'doctor-progress');
  const status = byRole(root, 'doctor-status');
  const error = /** @type {HTMLElement} */ (root.querySelector('.form-error'));
  /** @type {HTMLButtonElement} */
  const run = byTestId(root, 'doctor-run');
  /** @type {HTMLButtonElement} */
  const report = byTestId(root, 'doctor-report');
  byTestId(root, 'doctor-back').addEventListener('click', () => router.back());

  /** @param {Record<string, chrome.storage.StorageChange>} changes @param {string} area */
  const onProgress = (changes, area) => {
    /** @type {{ done: number, total: number } | null} */
    const p = area === 'session' ? /** @type {any} */ (changes.doctorProgress?.newValue) ?? null : null;
    if (p && !progress.hidden && p.total > 0) {
      progress.max = p.total;
      progress.value = p.done;
    }
  };
  chrome.storage.onChanged.addListener(onProgress);

  /** @param {Finding} f */
  function renderFinding(f) {
    const li = document.createElement('li');
    li.className = `finding ${f.severity}`;
    li.dataset.testid = 'doctor-finding';
    li.dataset.code = f.code;
    li.dataset.severity = f.severity;
    li.dataset.check = f.check;
    if (f.data?.hash) li.dataset.hash = String(f.data.hash);
    if (f.data?.token) li.dataset.token = String(f.data.token);
    if (f.data?.spender) li.dataset.spender = String(f.data.spender);
    const text = document.createElement('p');
    text.textContent = t(messageKey('finding', f.code), substitutions(f));
    li.append(text);
    const link = helpLinkFor(f.code);
    if (link) li.append(link);
    const actions = document.createElement('div');
    actions.className = 'actions';
    for (const fix of f.fixes ?? []) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn secondary small';
      button.dataset.testid = 'doctor-fix';
      button.dataset.fix = fix;
      button.textContent = fixLabel(fix);
      button.addEventListener('click', () => void applyFix(f, fix, button));
      actions.append(button);
    }
    if (actions.childElementCount) li.append(actions);
    return li;
  }

  /** @param {Finding} f @param {string} fix @param {HTMLButtonElement} button */
  async function applyFix(f, fix, button) {
    button.disabled = true;
    try {
      const { check, ...finding } = f;
      const result = await call('doctorFix', { check, fix, finding });
      if (result?.open === 'network-settings') {
        router.overlay('settings', { network: result.chainId });
        return;
      }
      if (result?.approvalId) {
        status.textContent = t('doctorFixApprove');
        return;
      }
      status.textContent = typeof result?.removed === 'number' ? t('doctorActivityCleared', [String(result.removed)]) : t('doctorFixed');
      await runChecks();
    } catch (err) {
      showError(error, errorText(err));
    } finally {
      button.disabled = false;
    }
  }

  let running = false;
  async function runChecks() {
    if (running) return;
    running = true;
    run.disabled = true;
    ok.hidden = true;
    progress.hidden = false;
    progress.removeAttribute('value');
    root.setAttribute('aria-busy', 'true');
    try {
      const result = await call('doctorRun', { focus });
      list.replaceChildren(...result.findings.map(renderFinding));
      ok.hidden = result.findings.length > 0;
      root.dataset.ran = result.ran.join(' ');
      // A fix's outcome stays shown over the re-run it causes ("Run again" clears it).
      if (result.skipped.length) status.textContent = t('doctorSkippedLocked');
    } catch (err) {
      showError(error, errorText(err));
    } finally {
      running = false;
      run.disabled = false;
      progress.hidden = true;
      root.removeAttribute('aria-busy');
    }
  }
  run.addEventListener('click', () => {
    status.textContent = '';
    void runChecks();
  });

  // The support report belongs to another part of the wallet: offered only where it exists.
  const reportOptions = byRole(root, 'report-options');
  /** @type {HTMLInputElement} */
  const withAddresses = byTestId(root, 'doctor-report-addresses');
  call('doctorReport', { probe: true }).then(
    () => {
      report.hidden = false;
      reportOptions.hidden = false;
    },
    () => {
      report.hidden = true;
      reportOptions.hidden = true;
    },
  );
  // A text file the person reads before sending it to anyone; it never holds a secret.
  report.addEventListener('click', async () => {
    try {
      const { filename, text } = await call('doctorReport', { includeAddresses: withAddresses.checked });
      downloadFile(filename, text, 'text/plain');
      byRole(root, 'doctor-status').textContent = t('doctorReportSaved', [filename]);
    } catch (err) {
      showError(error, errorText(err));
    }
  });

  // The diagnostic log: how much it holds, and emptied on request (nothing else removes it but
  // its own bounds).
  const logCount = byTestId(root, 'doctor-log-count');
  /** @type {HTMLButtonElement} */
  const logClear = byTestId(root, 'doctor-log-clear');
  /** @param {{ count: number, since: number | null }} log */
  const showLog = (log) => {
    logCount.dataset.count = String(log.count);
    logCount.textContent = log.count && log.since !== null ? t('doctorLogCount', [String(log.count), whenText(log.since)]) : t('doctorLogEmpty');
    logClear.disabled = log.count === 0;
  };
  const refreshLog = () =>
    call('doctorLog').then(showLog, () => {
      byRole(root, 'log').hidden = true;
    });
  logClear.addEventListener('click', async () => {
    logClear.disabled = true;
    try {
      showLog(await call('doctorLogClear'));
    } catch (err) {
      showError(error, errorText(err));
      logClear.disabled = false;
    }
  });

  void runChecks().then(refreshLog);
  return {
    cleanup: () => chrome.storage.onChanged.removeListener(onProgress),
    resume: () => void runChecks().then(refreshLog),
  };
}

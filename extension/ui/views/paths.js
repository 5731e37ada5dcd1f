// Settings → Find accounts on other paths (MetaMask #2972, #7866): the wallet's phrase on the
// standard (m/44'/60'/0'/0/i), Ledger Live (m/44'/60'/i'/0/0) and legacy (m/44'/60'/0'/i)
// paths. An address the person knows is looked for on this device over the first 100 indices of
// each, in steps (progress, stop); with their consent, the first 10 of each are checked for a
// balance or a nonce on the current network (only those addresses are sent, to its endpoint).
// Each account found is listed with its path and added with one click.

import { call } from '../api.js';
import { busy, byRole, byTestId, clearMessages, q, showError, showSuccess } from '../dom.js';
import { errorText, showFailure } from '../errors.js';
import { t } from '../i18n.js';
import * as router from '../router.js';

/** Indices per scheme searched for a known address, and checked for activity. */
const KNOWN_DEPTH = 100;
const ACTIVITY_DEPTH = 10;
/** Indices per scheme per step, and addresses per activity request (the background's bounds). */
const STEP = 25;
const ACTIVITY_CHUNK = 10;

/** @typedef {{ scheme: string, index: number, path: string, address: string, held: boolean }} PathAccount */

/** @param {string} url */
const endpointOf = (url) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/** @param {HTMLElement} root */
export function mountPaths(root) {
  byTestId(root, 'paths-back').addEventListener('click', () => router.back());
  const form = /** @type {HTMLFormElement} */ (q(root, 'form'));
  const error = q(form, '.form-error');
  /** @type {HTMLInputElement} */
  const known = byTestId(root, 'paths-known');
  /** @type {HTMLInputElement} */
  const activity = byTestId(root, 'paths-activity');
  const run = byRole(root, 'paths-run');
  /** @type {HTMLProgressElement} */
  const progress = byTestId(root, 'paths-progress');
  const cancel = byTestId(root, 'paths-cancel');
  const status = byRole(root, 'paths-status');
  const found = byRole(root, 'paths-found');
  /** @type {object | null} the search in progress (cleared to stop it) */
  let running = null;
  /** @type {{ name: string, rpcUrl: string } | null} */
  let network = null;

  call('getState').then((/** @type {any} */ state) => {
    network = state.network;
    byRole(root, 'paths-activity-hint').textContent = t('pathsActivityHint', [String(ACTIVITY_DEPTH * 3), state.network.name, endpointOf(state.network.rpcUrl)]);
  });
  cancel.addEventListener('click', () => {
    running = null;
  });

  /** @param {string} scheme */
  const schemeName = (scheme) =>
    scheme === 'ledger-live' ? t('pathsSchemeLedgerLive') : scheme === 'legacy' ? t('pathsSchemeLegacy') : t('pathsSchemeStandard');

  /** @param {PathAccount} a @param {'known' | 'activity'} reason */
  function item(a, reason) {
    const li = document.createElement('li');
    li.dataset.testid = 'path-account';
    li.dataset.address = a.address;
    li.dataset.path = a.path;
    li.dataset.scheme = a.scheme;
    li.dataset.index = String(a.index);
    li.dataset.reason = reason;
    li.dataset.held = String(a.held);
    const what = document.createElement('span');
    what.textContent = `${schemeName(a.scheme)} #${a.index + 1} · ${reason === 'known' ? t('pathsReasonKnown') : t('pathsReasonActivity')}`;
    const path = document.createElement('code');
    path.className = 'mono';
    path.textContent = a.path;
    const address = document.createElement('code');
    address.className = 'mono small';
    address.textContent = a.address;
    const note = document.createElement('p');
    note.className = 'form-success';
    note.hidden = true;
    const failure = document.createElement('p');
    failure.className = 'form-error';
    failure.setAttribute('role', 'alert');
    failure.hidden = true;
    li.append(what, ' ', path, ' ', address, ' ');
    if (a.held) {
      const held = document.createElement('span');
      held.className = 'badge';
      held.textContent = t('pathsHeld');
      li.append(held);
    } else {
      const add = document.createElement('button');
      add.type = 'button';
      add.className = 'btn secondary small';
      add.dataset.testid = 'path-account-add';
      add.textContent = t('pathsAdd');
      add.addEventListener('click', async () => {
        clearMessages();
        add.disabled = true;
        try {
          await call('addAccountAtPath', { path: a.path });
          li.dataset.held = 'true';
          add.remove();
          showSuccess(note, t('pathsAdded', [a.path]));
        } catch (err) {
          add.disabled = false;
          showFailure(failure, err, { overrides: { DUPLICATE_ACCOUNT: 'pathsAlreadyAccount' } });
        }
      });
      li.append(add);
    }
    li.append(note, failure);
    return li;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearMessages();
    const target = known.value.trim().toLowerCase();
    if (!target && !activity.checked) return showError(error, t('pathsNothingAsked'), known);
    if (target && !/^0x[0-9a-f]{40}$/.test(target)) return showError(error, t('error_ADDRESS_INVALID'), known);
    const token = {};
    running = token;
    found.replaceChildren();
    run.hidden = false;
    cancel.hidden = false;
    const done = busy(form);
    /** @type {Set<string>} addresses listed already */
    const listed = new Set();
    let count = 0;
    const stopped = () => running !== token;
    try {
      if (target) {
        progress.dataset.state = 'known';
        progress.max = KNOWN_DEPTH;
        progress.value = 0;
        let hit = false;
        for (let start = 0; start < KNOWN_DEPTH && !hit; start += STEP) {
          if (stopped()) {
            progress.dataset.state = 'stopped';
            status.textContent = t('pathsStopped', [String(count)]);
            return;
          }
          const { accounts } = await call('pathScan', { start, count: Math.min(STEP, KNOWN_DEPTH - start) });
          for (const a of /** @type {PathAccount[]} */ (accounts)) {
            if (a.address.toLowerCase() === target && !listed.has(target)) {
              listed.add(target);
              found.append(item(a, 'known'));
              count++;
              hit = true;
            }
          }
          progress.value = Math.min(start + STEP, KNOWN_DEPTH);
          status.textContent = t('pathsProgress', [String(progress.value), String(KNOWN_DEPTH)]);
        }
        if (!hit) status.textContent = t('pathsKnownNone', [String(KNOWN_DEPTH)]);
      }
      if (activity.checked) {
        progress.dataset.state = 'activity';
        const { accounts } = await call('pathScan', { start: 0, count: ACTIVITY_DEPTH });
        /** @type {PathAccount[]} */
        const unique = [];
        for (const a of /** @type {PathAccount[]} */ (accounts)) {
          // Accounts the wallet holds already are not asked about (nor listed).
          if (!a.held && !unique.some((u) => u.address === a.address)) unique.push(a);
        }
        progress.max = unique.length;
        progress.value = 0;
        for (let i = 0; i < unique.length; i += ACTIVITY_CHUNK) {
          if (stopped()) {
            progress.dataset.state = 'stopped';
            status.textContent = t('pathsStopped', [String(count)]);
            return;
          }
          const chunk = unique.slice(i, i + ACTIVITY_CHUNK);
          let answer;
          try {
            answer = await call('pathActivity', { addresses: chunk.map((a) => a.address) });
          } catch (err) {
            progress.dataset.state = 'failed';
            showError(error, t('pathsActivityFailed', [network ? endpointOf(network.rpcUrl) : '', errorText(err)]));
            status.textContent = t('pathsStopped', [String(count)]);
            return;
          }
          answer.results.forEach((/** @type {{ used: boolean }} */ r, /** @type {number} */ j) => {
            const a = chunk[j];
            if (r.used && !listed.has(a.address.toLowerCase())) {
              listed.add(a.address.toLowerCase());
              found.append(item(a, 'activity'));
              count++;
            }
          });
          progress.value = i + chunk.length;
        }
      }
      progress.dataset.state = 'done';
      if (count === 0) status.textContent = t('pathsNone');
      else status.textContent = t('pathsDone', [String(count)]);
    } catch (err) {
      progress.dataset.state = 'failed';
      showFailure(error, err);
    } finally {
      done();
      cancel.hidden = true;
      if (running === token) running = null;
    }
  });

  return {
    cleanup: () => {
      running = null;
    },
  };
}

// Home: the selected account (name, whole address, balance), sending, its tokens and activity,
// the account list, adding, renaming, importing a private key, and locking.

import { call } from '../api.js';
import { busy, byRole, byTestId, clearMessages, q, showError } from '../dom.js';
import { errorText, showFailure } from '../errors.js';
import { formatUnits, renderAddress, shortUnits } from '../format.js';
import { NETWORK_EVENT } from '../header.js';
import { t } from '../i18n.js';
import * as router from '../router.js';
import { doctorLink, focusFor, openDoctor } from '../doctor-link.js';
import { mountActivity } from './activity.js';
import { mountTokens } from './tokens.js';

/**
 * @typedef {{ address: string, name: string, kind: 'hd' | 'imported', index?: number, path?: string }} Account
 */

/**
 * The name to show. The core names new accounts "Account N" / "Imported N" in English; those
 * default names are shown in the person's language.
 * @param {Account} a @param {number} i
 */
export function accountName(a, i) {
  if (!a.name) return t('accountDefaultName', [String((a.index ?? i) + 1)]);
  const hd = /^Account (\d+)$/.exec(a.name);
  if (hd && a.kind === 'hd') return t('accountDefaultName', [hd[1]]);
  const imported = /^Imported (\d+)$/.exec(a.name);
  if (imported && a.kind === 'imported') return t('importedDefaultName', [imported[1]]);
  return a.name;
}

/**
 * @param {HTMLElement} root
 * @param {{ notice?: string }} params
 */
export function mountHome(root, params) {
  /** @type {{ accounts: Account[], selected: string | null, hasPhrase?: boolean }} */
  const state = { accounts: [], selected: null };
  let balanceRequest = 0;
  // The address and balance get their data-testid once they hold a value, so that a reader of
  // the page (or a test) never sees an empty address or a "loading" balance under that name.
  const addressEl = byRole(root, 'account-address');
  const balanceEl = byRole(root, 'account-balance');
  const retry = byTestId(root, 'balance-retry');
  retry.addEventListener('click', () => void loadBalance());
  const renameForm = byRole(root, 'rename');
  const importForm = byRole(root, 'import');
  const tokens = mountTokens(byRole(root, 'tokens-panel'));
  const activity = mountActivity(byRole(root, 'activity-panel'));

  if (params.notice) {
    const notice = byRole(root, 'notice');
    notice.textContent = params.notice;
    notice.hidden = false;
  }

  const selected = () => state.accounts.find((a) => a.address === state.selected) ?? state.accounts[0];

  /** A list build waiting for an idle moment (see render). */
  let listIdle = 0;

  /**
   * The selected account, and the account list. `listLater`: the list (100 rows in a big
   * wallet, below the fold) is built when the page is idle, within 200 ms, so that building
   * it does not hold up the balance and tokens of the first render. In Firefox the wallet's
   * pages and its background share one thread: the background's answers wait for it too.
   * @param {{ listLater?: boolean }} [opts]
   */
  function render({ listLater = false } = {}) {
    const account = selected();
    if (!account) return;
    // A wallet of imported keys only derives nothing.
    byTestId(root, 'account-add').hidden = state.hasPhrase === false;
    const index = state.accounts.indexOf(account);
    byTestId(root, 'account-name-display').textContent = accountName(account, index);
    byRole(root, 'imported').hidden = account.kind !== 'imported';
    addressEl.dataset.address = account.address;
    renderAddress(addressEl, account.address);
    addressEl.dataset.testid = 'account-address';
    cancelIdleCallback(listIdle);
    const list = () => q(root, '.accounts').replaceChildren(...state.accounts.map(accountItem));
    if (listLater) listIdle = requestIdleCallback(list, { timeout: 200 });
    else list();
  }

  /** @param {Account} a @param {number} i */
  function accountItem(a, i) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'account-option';
    b.dataset.testid = 'account-option';
    b.dataset.address = a.address;
    b.setAttribute('aria-current', String(a.address === selected()?.address));
    const top = document.createElement('span');
    top.className = 'account-option-name';
    top.textContent = accountName(a, i);
    if (a.kind === 'imported') {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = t('importedBadge');
      top.append(' ', badge);
    }
    const addr = document.createElement('span');
    addr.className = 'address small';
    renderAddress(addr, a.address);
    b.append(top, addr);
    if (a.kind === 'hd' && a.path) {
      b.dataset.path = a.path;
      // The usual path of a wallet made here is not worth a line; any other is shown.
      if (!/^m\/44'\/60'\/0'\/0\/\d+$/.test(a.path)) {
        const path = document.createElement('span');
        path.className = 'mono small';
        path.dataset.testid = 'account-path';
        path.textContent = a.path;
        b.append(path);
      }
    }
    b.addEventListener('click', async () => {
      if (a.address === state.selected) return;
      try {
        Object.assign(state, await call('selectAccount', { address: a.address }));
        render();
        accountChanged();
      } catch (err) {
        showNotice(errorText(err));
      }
    });
    li.append(b);
    return li;
  }

  /** @param {string} text */
  function showNotice(text) {
    const notice = byRole(root, 'notice');
    notice.textContent = text;
    notice.hidden = false;
  }

  /**
   * The amount and its coin, rounded for reading; the exact amount on hover and for assistive
   * tech. @param {{ wei: string, symbol: string, decimals: number }} answer
   */
  function amountNodes({ wei, symbol, decimals }) {
    const amount = document.createElement('span');
    amount.className = 'amount';
    amount.textContent = shortUnits(wei, decimals);
    amount.title = `${formatUnits(wei, decimals)} ${symbol}`;
    amount.setAttribute('aria-label', amount.title);
    const unit = document.createElement('span');
    unit.className = 'symbol';
    unit.textContent = symbol;
    return [amount, ' ', unit];
  }

  /**
   * The balance the network last gave, while it is asked again: marked as such, without the
   * `account-balance` name (which only a fresh answer carries) and without `data-wei`.
   * @type {{ address: string, wei: string, symbol: string, decimals: number } | null}
   */
  let lastKnown = null;

  /** @param {{ address: string, wei: string, symbol: string, decimals: number } | null} answer */
  function showLastKnown(answer) {
    // Only while nothing else is shown (it may come before the account list, or after the answer).
    if (!answer || balanceEl.dataset.testid || balanceEl.dataset.state !== 'loading') return;
    const account = selected();
    if (account && account.address !== answer.address) return;
    lastKnown = answer;
    balanceEl.dataset.state = 'stale';
    balanceEl.dataset.address = answer.address;
    const hint = document.createElement('small');
    hint.className = 'hint stale-hint';
    hint.textContent = t('balanceUpdating');
    balanceEl.replaceChildren(...amountNodes(answer), ' ', hint);
  }

  /**
   * The selected account's balance. `early`: the selected account's, asked before the account
   * list was in (`load`); used only if it is the account the list then says is selected.
   * `known`: the last known balance asked with it, awaited before an error is shown (a quick
   * failure may come first) so that the error still shows it.
   * @param {Promise<{ address: string, wei: string, symbol: string, decimals: number }>} [early]
   * @param {Promise<{ address: string, wei: string, symbol: string, decimals: number } | null>} [known]
   */
  async function loadBalance(early, known) {
    const account = selected();
    if (!account) return;
    const request = ++balanceRequest;
    // A last known balance of this very account stays up while the network is asked.
    if (lastKnown && lastKnown.address !== account.address) lastKnown = null;
    if (!(balanceEl.dataset.state === 'stale' && lastKnown)) {
      balanceEl.dataset.state = 'loading';
      delete balanceEl.dataset.address;
      if (!balanceEl.dataset.testid) balanceEl.textContent = t('balanceLoading');
    }
    delete balanceEl.dataset.wei;
    try {
      // Its failure is this account's too (the network's, or the lock): not asked twice.
      const asked = early ? await early : null;
      const answer = asked?.address === account.address ? asked : await call('balance', { address: account.address });
      const { wei } = answer;
      if (request !== balanceRequest) return;
      // Now the last known one, should a retry fail.
      lastKnown = { address: account.address, wei: answer.wei, symbol: answer.symbol, decimals: answer.decimals };
      balanceEl.dataset.state = 'ok';
      balanceEl.dataset.wei = BigInt(wei).toString();
      balanceEl.dataset.address = account.address;
      balanceEl.replaceChildren(...amountNodes(answer));
      balanceEl.dataset.testid = 'account-balance';
      retry.hidden = true;
    } catch (err) {
      const last = known ? await known : null;
      if (request !== balanceRequest) return;
      if (!lastKnown && last?.address === account.address) lastKnown = last;
      balanceEl.dataset.state = 'error';
      // The node's or the browser's own words are technical (and English): folded away under
      // "technical details", for a support report or a developer, not in the person's face.
      const details = document.createElement('details');
      details.className = 'reason-details';
      const summary = document.createElement('summary');
      summary.textContent = t('technicalDetails');
      const reason = document.createElement('small');
      reason.className = 'hint reason';
      reason.textContent = String(/** @type {any} */ (err)?.message ?? err);
      details.append(summary, reason);
      // What the network said last stays readable, marked as the last known amount.
      const lastLine = [];
      if (lastKnown?.address === account.address) {
        const line = document.createElement('span');
        line.className = 'last-known';
        line.dataset.role = 'last-known';
        line.dataset.wei = BigInt(lastKnown.wei).toString();
        line.append(t('balanceLastKnown'), ' ', ...amountNodes(lastKnown));
        lastLine.push(line);
      }
      // The doctor, with the error's own check first (the endpoint, for an RPC error).
      balanceEl.replaceChildren(...lastLine, t('balanceError'), details, ' ', doctorLink(focusFor(err) || 'network'));
      balanceEl.dataset.testid = 'account-balance';
      retry.hidden = false;
    }
  }

  /** The balance, tokens and activity of the selected account on the current network, afresh. */
  function accountChanged() {
    lastKnown = null; // another account's or network's
    void loadBalance();
    void tokens.reload({ clear: true });
    void activity.refresh({ clear: true });
  }

  async function load() {
    // The balance is asked with the list, not after it: the background knows which account
    // is selected.
    const early = call('balance', {});
    early.catch(() => {}); // handled in loadBalance; unheard if the list fails first
    // What the network last said, shown until it answers again.
    const known = call('balance', { lastKnown: true }).catch(() => null);
    void known.then(showLastKnown);
    Object.assign(state, await call('accounts'));
    render({ listLater: true });
    await loadBalance(early, known);
  }

  byTestId(root, 'send').addEventListener('click', () => router.overlay('send'));
  byTestId(root, 'doctor-open').addEventListener('click', () => openDoctor(''));
  byTestId(root, 'allowances-open').addEventListener('click', () => router.overlay('allowances'));

  // Copy the address.
  byTestId(root, 'account-copy').addEventListener('click', async () => {
    const status = q(root, '.copied');
    try {
      await navigator.clipboard.writeText(selected()?.address ?? '');
      status.textContent = t('copied');
    } catch {
      status.textContent = t('copyFailed');
    }
    setTimeout(() => (status.textContent = ''), 2500);
  });

  byTestId(root, 'lock').addEventListener('click', async () => {
    await call('lock');
    router.show('unlock');
  });

  // Rename.
  /** @type {HTMLInputElement} */
  const nameInput = byTestId(root, 'account-name');
  byTestId(root, 'account-rename').addEventListener('click', () => {
    const account = selected();
    if (!account) return;
    renameForm.hidden = false;
    nameInput.value = accountName(account, state.accounts.indexOf(account));
    nameInput.select();
    nameInput.focus();
  });
  q(renameForm, '[data-action="cancel"]').addEventListener('click', () => {
    clearMessages();
    renameForm.hidden = true;
    byTestId(root, 'account-rename').focus();
  });
  renameForm.addEventListener('submit', async (/** @type {Event} */ e) => {
    e.preventDefault();
    clearMessages();
    const name = nameInput.value.trim();
    const error = q(renameForm, '.form-error');
    if (!name) return showError(error, t('accountNameRequired'), nameInput);
    const done = busy(renameForm);
    try {
      Object.assign(state, await call('renameAccount', { address: selected()?.address, name }));
      done();
      renameForm.hidden = true;
      render();
    } catch (err) {
      done();
      showFailure(error, err, { invalid: nameInput });
    }
  });

  // Add the next derived account.
  byTestId(root, 'account-add').addEventListener('click', async (/** @type {Event} */ e) => {
    const button = /** @type {HTMLButtonElement} */ (e.currentTarget);
    button.disabled = true;
    try {
      Object.assign(state, await call('addAccount', {}));
      render();
      accountChanged();
    } catch (err) {
      showNotice(errorText(err));
    } finally {
      button.disabled = false;
    }
  });

  // Import a private key.
  /** @type {HTMLInputElement} */
  const keyInput = byTestId(root, 'import-key');
  byTestId(root, 'import-key-open').addEventListener('click', () => {
    importForm.hidden = false;
    keyInput.focus();
  });
  q(importForm, '[data-action="cancel"]').addEventListener('click', () => {
    clearMessages();
    keyInput.value = '';
    importForm.hidden = true;
    byTestId(root, 'import-key-open').focus();
  });
  importForm.addEventListener('submit', async (/** @type {Event} */ e) => {
    e.preventDefault();
    clearMessages();
    const error = q(importForm, '.form-error');
    if (!keyInput.value.trim()) return showError(error, t('importKeyRequired'), keyInput);
    const done = busy(importForm);
    try {
      Object.assign(state, await call('importKey', { privateKey: keyInput.value.trim() }));
      keyInput.value = '';
      done();
      importForm.hidden = true;
      render();
      accountChanged();
    } catch (err) {
      done();
      showFailure(error, err, { invalid: keyInput });
    }
  });

  const onNetwork = () => accountChanged();
  window.addEventListener(NETWORK_EVENT, onNetwork);
  void load().catch((err) => showNotice(errorText(err)));
  void tokens.reload({ lastKnown: true });
  void activity.refresh();
  return {
    cleanup: () => {
      cancelIdleCallback(listIdle);
      window.removeEventListener(NETWORK_EVENT, onNetwork);
      keyInput.value = '';
      tokens.cleanup();
      activity.cleanup();
    },
    resume: () => {
      const before = state.selected;
      lastKnown = null; // the network may have changed meanwhile: load asks for its own
      void load()
        .then(() => {
          // Another account may have been chosen meanwhile: then start afresh.
          if (state.selected !== before) {
            void tokens.reload({ clear: true });
            void activity.refresh({ clear: true });
          }
        })
        .catch((err) => showNotice(errorText(err)));
      void tokens.reload();
      void activity.refresh();
    },
  };
}

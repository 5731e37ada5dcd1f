// The send view: the native coin or an added token, to an address (the address book offered as
// suggestions), an amount as decimal text. The background checks it all, opens the approval
// window, and answers with the warnings it found; the form stays filled for another try.

import { call } from '../api.js';
import { busy, byRole, byTestId, clearMessages, q, showError } from '../dom.js';
import { coreCode, showFailure } from '../errors.js';
import { NETWORK_EVENT } from '../header.js';
import { t } from '../i18n.js';
import * as router from '../router.js';
import { riskWarning } from '../risk.js';
import { units } from './tokens.js';

/** Which field a refused send is about. */
const FIELD_OF = /** @type {Record<string, 'to' | 'amount' | 'asset'>} */ ({
  ADDRESS_INVALID: 'to',
  ADDRESS_CHECKSUM: 'to',
  AMOUNT_INVALID: 'amount',
  INSUFFICIENT_FUNDS: 'amount',
  INSUFFICIENT_TOKEN_BALANCE: 'amount',
  INSUFFICIENT_FUNDS_FOR_FEE: 'amount',
  UNKNOWN_TOKEN: 'asset',
});

/**
 * @param {HTMLElement} root
 * @param {{ asset?: string }} params
 */
export function mountSend(root, params) {
  const form = q(root, 'form');
  /** @type {HTMLSelectElement} */
  const asset = byTestId(root, 'send-asset');
  /** @type {HTMLInputElement} */
  const to = byTestId(root, 'send-to');
  /** @type {HTMLInputElement} */
  const amount = byTestId(root, 'send-amount');
  const error = q(form, '.form-error');
  const balanceHint = byRole(root, 'asset-balance');
  const book = byRole(root, 'address-book');
  const sent = byRole(root, 'sent');
  const sentStatus = byRole(root, 'sent-status');
  const risks = byRole(root, 'risks');
  /** Balance text per option value. @type {Map<string, string>} */
  const balances = new Map();
  let loadRequest = 0;

  const leave = () => router.back();
  byTestId(root, 'send-back').addEventListener('click', leave);
  q(root, '[data-action="done"]').addEventListener('click', leave);
  const onKey = (/** @type {KeyboardEvent} */ e) => {
    const networksOpen = !document.getElementById('networks')?.hidden;
    if (e.key === 'Escape' && !networksOpen && root.isConnected) leave();
  };
  document.addEventListener('keydown', onKey);

  function showBalance() {
    const text = balances.get(asset.value);
    balanceHint.textContent = text ? t('sendBalance', [text]) : '';
  }
  asset.addEventListener('change', showBalance);

  /** @param {string} value @param {string} label */
  function option(value, label) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = label;
    return o;
  }

  /** The assets of the current network: the native coin first, then the added tokens. */
  async function loadAssets() {
    const mine = ++loadRequest;
    const wanted = asset.value || params.asset || 'native';
    balances.clear();
    let native = { symbol: '', decimals: 18 };
    try {
      const { network } = await call('getState');
      native = { symbol: String(network?.symbol ?? ''), decimals: Number(network?.decimals ?? 18) };
    } catch {
      /* labelled generically below */
    }
    if (mine !== loadRequest) return;
    const options = [option('native', native.symbol || t('sendAssetNative'))];
    asset.replaceChildren(...options);
    asset.value = 'native';
    try {
      const result = await call('tokens');
      if (mine !== loadRequest) return;
      if (result?.symbol) options[0].textContent = result.symbol;
      for (const token of result?.tokens ?? []) {
        asset.append(option(token.address, token.symbol));
        const text = token.balance == null ? null : units(token.balance, token.decimals);
        if (text != null) balances.set(token.address, `${text} ${token.symbol}`);
      }
    } catch {
      /* the native coin can still be sent; tokens() errors show on home */
    }
    if (mine !== loadRequest) return;
    if ([...asset.options].some((o) => o.value === wanted)) asset.value = wanted;
    showBalance();
    try {
      const { selected } = await call('accounts');
      if (!selected) return;
      const { wei, symbol, decimals } = await call('balance', { address: selected });
      if (mine !== loadRequest) return;
      const text = units(wei, decimals);
      if (text != null) balances.set('native', `${text} ${symbol}`);
      showBalance();
    } catch {
      /* no balance hint */
    }
  }

  async function loadAddressBook() {
    try {
      const entries = await call('addressBook');
      book.replaceChildren(
        ...(Array.isArray(entries) ? entries : []).map((/** @type {{ address: string, name: string | null }} */ e) => {
          const o = document.createElement('option');
          o.value = e.address;
          if (e.name) o.label = e.name;
          return o;
        }),
      );
    } catch {
      /* no suggestions */
    }
  }

  form.addEventListener('submit', async (/** @type {Event} */ e) => {
    e.preventDefault();
    clearMessages();
    sent.hidden = true;
    risks.replaceChildren();
    const recipient = to.value.trim();
    const value = amount.value.trim();
    if (!recipient) return showError(error, t('sendToRequired'), to);
    if (!value) return showError(error, t('sendAmountRequired'), amount);
    const done = busy(form, t('sendPreparing'));
    try {
      const result = await call('prepareSend', { asset: asset.value || 'native', to: recipient, amount: value });
      done();
      const warnings = Array.isArray(result?.warnings) ? result.warnings : [];
      sentStatus.textContent = t('sendConfirmInWindow');
      waiting = typeof result?.approvalId === 'string' ? result.approvalId : null;
      sent.dataset.state = 'waiting';
      risks.replaceChildren(...warnings.map(riskWarning));
      risks.hidden = warnings.length === 0;
      sent.hidden = false;
    } catch (err) {
      done();
      const field = FIELD_OF[coreCode(err) ?? ''];
      const control = field === 'to' ? to : field === 'amount' ? amount : field === 'asset' ? asset : undefined;
      showFailure(error, err, { invalid: control });
    }
  });

  // The approval window's answer: sent → home, where the new pending transaction is the first
  // of the activity; rejected → said here, with the form kept to change and submit again.
  /** @type {string | null} the approval this page waits for */
  let waiting = null;
  /** @param {Record<string, chrome.storage.StorageChange>} changes @param {string} area */
  const onOutcome = (changes, area) => {
    if (area !== 'session' || !waiting || !changes.walletOutcomes) return;
    const list = Array.isArray(changes.walletOutcomes.newValue) ? changes.walletOutcomes.newValue : [];
    const outcome = list.find((/** @type {{ id: string }} */ o) => o.id === waiting);
    if (!outcome) return;
    waiting = null;
    if (typeof outcome.hash === 'string') {
      router.show('home', { notice: t('sendSentNotice') });
      return;
    }
    sent.dataset.state = 'rejected';
    sentStatus.textContent = t('sendRejectedInWindow');
    risks.hidden = true;
  };
  chrome.storage.onChanged.addListener(onOutcome);

  const onNetwork = () => {
    sent.hidden = true;
    void loadAssets();
  };
  window.addEventListener(NETWORK_EVENT, onNetwork);
  void loadAssets();
  void loadAddressBook();

  return {
    cleanup: () => {
      loadRequest++;
      document.removeEventListener('keydown', onKey);
      chrome.storage.onChanged.removeListener(onOutcome);
      window.removeEventListener(NETWORK_EVENT, onNetwork);
    },
    resume: () => void loadAssets(),
  };
}

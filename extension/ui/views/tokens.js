// Home's token panel: the ERC-20 tokens the person added on the current network, each with the
// selected account's balance, and the form to add one by its contract address.

import { call } from '../api.js';
import { busy, byRole, byTestId, clearMessages, q, showError } from '../dom.js';
import { errorText, showFailure } from '../errors.js';
import { formatUnits, shortUnits } from '../format.js';
import { t } from '../i18n.js';

/**
 * @typedef {{ address: string, symbol: string, decimals: number, balance: string | null, error?: string }} Token
 * @typedef {{ chainId: string, symbol: string, decimals: number, tokens: Token[] }} TokenList
 */

/**
 * An amount in a coin's units, or null when it is not an integer the wallet can read.
 * @param {string | null | undefined} raw @param {number} decimals
 */
export function units(raw, decimals) {
  try {
    return formatUnits(String(raw), Number(decimals) || 0);
  } catch {
    return null;
  }
}

/**
 * @param {Token} token
 * @param {(token: Token) => void} onRemove
 */
function tokenRow(token, onRemove) {
  const li = document.createElement('li');
  li.className = 'token-row';
  li.dataset.testid = 'token-balance';
  li.dataset.symbol = token.symbol;
  li.dataset.address = token.address;
  const symbol = document.createElement('span');
  symbol.className = 'token-symbol';
  symbol.textContent = token.symbol;
  symbol.title = token.address;
  const amount = document.createElement('span');
  amount.className = 'token-amount';
  const formatted = token.balance == null ? null : units(token.balance, token.decimals);
  if (formatted == null) {
    li.dataset.state = 'error';
    amount.textContent = t('tokenBalanceError');
    if (token.error) amount.title = token.error;
  } else {
    li.dataset.state = 'ok';
    li.dataset.balance = BigInt(String(token.balance)).toString();
    amount.textContent = shortUnits(String(token.balance), Number(token.decimals) || 0);
    amount.title = `${formatted} ${token.symbol}`;
  }
  // Hides the token from the list (nothing changes on chain; it can be added again).
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'icon-button small token-remove';
  remove.dataset.testid = 'token-remove';
  remove.textContent = '×';
  remove.setAttribute('aria-label', t('tokenRemoveLabel', [token.symbol]));
  remove.title = t('tokenRemoveLabel', [token.symbol]);
  remove.addEventListener('click', () => onRemove(token));
  li.append(symbol, amount, remove);
  return li;
}

/**
 * @param {HTMLElement} root the tokens panel
 * @returns {{ reload: (opts?: { clear?: boolean }) => Promise<void>, cleanup: () => void }}
 */
export function mountTokens(root) {
  const list = byRole(root, 'tokens');
  const empty = byRole(root, 'tokens-empty');
  const status = byRole(root, 'tokens-status');
  const form = byRole(root, 'token-form');
  /** @type {HTMLInputElement} */
  const input = byTestId(root, 'token-address');
  const open = byTestId(root, 'token-add');
  let request = 0;

  async function reload({ clear = false } = {}) {
    const mine = ++request;
    if (clear) {
      list.replaceChildren();
      empty.hidden = true;
      status.textContent = '';
      delete status.dataset.state;
    }
    root.setAttribute('aria-busy', 'true');
    try {
      /** @type {TokenList} */
      const result = await call('tokens');
      if (mine !== request) return;
      const tokens = result?.tokens ?? [];
      list.replaceChildren(...tokens.map((token) => tokenRow(token, remove)));
      empty.hidden = tokens.length > 0;
      if (status.dataset.state === 'error') {
        status.textContent = '';
        delete status.dataset.state;
      }
    } catch (err) {
      if (mine !== request) return;
      list.replaceChildren();
      empty.hidden = true;
      status.dataset.state = 'error';
      status.textContent = errorText(err);
    } finally {
      if (mine === request) root.removeAttribute('aria-busy');
    }
  }

  /** @param {Token} token */
  async function remove(token) {
    try {
      await call('removeToken', { address: token.address });
      delete status.dataset.state;
      status.textContent = t('tokenRemoved', [token.symbol]);
    } catch (err) {
      status.dataset.state = 'error';
      status.textContent = errorText(err);
    }
    await reload();
  }

  function closeForm() {
    clearMessages();
    input.value = '';
    form.hidden = true;
  }

  open.addEventListener('click', () => {
    form.hidden = false;
    open.setAttribute('aria-expanded', 'true');
    input.focus();
  });
  q(form, '[data-action="cancel"]').addEventListener('click', () => {
    closeForm();
    open.setAttribute('aria-expanded', 'false');
    open.focus();
  });
  form.addEventListener('submit', async (/** @type {Event} */ e) => {
    e.preventDefault();
    clearMessages();
    const error = q(form, '.form-error');
    const address = input.value.trim();
    if (!address) return showError(error, t('tokenAddressRequired'), input);
    const done = busy(form, t('tokenAdding'));
    try {
      const added = await call('addToken', { address });
      done();
      closeForm();
      open.setAttribute('aria-expanded', 'false');
      delete status.dataset.state;
      status.textContent = t('tokenAdded', [String(added?.symbol ?? '')]);
      await reload();
    } catch (err) {
      done();
      showFailure(error, err, { invalid: input });
    }
  });

  return {
    reload,
    cleanup: () => {
      request++;
      input.value = '';
    },
  };
}

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
 * A token's row. `lastKnown`: its balance as the network last gave it, shown while the network
 * is asked again: marked `data-state="stale"`, without the `token-balance` name and
 * `data-balance`, which only a fresh answer carries.
 * @param {Token & { unknown?: boolean }} token
 * @param {(token: Token) => void} onRemove
 * @param {{ lastKnown?: boolean }} [opts]
 */
function tokenRow(token, onRemove, { lastKnown = false } = {}) {
  const li = document.createElement('li');
  li.className = 'token-row';
  if (!lastKnown) li.dataset.testid = 'token-balance';
  li.dataset.symbol = token.symbol;
  li.dataset.address = token.address;
  const symbol = document.createElement('span');
  symbol.className = 'token-symbol';
  symbol.textContent = token.symbol;
  symbol.title = token.address;
  const amount = document.createElement('span');
  amount.className = 'token-amount';
  const formatted = token.balance == null ? null : units(token.balance, token.decimals);
  li.dataset.state = lastKnown ? 'stale' : formatted == null ? 'error' : 'ok';
  if (formatted != null) {
    amount.textContent = shortUnits(String(token.balance), Number(token.decimals) || 0);
    amount.title = `${formatted} ${token.symbol}`;
    if (!lastKnown) li.dataset.balance = BigInt(String(token.balance)).toString();
  } else if (lastKnown) {
    amount.textContent = t('tokenBalanceUpdating');
  } else {
    amount.textContent = t('tokenBalanceError');
    if (token.error) amount.title = token.error;
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
 * @returns {{ reload: (opts?: { clear?: boolean, lastKnown?: boolean }) => Promise<void>, cleanup: () => void }}
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

  /**
   * The list afresh from the network. `lastKnown`: meanwhile, when nothing is shown yet, the
   * balances the network last gave (and still they, marked, if it does not answer).
   * @param {{ clear?: boolean, lastKnown?: boolean }} [opts]
   */
  async function reload({ clear = false, lastKnown = false } = {}) {
    const mine = ++request;
    if (clear) {
      list.replaceChildren();
      empty.hidden = true;
      status.textContent = '';
      delete status.dataset.state;
    }
    root.setAttribute('aria-busy', 'true');
    let answered = false;
    /** @type {Promise<TokenList | null>} */
    const known = lastKnown ? call('tokens', { lastKnown: true }).catch(() => null) : Promise.resolve(null);
    /** Whether last known rows were shown (they are while nothing else is). */
    const staleShown = known.then((k) => {
      if (!k || answered || mine !== request || list.children.length > 0) return false;
      list.replaceChildren(...k.tokens.map((token) => tokenRow(token, remove, { lastKnown: true })));
      empty.hidden = k.tokens.length > 0;
      return k.tokens.length > 0;
    });
    try {
      /** @type {TokenList} */
      const result = await call('tokens');
      answered = true;
      const tokens = result?.tokens ?? [];
      // A token the network did not give now keeps its last known balance, marked as such.
      const last = tokens.some((token) => token.balance == null) ? await known : null;
      if (mine !== request) return;
      const was = new Map((last?.tokens ?? []).filter((k) => k.balance != null).map((k) => [k.address.toLowerCase(), k.balance]));
      let fellBack = false;
      list.replaceChildren(
        ...tokens.map((token) => {
          const balance = token.balance == null ? was.get(token.address.toLowerCase()) : undefined;
          if (balance === undefined) return tokenRow(token, remove);
          fellBack = true;
          return tokenRow({ ...token, balance }, remove, { lastKnown: true });
        }),
      );
      empty.hidden = tokens.length > 0;
      if (fellBack) {
        status.dataset.state = 'error';
        status.textContent = t('tokensLastKnown');
      } else if (status.dataset.state === 'error') {
        status.textContent = '';
        delete status.dataset.state;
      }
    } catch (err) {
      // A quick failure (a refused connection) may come before the last known rows.
      const stale = await staleShown;
      answered = true;
      if (mine !== request) return;
      status.dataset.state = 'error';
      if (stale) {
        // The last known rows stay, marked as such.
        status.textContent = `${t('tokensLastKnown')} ${errorText(err)}`;
      } else {
        list.replaceChildren();
        empty.hidden = true;
        status.textContent = errorText(err);
      }
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

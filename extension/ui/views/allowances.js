// The Allowances page: what the account has let others take on this network (read from its own
// approval events and the tokens' current allowances), each with a revoke button that opens the
// normal transaction approval.

import { call } from '../api.js';
import { byRole, byTestId } from '../dom.js';
import { errorText, showFailure } from '../errors.js';
import { formatUnits } from '../format.js';
import { t } from '../i18n.js';
import * as router from '../router.js';

/**
 * @typedef {{ kind: 'erc20' | 'all', token: string, spender: string, amount: string, unlimited: boolean,
 *   symbol: string | null, decimals: number | null, spenderHasCode: boolean | null }} Allowance
 */

/** @param {Allowance} a */
function amountText(a) {
  if (a.kind === 'all') return t('allowancesAll');
  if (a.unlimited) return t('approvalCallUnlimited');
  return a.decimals !== null ? `${formatUnits(a.amount, a.decimals)} ${a.symbol ?? ''}`.trim() : a.amount;
}

/** @param {HTMLElement} root */
export function mountAllowances(root) {
  const list = byRole(root, 'allowances');
  const none = byRole(root, 'allowances-none');
  const status = byRole(root, 'allowances-status');
  const error = /** @type {HTMLElement} */ (root.querySelector('.form-error'));
  byTestId(root, 'allowances-back').addEventListener('click', () => router.back());

  /** @param {Allowance} a */
  function item(a) {
    const li = document.createElement('li');
    li.className = `allowance ${a.unlimited || a.spenderHasCode === false ? 'danger' : ''}`.trim();
    Object.assign(li.dataset, { testid: 'allowance-item', token: a.token, spender: a.spender, amount: a.amount, kind: a.kind });
    const what = document.createElement('p');
    const strong = document.createElement('strong');
    strong.textContent = a.symbol ?? a.token;
    what.append(strong, ' ', amountText(a));
    const who = document.createElement('p');
    who.className = 'mono wrap small';
    who.textContent = `${t('approvalRiskField_spender')}: ${a.spender}${a.spenderHasCode === false ? ` (${t('approvalCallNoCode')})` : ''}`;
    const revoke = document.createElement('button');
    revoke.type = 'button';
    revoke.className = 'btn secondary';
    revoke.dataset.testid = 'allowance-revoke';
    revoke.textContent = t('allowancesRevoke');
    revoke.addEventListener('click', async () => {
      revoke.disabled = true;
      try {
        await call('revokeAllowance', { kind: a.kind, token: a.token, spender: a.spender });
        status.textContent = t('allowancesRevokeAsked');
      } catch (err) {
        showFailure(error, err);
      } finally {
        revoke.disabled = false;
      }
    });
    li.append(what, who, revoke);
    return li;
  }

  async function load() {
    root.setAttribute('aria-busy', 'true');
    status.textContent = t('allowancesReading');
    try {
      const { allowances } = await call('allowances');
      list.replaceChildren(...allowances.map(item));
      none.hidden = allowances.length > 0;
      status.textContent = '';
    } catch (err) {
      status.textContent = '';
      error.hidden = false;
      error.textContent = errorText(err);
    } finally {
      root.removeAttribute('aria-busy');
      root.dataset.loaded = '';
    }
  }
  void load();
  return { resume: () => void load() };
}

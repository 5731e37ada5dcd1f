// The background's errors carry a stable code in `data.coreCode`; each has a message in the
// person's language (`error_<CODE>` in _locales), with the details it needs.

import { ERRORS } from '../common/codes.js';
import { showError } from './dom.js';
import { formatUnits } from './format.js';
import { doctorLink, focusFor } from './doctor-link.js';
import { helpLinkFor } from './help-link.js';
import { maybe, t } from './i18n.js';

/** Codes with a message of their own (`error_<CODE>`): the registry's errors. */
const KNOWN = new Set(Object.keys(ERRORS));

/** A chain id as a person reads it (decimal). @param {unknown} id */
function chainNumber(id) {
  try {
    return BigInt(String(id)).toString(10);
  } catch {
    return String(id ?? '?');
  }
}

/**
 * Why an RPC endpoint failed, from the detail the background gave the window (never from the
 * endpoint's own text). @param {any} detail
 */
function rpcReason(detail) {
  const reason = typeof detail?.reason === 'string' ? detail.reason.replace(/[^a-z]/g, '_') : '';
  if (!reason) return '';
  if (reason === 'http') return t('rpcReason_http', [String(detail.status ?? '?')]);
  if (reason === 'wrong_chain') return t('rpcReason_wrong_chain', [chainNumber(detail.answered)]);
  return maybe(`rpcReason_${reason}`);
}

/** A raw integer amount in its coin's units, or the raw text when it is not one. @param {unknown} raw @param {unknown} decimals */
function amount(raw, decimals) {
  try {
    return formatUnits(String(raw), Number(decimals) || 0);
  } catch {
    return String(raw ?? '?');
  }
}

/** @param {unknown} err @returns {string | undefined} */
export const coreCode = (err) => /** @type {any} */ (err)?.data?.coreCode;

/**
 * @param {any} err
 * @returns {string[]}
 */
function substitutions(err) {
  const d = err?.data ?? {};
  switch (d.coreCode) {
    case 'PHRASE_UNKNOWN_WORD':
      return [String(d.position ?? '?'), (d.suggestions ?? []).join(t('listSeparator'))];
    case 'PHRASE_WORD_COUNT':
      return [String(d.count ?? '?')];
    case 'UNLOCK_THROTTLED':
      return [String(Math.max(1, Math.ceil((d.retryAfterMs ?? 1000) / 1000)))];
    case 'PASSWORD_TOO_SHORT':
      return [String(d.min ?? 8)];
    case 'AMOUNT_INVALID':
      return [String(d.decimals ?? 18)];
    case 'INSUFFICIENT_FUNDS':
    case 'INSUFFICIENT_FUNDS_FOR_FEE':
    case 'INSUFFICIENT_TOKEN_BALANCE':
      return [amount(d.needed, d.decimals), String(d.symbol ?? ''), amount(d.balance, d.decimals)];
    case 'TOKEN_EXISTS':
      return [String(d.symbol ?? '')];
    case 'RPC_CHAIN_CHECK':
      return [chainNumber(d.chainId), rpcReason(d.detail)];
    default:
      return [];
  }
}

/**
 * The message for a failed command, in the person's language.
 * @param {any} err
 * @param {Record<string, string>} [overrides] coreCode → message key, where a form knows better
 *   (e.g. VAULT_DECRYPT is "wrong password" on unlock, "wrong password for this file" on restore)
 */
export function errorText(err, overrides = {}) {
  const code = coreCode(err);
  let key = code ? overrides[code] ?? (KNOWN.has(code) ? `error_${code}` : null) : null;
  if (code === 'PHRASE_UNKNOWN_WORD' && !err.data?.suggestions?.length) key = 'error_PHRASE_UNKNOWN_WORD_noSuggestion';
  if (key === 'error_TOKEN_EXISTS' && !err.data?.symbol) key = 'error_TOKEN_EXISTS_noSymbol';
  if (key === 'error_AMOUNT_INVALID' && Number(err.data?.decimals) === 0) key = 'error_AMOUNT_INVALID_whole';
  if (key === 'error_RPC_CHAIN_CHECK' && !rpcReason(err.data?.detail)) key = 'error_RPC_CHAIN_CHECK_noReason';
  if (!key) return t('error_generic', [String(err?.message ?? err)]);
  const subs = substitutions(err);
  // chrome.i18n has no plurals: the few messages with a count have a "_one" form.
  if ((code === 'UNLOCK_THROTTLED' || code === 'PHRASE_WORD_COUNT') && subs[0] === '1' && key === `error_${code}`) key += '_one';
  return t(key, subs);
}

/**
 * Shows a failed command's message in a form's `.form-error`, with the help link of its code
 * and "run the doctor" (its related check first).
 * @param {HTMLElement} el the `.form-error` element
 * @param {unknown} err
 * @param {{ overrides?: Record<string, string>, invalid?: HTMLElement }} [options]
 */
export function showFailure(el, err, { overrides, invalid } = {}) {
  showError(el, errorText(err, overrides), invalid);
  const link = helpLinkFor(coreCode(err));
  if (link) el.append(' ', link);
  el.append(' ', doctorLink(focusFor(err)));
}

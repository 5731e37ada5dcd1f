// The unlock form both the wallet's page and the approval window use: the password opens the
// vault; a wrong one changes nothing; after several, the background makes the person wait.

import { call } from './api.js';
import { busy, byTestId, clearMessages, q, showError } from './dom.js';
import { coreCode, showFailure } from './errors.js';
import { t } from './i18n.js';

/**
 * @param {HTMLElement} root holds the form with `unlock-password`
 * @param {{ onUnlocked: () => void, onCorrupt?: () => void }} params
 * @returns {{ cleanup: () => void }}
 */
export function mountUnlockForm(root, params) {
  const form = /** @type {HTMLFormElement} */ (q(root, 'form'));
  /** @type {HTMLInputElement} */
  const password = byTestId(root, 'unlock-password');
  const error = q(form, '.form-error');
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let countdown;

  /** @param {number} until */
  function throttled(until) {
    clearInterval(countdown);
    const tick = () => {
      const seconds = Math.ceil((until - Date.now()) / 1000);
      if (seconds <= 0) {
        clearInterval(countdown);
        error.textContent = t('unlockTryAgain');
        return;
      }
      error.textContent = seconds === 1 ? t('error_UNLOCK_THROTTLED_one') : t('error_UNLOCK_THROTTLED', [String(seconds)]);
    };
    countdown = setInterval(tick, 1000);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearMessages();
    clearInterval(countdown);
    if (!password.value) return showError(error, t('passwordRequired'), password);
    const done = busy(form, t('unlocking'));
    try {
      await call('unlock', { password: password.value });
      password.value = '';
      done();
      params.onUnlocked();
    } catch (err) {
      done();
      if (coreCode(err) === 'VAULT_CORRUPT' && params.onCorrupt) return void params.onCorrupt();
      showFailure(error, err, { overrides: { VAULT_DECRYPT: 'error_wrongPassword' }, invalid: password });
      password.select();
      if (coreCode(err) === 'UNLOCK_THROTTLED') throttled(Date.now() + (/** @type {any} */ (err).data?.retryAfterMs ?? 1000));
    }
  });
  password.focus();
  return { cleanup: () => clearInterval(countdown) };
}

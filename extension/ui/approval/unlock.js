// The approval window's unlock form: the same password check as the wallet's page, then the
// requests. A wrong password changes nothing; after several, the background makes the person wait.

import { busy, byTestId, clearMessages, q, showError } from '../dom.js';
import { coreCode, errorText } from '../errors.js';
import { t } from '../i18n.js';
import { unlock } from './data.js';
import { h } from './util.js';

/**
 * @param {HTMLElement} root the cloned tpl-unlock
 * @param {{ onUnlocked: () => void }} params
 * @returns {{ cleanup: () => void, setWaiting: (origins: string[]) => void }}
 */
export function mountUnlock(root, params) {
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
      await unlock(password.value);
      password.value = '';
      done();
      params.onUnlocked();
    } catch (err) {
      done();
      showError(error, errorText(err, { VAULT_DECRYPT: 'error_wrongPassword' }), password);
      password.select();
      if (coreCode(err) === 'UNLOCK_THROTTLED') throttled(Date.now() + (err.data?.retryAfterMs ?? 1000));
    }
  });

  const list = q(root, '.waiting-list');
  const count = q(root, '[data-role="waiting-count"]');
  /** @param {string[]} origins pending requests' origins, oldest first */
  function setWaiting(origins) {
    count.textContent = origins.length === 1 ? t('approvalWaitingOne') : t('approvalWaitingMany', [String(origins.length)]);
    const distinct = [...new Set(origins)];
    list.replaceChildren(...distinct.map((o) => h('li', { class: 'mono wrap', text: o })));
  }

  password.focus();
  return { cleanup: () => clearInterval(countdown), setWaiting };
}

// Restoring from a backup file (exported by Kura Wallet): the same form on the onboarding page,
// in settings and on the damaged-vault page.

import { call } from '../api.js';
import { busy, byRole, byTestId, clearMessages, q, showError } from '../dom.js';
import { showFailure } from '../errors.js';
import { t } from '../i18n.js';
import * as router from '../router.js';

/**
 * @param {HTMLElement} slot where the form goes
 * @param {{ replaces: boolean, healthy?: boolean }} options replaces: a wallet exists and will be
 *   replaced; healthy: that wallet opens, so replacing it needs its password (or the person's
 *   "I no longer have it")
 */
export function mountBackupRestore(slot, { replaces, healthy = false }) {
  const form = /** @type {HTMLFormElement} */ (router.fromTemplate('backup-restore'));
  slot.replaceChildren(form);
  byRole(form, 'replaces').hidden = !replaces;
  // Replacing a wallet is not the main action of the page it sits on.
  if (replaces) byTestId(form, 'backup-restore-submit').classList.replace('primary', 'secondary');
  /** @type {HTMLInputElement} */
  const file = byTestId(form, 'backup-file');
  /** @type {HTMLInputElement} */
  const password = byTestId(form, 'backup-password');
  const error = q(form, '.form-error');
  const current = byRole(form, 'current');
  current.hidden = !(replaces && healthy);
  /** @type {HTMLInputElement} */
  const currentPassword = byTestId(form, 'backup-current-password');
  /** @type {HTMLInputElement} */
  const forgot = byTestId(form, 'backup-forgot-current');
  forgot.addEventListener('change', () => {
    byRole(form, 'forgot-warning').hidden = !forgot.checked;
    currentPassword.disabled = forgot.checked;
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearMessages();
    const chosen = file.files?.[0];
    if (!chosen) return showError(error, t('backupNoFile'), file);
    if (!password.value) return showError(error, t('passwordRequired'), password);
    const needsCurrent = !current.hidden && !forgot.checked;
    if (needsCurrent && !currentPassword.value) return showError(error, t('error_CURRENT_PASSWORD_REQUIRED'), currentPassword);
    const done = busy(form, t('backupRestoring'));
    try {
      const content = await chosen.text();
      await call('restoreBackup', {
        content,
        password: password.value,
        ...(current.hidden ? {} : forgot.checked ? { forgotCurrentPassword: true } : { currentPassword: currentPassword.value }),
      });
      password.value = '';
      currentPassword.value = '';
      done();
      router.show('home', { notice: t('backupRestored') });
    } catch (err) {
      done();
      const code = /** @type {any} */ (err)?.data?.coreCode;
      const field = code === 'VAULT_DECRYPT' ? password : code?.startsWith('CURRENT_PASSWORD') ? currentPassword : file;
      showFailure(error, err, { overrides: { VAULT_DECRYPT: 'error_backupDecrypt', VAULT_FORMAT: 'error_BACKUP_FILE_INVALID' }, invalid: field });
    }
  });
}

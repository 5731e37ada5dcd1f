// Settings → Security (unlocked only): reveal the phrase, change the password, export a backup
// file, restore from one.

import { call } from '../api.js';
import { busy, byRole, byTestId, clearMessages, downloadFile, q, showError, showSuccess } from '../dom.js';
import { showFailure } from '../errors.js';
import { t } from '../i18n.js';
import { attachMeter, newPasswordProblem } from '../password.js';
import { renderPhrase, splitWords } from '../phrase.js';
import * as router from '../router.js';
import { mountBackupRestore } from './backup-restore.js';

/** @param {HTMLElement} slot */
export function mountSecurity(slot) {
  const root = router.fromTemplate('security');
  slot.replaceChildren(root);

  // Reveal the phrase: password first, then a second click to show it. A wallet of imported
  // keys only has no phrase: the section is replaced by a note.
  const reveal = byRole(root, 'reveal');
  call('accounts').then((/** @type {{ hasPhrase: boolean }} */ list) => {
    reveal.hidden = !list.hasPhrase;
    byTestId(root, 'no-phrase').hidden = list.hasPhrase;
  });
  const revealForm = q(reveal, 'form');
  const revealed = byRole(reveal, 'revealed');
  /** @type {HTMLInputElement} */
  const revealPassword = byTestId(root, 'reveal-password');
  const list = byTestId(root, 'revealed-phrase');
  const showButton = byTestId(root, 'reveal-show');
  const hidePhrase = () => {
    list.replaceChildren();
    list.hidden = true;
    revealed.hidden = true;
    revealForm.hidden = false;
  };
  revealForm.addEventListener('submit', async (/** @type {Event} */ e) => {
    e.preventDefault();
    clearMessages();
    const error = q(revealForm, '.form-error');
    if (!revealPassword.value) return showError(error, t('passwordRequired'), revealPassword);
    const done = busy(revealForm);
    try {
      const { phrase } = await call('revealPhrase', { password: revealPassword.value });
      revealPassword.value = '';
      done();
      renderPhrase(list, splitWords(phrase));
      list.hidden = true;
      showButton.hidden = false;
      revealForm.hidden = true;
      revealed.hidden = false;
      showButton.focus();
    } catch (err) {
      done();
      showFailure(error, err, { overrides: { VAULT_DECRYPT: 'error_wrongPassword' }, invalid: revealPassword });
    }
  });
  showButton.addEventListener('click', () => {
    list.hidden = false;
    showButton.hidden = true;
  });
  q(revealed, '[data-action="hide"]').addEventListener('click', hidePhrase);

  // Change the password.
  const change = byRole(root, 'change');
  /** @type {HTMLInputElement} */
  const oldPassword = byTestId(root, 'change-old-password');
  /** @type {HTMLInputElement} */
  const newPassword = byTestId(root, 'change-new-password');
  /** @type {HTMLInputElement} */
  const confirm = byTestId(root, 'change-new-password-confirm');
  attachMeter(newPassword, q(change, '.strength'), q(root, '#change-password-strength'));
  change.addEventListener('submit', async (/** @type {Event} */ e) => {
    e.preventDefault();
    clearMessages();
    const error = q(change, '.form-error');
    if (!oldPassword.value) return showError(error, t('passwordRequired'), oldPassword);
    const problem = newPasswordProblem(newPassword.value, confirm.value);
    if (problem) return showError(error, problem.message, problem.field === 'password' ? newPassword : confirm);
    const done = busy(change, t('changingPassword'));
    try {
      await call('changePassword', { oldPassword: oldPassword.value, newPassword: newPassword.value });
      done();
      for (const input of [oldPassword, newPassword, confirm]) input.value = '';
      newPassword.dispatchEvent(new Event('input'));
      showSuccess(q(change, '.form-success'), t('passwordChanged'));
    } catch (err) {
      done();
      showFailure(error, err, { overrides: { VAULT_DECRYPT: 'error_wrongCurrentPassword' }, invalid: /** @type {any} */ (err)?.data?.coreCode === 'VAULT_DECRYPT' ? oldPassword : undefined });
    }
  });

  // Export a backup file.
  const exporter = byRole(root, 'export');
  byTestId(root, 'backup-export').addEventListener('click', async () => {
    clearMessages();
    const status = byRole(exporter, 'export-status');
    status.textContent = '';
    const done = busy(exporter);
    try {
      const { filename, content } = await call('exportBackup');
      downloadFile(filename, content, 'application/json');
      status.textContent = t('backupExported', [filename]);
    } catch (err) {
      showFailure(q(exporter, '.form-error'), err);
    } finally {
      done();
    }
  });

  mountBackupRestore(q(root, '.backup-slot'), { replaces: true, healthy: true });
  void mountReplaced(byRole(root, 'replaced'));

  return { cleanup: hidePhrase };
}

/**
 * The vaults restores replaced: each can be brought back (the current one takes its place in
 * the list) or deleted.
 * @param {HTMLElement} section
 */
async function mountReplaced(section) {
  const list = q(section, '.replaced-list');
  const error = q(section, '.form-error');
  /** @param {Array<{ id: string, at: number, reason: string, readable: boolean }>} items */
  const render = (items) => {
    list.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement('li');
        li.className = 'replaced-item';
        li.dataset.testid = 'replaced-vault';
        li.dataset.id = item.id;
        const when = new Date(item.at).toLocaleString(chrome.i18n.getUILanguage());
        const label = document.createElement('span');
        label.textContent = t('replacedItem', [when, t(`replacedReason_${item.reason}`)]);
        const back = document.createElement('button');
        back.type = 'button';
        back.className = 'btn secondary small';
        back.dataset.testid = 'replaced-vault-restore';
        back.textContent = t('replacedBringBack');
        back.disabled = !item.readable;
        back.addEventListener('click', async () => {
          clearMessages();
          try {
            await call('bringBackVault', { id: item.id });
            router.show('unlock', { notice: t('replacedBroughtBack') });
          } catch (err) {
            showFailure(error, err);
          }
        });
        const del = document.createElement('button');
        del.type = 'button';
        del.className = 'btn danger small';
        del.dataset.testid = 'replaced-vault-delete';
        del.textContent = t('replacedDelete');
        const confirmText = document.createElement('p');
        confirmText.className = 'hint';
        confirmText.hidden = true;
        confirmText.textContent = t('replacedDeleteConfirm');
        // Deleting is for good: the first click asks, the second deletes.
        del.addEventListener('click', async () => {
          clearMessages();
          if (confirmText.hidden) {
            confirmText.hidden = false;
            return;
          }
          try {
            render(await call('deleteReplacedVault', { id: item.id }));
          } catch (err) {
            showFailure(error, err);
          }
        });
        li.append(label, back, del, confirmText);
        return li;
      }),
    );
    byRole(section, 'replaced-none').hidden = items.length > 0;
  };
  try {
    render(await call('replacedVaults'));
  } catch (err) {
    showFailure(error, err);
  }
}

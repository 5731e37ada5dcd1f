// The vault in storage is damaged: say what was found, that nothing was deleted, and offer the
// ways back: the automatic second copy, a backup file, or the secret phrase.

import { call } from '../api.js';
import { busy, byRole, byTestId, clearMessages, q } from '../dom.js';
import { showFailure } from '../errors.js';
import * as router from '../router.js';
import { mountBackupRestore } from './backup-restore.js';
import { doctorLink } from '../doctor-link.js';

/**
 * @param {HTMLElement} root
 * @param {{ problem: string, backupCopyUsable: boolean }} status
 */
export function mountDamaged(root, status) {
  byTestId(root, 'vault-problem').textContent = status.problem;
  // The doctor's vault check needs no password: it can tell which copy opens.
  byTestId(root, 'vault-problem').after(doctorLink('vault'));

  const copy = byRole(root, 'copy');
  copy.hidden = !status.backupCopyUsable;
  byTestId(root, 'vault-use-copy').addEventListener('click', async () => {
    clearMessages();
    const done = busy(copy);
    try {
      await call('useBackupCopy');
      done();
      router.show('unlock');
    } catch (err) {
      done();
      showFailure(q(copy, '.form-error'), err);
    }
  });

  mountBackupRestore(q(root, '.backup-slot'), { replaces: true });

  const start = byTestId(root, 'vault-restore-phrase');
  const confirm = byRole(root, 'confirm');
  start.addEventListener('click', () => {
    confirm.hidden = false;
    start.hidden = true;
    byTestId(root, 'vault-restore-phrase-confirm').focus();
  });
  q(confirm, '[data-action="cancel"]').addEventListener('click', () => {
    confirm.hidden = true;
    start.hidden = false;
    start.focus();
  });
  byTestId(root, 'vault-restore-phrase-confirm').addEventListener('click', async () => {
    clearMessages();
    const done = busy(confirm);
    try {
      await call('resetDamagedVault');
      done();
      router.show('restore', { fromDamaged: true });
    } catch (err) {
      done();
      showFailure(q(confirm, '.form-error'), err);
    }
  });
}

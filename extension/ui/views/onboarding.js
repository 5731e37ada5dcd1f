// First run: create a wallet, restore one from a secret phrase, from a MetaMask vault or from a
// backup file.

import { byTestId, q } from '../dom.js';
import * as router from '../router.js';
import { mountBackupRestore } from './backup-restore.js';

/** @param {HTMLElement} root */
export function mountOnboarding(root) {
  byTestId(root, 'onboarding-create').addEventListener('click', () => router.show('create'));
  byTestId(root, 'onboarding-import').addEventListener('click', () => router.show('restore'));
  byTestId(root, 'onboarding-import-metamask').addEventListener('click', () => router.show('import-metamask', { mode: 'create' }));
  byTestId(root, 'onboarding-restore-file').addEventListener('click', () => router.show('restore-file'));
}

/** The backup-file form on its own page (from onboarding). @param {HTMLElement} root */
export function mountRestoreFile(root) {
  byTestId(root, 'onboarding-back').addEventListener('click', () => void router.route());
  mountBackupRestore(q(root, '.backup-slot'), { replaces: false });
}

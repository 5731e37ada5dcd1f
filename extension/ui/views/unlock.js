// Unlock, in the wallet's page: then home (or the damaged-vault view if the vault is damaged).

import { call } from '../api.js';
import { byRole, byTestId } from '../dom.js';
import { whenText } from '../format.js';
import { helpLink } from '../help-link.js';
import { t } from '../i18n.js';
import * as router from '../router.js';
import { mountUnlockForm } from '../unlock-form.js';

/**
 * @param {HTMLElement} root
 * @param {{ onUnlocked?: () => void, notice?: string }} [params]
 */
export function mountUnlock(root, params = {}) {
  const notice = byRole(root, 'notice');
  if (notice && params.notice) {
    notice.textContent = params.notice;
    notice.hidden = false;
  }
  // No reset exists for a forgotten password (nothing outside this computer knows it): the
  // article says what does work (the phrase, a backup file) and what does not.
  byRole(root, 'forgot').append(helpLink('forgot-password', t('unlockForgotLink')));
  // Wrong passwords since the last unlock: how many and since when (never what was typed).
  const failures = byTestId(root, 'unlock-failures');
  call('status').then(({ failedUnlocks }) => {
    if (!failedUnlocks?.count) return;
    const count = Number(failedUnlocks.count);
    failures.dataset.count = String(count);
    failures.textContent = t(count === 1 ? 'unlockFailures_one' : 'unlockFailures', [String(count), whenText(Number(failedUnlocks.first))]);
    failures.hidden = false;
  }, () => undefined);
  return mountUnlockForm(root, {
    onUnlocked: params.onUnlocked ?? (() => router.show('home')),
    onCorrupt: () => void router.route(),
  });
}

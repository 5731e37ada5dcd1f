// Unlock, in the wallet's page: then home (or the damaged-vault view if the vault is damaged).

import { byRole } from '../dom.js';
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
  return mountUnlockForm(root, {
    onUnlocked: params.onUnlocked ?? (() => router.show('home')),
    onCorrupt: () => void router.route(),
  });
}

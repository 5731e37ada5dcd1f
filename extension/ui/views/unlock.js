// Unlock, in the wallet's page: then home (or the damaged-vault view if the vault is damaged).

import * as router from '../router.js';
import { mountUnlockForm } from '../unlock-form.js';

/**
 * @param {HTMLElement} root
 * @param {{ onUnlocked?: () => void }} [params]
 */
export function mountUnlock(root, params = {}) {
  return mountUnlockForm(root, {
    onUnlocked: params.onUnlocked ?? (() => router.show('home')),
    onCorrupt: () => void router.route(),
  });
}

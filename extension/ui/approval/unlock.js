// The approval window's unlock form (the wallet page's own, ui/unlock-form.js), with the list
// of sites whose requests wait behind it.

import { q } from '../dom.js';
import { t } from '../i18n.js';
import { mountUnlockForm } from '../unlock-form.js';
import { h } from './util.js';

/**
 * @param {HTMLElement} root the cloned tpl-unlock
 * @param {{ onUnlocked: () => void }} params
 * @returns {{ cleanup: () => void, setWaiting: (origins: string[]) => void }}
 */
export function mountUnlock(root, params) {
  const form = mountUnlockForm(root, { onUnlocked: params.onUnlocked });
  const list = q(root, '.waiting-list');
  const count = q(root, '[data-role="waiting-count"]');
  /** @param {string[]} origins pending requests' origins, oldest first */
  function setWaiting(origins) {
    count.textContent = origins.length === 1 ? t('approvalWaitingOne') : t('approvalWaitingMany', [String(origins.length)]);
    const distinct = [...new Set(origins)];
    list.replaceChildren(...distinct.map((o) => h('li', { class: 'mono wrap', text: o })));
  }

  return { cleanup: form.cleanup, setWaiting };
}

// Importing from MetaMask: its vault JSON pasted, or the files of its extension storage folder
// (LevelDB .log/.ldb, several at once), with its password. The core finds every vault in them,
// tries the password and builds our vault; no phrase or key comes back to this page.
// mode 'create' (onboarding): a new wallet with its own password; mode 'add' (settings): the
// accounts are added to the unlocked wallet.

import { call } from '../api.js';
import { busy, byRole, byTestId, clearMessages, q, showError } from '../dom.js';
import { coreCode, showFailure } from '../errors.js';
import { t } from '../i18n.js';
import { attachMeter, newPasswordProblem } from '../password.js';
import * as router from '../router.js';

/** Most bytes sent to the background at once (the browser's message limit is 64 MiB). */
const MAX_BYTES = 32 * 1024 * 1024;

/** @param {ArrayBuffer} buffer */
function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** @param {HTMLElement} root @param {{ mode?: 'create' | 'add' }} [params] */
export function mountImportMetaMask(root, { mode = 'create' } = {}) {
  const adding = mode === 'add';
  const form = /** @type {HTMLFormElement} */ (q(root, 'form'));
  /** @type {HTMLTextAreaElement} */
  const text = byTestId(root, 'metamask-vault');
  /** @type {HTMLInputElement} */
  const file = byTestId(root, 'metamask-vault-file');
  /** @type {HTMLInputElement} */
  const metaMaskPassword = byTestId(root, 'metamask-password');
  /** @type {HTMLInputElement} */
  const password = byTestId(root, 'new-password');
  /** @type {HTMLInputElement} */
  const confirm = byTestId(root, 'new-password-confirm');
  const error = q(form, '.form-error');
  byRole(root, 'new-password').hidden = adding;
  byRole(root, 'lede-create').hidden = adding;
  byRole(root, 'lede-add').hidden = !adding;
  byTestId(root, 'onboarding-back').addEventListener('click', () => void router.route());
  if (!adding) attachMeter(password, q(form, '.strength'), q(root, '#metamask-new-password-strength'));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearMessages();
    const chosen = [...(file.files ?? [])];
    const pasted = text.value.trim();
    if (!pasted && chosen.length === 0) return showError(error, t('importMetaMaskNothing'), text);
    if (chosen.reduce((n, f) => n + f.size, pasted.length) > MAX_BYTES) return showError(error, t('importMetaMaskTooLarge'), file);
    if (!metaMaskPassword.value) return showError(error, t('passwordRequired'), metaMaskPassword);
    if (!adding) {
      const problem = newPasswordProblem(password.value, confirm.value);
      if (problem) return showError(error, problem.message, problem.field === 'password' ? password : confirm);
    }
    const done = busy(form, t('importMetaMaskBusy'));
    try {
      const files = await Promise.all(chosen.map(async (f) => toBase64(await f.arrayBuffer())));
      const args = { text: pasted, files, metaMaskPassword: metaMaskPassword.value };
      const result = adding
        ? await call('addMetaMaskAccounts', args)
        : await call('importMetaMask', { ...args, password: password.value });
      metaMaskPassword.value = '';
      password.value = '';
      confirm.value = '';
      text.value = '';
      done();
      const notices = [adding ? t('importMetaMaskAdded', [String(result.added)]) : t('importMetaMaskDone', [String(result.added)])];
      if (result.candidates > 1) notices.push(t('importMetaMaskWhich', [String(result.opened), String(result.candidates)]));
      if (result.skipped?.length) notices.push(t('importMetaMaskSkipped', [result.skipped.map((/** @type {{ type: string }} */ s) => s.type).join(', ')]));
      router.show('home', { notice: notices.join('\n') });
    } catch (err) {
      done();
      const code = coreCode(err);
      const field = code === 'METAMASK_PASSWORD' ? metaMaskPassword : code === 'PASSWORD_TOO_SHORT' ? password : code === 'METAMASK_VAULT_NOT_FOUND' ? text : undefined;
      showFailure(error, err, { invalid: field });
    }
  });

  text.focus();
  return {
    cleanup: () => {
      metaMaskPassword.value = '';
      password.value = '';
      confirm.value = '';
    },
  };
}

// Settings, reachable from every view: MetaMask mode, auto-lock, the security section (when
// unlocked) and the versions.

import { call } from '../api.js';
import { byRole, byTestId, q } from '../dom.js';
import { errorText } from '../errors.js';
import { t } from '../i18n.js';
import * as router from '../router.js';
import { openDoctor } from '../doctor-link.js';
import { mountSecurity } from './security.js';
import { mountContacts } from './contacts.js';
import { mountSites } from './sites.js';
import { mountNetworks } from './networks.js';

/** @param {HTMLElement} root @param {{ network?: string }} [params] network: show the networks panel (a doctor's fix) */
export function mountSettings(root, params = {}) {
  byTestId(root, 'doctor-open').addEventListener('click', () => openDoctor(''));
  byTestId(root, 'allowances-open').addEventListener('click', () => router.overlay('allowances'));
  if (params.network) requestAnimationFrame(() => byRole(root, 'networks-panel').scrollIntoView({ block: 'start' }));
  byTestId(root, 'settings-back').addEventListener('click', () => router.back());
  const onKey = (/** @type {KeyboardEvent} */ e) => {
    const networksOpen = !document.getElementById('networks')?.hidden;
    if (e.key === 'Escape' && !networksOpen) router.back();
  };
  document.addEventListener('keydown', onKey);

  /** @type {HTMLInputElement} */
  const metaMask = byTestId(root, 'setting-metamask-mode');
  /** @type {HTMLSelectElement} */
  const autoLock = byTestId(root, 'autolock-minutes');
  const autoLockStatus = byRole(root, 'autolock-status');

  metaMask.addEventListener('change', async () => {
    const status = q(root, '#settings-status');
    try {
      await call('setMetaMaskMode', { enabled: metaMask.checked });
      status.textContent = t('settingsSavedReload');
    } catch (err) {
      status.textContent = errorText(err);
    }
  });

  /** @type {HTMLInputElement} */
  const phishingRefresh = byTestId(root, 'setting-phishing-refresh');
  phishingRefresh.addEventListener('change', async () => {
    const status = byRole(root, 'phishing-refresh-status');
    try {
      await call('setPhishingListSource', { enabled: phishingRefresh.checked });
      status.textContent = t('settingsSaved');
    } catch (err) {
      status.textContent = errorText(err);
    }
  });
  call('phishingListStatus').then(({ enabled }) => {
    phishingRefresh.checked = enabled;
  });

  autoLock.addEventListener('change', async () => {
    try {
      await call('setAutoLock', { minutes: Number(autoLock.value) });
      autoLockStatus.textContent = t('settingsSaved');
    } catch (err) {
      autoLockStatus.textContent = errorText(err);
    }
  });

  call('getState').then(({ settings }) => {
    metaMask.checked = settings.metaMaskMode;
    const minutes = String(settings.autoLockMinutes ?? 15);
    if (![...autoLock.options].some((o) => o.value === minutes)) {
      const custom = document.createElement('option');
      custom.value = minutes;
      custom.textContent = t('autoLockMinutes', [minutes]);
      autoLock.append(custom);
    }
    autoLock.value = minutes;
    byRole(root, 'general').hidden = false;
  });

  call('about').then(({ coreVersion, extensionVersion }) => {
    byTestId(root, 'core-version').textContent = coreVersion;
    byRole(root, 'extension-version').textContent = extensionVersion;
  });

  mountNetworks(byRole(root, 'networks-panel'));
  mountSites(byRole(root, 'sites-panel'));

  /** @type {{ cleanup?: () => void } | null} */
  let security = null;
  call('status').then((status) => {
    if (status.unlocked && !status.problem) {
      security = mountSecurity(q(root, '.security-slot'));
      // The address book needs the wallet unlocked (asking while locked would send the page
      // to the unlock screen).
      const metaMaskPanel = byRole(root, 'metamask-panel');
      metaMaskPanel.hidden = false;
      byTestId(metaMaskPanel, 'settings-import-metamask').addEventListener('click', () => router.show('import-metamask', { mode: 'add' }));
      // The path finder needs a phrase (a wallet of imported keys only has none).
      call('accounts').then((/** @type {{ hasPhrase: boolean }} */ list) => {
        const paths = byRole(root, 'paths-panel');
        paths.hidden = !list.hasPhrase;
        byTestId(paths, 'paths-open').addEventListener('click', () => router.overlay('paths'));
      });
      const contacts = byRole(root, 'contacts-panel');
      contacts.hidden = false;
      mountContacts(contacts);
    }
  });

  return {
    cleanup: () => {
      document.removeEventListener('keydown', onKey);
      security?.cleanup?.();
    },
  };
}

// "Run the doctor", offered next to an error. In the wallet's page it opens the doctor view
// with the related check first; elsewhere (the approval window) the wallet's page in a new tab.

import { t } from './i18n.js';

/** @type {((focus: string) => void) | null} set by the wallet's page */
let opener = null;

/** @param {(focus: string) => void} open */
export function setDoctorOpener(open) {
  opener = open;
}

/** @param {string} focus a check id ('' for none) */
export function openDoctor(focus) {
  if (opener) opener(focus);
  else void chrome.tabs.create({ url: chrome.runtime.getURL(`popup.html?doctor=${encodeURIComponent(focus)}`) });
}

/**
 * The doctor's check an error concerns: the endpoint for RPC errors, the vault for the vault's...
 * @param {any} err @returns {string}
 */
export function focusFor(err) {
  const code = String(err?.data?.coreCode ?? '');
  if (err?.data?.rpcReason || code === 'RPC_CHAIN_CHECK') return 'network';
  if (/^(VAULT_(FORMAT|PARAMS|CORRUPT)|NO_BACKUP_COPY|STORAGE|NO_VAULT)$/.test(code)) return 'vault';
  if (code === 'VAULT_DECRYPT' || code === 'UNLOCK_THROTTLED') return 'unlocks';
  if (code.startsWith('INSUFFICIENT_FUNDS')) return 'funds';
  if (code.startsWith('TX_')) return 'transactions';
  return '';
}

/** @param {string} focus @returns {HTMLButtonElement} */
export function doctorLink(focus) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'help-link';
  button.dataset.testid = 'doctor-open';
  button.dataset.focus = focus;
  button.textContent = t('doctorRunLink');
  button.addEventListener('click', (e) => {
    e.preventDefault();
    e.stopPropagation();
    openDoctor(focus);
  });
  return button;
}

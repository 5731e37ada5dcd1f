// The background: routes every message, keeps state in chrome.storage, and calls the WASM core
// for every secret or cryptographic operation. MV3 may stop it at any moment, so every listener
// is registered synchronously here and nothing lives only in memory.

import { toRpcError } from './background/errors.js';
import { logEvent } from './background/doctor/log.js';
import { onTabRemoved, onWindowRemoved } from './background/approvals.js';
import { onAlarm } from './background/autolock.js';
import { applyMetaMaskMode } from './background/metamask-mode.js';
import { migrateStorage } from './background/migrations.js';
import { forgetTab } from './background/frames.js';
import { handleProviderRequest } from './background/provider.js';
import { onPhraseSeen } from './background/risk/phrase-guard.js';
import { onBeforeNavigate, onPhishingAlarm, syncPhishingProtection } from './background/risk/phishing-block.js';
import { settings } from './background/store.js';
import { onPollAlarm } from './background/activity.js';
import { handleUiRequest } from './background/ui.js';

const EXTENSION_BASE = chrome.runtime.getURL('');

// Storage written by an older release is brought up to date before anything reads it: at every
// start of the worker (which covers install, update and browser start). A failure is logged and
// leaves storage as it was; the handlers then run on it as it is.
const migrated = migrateStorage().catch((err) => console.error('storage migration failed', err));

/**
 * Messages from our own pages are trusted commands; messages from content scripts are web
 * pages' provider requests. Anything else is dropped.
 * @param {chrome.runtime.MessageSender} sender
 */
function senderKind(sender) {
  if (sender.id !== chrome.runtime.id) return null;
  if (sender.url?.startsWith(EXTENSION_BASE)) return 'ui';
  if (sender.tab && typeof sender.url === 'string' && /^https?:/.test(sender.url)) return 'page';
  return null;
}

/**
 * A failed request in the diagnostic log: a page's by method and code (not the site, not the
 * params), the wallet's own only when the core refused (by its code; a wrong password is
 * logged by the vault, as a count).
 * @param {'page' | 'ui'} kind @param {any} msg @param {{ code: number, data?: any }} error
 */
function noteFailure(kind, msg, error) {
  const coreCode = typeof error.data?.coreCode === 'string' ? error.data.coreCode : undefined;
  if (kind === 'page') logEvent('request-refused', { method: msg.request?.method, code: coreCode ?? error.code });
  else if (coreCode && coreCode !== 'VAULT_DECRYPT' && coreCode !== 'UNLOCK_THROTTLED') logEvent('core-error', { code: coreCode, method: msg.command });
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!msg || typeof msg !== 'object') return false;
  const kind = senderKind(sender);
  let work;
  if (kind === 'page' && msg.type === 'provider-request') {
    work = migrated.then(() => handleProviderRequest(msg.request, sender, msg.key, msg.opaque === true));
  } else if (kind === 'page' && msg.type === 'phrase-guard') {
    void migrated.then(() => onPhraseSeen(sender));
    return false;
  } else if (kind === 'ui' && msg.type === 'ui-request') {
    work = migrated.then(() => handleUiRequest(msg, sender));
  } else {
    return false;
  }
  work.then(
    (result) => sendResponse({ result: result ?? null }),
    (err) => {
      const error = toRpcError(err);
      noteFailure(kind, msg, error);
      sendResponse({ error });
    },
  );
  return true;
});

async function syncMetaMaskMode() {
  await applyMetaMaskMode((await settings()).metaMaskMode);
}
chrome.alarms.onAlarm.addListener((alarm) => {
  void onAlarm(alarm);
  void onPollAlarm(alarm);
  void onPhishingAlarm(alarm);
});
// Look-alike sites (listed ones are stopped by the declarativeNetRequest rules).
chrome.webNavigation.onBeforeNavigate.addListener(
  (details) => void onBeforeNavigate(details).catch((err) => console.error('phishing check failed', err)),
  { url: [{ schemes: ['http', 'https'] }] },
);
chrome.windows.onRemoved.addListener((windowId) => void onWindowRemoved(windowId));
chrome.tabs.onRemoved.addListener((tabId) => {
  void onTabRemoved(tabId);
  void forgetTab(tabId);
});
chrome.runtime.onInstalled.addListener(
  (details) => void migrated.then(() => Promise.all([syncMetaMaskMode(), syncPhishingProtection({ updated: details.reason === 'update' })])),
);
chrome.runtime.onStartup.addListener(() => void migrated.then(() => Promise.all([syncMetaMaskMode(), syncPhishingProtection()])));

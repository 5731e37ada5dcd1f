// What the wallet remembers, in chrome.storage: nothing lives only in the worker's memory,
// because MV3 stops the worker whenever it likes. Reads are cached and the cache follows
// storage.onChanged, so a change made by any extension page is seen at once.

import { DEFAULT_CHAIN_ID, findNetwork } from './networks.js';

import { SCHEMA_VERSION } from './migrations.js';

/** @typedef {{ metaMaskMode: boolean, chainId: string, autoLockMinutes: number }} Settings */

/** @type {Settings} */
const DEFAULT_SETTINGS = Object.freeze({ metaMaskMode: true, chainId: DEFAULT_CHAIN_ID, autoLockMinutes: 15 });

/** @type {Promise<Record<string, any>> | null} */
let cache = null;

function load() {
  cache ??= chrome.storage.local.get(['schemaVersion', 'settings', 'networks']).then((/** @type {Record<string, any>} */ s) => ({
    schemaVersion: s.schemaVersion ?? SCHEMA_VERSION,
    settings: { ...DEFAULT_SETTINGS, ...(s.settings ?? {}) },
    networks: Array.isArray(s.networks) ? s.networks : [],
  }));
  return cache;
}

chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'local') cache = null;
});

/** @returns {Promise<Settings>} */
export async function settings() {
  return (await load()).settings;
}

/** @param {Partial<Settings>} patch */
export async function updateSettings(patch) {
  const next = { ...(await settings()), ...patch };
  await chrome.storage.local.set({ settings: next, schemaVersion: SCHEMA_VERSION });
  cache = null;
  return next;
}

/** @returns {Promise<import('./networks.js').Network[]>} */
export async function customNetworks() {
  return (await load()).networks;
}

/** The network the wallet is on now (falls back to the default if its entry vanished). */
export async function currentNetwork() {
  const s = await load();
  return (
    findNetwork(s.settings.chainId, s.networks) ??
    /** @type {import('./networks.js').Network} */ (findNetwork(DEFAULT_CHAIN_ID))
  );
}

// Which origins may see which accounts (EIP-2255 `eth_accounts` permission), persisted per
// origin in chrome.storage.local. Nothing here reveals an account to an origin not connected.

const KEY = 'permissions';

/** @returns {Promise<Record<string, { accounts: string[], grantedAt: number }>>} */
async function all() {
  /** @type {Record<string, any>} */
  const s = await chrome.storage.local.get(KEY);
  return s[KEY] && typeof s[KEY] === 'object' ? s[KEY] : {};
}

/** @param {string} origin @returns {Promise<string[]>} */
export async function permittedAccounts(origin) {
  const p = (await all())[origin];
  return Array.isArray(p?.accounts) ? p.accounts : [];
}

/** @param {string} origin @param {string[]} accounts */
export async function grant(origin, accounts) {
  const next = { ...(await all()), [origin]: { accounts, grantedAt: Date.now() } };
  await chrome.storage.local.set({ [KEY]: next });
}

/** @param {string} origin */
export async function revoke(origin) {
  const next = { ...(await all()) };
  delete next[origin];
  await chrome.storage.local.set({ [KEY]: next });
}

export async function connectedSites() {
  return Object.entries(await all()).map(([origin, p]) => ({ origin, accounts: p.accounts, grantedAt: p.grantedAt }));
}

/** EIP-2255 permission objects for an origin. */
/** @param {string} origin */
export async function permissionsOf(origin) {
  const accounts = await permittedAccounts(origin);
  if (accounts.length === 0) return [];
  const p = (await all())[origin];
  return [
    {
      invoker: origin,
      parentCapability: 'eth_accounts',
      caveats: [{ type: 'restrictReturnedAccounts', value: accounts }],
      date: p.grantedAt,
    },
  ];
}

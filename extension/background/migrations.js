// The layout of chrome.storage.local carries a schema version; each release that changes it
// adds one step here, and every step is tested (tests/unit/migrations.test.mjs). Pure: it takes
// what storage holds and returns what to write, so it runs the same in tests and in the worker.

export const SCHEMA_VERSION = 3;

/**
 * The steps, in order: STEPS[n] takes a version-n layout to version n+1.
 * @type {Array<(data: Record<string, any>) => Record<string, any>>}
 */
const STEPS = [
  // 0 → 1: the first release. Data written before versions existed (a vault and settings) is
  // kept as it is; only the version is recorded.
  (data) => ({ ...data }),
  // 1 → 2: a replaced vault was kept in one slot (`vaultReplaced: { at, vault }`) that the next
  // restore overwrote; now every replaced vault is kept in a list until the person deletes it.
  (data) => {
    const { vaultReplaced, ...rest } = data;
    const list = Array.isArray(rest.replacedVaults) ? [...rest.replacedVaults] : [];
    if (vaultReplaced && typeof vaultReplaced.vault === 'string' && !list.some((r) => r.vault === vaultReplaced.vault)) {
      list.push({ id: `migrated-${Number(vaultReplaced.at) || 0}`, at: Number(vaultReplaced.at) || 0, reason: 'restore', vault: vaultReplaced.vault });
    }
    return list.length ? { ...rest, replacedVaults: list } : rest;
  },
  // 2 → 3: the activity of every network and account was one list (`activity`), read and
  // rewritten whole on each send and each confirmation; now each network and account has its
  // own key, `activity:<chainId>:<lowercase address>`, and `activityIndex` names them (the
  // layout activity.js reads). The order within each list is kept; an entry without a chain
  // or a sender (never written by a release) is left out. The followed tokens, one object of
  // every network's list (`tokens`), become a key per network, `tokens:<chainId>`.
  (data) => {
    const { activity, tokens, ...rest } = data;
    /** @type {Record<string, any[]>} */
    const lists = {};
    for (const e of Array.isArray(activity) ? activity : []) {
      if (typeof e?.chainId !== 'string' || typeof e?.from !== 'string') continue;
      (lists[`activity:${e.chainId}:${e.from.toLowerCase()}`] ??= []).push(e);
    }
    const index = Object.keys(lists);
    if (index.length) Object.assign(rest, lists, { activityIndex: index });
    if (tokens && typeof tokens === 'object' && !Array.isArray(tokens)) {
      for (const [chainId, list] of Object.entries(tokens)) if (Array.isArray(list) && list.length) rest[`tokens:${chainId}`] = list;
    }
    return rest;
  },
];

/**
 * @param {Record<string, any>} stored everything in chrome.storage.local
 * @returns {{ changed: boolean, data: Record<string, any>, from: number }}
 */
export function migrate(stored) {
  const from = Number.isInteger(stored.schemaVersion) ? stored.schemaVersion : 0;
  if (from > SCHEMA_VERSION) {
    // Written by a newer release: never rewrite what we do not understand.
    throw new Error(`storage schema ${from} is newer than this release (${SCHEMA_VERSION}); nothing was changed`);
  }
  if (from === SCHEMA_VERSION) return { changed: false, data: stored, from };
  let data = { ...stored };
  for (let v = from; v < SCHEMA_VERSION; v++) data = STEPS[v](data);
  return { changed: true, data: { ...data, schemaVersion: SCHEMA_VERSION }, from };
}

/**
 * Applies the migration to chrome.storage.local; background.js runs it at every start of the
 * worker (so on install, update and browser start) before any request is handled. Keys a step
 * dropped are removed; everything else is written as the steps return it.
 */
export async function migrateStorage() {
  /** @type {Record<string, any>} */
  const version = await chrome.storage.local.get('schemaVersion');
  if (version.schemaVersion === SCHEMA_VERSION) return;
  const stored = await chrome.storage.local.get(null);
  const { changed, data } = migrate(stored);
  if (!changed) return;
  const dropped = Object.keys(stored).filter((k) => !(k in data));
  await chrome.storage.local.set(data);
  if (dropped.length) await chrome.storage.local.remove(dropped);
}

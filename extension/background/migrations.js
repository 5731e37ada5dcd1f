// The layout of chrome.storage.local carries a schema version; each release that changes it
// adds one step here, and every step is tested (tests/unit/migrations.test.mjs). Pure: it takes
// what storage holds and returns what to write, so it runs the same in tests and in the worker.

export const SCHEMA_VERSION = 1;

/**
 * The steps, in order: STEPS[n] takes a version-n layout to version n+1.
 * @type {Array<(data: Record<string, any>) => Record<string, any>>}
 */
const STEPS = [
  // 0 → 1: the first release. Data written before versions existed (a vault and settings) is
  // kept as it is; only the version is recorded.
  (data) => ({ ...data }),
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

/** Applies the migration to chrome.storage.local (on install, update and browser start). */
export async function migrateStorage() {
  const stored = await chrome.storage.local.get(null);
  const { changed, data } = migrate(stored);
  if (changed) await chrome.storage.local.set(data);
}

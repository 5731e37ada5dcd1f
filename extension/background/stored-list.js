// A list kept under one key of chrome.storage, changed one read-modify-write at a time: two
// events handled at once (a worker's listeners interleave at every await) must not both read
// the old list and the second write erase the first's change.

/**
 * @template E
 * @param {() => chrome.storage.StorageArea} area  a getter: `chrome.storage.session` is looked up when used
 * @param {string} key
 * @param {(list: E[]) => E[]} [finish]  applied to the list before each write (e.g. a size cap)
 */
export function storedList(area, key, finish = (list) => list) {
  /** @returns {Promise<E[]>} */
  const load = async () => {
    /** @type {Record<string, any>} */
    const s = await area().get(key);
    return Array.isArray(s[key]) ? s[key] : [];
  };
  let serial = Promise.resolve();
  /**
   * @template T
   * @param {(list: E[]) => T | Promise<T>} change edits the list in place
   * @returns {Promise<T>}
   */
  const mutate = (change) => {
    const run = serial.then(async () => {
      const list = await load();
      const out = await change(list);
      await area().set({ [key]: finish(list) });
      return out;
    });
    serial = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
  return { load, mutate };
}

// The wallet's pages ask the background through one narrow channel.

/** Raised on `window` when a command finds the wallet locked (e.g. auto-lock while open). */
export const LOCKED_EVENT = 'kura:locked';

/**
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 * @returns {Promise<any>}
 */
export async function call(command, args = {}) {
  const response = await chrome.runtime.sendMessage({ type: 'ui-request', command, args });
  if (!response) throw new Error('no answer from the wallet');
  if (response.error) {
    const err = new Error(response.error.message);
    Object.assign(err, { code: response.error.code, data: response.error.data });
    if (response.error.data?.coreCode === 'LOCKED') window.dispatchEvent(new Event(LOCKED_EVENT));
    throw err;
  }
  return response.result;
}

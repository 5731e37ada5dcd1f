// The wallet's pages ask the background through one narrow channel.

/**
 * @param {string} command
 * @param {Record<string, unknown>} [args]
 */
export async function call(command, args = {}) {
  const response = await chrome.runtime.sendMessage({ type: 'ui-request', command, args });
  if (!response) throw new Error('no answer from the wallet');
  if (response.error) {
    const err = new Error(response.error.message);
    Object.assign(err, { code: response.error.code, data: response.error.data });
    throw err;
  }
  return response.result;
}

// Provider events (EIP-1193) sent to pages through their content scripts.

/**
 * Sends an event to every tab's content scripts. Only for events that reveal nothing about
 * the person's accounts (chainChanged): account events go to connected origins only.
 * @param {string} event
 * @param {unknown} data
 */
export async function broadcast(event, data) {
  const tabs = await chrome.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : chrome.tabs.sendMessage(tab.id, { type: 'provider-event', event, data }).catch(() => {}),
    ),
  );
}

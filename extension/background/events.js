// Provider events (EIP-1193) sent to pages through their content scripts.

/** @param {number} tabId @param {string} event @param {unknown} data */
const send = (tabId, event, data) =>
  chrome.tabs.sendMessage(tabId, { type: 'provider-event', event, data }).catch(() => {});

/**
 * Sends an event to every tab's content scripts. Only for events that reveal nothing about
 * the person's accounts (chainChanged): account events go to connected origins only.
 * @param {string} event
 * @param {unknown} data
 */
export async function broadcast(event, data) {
  const tabs = await chrome.tabs.query({});
  await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : send(tab.id, event, data))));
}

/**
 * Sends an event to the tabs showing one origin (the wallet's host permissions let it read
 * their URLs).
 * @param {string} origin
 * @param {string} event
 * @param {unknown} data
 */
export async function notifyOrigin(origin, event, data) {
  const tabs = await chrome.tabs.query({});
  await Promise.all(
    tabs.map((tab) => {
      if (tab.id === undefined || !tab.url) return undefined;
      try {
        return new URL(tab.url).origin === origin ? send(tab.id, event, data) : undefined;
      } catch {
        return undefined;
      }
    }),
  );
}

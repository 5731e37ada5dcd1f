// "MetaMask mode" (as Rabby calls it): many dApps enable their buttons only when
// `window.ethereum.isMetaMask` is true, so by default we say true. When the person turns it off,
// a tiny MAIN-world script registered here tells the provider so at document_start, before any
// page script can read the flag. Takes effect on the next page load.

const SCRIPT_ID = 'metamask-mode-off';

/** @param {boolean} enabled */
export async function applyMetaMaskMode(enabled) {
  const registered = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (enabled && registered.length > 0) {
    await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  } else if (!enabled && registered.length === 0) {
    await chrome.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        js: ['metamask-mode-off.js'],
        matches: ['http://*/*', 'https://*/*'],
        runAt: 'document_start',
        allFrames: true,
        world: 'MAIN',
        persistAcrossSessions: true,
      },
    ]);
  }
}

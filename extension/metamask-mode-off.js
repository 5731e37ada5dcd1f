// Registered only while "MetaMask mode" is off (background/metamask-mode.js): tells the
// provider, before any page script runs, to answer isMetaMask = false.
window.__kuraWalletMetaMaskMode = false;
window.dispatchEvent(new CustomEvent('kura-wallet:metamask-mode', { detail: false }));

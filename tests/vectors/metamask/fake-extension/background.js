// Empty on purpose: the generator (make-leveldb.mjs) calls chrome.storage.local from this
// service worker's context through the DevTools protocol.
self.addEventListener('install', () => {});

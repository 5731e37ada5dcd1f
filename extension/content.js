// Relay only: carries provider requests from the page (inpage.js) to the background and the
// answers and events back. It decides nothing and adds nothing: the background learns the
// page's origin from the browser (`sender`), never from this message.
(() => {
  'use strict';
  const TO_CONTENT = 'kura-wallet:to-content';
  const TO_PAGE = 'kura-wallet:to-page';
  const MAX_ID = Number.MAX_SAFE_INTEGER;

  /** @param {unknown} msg */
  function wellFormed(msg) {
    if (!msg || typeof msg !== 'object') return false;
    const m = /** @type {Record<string, any>} */ (msg);
    return (
      m.target === TO_CONTENT &&
      Number.isSafeInteger(m.id) &&
      m.id > 0 &&
      m.id <= MAX_ID &&
      m.request !== null &&
      typeof m.request === 'object' &&
      typeof m.request.method === 'string'
    );
  }

  function toPage(payload) {
    window.postMessage({ target: TO_PAGE, ...payload }, '*');
  }

  window.addEventListener('message', (event) => {
    // Only this window's own page scripts talk to us; never another frame.
    if (event.source !== window || !wellFormed(event.data)) return;
    const { id, request } = event.data;
    chrome.runtime
      .sendMessage({ type: 'provider-request', request: { method: request.method, params: request.params } })
      .then((response) => toPage({ id, response }))
      .catch((err) =>
        toPage({
          id,
          response: { error: { code: -32603, message: `the wallet is unavailable: ${err?.message ?? err}` } },
        }),
      );
  });

  chrome.runtime.onMessage.addListener((msg, sender) => {
    if (sender.id !== chrome.runtime.id || !msg || msg.type !== 'provider-event') return;
    if (typeof msg.event !== 'string') return;
    toPage({ event: msg.event, data: msg.data });
  });
})();

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

  /** @param {Record<string, unknown>} payload */
  function toPage(payload) {
    window.postMessage({ target: TO_PAGE, ...payload }, '*');
  }

  // One id per page load: with the page's own request id it names a request, so that a retry
  // after a worker restart finds the same pending approval instead of making a second one.
  // 128 random bits; not crypto.randomUUID, which plain-http pages (insecure contexts) lack.
  const pageSession = Array.from(crypto.getRandomValues(new Uint8Array(16)), (x) => x.toString(16).padStart(2, '0')).join('');
  // Waits between tries, 3.1 s in all. A page can load before the background has registered its
  // listeners (Firefox's event page at install or browser start, slower on a busy machine): its
  // first requests then fail with "Receiving end does not exist" and are tried again.
  const RETRY_DELAYS = [100, 200, 400, 800, 1600];

  /** Sends once more when the worker was stopped mid-request (the browser restarts it) or has
   * not started listening yet. */
  /** @param {Record<string, unknown>} message @param {number} [attempt] @returns {Promise<any>} */
  async function relay(message, attempt = 0) {
    try {
      const response = await chrome.runtime.sendMessage(message);
      if (response === undefined) throw new Error('the wallet stopped before answering');
      return response;
    } catch (err) {
      const delay = RETRY_DELAYS[attempt];
      if (delay === undefined || !chrome.runtime?.id) throw err;
      await new Promise((r) => setTimeout(r, delay));
      return relay(message, attempt + 1);
    }
  }

  window.addEventListener('message', (event) => {
    // Only this window's own page scripts talk to us; never another frame.
    if (event.source !== window) return;
    // The provider started before us, or after: either way it holds its requests until it
    // hears that we listen (inpage.js says why).
    if (event.data?.target === TO_CONTENT && event.data.hello === true) return toPage({ ready: true });
    if (!wellFormed(event.data)) return;
    const { id, request } = event.data;
    relay({
      type: 'provider-request',
      key: `${pageSession}:${id}`,
      // A sandboxed frame has an opaque origin even when its URL is http(s). This can only
      // take standing away from the frame (the background never grants anything for it).
      opaque: self.origin === 'null',
      request: { method: request.method, params: request.params },
    })
      .then((response) => toPage({ id, response }))
      .catch((err) =>
        toPage({
          id,
          response: { error: { code: -32603, message: `the wallet is unavailable: ${err?.message ?? err}` } },
        }),
      );
  });

  toPage({ ready: true });

  chrome.runtime.onMessage.addListener((msg, sender) => {
    if (sender.id !== chrome.runtime.id || !msg || msg.type !== 'provider-event') return;
    if (typeof msg.event !== 'string') return;
    // An event meant for one origin (accountsChanged) reaches only a document of that origin:
    // the frame may have navigated since the wallet last heard from it.
    if (typeof msg.origin === 'string' && msg.origin !== self.origin) return;
    toPage({ event: msg.event, data: msg.data });
  });
})();

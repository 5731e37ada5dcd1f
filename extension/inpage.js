// The EIP-1193 provider every web page sees as `window.ethereum`, and announces through
// EIP-6963. It runs in the page's own world at document_start and holds nothing secret: each
// request is relayed to the content script (window.postMessage) and from there to the
// background, which decides everything. Written as a classic script: no imports in MAIN world.
(() => {
  'use strict';
  const TO_CONTENT = 'kura-wallet:to-content';
  const TO_PAGE = 'kura-wallet:to-page';
  if (window.ethereum && window.ethereum.isKuraWallet) return;

  // crypto.randomUUID exists only in secure contexts; a dApp served over plain http (a LAN
  // address, a made-up test host) must get the provider too. getRandomValues works everywhere.
  const uuidV4 = () => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  const INFO = Object.freeze({
    uuid: uuidV4(),
    name: 'Kura Wallet',
    icon:
      'data:image/svg+xml;base64,' +
      btoa(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">' +
          '<rect width="128" height="128" rx="28" fill="#4338ca"/>' +
          '<circle cx="64" cy="51" r="17" fill="#fff"/>' +
          '<path d="M57.6 51h12.8l6.9 46.3H50.7z" fill="#fff"/></svg>',
      ),
    rdns: 'app.kurawallet',
  });

  /** An error as EIP-1193 describes it: a real Error with a numeric code. */
  class ProviderRpcError extends Error {
    /** @param {number} code @param {string} message @param {unknown} [data] */
    constructor(code, message, data) {
      super(message);
      this.name = 'ProviderRpcError';
      this.code = code;
      if (data !== undefined) this.data = data;
    }
  }

  /** @typedef {(...args: any[]) => void} Listener */
  /** @type {Map<number, { resolve: (v: unknown) => void, reject: (e: unknown) => void }>} */
  const pending = new Map();
  let nextId = 1;
  /** @type {Map<string, Set<Listener>>} */
  const listeners = new Map();
  // MetaMask mode: on unless the person turned it off; a MAIN-world script registered by the
  // background (metamask-mode-off.js) says so before any page script can read it.
  let metaMaskMode = window.__kuraWalletMetaMaskMode !== false;
  window.addEventListener('kura-wallet:metamask-mode', (e) => {
    metaMaskMode = /** @type {CustomEvent} */ (e).detail !== false;
  });

  /** @param {string} event @param {...unknown} args */
  function emit(event, ...args) {
    for (const fn of [...(listeners.get(event) || [])]) {
      try {
        fn(...args);
      } catch (err) {
        console.error(err);
      }
    }
  }

  // The relay (content.js) runs in another world, and the browser starts the two in no set
  // order: a message posted before its listener exists is lost, and its request would wait
  // forever. So requests wait here until the relay has said it listens. Each side says so when
  // it starts: this script's hello reaches a relay already there, which answers ready; a relay
  // that comes later says ready on its own.
  let relayReady = false;
  /** @type {Record<string, unknown>[]} */
  const unsent = [];
  /** @param {Record<string, unknown>} message */
  function toRelay(message) {
    if (relayReady) window.postMessage(message, '*');
    else unsent.push(message);
  }

  /** @param {string} method @param {unknown} params @returns {Promise<unknown>} */
  function send(method, params) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      toRelay({ target: TO_CONTENT, id, request: { method, params } });
    });
  }

  window.addEventListener('message', (event) => {
    if (event.source !== window) return;
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || msg.target !== TO_PAGE) return;
    if (msg.ready === true) {
      if (relayReady) return;
      relayReady = true;
      for (const message of unsent.splice(0)) window.postMessage(message, '*');
    } else if (typeof msg.id === 'number') {
      const waiter = pending.get(msg.id);
      if (!waiter) return;
      pending.delete(msg.id);
      const res = msg.response;
      if (res && 'error' in res) {
        const e = res.error || {};
        waiter.reject(new ProviderRpcError(e.code ?? -32603, String(e.message ?? 'internal error'), e.data));
      } else {
        waiter.resolve(res ? res.result : undefined);
      }
    } else if (typeof msg.event === 'string') {
      onWalletEvent(msg.event, msg.data);
    }
  });

  /** @param {string} name @param {any} data */
  function onWalletEvent(name, data) {
    switch (name) {
      case 'chainChanged':
        state.chainId = data;
        emit('chainChanged', data);
        break;
      case 'accountsChanged':
        state.accounts = data;
        emit('accountsChanged', data);
        break;
      case 'connect':
        state.chainId = data.chainId;
        emit('connect', data);
        break;
      case 'disconnect':
        emit('disconnect', new ProviderRpcError(4900, 'disconnected'));
        break;
    }
  }

  const state = { chainId: null, accounts: [] };

  /** @param {any} args */
  function checkArgs(args) {
    if (!args || typeof args !== 'object' || Array.isArray(args)) {
      return 'expected a single, non-array, object argument: request({ method, params })';
    }
    if (typeof args.method !== 'string' || args.method.length === 0) {
      return "'args.method' must be a non-empty string";
    }
    if (args.params !== undefined && (args.params === null || typeof args.params !== 'object')) {
      return "'args.params' must be an object or array if provided";
    }
    return null;
  }

  const provider = {
    get isKuraWallet() {
      return true;
    },
    get isMetaMask() {
      return metaMaskMode;
    },
    get chainId() {
      return state.chainId;
    },
    get selectedAddress() {
      return state.accounts[0] ?? null;
    },
    /** EIP-1193 request. */
    /** EIP-1193 request. @param {{ method: string, params?: unknown }} args */
    request(args) {
      const problem = checkArgs(args);
      if (problem) return Promise.reject(new ProviderRpcError(-32600, problem));
      return send(args.method, args.params);
    },
    isConnected() {
      return state.chainId !== null;
    },
    /** @param {string} event @param {Listener} fn */
    on(event, fn) {
      if (typeof fn !== 'function') throw new TypeError('listener must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      return provider;
    },
    /** @param {string} event @param {Listener} fn */
    once(event, fn) {
      /** @type {Listener} */
      const wrapped = (...a) => {
        provider.removeListener(event, wrapped);
        fn(...a);
      };
      return provider.on(event, wrapped);
    },
    /** @param {string} event @param {Listener} fn */
    removeListener(event, fn) {
      listeners.get(event)?.delete(fn);
      return provider;
    },
    /** @param {string} event @param {Listener} fn */
    off(event, fn) {
      return provider.removeListener(event, fn);
    },
    /** @param {string} [event] */
    removeAllListeners(event) {
      if (event === undefined) listeners.clear();
      else listeners.delete(event);
      return provider;
    },
    /** @param {string} event */
    listenerCount(event) {
      return listeners.get(event)?.size ?? 0;
    },
    // Legacy interfaces some older dApps and web3.js 1.x still call.
    enable() {
      return provider.request({ method: 'eth_requestAccounts' });
    },
    /** @param {any} payload @param {(error: unknown, response: unknown) => void} callback */
    sendAsync(payload, callback) {
      provider
        .request(payload)
        .then((result) => callback(null, { id: payload?.id, jsonrpc: '2.0', result }))
        .catch((error) => callback(error, { id: payload?.id, jsonrpc: '2.0', error }));
    },
    /** @param {any} methodOrPayload @param {any} [paramsOrCallback] */
    send(methodOrPayload, paramsOrCallback) {
      if (typeof methodOrPayload === 'string') {
        return provider.request({ method: methodOrPayload, params: paramsOrCallback });
      }
      if (typeof paramsOrCallback === 'function') {
        return provider.sendAsync(methodOrPayload, paramsOrCallback);
      }
      return provider.request(methodOrPayload);
    },
  };
  Object.freeze(provider);

  // Another wallet may have claimed window.ethereum first; EIP-6963 still finds us.
  if (!('ethereum' in window) || window.ethereum == null) {
    Object.defineProperty(window, 'ethereum', { value: provider, configurable: true, writable: true });
  }

  function announce() {
    window.dispatchEvent(
      new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info: INFO, provider }) }),
    );
  }
  window.addEventListener('eip6963:requestProvider', announce);
  announce();

  window.postMessage({ target: TO_CONTENT, hello: true }, '*');

  // EIP-1193 `connect`: emitted once, when the wallet first answers. If the wallet could not be
  // reached (its background still starting, or stopped), it is asked again, later each time:
  // 1, 2, 4, 8 and 16 s after.
  /** @param {number} attempt */
  function connect(attempt) {
    send('eth_chainId', []).then(
      (chainId) => onWalletEvent('connect', { chainId }),
      () => {
        if (attempt < 5) setTimeout(() => connect(attempt + 1), 1000 * 2 ** attempt);
      },
    );
  }
  connect(0);
})();

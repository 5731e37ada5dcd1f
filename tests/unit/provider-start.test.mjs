// The page's provider (inpage.js) and the relay (content.js) as a page loads: the two start in
// either order (the browser sets none), and the background may not listen yet (Firefox's event
// page at install or browser start, or any background on a busy machine). Both scripts run in
// one fake window; the fake runtime refuses messages as a browser does until the background is
// "ready". No browser: the e2e suites cover the real one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const source = (name) => readFileSync(new URL(`../../extension/${name}`, import.meta.url), 'utf8');
const INPAGE = source('inpage.js');
const CONTENT = source('content.js');
const NOT_LISTENING = 'Could not establish connection. Receiving end does not exist.';

/**
 * A window with both scripts in it; the background starts listening `readyAfter` ms from now,
 * the relay `relayAfter` ms after the provider (or before it if null).
 */
function pageLoadedEarly(readyAfter, { relayAfter = null } = {}) {
  const target = new EventTarget();
  const readyAt = Date.now() + readyAfter;
  const sent = [];
  // The context's global as its own scripts see it (not the same object as `win` outside).
  let self;
  const win = {
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    dispatchEvent: target.dispatchEvent.bind(target),
    postMessage(data) {
      const copy = structuredClone(data);
      setTimeout(() => {
        const event = new Event('message');
        Object.defineProperties(event, { data: { value: copy }, source: { value: self } });
        target.dispatchEvent(event);
      }, 0);
    },
    origin: 'https://dapp.example',
    chrome: {
      runtime: {
        id: 'kura-wallet-test',
        async sendMessage(msg) {
          sent.push(msg.request.method);
          if (Date.now() < readyAt) throw new Error(NOT_LISTENING);
          return msg.request.method === 'eth_chainId' ? { result: '0x1' } : { result: null };
        },
        onMessage: { addListener() {} },
      },
    },
    crypto: globalThis.crypto,
    btoa,
    Event,
    CustomEvent,
    setTimeout,
    console,
  };
  win.window = win;
  win.self = win;
  vm.createContext(win);
  self = vm.runInContext('globalThis', win);
  if (relayAfter === null) vm.runInContext(CONTENT, win);
  else setTimeout(() => vm.runInContext(CONTENT, win), relayAfter);
  const connects = [];
  // What a dApp's first script does: listens for connect, and asks at once.
  const ethereum = vm.runInContext(`${INPAGE};\nwindow.ethereum`, win);
  ethereum.on('connect', (info) => connects.push(info));
  const firstAnswer = ethereum.request({ method: 'eth_chainId' });
  return { ethereum, connects, firstAnswer, sent };
}

async function until(what, check, timeout = 8000) {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a page that loads 1.2 s before the background listens connects, and its first request is answered', async () => {
  const page = pageLoadedEarly(1200);
  assert.equal(await page.firstAnswer, '0x1');
  await until('connect', () => page.connects.length > 0);
  assert.deepEqual({ ...page.connects[0] }, { chainId: '0x1' });
  assert.equal(page.ethereum.isConnected(), true);
  assert.ok(page.sent.length > 2, 'the first tries were refused and tried again');
});

test('connect comes once, even when the background starts after the relay has given up', async () => {
  const page = pageLoadedEarly(3500);
  // The relay tries for 3.1 s, then the page's own request fails as unavailable ...
  await assert.rejects(page.firstAnswer, (err) => err.code === -32603 && /unavailable/.test(err.message));
  assert.equal(page.ethereum.isConnected(), false);
  // ... and the provider asks again a second later, which reaches the started background.
  await until('connect', () => page.connects.length > 0);
  assert.deepEqual({ ...page.connects[0] }, { chainId: '0x1' });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(page.connects.length, 1);
});

test('a provider that starts before the relay keeps its requests until the relay listens', async () => {
  const page = pageLoadedEarly(0, { relayAfter: 30 });
  assert.equal(await page.firstAnswer, '0x1');
  await until('connect', () => page.connects.length > 0);
  assert.deepEqual({ ...page.connects[0] }, { chainId: '0x1' });
  assert.deepEqual(page.sent, ['eth_chainId', 'eth_chainId'], 'each request sent once: the connect probe and the page\'s own');
});

test('a relay that starts first hears the provider\'s hello; every request goes through once', async () => {
  const page = pageLoadedEarly(0);
  assert.equal(await page.firstAnswer, '0x1');
  assert.equal(await page.ethereum.request({ method: 'eth_blockNumber' }), null);
  await until('connect', () => page.connects.length > 0);
  assert.deepEqual(page.sent.sort(), ['eth_blockNumber', 'eth_chainId', 'eth_chainId']);
});

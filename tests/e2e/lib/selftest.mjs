// Self-test of the e2e browser library against the mini-ext fixture, in every browser.
// Run: node --test tests/e2e/lib/selftest.mjs     (E2E_BROWSERS=firefox to run one; E2E_DEBUG=1 for logs)

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { browsersFromEnv, launchBrowser } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const extensionDir = path.resolve(here, '../fixtures/mini-ext');

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>dapp</title>
<script>window.__seenMini = typeof window.__mini;</script>
</head><body><p data-testid="hello">hello dapp</p></body></html>`;

/** tiny static server on 127.0.0.1, free port */
function serve() {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.end(PAGE);
    });
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

/** @type {http.Server} */
let server;
let origin = '';
before(async () => {
  server = await serve();
  origin = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}`;
});
after(() => server?.close());

for (const name of browsersFromEnv()) {
  describe(name, { timeout: 90000 }, () => {
    /** @type {import('./browser.mjs').E2EBrowser} */
    let b;
    /** @type {import('./browser.mjs').E2EPage} */
    let dapp;
    let firstStartId = '';
    /** @type {string[]} ids of the background instances started after stopBackground */
    const restartIds = [];
    let t0 = Date.now();
    const lap = (what) => console.log(`# ${name}: ${what} at ${Date.now() - t0} ms`);

    before(async () => {
      t0 = Date.now();
      b = await launchBrowser(name, { extensionDir, timeout: 10000 });
      lap('launched');
    });
    after(async () => {
      await b?.close();
      lap('closed');
    });

    it('knows the extension id and base URL', () => {
      const scheme = name === 'chromium' ? 'chrome-extension' : 'moz-extension';
      assert.match(b.extensionBaseUrl, new RegExp(`^${scheme}://[0-9a-z-]+/$`));
      if (name === 'firefox') assert.equal(b.extensionId, 'mini-ext@e2e.test');
      else assert.match(b.extensionId, /^[a-p]{32}$/);
    });

    it('MAIN-world content script runs before the first inline script', async () => {
      dapp = await b.openPage(`${origin}/dapp`);
      assert.equal(await dapp.url(), `${origin}/dapp`);
      assert.equal(await dapp.evaluate(() => window.__seenMini), 'boolean');
      assert.equal(await dapp.text('hello'), 'hello dapp');
    });

    it('evaluate: args, async, undefined, exceptions', async () => {
      assert.deepEqual(await dapp.evaluate((a, b2) => ({ sum: a + b2.x }), 2, { x: 3 }), { sum: 5 });
      assert.equal(await dapp.evaluate('async () => { await new Promise(r => setTimeout(r, 50)); return "late"; }'), 'late');
      assert.equal(await dapp.evaluate('document.title'), 'dapp');
      assert.equal(await dapp.evaluate(() => undefined), undefined);
      await assert.rejects(dapp.evaluate(() => { throw new Error('boom'); }), /boom/);
    });

    it('round-trips page -> content script -> background -> page', async () => {
      const r = await dapp.evaluate((p) => window.__miniRequest({ type: 'ping', payload: p }), 'abc');
      assert.equal(r.pong, 'abc');
      assert.equal(typeof r.fromTab, 'number');
      firstStartId = r.startId;
    });

    it('drives an extension page (fill/click/waitFor/text/attr)', async () => {
      const page = await b.openExtensionPage('page.html');
      assert.equal(await page.url(), `${b.extensionBaseUrl}page.html`);
      await page.waitFor('title');
      await page.fill('name', 'bob');
      assert.equal(await page.value('name'), 'bob');
      await page.waitFor('done', { state: 'hidden', timeout: 2000 });
      await page.click('go');
      await page.waitFor('done');
      assert.equal(await page.text('out'), 'hello bob');
      assert.equal(await page.attr('out', 'data-start-id'), firstStartId);
      await assert.rejects(page.waitFor('does-not-exist', { timeout: 300 }), /not visible|to be visible/);
      await assert.rejects(page.waitForFunction(() => false, 300), /Timed out/);
      assert.equal(await page.waitForFunction((x) => x * 2, 1000, 21), 42);
      await page.close();
    });

    it('setInputFiles selects a file on an extension page (input + change fire)', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'e2e-selftest-up-'));
      try {
        const file = path.join(dir, 'import me.json');
        writeFileSync(file, '{"wallet":"バックアップ"}');
        const page = await b.openExtensionPage('page.html');
        await page.setInputFiles('import-file', file);
        assert.equal(await page.waitForFunction(() => document.querySelector('[data-testid="import-text"]').textContent, 3000),
          '{"wallet":"バックアップ"}');
        assert.equal(await page.text('import-events'), 'input,change');
        assert.equal(await page.text('import-name'), 'import me.json');
        // css= selector, a hidden input, and replacing the selection
        await page.evaluate(() => { document.querySelector('[data-testid="import-file"]').style.display = 'none'; });
        writeFileSync(path.join(dir, 'b.json'), '{}');
        await page.setInputFiles('css=input[type=file]', path.join(dir, 'b.json'));
        await page.waitForFunction(() => document.querySelector('[data-testid="import-name"]').textContent === 'b.json', 3000);
        assert.equal(await page.text('css=[data-testid="import-events"]'), 'input,change,input,change');
        await assert.rejects(page.setInputFiles('import-file', path.join(dir, 'missing.json')), /no such file/);
        await assert.rejects(page.setInputFiles('name', file, { timeout: 1000 }), /not an <input type=file>/);
        await page.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('expectDownload returns the completed file of a Blob + <a download> export', async () => {
      const page = await b.openExtensionPage('page.html');
      const stamp = (s) => page.evaluate((x) => { document.querySelector('[data-testid="export"]').dataset.stamp = x; }, s);
      await stamp('one');
      let t = Date.now();
      const d1 = await b.expectDownload(() => page.click('export'));
      lap(`expectDownload took ${Date.now() - t} ms`);
      assert.equal(d1.filename, 'mini-backup.json');
      assert.equal(path.basename(d1.path), 'mini-backup.json');
      assert.deepEqual(JSON.parse(readFileSync(d1.path, 'utf8')), { kind: 'mini-backup', at: 'one', text: 'こんにちは' });
      // into a given dir; the same name again is not renamed to "mini-backup(1).json"
      const dir = mkdtempSync(path.join(tmpdir(), 'e2e-selftest-dl-'));
      try {
        await stamp('two');
        t = Date.now();
        const d2 = await b.expectDownload(() => page.click('export'), { dir, timeout: 5000 });
        lap(`expectDownload into dir took ${Date.now() - t} ms`);
        assert.deepEqual(d2, { path: path.join(dir, 'mini-backup.json'), filename: 'mini-backup.json' });
        assert.equal(JSON.parse(readFileSync(d2.path, 'utf8')).at, 'two');
        assert.equal(JSON.parse(readFileSync(d1.path, 'utf8')).at, 'one', 'the first file is untouched');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      await assert.rejects(b.expectDownload(() => {}, { timeout: 300 }), /Timed out/);
      await page.close();
    });

    it("locale defaults to 'en': getUILanguage en-US, English messages", async () => {
      const page = await b.openExtensionPage('page.html');
      assert.equal(await page.text('ui-lang'), 'en-US');
      assert.equal(await page.text('greeting'), 'Hello from mini-ext');
      await page.close();
    });

    it('backgroundEvaluate sees the background global and chrome.* APIs', async () => {
      const r = await b.backgroundEvaluate(async () => ({
        startId: globalThis.__miniBackground.startId,
        starts: (await chrome.storage.session.get('starts')).starts,
        id: chrome.runtime.id,
      }));
      assert.equal(r.startId, firstStartId);
      assert.equal(r.id, b.extensionId);
      assert.deepEqual(r.starts, [firstStartId]);
    });

    it('stopBackground stops it; the next message restarts it', async () => {
      const t = Date.now();
      await b.stopBackground();
      lap(`stopBackground took ${Date.now() - t} ms`);
      const r = await dapp.evaluate(() => window.__miniRequest({ type: 'starts' }));
      assert.notEqual(r.startId, firstStartId, 'a new background instance answered');
      assert.deepEqual(r.starts, [firstStartId, r.startId], 'exactly one restart recorded in storage.session');
      restartIds.push(r.startId);
      // stopping twice, and evaluating after a stop (which restarts it), both work
      await b.stopBackground();
      await b.stopBackground();
      const id3 = await b.backgroundEvaluate(() => globalThis.__miniBackground.startId);
      assert.ok(id3 !== r.startId && id3 !== firstStartId);
      restartIds.push(id3);
    });

    it('waitForNewPage catches a chrome.windows.create popup', async () => {
      const r = await dapp.evaluate(() => window.__miniRequest({ type: 'openPopup', query: '?req=1' }));
      assert.equal(typeof r.windowId, 'number');
      const popup = await b.waitForNewPage({ timeout: 10000, url: 'popup.html' });
      assert.equal(await popup.url(), `${b.extensionBaseUrl}popup.html?req=1`);
      await popup.click('approve');
      assert.equal(await popup.waitForFunction(() => document.body.dataset.approved, 3000), 'yes');
      await popup.close();
      await assert.rejects(b.waitForNewPage({ timeout: 300 }), /Timed out/);
    });

    it('screenshot writes a PNG', async () => {
      const file = path.join(tmpdir(), `e2e-selftest-${name}-${process.pid}.png`);
      await dapp.screenshot(file);
      const buf = readFileSync(file);
      rmSync(file, { force: true });
      assert.equal(buf.subarray(1, 4).toString(), 'PNG');
      assert.ok(buf.length > 1000);
    });

    it('collects console output of pages and the background', async () => {
      await dapp.evaluate(() => console.log('from the dapp page'));
      const has = (s) => b.consoleLogs.some((e) => e.text.includes(s));
      // Chromium: lines the worker prints while the browser starts (before launchBrowser returns)
      // can be missed; everything later is collected. Firefox collects everything.
      const expected = ['from the dapp page', ...restartIds.map((id) => `[mini-ext] background started ${id}`)];
      if (name === 'firefox') expected.push(`[mini-ext] background started ${firstStartId}`);
      const deadline = Date.now() + 3000; // console events arrive asynchronously
      while (!expected.every(has) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      for (const line of expected) {
        assert.ok(has(line), `missing console line ${line}: ${JSON.stringify(b.consoleLogs.slice(-20), null, 1)}`);
      }
    });
  });
}

// A second, short-lived browser per engine with the Japanese UI. Needs chromium-l10n and
// firefox-esr-l10n-ja (launchBrowser fails with a clear message without them).
for (const name of browsersFromEnv()) {
  describe(`${name} locale ja`, { timeout: 60000 }, () => {
    it("locale: 'ja' switches chrome.i18n.getUILanguage() and getMessage()", async () => {
      const t0 = Date.now();
      const b = await launchBrowser(name, { extensionDir, timeout: 10000, locale: 'ja' });
      try {
        const page = await b.openExtensionPage('page.html');
        assert.equal(await page.text('ui-lang'), 'ja');
        assert.equal(await page.text('greeting'), 'mini-ext からこんにちは');
        assert.deepEqual(await b.backgroundEvaluate(() => [chrome.i18n.getUILanguage(), chrome.i18n.getMessage('greeting')]),
          ['ja', 'mini-ext からこんにちは']);
      } finally {
        await b.close();
      }
      console.log(`# ${name} locale ja: launch + check + close took ${Date.now() - t0} ms`);
    });
  });
}

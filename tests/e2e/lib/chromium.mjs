// Chromium driver: playwright-core's launchPersistentContext with the unpacked extension.

import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  checkInputFiles, killGroup, localeTags, onProcessExit, pidsWithArg, poll, readManifest, rmrf, sleep,
  testidSelector, unwrapResult, withTimeout, wrappedCall,
} from './util.mjs';

/** @typedef {import('./browser.mjs').LaunchOptions} LaunchOptions */
/** @typedef {import('./browser.mjs').E2EPage} E2EPage */
/** @typedef {import('./browser.mjs').E2EBrowser} E2EBrowser */
/** @typedef {import('./browser.mjs').ConsoleEntry} ConsoleEntry */

/**
 * @param {LaunchOptions} opts
 * @returns {Promise<E2EBrowser>}
 */
export async function launchChromium(opts) {
  const extensionDir = path.resolve(opts.extensionDir);
  await readManifest(extensionDir); // fail early and clearly on a bad folder
  const timeout = opts.timeout ?? 15000;
  // UI language. On Linux Chromium takes it from env LANGUAGE (before LC_ALL/LANG); --lang alone
  // only changes the extension's message catalog, not chrome.i18n.getUILanguage(). The locale's
  // .pak must exist (Debian: chromium-l10n), otherwise Chromium silently falls back to en-US.
  const lang = localeTags(opts.locale);
  const ownProfile = !opts.profileDir;
  const profileDir = opts.profileDir ?? mkdtempSync(path.join(tmpdir(), 'e2e-chromium-'));
  // expectDownload() without {dir} saves here (one sub-folder per download); removed on close
  const downloadsRoot = mkdtempSync(path.join(tmpdir(), 'e2e-chromium-dl-'));
  // Last resort on exit/signals: kill the browser (found by its unique --user-data-dir; playwright
  // starts it in its own process group) before removing the profile.
  const unhook = onProcessExit(() => {
    for (const pid of pidsWithArg(`--user-data-dir=${profileDir}`)) killGroup(pid);
    if (ownProfile) rmrf(profileDir);
    rmrf(downloadsRoot);
  });
  const executablePath = opts.executablePath ?? process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

  /** @type {import('playwright-core').BrowserContext} */
  let ctx;
  try {
    ctx = await withTimeout(chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: opts.headless ?? true,
      timeout,
      // our onProcessExit handler kills the browser and removes the profile on signals
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
      env: { ...process.env, LANGUAGE: lang.posix },
      args: [
        `--lang=${lang.bcp47}`,
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        ...(opts.args ?? []),
      ],
    }), timeout + 5000, `launching Chromium (${executablePath})`);
  } catch (e) {
    if (ownProfile) rmrf(profileDir);
    rmrf(downloadsRoot);
    unhook();
    throw e;
  }

  /** @type {ConsoleEntry[]} */
  const consoleLogs = [];
  const echo = !!process.env.E2E_DEBUG;
  const log = (/** @type {ConsoleEntry} */ entry) => {
    consoleLogs.push(entry);
    if (echo) process.stderr.write(`[chromium ${entry.type}] ${entry.text}\n`);
  };
  // In playwright 1.65 the context 'console' event covers pages and service workers.
  ctx.on('console', (m) => log({ browser: 'chromium', type: m.type(), text: m.text(), url: m.location()?.url }));
  ctx.on('weberror', (e) => log({ browser: 'chromium', type: 'pageerror', text: String(e.error()?.stack || e.error()) }));

  /** @type {Set<import('playwright-core').Page>} pages handed out (openPage / waitForNewPage) */
  const claimed = new Set();
  /** @type {import('playwright-core').Page[]} pages in creation order */
  const seen = [];
  let openInFlight = 0;
  /** @type {((d: import('playwright-core').Download) => void)[]} expectDownload waiters, oldest first */
  const downloadWaiters = [];
  const watchPage = (/** @type {import('playwright-core').Page} */ p) => {
    seen.push(p);
    p.on('download', (d) => downloadWaiters.shift()?.(d));
  };
  ctx.on('page', watchPage);
  for (const p of ctx.pages()) watchPage(p);

  // A control page that is never handed out: keeps the browser alive and hosts the CDP
  // session used to watch / stop / start the extension's service worker.
  const control = ctx.pages()[0] ?? await ctx.newPage();
  claimed.add(control);

  let closed = false;
  const fail = async (/** @type {unknown} */ e) => {
    await ctx.close().catch(() => {});
    if (ownProfile) rmrf(profileDir);
    rmrf(downloadsRoot);
    unhook();
    throw e;
  };

  // ---- find the extension (service worker URL host) ----
  const isExtWorker = (/** @type {{url(): string}} */ w) => w.url().startsWith('chrome-extension://');
  let worker;
  try {
    worker = ctx.serviceWorkers().find(isExtWorker) ?? await ctx.waitForEvent('serviceworker', {
      predicate: isExtWorker, timeout,
    });
  } catch (e) {
    await fail(new Error(`Chromium: extension service worker did not start within ${timeout} ms ` +
      `(is "background.service_worker" set in ${extensionDir}/manifest.json?): ${e.message}`));
  }
  const extensionId = new URL(worker.url()).host;
  const extensionBaseUrl = `chrome-extension://${extensionId}/`;

  // ---- service-worker state via CDP ServiceWorker domain on the control page ----
  const cdp = await ctx.newCDPSession(control);
  /** @type {Map<string, {scriptURL: string, runningStatus: string, status: string}>} */
  const versions = new Map();
  // How many times a version of ours went to stopped: a stop is then known to have happened
  // even when something (a page's request sent again) starts the worker before the next look.
  let stops = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', (ev) => {
    for (const v of ev.versions) {
      if (!v.scriptURL.startsWith(extensionBaseUrl)) continue;
      if (v.runningStatus === 'stopped' && versions.get(v.versionId)?.runningStatus !== 'stopped') stops++;
      versions.set(v.versionId, v);
    }
  });
  await cdp.send('ServiceWorker.enable');
  const browserCdp = await ctx.browser()?.newBrowserCDPSession();

  const workerTargets = async () => {
    if (!browserCdp) return [];
    const { targetInfos } = await browserCdp.send('Target.getTargets');
    return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(extensionBaseUrl));
  };
  const anyRunning = () => [...versions.values()].some((v) => v.runningStatus !== 'stopped');
  const isRunning = () => [...versions.values()].some((v) => v.runningStatus === 'running' && v.status === 'activated');

  /** @param {import('playwright-core').Page} p @returns {E2EPage} */
  const wrapPage = (p) => {
    const where = (/** @type {string} */ op) => `chromium page.${op}`;
    return {
      raw: p,
      async goto(url, o = {}) {
        await p.goto(url, { timeout: o.timeout ?? timeout, waitUntil: 'load' });
      },
      async url() { return p.url(); },
      async evaluate(fn, ...args) {
        const r = await withTimeout(p.evaluate(wrappedCall(fn, args)), timeout, where('evaluate'));
        return unwrapResult(r, where('evaluate'));
      },
      async click(testid, o = {}) {
        await p.locator(testidSelector(testid)).first().click({ timeout: o.timeout ?? timeout });
      },
      async fill(testid, value, o = {}) {
        await p.locator(testidSelector(testid)).first().fill(String(value), { timeout: o.timeout ?? timeout });
      },
      async text(testid, o = {}) {
        const loc = p.locator(testidSelector(testid)).first();
        await loc.waitFor({ state: 'attached', timeout: o.timeout ?? timeout });
        return (await loc.evaluate((el) => /** @type {HTMLElement} */ (el).innerText ?? el.textContent ?? '')).trim();
      },
      async value(testid, o = {}) {
        return p.locator(testidSelector(testid)).first().inputValue({ timeout: o.timeout ?? timeout });
      },
      async setInputFiles(testid, files, o = {}) {
        const list = checkInputFiles(files);
        // the input only has to be attached (file inputs are often hidden behind a label)
        const loc = p.locator(testidSelector(testid)).first();
        const t = o.timeout ?? timeout;
        await loc.waitFor({ state: 'attached', timeout: t });
        const isFile = await loc.evaluate((el) => el instanceof HTMLInputElement && el.type === 'file', null, { timeout: t });
        if (!isFile) throw new Error(`chromium: setInputFiles ${testid}: not an <input type=file>`);
        await loc.setInputFiles(list, { timeout: t });
      },
      async attr(testid, name, o = {}) {
        const loc = p.locator(testidSelector(testid)).first();
        await loc.waitFor({ state: 'attached', timeout: o.timeout ?? timeout });
        return loc.getAttribute(name, { timeout: o.timeout ?? timeout });
      },
      async waitFor(testid, o = {}) {
        const state = o.state ?? 'visible';
        const t = o.timeout ?? timeout;
        try {
          await p.locator(testidSelector(testid)).first().waitFor({ state, timeout: t });
        } catch (e) {
          throw new Error(`chromium: element ${testid} not ${state} within ${t} ms on ${p.url()}`, { cause: e });
        }
      },
      async waitForFunction(fn, t = timeout, ...args) {
        const to = typeof t === 'number' ? t : (t?.timeout ?? timeout);
        const src = wrappedCall(fn, args);
        return poll(async () => unwrapResult(await p.evaluate(src), where('waitForFunction')), {
          timeout: to, interval: 100, what: `chromium waitForFunction on ${p.url()}: ${String(fn).slice(0, 120)}`,
        });
      },
      async screenshot(file) {
        const buf = await p.screenshot({ timeout });
        writeFileSync(file, buf);
        return file;
      },
      async close() {
        if (!p.isClosed()) await withTimeout(p.close(), timeout, 'closing a Chromium page').catch(() => {});
      },
      isClosed() { return p.isClosed(); },
    };
  };

  /** @type {E2EBrowser} */
  const b = {
    name: 'chromium',
    extensionId,
    extensionBaseUrl,
    consoleLogs,
    defaultTimeout: timeout,
    raw: ctx,

    async openPage(url, o = {}) {
      openInFlight++;
      let p;
      try {
        p = await withTimeout(ctx.newPage(), timeout, 'opening a Chromium tab');
        claimed.add(p);
      } finally {
        openInFlight--;
      }
      const page = wrapPage(p);
      if (url) await page.goto(url, o);
      return page;
    },

    openExtensionPage(rel, o) {
      return b.openPage(extensionBaseUrl + rel.replace(/^\//, ''), o);
    },

    async waitForNewPage(o = {}) {
      const t = o.timeout ?? timeout;
      const match = (/** @type {string} */ u) => !o.url || (o.url instanceof RegExp ? o.url.test(u) : u.includes(o.url));
      const p = await poll(() => {
        if (openInFlight > 0) return undefined;
        return seen.find((x) => !claimed.has(x) && !x.isClosed() && x.url() !== 'about:blank' && match(x.url()));
      }, { timeout: t, interval: 50, what: `waiting for a new page/window in Chromium${o.url ? ` matching ${o.url}` : ''}` });
      claimed.add(p);
      await p.waitForLoadState('load', { timeout: t }).catch(() => {});
      return wrapPage(p);
    },

    async stopBackground(o = {}) {
      const t = o.timeout ?? timeout;
      const before = stops;
      const ours = [...versions.entries()].filter(([, v]) => v.runningStatus !== 'stopped');
      if (ours.length) {
        for (const [versionId] of ours) await cdp.send('ServiceWorker.stopWorker', { versionId });
      } else if ((await workerTargets()).length) {
        await cdp.send('ServiceWorker.stopAllWorkers');
      }
      // Verify: CDP reports every version of our worker stopped and no worker target remains,
      // or reported a stop since the request (the worker may already be running again).
      await poll(async () => (ours.length > 0 && stops > before) || (!anyRunning() && (await workerTargets()).length === 0), {
        timeout: t, interval: 50, what: 'Chromium service worker to stop',
      });
    },

    async startBackground(o = {}) {
      const t = o.timeout ?? timeout;
      if (!isRunning()) await cdp.send('ServiceWorker.startWorker', { scopeURL: extensionBaseUrl });
      await poll(async () => isRunning() && (await workerTargets()).length > 0, {
        timeout: t, interval: 50, what: 'Chromium service worker to start',
      });
    },

    async backgroundEvaluate(fn, ...args) {
      await b.startBackground();
      const src = wrappedCall(fn, args);
      // Playwright keeps one Worker object per registration and re-attaches it after restarts;
      // just after a restart it may still be detached, so retry briefly.
      const r = await poll(async () => {
        const w = ctx.serviceWorkers().find((x) => x.url().startsWith(extensionBaseUrl));
        if (!w) return undefined;
        return withTimeout(w.evaluate(src), 3000, 'service worker evaluate').catch((e) => {
          if (/SyntaxError|ReferenceError/.test(e.message)) e.fatal = true;
          throw e;
        });
      }, { timeout, interval: 100, what: 'evaluating in the Chromium service worker' });
      return unwrapResult(r, 'chromium backgroundEvaluate');
    },

    async expectDownload(trigger, o = {}) {
      const t = o.timeout ?? timeout;
      const deadline = Date.now() + t;
      /** @type {(d: import('playwright-core').Download) => void} */
      let take = () => {};
      const next = new Promise((resolve) => { take = resolve; });
      downloadWaiters.push(take);
      /** @type {import('playwright-core').Download} */
      let d;
      try {
        await trigger();
        d = await withTimeout(next, Math.max(deadline - Date.now(), 1), 'a download in Chromium');
      } finally {
        const i = downloadWaiters.indexOf(take);
        if (i >= 0) downloadWaiters.splice(i, 1);
      }
      const filename = d.suggestedFilename();
      const dir = o.dir ? path.resolve(o.dir) : mkdtempSync(path.join(downloadsRoot, 'd-'));
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, filename);
      // saveAs waits until the download is complete, then copies it
      await withTimeout(d.saveAs(file), Math.max(deadline - Date.now(), 1), `saving download ${filename}`);
      const failure = await d.failure();
      if (failure) throw new Error(`chromium: download ${filename} failed: ${failure}`);
      return { path: file, filename };
    },

    async close() {
      if (closed) return;
      closed = true;
      await withTimeout(ctx.close(), 15000, 'closing Chromium').catch(() => {});
      // normally nothing is left; if close hung, kill whatever still uses the profile
      for (const pid of pidsWithArg(`--user-data-dir=${profileDir}`)) killGroup(pid);
      await sleep(50);
      if (ownProfile) rmrf(profileDir);
      rmrf(downloadsRoot);
      unhook();
    },
  };

  // Verify the UI language really switched (a missing locale .pak falls back to en-US silently).
  if (lang.bcp47 !== 'en-US') {
    const got = await b.backgroundEvaluate('chrome.i18n.getUILanguage()').catch((e) => `? (${e.message})`);
    if (got !== lang.bcp47) {
      const pak = path.join('/usr/lib/chromium/locales', `${lang.bcp47}.pak`);
      await b.close();
      throw new Error(`Chromium: locale ${lang.bcp47} requested but chrome.i18n.getUILanguage() is ${got}` +
        (existsSync('/usr/lib/chromium/locales') && !existsSync(pak) ? ` (${pak} is missing: apt-get install chromium-l10n)` : ''));
    }
  }
  return b;
}

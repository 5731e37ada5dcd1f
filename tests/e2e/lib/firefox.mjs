// Firefox driver: geckodriver + plain W3C WebDriver over HTTP (Node's fetch), no selenium.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import {
  checkInputFiles, killGroup, localeTags, onProcessExit, pidsWithArg, poll, readManifest, rmrf, sleep,
  stateCheckSource, testidSelector, unwrapResult, withTimeout, wrappedCall,
} from './util.mjs';

/** @typedef {import('./browser.mjs').LaunchOptions} LaunchOptions */
/** @typedef {import('./browser.mjs').E2EPage} E2EPage */
/** @typedef {import('./browser.mjs').E2EBrowser} E2EBrowser */
/** @typedef {import('./browser.mjs').ConsoleEntry} ConsoleEntry */

const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

function findGeckodriver() {
  const candidates = [
    process.env.GECKODRIVER,
    path.join(homedir(), '.cargo/bin/geckodriver'),
    ...(process.env.PATH ?? '').split(':').filter(Boolean).map((d) => path.join(d, 'geckodriver')),
  ].filter(Boolean);
  const found = candidates.find((c) => existsSync(/** @type {string} */ (c)));
  if (!found) throw new Error('geckodriver not found (set GECKODRIVER, or `cargo install geckodriver`)');
  return /** @type {string} */ (found);
}

function findFirefox() {
  const c = [process.env.FIREFOX_BIN, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean);
  const found = c.find((x) => existsSync(/** @type {string} */ (x)));
  if (!found) throw new Error('Firefox not found (set FIREFOX_BIN or apt-get install firefox-esr)');
  return /** @type {string} */ (found);
}

/** Browser-internal console lines that are not about the page or the extension (offline noise). */
const NOISE = [/^RSLoader: /];

/** Prefs every test session gets; `opts.prefs` overrides them. */
export const DEFAULT_FIREFOX_PREFS = {
  // console.* of pages and of the extension (background, extension pages) -> geckodriver stdout
  'devtools.console.stdout.content': true,
  'devtools.console.stdout.chrome': true,
  // MV3 host permissions are opt-in in Firefox. ESR 153 grants the manifest's host permissions
  // (and content-script matches) at install time when this is true (the default); with false,
  // content scripts silently do not run. We set it explicitly and also grant explicitly below.
  'extensions.originControls.grantByDefault': true,
  // quieter, offline-friendly
  'app.normandy.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'browser.shell.checkDefaultBrowser': false,
  'extensions.getAddons.cache.enabled': false,
  // downloads go straight to browser.download.dir (set per browser at launch), no dialog or panel
  'browser.download.folderList': 2,
  'browser.download.useDownloadDir': true,
  'browser.download.always_ask_before_handling_new_types': false,
  'browser.helperApps.neverAsk.saveToDisk': 'application/json,application/octet-stream,text/plain,text/csv,application/zip',
  'browser.download.manager.showWhenStarting': false,
  'browser.download.alwaysOpenPanel': false,
  'browser.download.start_downloads_in_tmp_dir': false,
};

/**
 * @param {LaunchOptions} opts
 * @returns {Promise<E2EBrowser>}
 */
export async function launchFirefox(opts) {
  const extensionDir = path.resolve(opts.extensionDir);
  const manifest = await readManifest(extensionDir);
  const geckoId = manifest.browser_specific_settings?.gecko?.id ?? manifest.applications?.gecko?.id;
  const timeout = opts.timeout ?? 15000;
  const launchTimeout = opts.launchTimeout ?? 60000;
  const echo = !!process.env.E2E_DEBUG;

  // UI language: needs the language pack (Debian: firefox-esr-l10n-ja) for anything but en-US
  const lang = localeTags(opts.locale);
  const workDir = mkdtempSync(path.join(tmpdir(), 'e2e-firefox-'));
  // Firefox saves downloads here (pref browser.download.dir); expectDownload moves each one out
  const downloadDir = path.join(workDir, 'downloads');
  // expectDownload() without {dir} puts files here, one sub-folder per download
  const savedDir = path.join(workDir, 'downloads-saved');
  mkdirSync(downloadDir);
  mkdirSync(savedDir);
  const uuid = randomUUID();
  const prefs = {
    ...DEFAULT_FIREFOX_PREFS,
    'browser.download.dir': downloadDir,
    'intl.locale.requested': lang.bcp47,
    ...(geckoId ? { 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }) } : {}),
    ...(opts.prefs ?? {}),
  };

  // ---- geckodriver: own process group, own TMPDIR (its temp profile lives there) ----
  const gdBin = opts.geckodriverPath ?? findGeckodriver();
  const ffBin = opts.executablePath ?? findFirefox();
  const gd = spawn(gdBin, [
    '--host', '127.0.0.1', '--port', '0', // 0: pick a free port, read it from the log
    '--binary', ffBin,
    '--allow-system-access', // chrome context (privileged scripts) and moz-extension:// navigation
  ], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: workDir, MOZ_CRASHREPORTER_DISABLE: '1' },
  });
  let gdExited = false;
  gd.on('exit', () => { gdExited = true; });
  // Last resort on exit/signals. Firefox's crashhelper runs in its own process group; it is
  // found by the work dir on its command line.
  const killAll = (/** @type {NodeJS.Signals} */ sig) => {
    killGroup(gd.pid, sig);
    for (const pid of pidsWithArg(workDir)) killGroup(pid, sig);
  };
  const unhook = onProcessExit(() => { killAll('SIGKILL'); rmrf(workDir); });

  /** @type {ConsoleEntry[]} */
  const consoleLogs = [];
  /** last lines of geckodriver / firefox output, for error messages */
  const tail = [];
  /** @type {(port: number) => void} */
  let gotPort;
  const portP = new Promise((r) => { gotPort = r; });
  /** @type {ConsoleEntry | null} */
  let lastEntry = null;
  const onLine = (/** @type {string} */ line, /** @type {string} */ stream) => {
    tail.push(line);
    if (tail.length > 60) tail.shift();
    if (echo) process.stderr.write(`[firefox ${stream}] ${line}\n`);
    const m = /Listening on 127\.0\.0\.1:(\d+)/.exec(line);
    if (m) gotPort(Number(m[1]));
    const c = /^console\.(\w+): (.*)$/.exec(line);
    if (c && NOISE.some((re) => re.test(c[2]))) {
      lastEntry = { browser: 'firefox', type: 'noise', text: '' }; // swallow it and its continuation lines
    } else if (c) {
      let text = c[2];
      if (/^".*"$/.test(text)) { try { text = JSON.parse(text); } catch { /* keep raw */ } }
      lastEntry = { browser: 'firefox', type: c[1] === 'warn' ? 'warning' : c[1], text };
      consoleLogs.push(lastEntry);
    } else if (/^JavaScript error: /.test(line)) {
      lastEntry = { browser: 'firefox', type: 'error', text: line.replace(/^JavaScript error: /, '') };
      consoleLogs.push(lastEntry);
    } else if (lastEntry && !/^\d{10,}\t/.test(line) && line.trim() && !/^\[/.test(line)) {
      lastEntry.text += `\n${line}`; // continuation of a multi-line console message
    } else {
      lastEntry = null;
    }
  };
  const readLines = (/** @type {import('node:stream').Readable} */ stream, /** @type {string} */ name) => {
    let buf = '';
    stream.setEncoding('utf8');
    stream.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) { onLine(buf.slice(0, i), name); buf = buf.slice(i + 1); }
    });
  };
  readLines(gd.stdout, 'out');
  readLines(gd.stderr, 'err');
  const tailText = () => tail.slice(-25).join('\n');

  let base = '';
  let sid = '';
  let closed = false;
  const hardKill = async () => {
    killAll('SIGTERM');
    for (let i = 0; i < 20 && !gdExited; i++) await sleep(100);
    killAll('SIGKILL');
    rmrf(workDir);
    unhook();
  };

  // ---- WebDriver over HTTP ----
  /**
   * @param {'GET'|'POST'|'DELETE'} method
   * @param {string} p  path below /session/{id} (or absolute when it starts with '/session' and no sid)
   * @param {unknown} [body]
   * @param {number} [ms]
   */
  async function wdRaw(method, p, body, ms = timeout + 5000) {
    if (gdExited) throw new Error(`geckodriver has exited\n${tailText()}`);
    let res;
    try {
      res = await fetch(base + p, {
        method,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
        signal: AbortSignal.timeout(ms),
      });
    } catch (e) {
      const why = e.name === 'TimeoutError' ? `timed out after ${ms} ms` : e.message;
      throw new Error(`WebDriver ${method} ${p}: ${why}`);
    }
    const json = await res.json().catch(() => ({}));
    const v = json.value;
    if (!res.ok || (v && typeof v === 'object' && v.error)) {
      const err = new Error(`WebDriver ${method} ${p}: ${v?.error ?? res.status}: ${v?.message ?? ''}`.trim());
      // @ts-ignore
      err.wdError = v?.error;
      // a closed window / dead session will not come back: stop polling at once
      // @ts-ignore
      if (['no such window', 'invalid session id'].includes(v?.error)) err.fatal = true;
      throw err;
    }
    return v;
  }
  const wd = (/** @type {'GET'|'POST'|'DELETE'} */ m, /** @type {string} */ p, body, ms) =>
    wdRaw(m, `/session/${sid}${p}`, body, ms);

  // All commands that depend on the session's current window / context go through this lock
  // so "switch window + command" is atomic even with several pages in use.
  let chain = Promise.resolve();
  /** @template T @param {() => Promise<T>} fn @returns {Promise<T>} */
  const locked = (fn) => {
    const run = chain.then(fn, fn);
    chain = run.then(() => {}, () => {});
    return run;
  };
  let current = '';
  // WebDriver's own script timeout is what ends a hung execute/async cleanly (an aborted HTTP
  // request would leave the command running and block the session), so keep it equal to the
  // timeout each call wants. Call only inside locked().
  let scriptTimeout = timeout;
  const setScriptTimeout = async (/** @type {number} */ ms) => {
    if (ms === scriptTimeout) return;
    await wd('POST', '/timeouts', { script: ms });
    scriptTimeout = ms;
  };
  const switchTo = async (/** @type {string} */ handle) => {
    if (current === handle) return;
    await wd('POST', '/window', { handle });
    current = handle;
  };
  /** Run a script in the privileged chrome context (needs --allow-system-access). */
  const chromeAsync = (/** @type {string} */ body, /** @type {unknown[]} */ args = [], ms = timeout) => locked(async () => {
    await switchTo(controlHandle);
    await setScriptTimeout(ms);
    await wd('POST', '/moz/context', { context: 'chrome' });
    try {
      const r = await wd('POST', '/execute/async', {
        script: `const done = arguments[arguments.length - 1];
          (async (...args) => { ${body} })(...Array.from(arguments).slice(0, -1))
            .then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: String((e && e.stack) || e) }));`,
        args,
      }, ms + 5000);
      if (r && r.err) throw new Error(`Firefox chrome-context script failed: ${r.err}`);
      return r?.ok;
    } finally {
      await wd('POST', '/moz/context', { context: 'content' });
    }
  });

  let controlHandle = '';
  let extensionHost = '';
  let extensionId = '';
  try {
    const port = await withTimeout(portP, 15000, `geckodriver (${gdBin}) to listen\n${tailText()}`);
    base = `http://127.0.0.1:${port}`;
    const firefoxArgs = [opts.headless === false ? null : '-headless', ...(opts.args ?? [])].filter(Boolean);
    if (opts.profileDir) firefoxArgs.push('-profile', path.resolve(opts.profileDir));
    const session = await wdRaw('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'firefox',
          acceptInsecureCerts: true,
          pageLoadStrategy: 'normal',
          timeouts: { script: timeout, pageLoad: Math.max(timeout, 30000), implicit: 0 },
          'moz:firefoxOptions': { binary: ffBin, args: firefoxArgs, prefs },
        },
      },
    }, launchTimeout);
    sid = session.sessionId;
    controlHandle = await wd('GET', '/window');
    current = controlHandle;
    const installedId = await wd('POST', '/moz/addon/install', { path: extensionDir, temporary: true }, launchTimeout);
    if (geckoId && installedId !== geckoId) throw new Error(`installed add-on id ${installedId} != manifest gecko id ${geckoId}`);
    extensionId = installedId;
  } catch (e) {
    const msg = `Firefox launch failed: ${e.message}\n--- geckodriver/firefox output ---\n${tailText()}`;
    if (sid) await wd('DELETE', '', undefined, 10000).catch(() => {});
    await hardKill();
    throw new Error(msg);
  }

  // ---- host permissions + the real moz-extension host (privileged) ----
  let grantedOrigins = [];
  try {
    const info = await chromeAsync(`
      const [id, grant] = args;
      const policy = WebExtensionPolicy.getByID(id);
      if (!policy) throw new Error('add-on ' + id + ' is not running');
      const ext = policy.extension;
      await ext.promiseBackgroundStarted?.();
      if (grant) {
        const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
        const m = ext.manifest;
        const origins = [...new Set([
          ...(m.host_permissions || []),
          ...(m.content_scripts || []).flatMap((c) => c.matches || []),
        ])];
        if (origins.length) await ExtensionPermissions.add(id, { permissions: [], origins }, ext);
      }
      return {
        host: policy.mozExtensionHostname,
        origins: policy.allowedOrigins.patterns.map((p) => p.pattern),
        locale: Services.locale.appLocaleAsBCP47,
      };
    `, [extensionId, opts.grantHostPermissions !== false]);
    extensionHost = info.host;
    grantedOrigins = info.origins;
    // chrome.i18n.getUILanguage() is the app locale; without the langpack it stays en-US
    if (info.locale !== lang.bcp47) {
      throw new Error(`locale ${lang.bcp47} requested but the Firefox UI locale is ${info.locale}` +
        ` (is its language pack installed? Debian: apt-get install firefox-esr-l10n-${lang.bcp47.toLowerCase()})`);
    }
  } catch (e) {
    await wd('DELETE', '', undefined, 10000).catch(() => {});
    await hardKill();
    throw new Error(`Firefox: post-install setup failed: ${e.message}`);
  }
  const extensionBaseUrl = `moz-extension://${extensionHost}/`;

  /** handles handed out or otherwise known (never returned by waitForNewPage) */
  const known = new Set([controlHandle]);
  let openInFlight = 0;

  /** @param {string} handle @returns {E2EPage} */
  const wrapPage = (handle) => {
    let pageClosed = false;
    const on = (/** @type {() => Promise<any>} */ fn) => locked(async () => { await switchTo(handle); return fn(); });
    const where = (/** @type {string} */ op) => `firefox page.${op}`;
    const evalRaw = (/** @type {string} */ src, ms = timeout) => on(async () => {
      await setScriptTimeout(ms);
      return wd('POST', '/execute/async', {
        script: `const done = arguments[arguments.length - 1]; ${src}.then(done, (e) => done({ e: String(e) }));`,
        args: [],
      }, ms + 5000);
    });
    const checkState = async (/** @type {string} */ testid, /** @type {'visible'|'hidden'|'attached'|'detached'} */ state) =>
      on(() => wd('POST', '/execute/sync', { script: `return ${stateCheckSource(testidSelector(testid), state)};`, args: [] }));
    const findEl = async (/** @type {string} */ testid) => {
      const el = await on(() => wd('POST', '/element', { using: 'css selector', value: testidSelector(testid) }));
      return el[ELEMENT_KEY];
    };
    /** run an element command, retrying on transient element errors until the timeout */
    const elementCmd = async (/** @type {string} */ testid, /** @type {string} */ what, /** @type {number} */ t,
      /** @type {(el: string) => Promise<any>} */ fn, /** @type {'visible'|'attached'} */ state = 'visible') => {
      const deadline = Date.now() + t;
      for (;;) {
        try {
          await page.waitFor(testid, { state, timeout: Math.max(deadline - Date.now(), 1) });
          return await locked(async () => {
            await switchTo(handle);
            const el = (await wd('POST', '/element', { using: 'css selector', value: testidSelector(testid) }))[ELEMENT_KEY];
            return fn(el);
          });
        } catch (e) {
          const transient = ['stale element reference', 'element not interactable', 'element click intercepted', 'no such element']
            .includes(/** @type {any} */ (e).wdError);
          if (!transient || Date.now() > deadline) {
            throw new Error(`firefox: ${what} ${testid} failed: ${e.message}`);
          }
          await sleep(100);
        }
      }
    };
    /** @type {E2EPage} */
    const page = {
      raw: { handle },
      async goto(url, o = {}) {
        await on(() => wd('POST', '/url', { url }, (o.timeout ?? Math.max(timeout, 30000)) + 5000));
      },
      async url() { return on(() => wd('GET', '/url')); },
      async evaluate(fn, ...args) {
        return unwrapResult(await evalRaw(wrappedCall(fn, args)), where('evaluate'));
      },
      async click(testid, o = {}) {
        // As Playwright does: wait until the element is enabled (WebDriver would click a
        // disabled button and nothing would happen).
        await elementCmd(testid, 'click', o.timeout ?? timeout, async (el) => {
          if (!(await wd('GET', `/element/${el}/enabled`))) {
            throw Object.assign(new Error('the element is disabled'), { wdError: 'element not interactable' });
          }
          return wd('POST', `/element/${el}/click`, {});
        });
      },
      async fill(testid, value, o = {}) {
        await elementCmd(testid, 'fill', o.timeout ?? timeout, async (el) => {
          await wd('POST', `/element/${el}/clear`, {});
          if (String(value)) await wd('POST', `/element/${el}/value`, { text: String(value) });
        });
      },
      async setInputFiles(testid, files, o = {}) {
        const list = checkInputFiles(files);
        // WebDriver Element Send Keys with the absolute path(s) sets the files and fires input +
        // change like a real selection. File inputs skip the interactability check, so hidden
        // ones work; wait only for "attached", as Playwright does.
        await elementCmd(testid, 'setInputFiles', o.timeout ?? timeout, async (el) => {
          const multiple = await wd('POST', '/execute/sync', {
            script: 'const e = arguments[0]; if (!(e instanceof HTMLInputElement) || e.type !== "file") ' +
              'throw new Error("not an <input type=file>"); return e.multiple && e.files.length > 0;',
            args: [{ [ELEMENT_KEY]: el }],
          });
          // Send Keys appends to a `multiple` input's selection; replace it like Playwright does
          if (multiple || list.length === 0) await wd('POST', `/element/${el}/clear`, {});
          if (list.length) await wd('POST', `/element/${el}/value`, { text: list.join('\n') });
        }, 'attached');
      },
      async text(testid, o = {}) {
        await page.waitFor(testid, { state: 'attached', timeout: o.timeout ?? timeout });
        return page.evaluate((sel) => {
          const el = /** @type {HTMLElement} */ (document.querySelector(sel));
          return (el.innerText ?? el.textContent ?? '').trim();
        }, testidSelector(testid));
      },
      async value(testid, o = {}) {
        await page.waitFor(testid, { state: 'attached', timeout: o.timeout ?? timeout });
        return page.evaluate((sel) => /** @type {HTMLInputElement} */ (document.querySelector(sel)).value, testidSelector(testid));
      },
      async attr(testid, name, o = {}) {
        await page.waitFor(testid, { state: 'attached', timeout: o.timeout ?? timeout });
        return page.evaluate((sel, n) => document.querySelector(sel).getAttribute(n), testidSelector(testid), name);
      },
      async waitFor(testid, o = {}) {
        const state = o.state ?? 'visible';
        const t = o.timeout ?? timeout;
        await poll(() => checkState(testid, state), {
          timeout: t, interval: 100, what: `firefox: element ${testid} to be ${state}`,
        });
      },
      async waitForFunction(fn, t = timeout, ...args) {
        const to = typeof t === 'number' ? t : (t?.timeout ?? timeout);
        const src = wrappedCall(fn, args);
        return poll(async () => unwrapResult(await evalRaw(src, to), where('waitForFunction')), {
          timeout: to, interval: 100, what: `firefox waitForFunction: ${String(fn).slice(0, 120)}`,
        });
      },
      async screenshot(file) {
        const b64 = await on(() => wd('GET', '/screenshot'));
        writeFileSync(file, Buffer.from(b64, 'base64'));
        return file;
      },
      async close() {
        if (pageClosed) return;
        pageClosed = true;
        await locked(async () => {
          try {
            await switchTo(handle);
            await wd('DELETE', '/window');
          } catch { /* already gone */ }
          current = '';
          await switchTo(controlHandle).catch(() => {});
        });
      },
      isClosed() { return pageClosed; },
    };
    return page;
  };

  const handles = () => locked(() => wd('GET', '/window/handles'));
  const bgState = () => chromeAsync(`
    const ext = WebExtensionPolicy.getByID(args[0]).extension;
    return { state: String(ext.backgroundState), views: [...ext.views].filter((v) => v.viewType === 'background').length };
  `, [extensionId]);

  /** @type {E2EBrowser} */
  const b = {
    name: 'firefox',
    extensionId,
    extensionBaseUrl,
    extensionHost,
    grantedOrigins,
    consoleLogs,
    defaultTimeout: timeout,
    raw: { sessionId: sid, webdriverUrl: base, geckodriverPid: gd.pid, wd },

    async openPage(url, o = {}) {
      openInFlight++;
      let handle;
      try {
        // A new tab opens from the current window; if that window closed itself (an
        // extension popup does), start from the control tab, which lives as long as the session.
        const r = await locked(async () => {
          await switchTo(controlHandle);
          return wd('POST', '/window/new', { type: 'tab' });
        });
        handle = r.handle;
        known.add(handle);
      } finally {
        openInFlight--;
      }
      const page = wrapPage(handle);
      if (url) await page.goto(url, o);
      return page;
    },

    openExtensionPage(rel, o) {
      return b.openPage(extensionBaseUrl + rel.replace(/^\//, ''), o);
    },

    async waitForNewPage(o = {}) {
      const t = o.timeout ?? timeout;
      const handle = await poll(async () => {
        if (openInFlight > 0) return undefined;
        const fresh = (await handles()).filter((h) => !known.has(h));
        if (!o.url) return fresh[0];
        for (const h of fresh) {
          const u = await locked(async () => { await switchTo(h); return wd('GET', '/url'); }).catch(() => '');
          if (o.url instanceof RegExp ? o.url.test(u) : u.includes(o.url)) return h;
        }
        return undefined;
      }, { timeout: t, interval: 100, what: `waiting for a new page/window in Firefox${o.url ? ` matching ${o.url}` : ''}` });
      known.add(handle);
      const page = wrapPage(handle);
      // wait until the new window has committed a real document and finished loading
      await poll(async () => {
        const u = await page.url();
        if (u === 'about:blank') return false;
        return page.evaluate(() => document.readyState === 'complete');
      }, { timeout: t, interval: 100, what: 'new Firefox window to load' }).catch(() => {});
      return page;
    },

    async stopBackground(o = {}) {
      const t = o.timeout ?? timeout;
      // Extension.terminateBackground() is what about:debugging's "Terminate background script"
      // and the idle timer call. disableResetIdleForTest makes it forceful like Chromium's
      // stopWorker: without it, a pending async onMessage reply (or native port) only resets the
      // idle timer and the page keeps running.
      await poll(async () => {
        const s = await chromeAsync(`
          const ext = WebExtensionPolicy.getByID(args[0]).extension;
          if (ext.backgroundState === 'running' || ext.backgroundState === 'starting') {
            await ext.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
          }
          return { state: String(ext.backgroundState), views: [...ext.views].filter((v) => v.viewType === 'background').length };
        `, [extensionId], t);
        return s.state === 'stopped' && s.views === 0;
      }, { timeout: t, interval: 50, what: 'Firefox event page to stop' });
    },

    async startBackground(o = {}) {
      const t = o.timeout ?? timeout;
      await chromeAsync(`
        const ext = WebExtensionPolicy.getByID(args[0]).extension;
        if (ext.backgroundState !== 'running') await ext.wakeupBackground();
        await ext.promiseBackgroundStarted?.();
        return String(ext.backgroundState);
      `, [extensionId], t);
      await poll(async () => {
        const s = await bgState();
        return s.state === 'running' && s.views > 0;
      }, { timeout: t, interval: 50, what: 'Firefox event page to start' });
    },

    async backgroundEvaluate(fn, ...args) {
      await b.startBackground();
      // The event page lives in the extension content process. From the parent process we load
      // a one-off frame script into its <browser>; it evaluates the code in a sandbox whose
      // prototype is the background window (so its globals and chrome.* APIs are visible) and
      // posts the JSON result back. Cu.evalInSandbox is not subject to the page's CSP.
      const code = wrappedCall(fn, args);
      const r = await chromeAsync(`
        const [id, code, ms] = args;
        const ext = WebExtensionPolicy.getByID(id).extension;
        const view = [...ext.views].find((v) => v.viewType === 'background' && v.xulBrowser);
        if (!view) throw new Error('no background view');
        const mm = view.xulBrowser.messageManager;
        const name = 'e2e-bgeval:' + Math.random().toString(36).slice(2);
        const frameScript = \`
          (() => {
            let r;
            try {
              const sb = Cu.Sandbox(content.document.nodePrincipal, { sandboxPrototype: content, wantXrays: false });
              r = Cu.evalInSandbox(\${JSON.stringify(code)}, sb);
            } catch (e) { r = Promise.resolve({ e: String(e) }); }
            Promise.resolve(r).then((v) => sendAsyncMessage(\${JSON.stringify(name)}, JSON.stringify(v)),
              (e) => sendAsyncMessage(\${JSON.stringify(name)}, JSON.stringify({ e: String(e) })));
          })();\`;
        return await new Promise((resolve, reject) => {
          const timer = setTimeout(() => { mm.removeMessageListener(name, l); reject(new Error('background evaluate timed out')); }, ms);
          function l(m) { clearTimeout(timer); mm.removeMessageListener(name, l); resolve(m.data); }
          mm.addMessageListener(name, l);
          mm.loadFrameScript('data:,' + encodeURIComponent(frameScript), false);
        });
      `, [extensionId, code, timeout], timeout);
      return unwrapResult(JSON.parse(r), 'firefox backgroundEvaluate');
    },

    async expectDownload(trigger, o = {}) {
      const t = o.timeout ?? timeout;
      const t0 = Date.now();
      const before = new Set(readdirSync(downloadDir));
      await trigger();
      // A download in progress is a placeholder NAME plus NAME.part; when done, .part is renamed
      // to NAME. Candidates are new files without a .part sibling; the Downloads API confirms
      // they succeeded (a stable size is the fallback if that API is unavailable).
      const sizes = new Map();
      const name = await poll(async () => {
        const names = readdirSync(downloadDir);
        const fresh = names.filter((n) => !before.has(n) && !n.endsWith('.part') && !names.includes(`${n}.part`));
        if (!fresh.length) return undefined;
        const done = await chromeAsync(`
          const { Downloads } = ChromeUtils.importESModule('resource://gre/modules/Downloads.sys.mjs');
          const all = await (await Downloads.getList(Downloads.ALL)).getAll();
          return all.filter((d) => d.succeeded && d.startTime.getTime() >= args[0]).map((d) => d.target.path);
        `, [t0]).catch(() => null);
        if (done) return fresh.find((n) => done.includes(path.join(downloadDir, n)));
        return fresh.find((n) => {
          const size = statSync(path.join(downloadDir, n)).size;
          const stable = sizes.get(n) === size && size > 0;
          sizes.set(n, size);
          return stable;
        });
      }, { timeout: t, interval: 100, what: `a download to complete in ${downloadDir}` });
      // Move it out so the download folder stays empty and the next download with the same
      // name keeps that name (Firefox would save it as NAME(1).ext).
      const dir = o.dir ? path.resolve(o.dir) : mkdtempSync(path.join(savedDir, 'd-'));
      mkdirSync(dir, { recursive: true });
      const src = path.join(downloadDir, name);
      const file = path.join(dir, name);
      try {
        renameSync(src, file);
      } catch {
        copyFileSync(src, file); // across file systems
        unlinkSync(src);
      }
      return { path: file, filename: name };
    },

    async close() {
      if (closed) return;
      closed = true;
      // Ending the session gracefully costs ~1.2 s (Firefox shutdown). Our temp profile is thrown
      // away anyway, so only a caller-provided profile gets the graceful path.
      if (opts.profileDir) await wd('DELETE', '', undefined, 15000).catch(() => {});
      await hardKill();
    },
  };
  return b;
}

// One API to drive Chromium (playwright-core) and Firefox (geckodriver/WebDriver) with an
// unpacked MV3 extension loaded. See README.md in this folder.

/**
 * @typedef {object} LaunchOptions
 * @property {string} extensionDir  unpacked extension folder (with manifest.json)
 * @property {string} [profileDir]  use this profile folder (kept on close); default: fresh temp dir (removed)
 * @property {Record<string, string|number|boolean>} [prefs]  Firefox prefs (merged over the defaults); ignored by Chromium
 * @property {string[]} [args]  extra browser command-line args
 * @property {number} [timeout]  default timeout per operation in ms (15000)
 * @property {number} [launchTimeout]  Firefox session start + add-on install timeout in ms (60000)
 * @property {boolean} [headless]  default true
 * @property {'en'|'ja'} [locale]  browser UI language: what chrome.i18n.getUILanguage()/getMessage use (default 'en' = en-US).
 *   'ja' needs Debian packages chromium-l10n and firefox-esr-l10n-ja; launch fails if the locale did not take
 * @property {boolean} [grantHostPermissions]  Firefox: grant host_permissions + content-script matches after install (default true)
 * @property {string} [executablePath]  browser binary (default /usr/bin/chromium, /usr/bin/firefox-esr; env CHROMIUM_BIN / FIREFOX_BIN)
 * @property {string} [geckodriverPath]  default env GECKODRIVER, ~/.cargo/bin/geckodriver, PATH
 */

/**
 * @typedef {object} ConsoleEntry
 * @property {'chromium'|'firefox'} browser
 * @property {string} type  'log' | 'info' | 'warning' | 'error' | 'debug' | 'pageerror' | ...
 * @property {string} text
 * @property {string} [url]  Chromium only: source URL
 */

/**
 * Every method returns a promise; `testid` is a data-testid value, or `css=<selector>`.
 * @typedef {object} E2EPage
 * @property {(url: string, o?: {timeout?: number}) => Promise<void>} goto  navigates and waits for "load"
 * @property {() => Promise<string>} url
 * @property {(fn: Function|string, ...args: any[]) => Promise<any>} evaluate  runs in the page's MAIN world; async ok; args and result go through JSON
 * @property {(testid: string, o?: {timeout?: number}) => Promise<void>} click  waits for visible first
 * @property {(testid: string, value: string, o?: {timeout?: number}) => Promise<void>} fill
 * @property {(testid: string, o?: {timeout?: number}) => Promise<string>} text  trimmed innerText
 * @property {(testid: string, o?: {timeout?: number}) => Promise<string>} value  an input's value
 * @property {(testid: string, name: string, o?: {timeout?: number}) => Promise<string|null>} attr
 * @property {(testid: string, files: string|string[], o?: {timeout?: number}) => Promise<void>} setInputFiles  select file(s) on an
 *   <input type=file> (must be attached, may be hidden); fires input + change like a real selection; [] clears
 * @property {(testid: string, o?: {timeout?: number, state?: 'visible'|'hidden'|'attached'|'detached'}) => Promise<void>} waitFor
 * @property {(fn: Function|string, timeout?: number|{timeout?: number}, ...args: any[]) => Promise<any>} waitForFunction  polls every 100 ms until truthy; returns the value
 * @property {(file: string) => Promise<string>} screenshot  PNG of the viewport
 * @property {() => Promise<void>} close
 * @property {() => boolean} isClosed
 * @property {any} raw  Chromium: playwright Page; Firefox: {handle}
 */

/**
 * @typedef {object} E2EBrowser
 * @property {'chromium'|'firefox'} name
 * @property {string} extensionId  what chrome.runtime.id returns (Chromium: 32-letter id; Firefox: gecko id)
 * @property {string} extensionBaseUrl  'chrome-extension://<id>/' or 'moz-extension://<uuid>/'
 * @property {string} [extensionHost]  Firefox: the moz-extension UUID
 * @property {string[]} [grantedOrigins]  Firefox: origins the add-on holds after setup
 * @property {ConsoleEntry[]} consoleLogs  console output of pages, extension pages and the background
 * @property {number} defaultTimeout
 * @property {any} raw  Chromium: playwright BrowserContext; Firefox: {sessionId, webdriverUrl, geckodriverPid, wd}
 * @property {(url?: string, o?: {timeout?: number}) => Promise<E2EPage>} openPage  new tab (navigates if url given)
 * @property {(relPath: string, o?: {timeout?: number}) => Promise<E2EPage>} openExtensionPage  new tab at extensionBaseUrl + relPath
 * @property {(o?: {timeout?: number, url?: string|RegExp}) => Promise<E2EPage>} waitForNewPage  next tab/window not opened by openPage and not yet returned (e.g. chrome.windows.create popups)
 * @property {(o?: {timeout?: number}) => Promise<void>} stopBackground  stop the service worker / event page and verify it stopped
 * @property {(o?: {timeout?: number}) => Promise<void>} startBackground  start it again without an event (rarely needed)
 * @property {(fn: Function|string, ...args: any[]) => Promise<any>} backgroundEvaluate  run in the background's global (starts it if stopped)
 * @property {(trigger: () => any, o?: {dir?: string, timeout?: number}) => Promise<{path: string, filename: string}>} expectDownload
 *   run trigger (e.g. a click) and resolve once the download it starts is complete on disk; the file is saved as
 *   dir/filename (default dir: a fresh folder in the browser's temp dir, removed on close)
 * @property {() => Promise<void>} close  kills everything, removes the temp profile
 */

/** @typedef {'chromium'|'firefox'} BrowserName */

/** Browsers to run: env E2E_BROWSERS="chromium,firefox" (default both). @returns {BrowserName[]} */
export function browsersFromEnv() {
  const v = (process.env.E2E_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of v) if (n !== 'chromium' && n !== 'firefox') throw new Error(`E2E_BROWSERS: unknown browser ${n}`);
  return /** @type {BrowserName[]} */ (v);
}

/**
 * Launch a browser with the unpacked extension loaded.
 * @param {BrowserName} name
 * @param {LaunchOptions} opts
 * @returns {Promise<E2EBrowser>}
 */
export async function launchBrowser(name, opts) {
  if (!opts || !opts.extensionDir) throw new TypeError('launchBrowser: opts.extensionDir is required');
  if (name === 'chromium') {
    const { launchChromium } = await import('./chromium.mjs');
    return launchChromium(opts);
  }
  if (name === 'firefox') {
    const { launchFirefox } = await import('./firefox.mjs');
    return launchFirefox(opts);
  }
  throw new Error(`launchBrowser: unknown browser ${JSON.stringify(name)} (chromium | firefox)`);
}

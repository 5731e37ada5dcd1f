// Steps many end-to-end tests share: a wallet restored from anvil's phrase on Localhost 8545,
// and the approval window.
import path from 'node:path';
import { eventually, SCREENSHOTS_DIR } from './harness.mjs';

export const JUNK = 'test test test test test test test test test test test junk';
export const PASSWORD = 'correct horse battery';

/** The page asks; resolves to { result } or { error: { code, message } } (see pages/index.html). */
export const ask = (page, method, params) => page.evaluate((m, p) => window.__ask(m, p), method, params ?? null);

/** Starts a request without waiting for its answer (it waits for the person); returns its id. */
export const start = (page, method, params) =>
  page.evaluate(
    (m, p) => {
      window.__pending = window.__pending || {};
      const id = Math.random().toString(36).slice(2);
      window.__pending[id] = window.__ask(m, p);
      return id;
    },
    method,
    params ?? null,
  );

/** The outcome of a request begun with start(). */
export const answer = (page, id) => page.evaluate((i) => window.__pending[i], id);

/** Sends one of the wallet pages' commands from an extension page, as the UI does. */
export const command = (page, name, args = {}) =>
  page.evaluate((n, a) => chrome.runtime.sendMessage({ type: 'ui-request', command: n, args: a }), name, args);

/**
 * Restores anvil's phrase through the wallet page's own commands (the onboarding screens are
 * tested in onboarding.test.mjs) and selects Localhost 8545. Returns the wallet page.
 */
export async function readyWallet(browser) {
  const page = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
  const switched = await command(page, 'switchNetwork', { chainId: '0x7a69' });
  if (switched.error) throw new Error(switched.error.message);
  const restored = await command(page, 'restoreWallet', { phrase: JUNK, password: PASSWORD });
  if (restored.error) throw new Error(restored.error.message);
  return page;
}

/**
 * Whether a page's window is gone. A window that closes itself is noticed at once by
 * playwright; through WebDriver only when something is asked of it.
 */
async function isGone(page) {
  if (page.isClosed()) return true;
  try {
    await page.url();
    return false;
  } catch (err) {
    if (/no such window|closed/i.test(String(err?.message))) return true;
    throw err;
  }
}

/**
 * Clicks Approve on the request shown, until the window takes it. Approve stays disabled for a
 * moment after a screen appears and whenever the window is focused again (a WebDriver window
 * switch focuses it), so a click can land in that moment; it is repeated only while the same
 * request is still on screen unanswered.
 * @param {any} page the approval window
 */
export async function clickApprove(page) {
  const id = await page.attr('approval', 'data-approval-id');
  for (let attempt = 1; ; attempt++) {
    await page.click('approval-approve');
    const took = await eventually(
      () =>
        page.evaluate((i) => {
          const section = document.querySelector(`[data-testid="approval"][data-approval-id="${i}"]`);
          return !section || section.dataset.answered !== undefined;
        }, id),
      { timeout: 1500, message: 'the approval window takes the click' },
    ).catch(() => false);
    if (took) return;
    if (attempt >= 4) throw new Error(`Approve was clicked ${attempt} times and the request ${id} is still unanswered`);
  }
}

/**
 * Whether Approve is disabled for a reason of the request's own (a risk to acknowledge, a choice
 * to make), once its short delay after the screen appeared is over (`data-arming`).
 * @param {any} page the approval window
 */
export async function approveDisabled(page) {
  await page.waitFor('css=[data-testid="approval-approve"]:not([data-arming])');
  return page.evaluate(() => /** @type {HTMLButtonElement} */ (document.querySelector('[data-testid="approval-approve"]')).disabled);
}

/** The approval window: the one already open, or the next one the wallet opens. */
export class Approvals {
  constructor(browser, browserName) {
    this.browser = browser;
    this.browserName = browserName;
    this.page = null;
  }

  async window() {
    if (!this.page || (await isGone(this.page))) {
      this.page = await this.browser.waitForNewPage({ url: /approval\.html/, timeout: 20_000 });
    }
    return this.page;
  }

  /** Waits for the shown request of `type`; returns the window page. */
  async expect(type, { screenshot } = {}) {
    const page = await this.window();
    await page.waitFor(`css=[data-testid="approval"][data-approval-type="${type}"]`, { timeout: 20_000 }).catch(async (err) => {
      const seen = await page.evaluate(() => document.body.innerText.slice(0, 600)).catch(() => "?");
      throw new Error(`${err.message}\nthe window shows: ${seen}`);
    });
    if (screenshot) await page.screenshot(path.join(SCREENSHOTS_DIR, `${this.browserName}-approval-${screenshot}.png`));
    return page;
  }

  async approve(type, opts) {
    const page = await this.expect(type, opts);
    await clickApprove(page);
    return page;
  }

  async reject(type, opts) {
    const page = await this.expect(type, opts);
    await page.click('approval-reject');
    return page;
  }

  /** Waits until the window has nothing more to show (it closes itself). */
  async done() {
    if (!this.page) return;
    const page = this.page;
    await eventually(() => isGone(page), { timeout: 10_000, message: 'the approval window closes when done' });
    this.page = null;
  }
}

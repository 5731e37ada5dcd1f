// Steps many end-to-end tests share: a wallet restored from anvil's phrase on Localhost 8545,
// and the approval window.
import path from 'node:path';
import { eventually, SCREENSHOTS_DIR } from './harness.mjs';

export const JUNK = 'test test test test test test test test test test test junk';
export const PASSWORD = 'correct horse battery';

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
    await page.waitFor(`css=[data-testid="approval"][data-approval-type="${type}"]`, { timeout: 20_000 });
    if (screenshot) await page.screenshot(path.join(SCREENSHOTS_DIR, `${this.browserName}-approval-${screenshot}.png`));
    return page;
  }

  async approve(type, opts) {
    const page = await this.expect(type, opts);
    await page.click('approval-approve');
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

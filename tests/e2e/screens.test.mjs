// A screenshot of each of the wallet's screens, in English and in Japanese, at the popup's size
// (360x600), saved under target/screenshots/screens-<locale>-<screen>.png. The README shows the
// main ones. Each screen is also checked to be in the asked language, so a missing translation
// fails here rather than in a person's hands.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { BROWSERS, SCREENSHOTS_DIR, extensionDir } from './support/harness.mjs';

const JUNK = 'test test test test test test test test test test test junk';
const PASSWORD = 'correct horse battery';
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

// Screenshots are Chromium's (its viewport can be set to the popup's exact size).
const browserName = BROWSERS.includes('chromium') ? 'chromium' : null;

for (const locale of ['en', 'ja']) {
  describe(`screens in ${locale}`, { skip: browserName === null && 'needs chromium' }, () => {
    test('each screen, saved and in the right language', async () => {
      const browser = await launchBrowser('chromium', { extensionDir: extensionDir('chromium'), locale });
      try {
        const page = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
        await page.raw.setViewportSize({ width: 360, height: 600 });
        const screen = async (name) => {
          const text = await page.evaluate(() => document.body.innerText);
          if (locale === 'ja') assert.match(text, JAPANESE, `${name} is in Japanese`);
          else assert.doesNotMatch(text, JAPANESE, `${name} is in English`);
          await page.screenshot(path.join(SCREENSHOTS_DIR, `screens-${locale}-${name}.png`));
        };
        const home = () => page.goto(browser.extensionBaseUrl + 'popup.html');

        await page.waitFor('onboarding-create');
        await screen('onboarding');
        await page.click('onboarding-create');
        await page.fill('new-password', PASSWORD);
        await page.fill('new-password-confirm', PASSWORD);
        await screen('create-password');
        await page.click('create-submit');
        await page.waitFor('secret-phrase');
        await screen('create-phrase');
        await page.click('backup-confirmed');
        await page.waitFor('quiz-word');
        await screen('create-check');

        await home();
        await page.click('onboarding-import');
        await page.fill('import-phrase', JUNK.replace('test', 'tezt'));
        await page.fill('new-password', PASSWORD);
        await page.fill('new-password-confirm', PASSWORD);
        await page.click('import-submit');
        await page.waitFor('form-error');
        await screen('restore-mistake');
        await page.fill('import-phrase', JUNK);
        await page.click('import-submit');
        await page.waitFor('account-address', { timeout: 30_000 });
        await screen('home');
        await page.click('settings-open');
        await page.waitFor('setting-metamask-mode');
        await screen('settings');
        await page.click('settings-back');
        await page.click('lock');
        await page.waitFor('unlock-password');
        await screen('unlock');
        await page.evaluate(() =>
          chrome.storage.local.get('vault').then(({ vault }) => chrome.storage.local.set({ vault: vault.slice(0, 40) })),
        );
        await home();
        await page.waitFor('vault-problem');
        await screen('vault-damaged');
      } finally {
        await browser.close();
      }
    });
  });
}

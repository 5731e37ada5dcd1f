// A screenshot of each of the wallet's screens, in English and in Japanese, at the popup's size
// (360x600), saved under target/screenshots/screens-<locale>-<screen>.png. The README shows the
// main ones. Each screen is also checked to be in the asked language, so a missing translation
// fails here rather than in a person's hands.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { DEV_ACCOUNTS, chainRpc, startAnvil } from './support/anvil.mjs';
import { deployToken } from './support/erc20.mjs';
import { serveDir } from './support/server.mjs';
import { BROWSERS, PAGES_DIR, SCREENSHOTS_DIR, extensionDir } from './support/harness.mjs';
import { Approvals, JUNK, PASSWORD, command, readyWallet } from './support/wallet.mjs';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
const ACCOUNT0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

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

        // The help center, offline, searched in the wallet's language (Japanese without spaces
        // between words: character bigrams).
        await page.click('help-open');
        const found = async (query) => {
          await page.fill('help-search', query);
          return page.waitForFunction(
            (q) => document.querySelector('.help-results')?.dataset.query === q && document.querySelector('[data-testid="help-result"]')?.dataset.article,
            5000,
            query,
          );
        };
        if (locale === 'ja') {
          assert.equal(await found('送金 間違い'), 'wrong-address');
          assert.equal(await found('フレーズ 忘れた'), 'lost-phrase');
        } else {
          assert.equal(await found('stuck'), 'stuck-transaction');
        }
        await page.click('help-result');
        await page.waitFor('help-article');
        await screen('help-article');
        await home();
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
        // A forgotten password: the unlock screen leads to its article.
        await page.click('css=section.unlock [data-testid="help-link"][data-article="forgot-password"]');
        await page.waitFor('css=[data-testid="help-article"][data-article="forgot-password"]');
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

for (const locale of ['en', 'ja']) {
  describe(`approval screens in ${locale}`, { skip: browserName === null && 'needs chromium' }, () => {
    test('each approval type, saved and in the right language', async () => {
      const anvil = await startAnvil();
      const site = await serveDir(PAGES_DIR);
      const browser = await launchBrowser('chromium', { extensionDir: extensionDir('chromium'), locale });
      let second;
      try {
        await readyWallet(browser);
        const page = await browser.openPage(site.origin + '/index.html');
        const approvals = new Approvals(browser, 'chromium');
        const ask = (method, params) =>
          page.evaluate((m, p) => {
            window.__last = window.__ask(m, p);
          }, method, params ?? null);
        const shoot = async (type, name, decide) => {
          const win = await approvals.window();
          await win.raw.setViewportSize({ width: 400, height: 640 });
          await approvals.expect(type);
          const text = await win.evaluate(() => document.body.innerText);
          if (locale === 'ja') assert.match(text, JAPANESE, `${name} is in Japanese`);
          else assert.doesNotMatch(text, JAPANESE, `${name} is in English`);
          await win.screenshot(path.join(SCREENSHOTS_DIR, `screens-${locale}-approval-${name}.png`));
          await win.click(decide);
          await page.evaluate(() => window.__last);
          // The window closes itself once nothing is left; the next request must not find it
          // still closing (on a busy machine it can outlive the page's answer).
          await approvals.done();
        };
        await ask('eth_requestAccounts');
        await shoot('connect', 'connect', 'approval-approve');
        await ask('personal_sign', ['0x' + Buffer.from('Welcome to the test dApp!').toString('hex'), ACCOUNT0]);
        await shoot('personal_sign', 'personal-sign', 'approval-reject');
        const typed = {
          types: {
            EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'chainId', type: 'uint256' }],
            Order: [{ name: 'maker', type: 'address' }, { name: 'amount', type: 'uint256' }, { name: 'items', type: 'string[]' }],
          },
          primaryType: 'Order',
          domain: { name: 'Test Market', chainId: 31337 },
          message: { maker: ACCOUNT0, amount: '1000000', items: ['apple', 'pear'] },
        };
        await ask('eth_signTypedData_v4', [ACCOUNT0, JSON.stringify(typed)]);
        await shoot('typed_data', 'typed-data', 'approval-reject');
        await ask('eth_sendTransaction', [{ from: ACCOUNT0, to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', value: '0x2386f26fc10000', data: '0xa9059cbb' + '00'.repeat(64) }]);
        await shoot('transaction', 'transaction', 'approval-reject');
        await ask('wallet_switchEthereumChain', [{ chainId: '0x1' }]);
        await shoot('switch_chain', 'switch-chain', 'approval-reject');
        const token = await deployToken({ symbol: 'TST', decimals: 6, from: DEV_ACCOUNTS[1] });
        await ask('wallet_watchAsset', { type: 'ERC20', options: { address: token, symbol: 'TST', decimals: 6 } });
        await shoot('watch_asset', 'watch-asset', 'approval-reject');
        second = await startAnvil({ port: 8546, args: ['--chain-id', '1337'] });
        await ask('wallet_addEthereumChain', [{ chainId: '0x539', chainName: 'Second Anvil', rpcUrls: [second.url], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } }]);
        await shoot('add_chain', 'add-chain', 'approval-reject');
      } finally {
        await browser.close();
        await site.close();
        await anvil.stop();
        await second?.stop();
      }
    });
  });
}

for (const locale of ['en', 'ja']) {
  describe(`send and activity screens in ${locale}`, { skip: browserName === null && 'needs chromium' }, () => {
    test('send, its warnings and refusals, tokens, and a stuck transaction, saved and in the right language', async () => {
      const anvil = await startAnvil();
      const browser = await launchBrowser('chromium', { extensionDir: extensionDir('chromium'), locale });
      try {
        const page = await readyWallet(browser);
        await page.raw.setViewportSize({ width: 360, height: 600 });
        const approvals = new Approvals(browser, 'chromium');
        const inLanguage = async (p, name) => {
          const text = await p.evaluate(() => document.body.innerText);
          if (locale === 'ja') assert.match(text, JAPANESE, `${name} is in Japanese`);
          else assert.doesNotMatch(text, JAPANESE, `${name} is in English`);
        };
        const screen = async (name, testid) => {
          if (testid) await page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.scrollIntoView({ block: 'center' }), testid);
          await inLanguage(page, name);
          await page.screenshot(path.join(SCREENSHOTS_DIR, `screens-${locale}-${name}.png`));
        };
        const approval = async (name, decide) => {
          const win = await approvals.window();
          await win.raw.setViewportSize({ width: 400, height: 640 });
          await approvals.expect('transaction');
          await inLanguage(win, name);
          await win.screenshot(path.join(SCREENSHOTS_DIR, `screens-${locale}-approval-${name}.png`));
          await win.click(decide);
          await approvals.done();
        };
        const sendForm = async (to, amount) => {
          await page.goto(browser.extensionBaseUrl + 'popup.html');
          await page.click('send');
          await page.fill('send-to', to);
          await page.fill('send-amount', amount);
          await page.click('send-submit');
        };
        const token = await deployToken({ symbol: 'KURA', decimals: 6, from: DEV_ACCOUNTS[0] });
        await command(page, 'addToken', { address: token });
        const friend = '0x1111222233334444555566667777888899990000';
        await sendForm(friend, '0.5');
        await approval('send', 'approval-approve');
        await sendForm('0x1111' + 'ab'.repeat(16) + '0000', '0.5');
        await approval('send-poisoned', 'approval-reject');
        await sendForm(friend, '100000');
        await page.waitFor('form-error');
        await screen('send-refused');
        await page.goto(browser.extensionBaseUrl + 'popup.html');
        await page.waitFor(`css=[data-testid="token-balance"][data-symbol="KURA"]`);
        await page.waitFor(`css=[data-testid="activity-item"][data-status="confirmed"]`);
        await screen('home-tokens-activity', 'token-balance');

        await chainRpc('evm_setAutomine', [false]);
        await sendForm(friend, '0.25');
        await approval('send-again', 'approval-approve');
        await chainRpc('anvil_setNextBlockBaseFeePerGas', ['0x' + (2000n * 10n ** 9n).toString(16)]);
        await chainRpc('anvil_mine', ['0x4']);
        await page.goto(browser.extensionBaseUrl + 'popup.html');
        await page.waitFor('activity-stuck', { timeout: 20_000 });
        await screen('activity-stuck', 'activity-stuck');
        await page.click('activity-speed-up');
        await approval('speed-up', 'approval-reject');
      } finally {
        await browser.close();
        await anvil.stop();
      }
    });
  });
}

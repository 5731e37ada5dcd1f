// Recovery, end to end in real Chromium and Firefox: importing MetaMask vaults written by
// MetaMask's own library (tests/vectors/metamask/vaults.json), pasted as JSON at onboarding,
// and as the LevelDB files a real Chromium wrote, through the file input of Settings → add
// accounts. The addresses expected are the vectors' (derived by ethers, not by this wallet).
// And the phrase assistant on the restore page: a phrase with a wrong word becomes the meant
// one (found by its first address), with a progress bar and a cancel button.
// No chain is needed: one browser profile per browser suite, nothing sent to a chain.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { BROWSERS, ROOT, eventually, extensionDir } from './support/harness.mjs';
import { JUNK, PASSWORD, command } from './support/wallet.mjs';

const METAMASK = path.join(ROOT, 'tests/vectors/metamask');
const vaults = JSON.parse(fs.readFileSync(path.join(METAMASK, 'vaults.json'), 'utf8')).vaults;
const vault = (name) => vaults.find((v) => v.name === name);
const messages = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales/en/messages.json'), 'utf8'));

/** What the wallet must hold after importing `v`: HD accounts in order, then new imported keys. */
function expectedAccounts(v, already = []) {
  const seen = new Set(already.map((a) => a.toLowerCase()));
  const out = [];
  for (const hd of v.expected.hd) for (const a of hd.accounts) out.push(['hd', a.address]);
  for (const address of v.expected.imported) out.push(['imported', address]);
  return out.filter(([, a]) => !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}

for (const browserName of BROWSERS) {
  describe(`importing from MetaMask in ${browserName}`, () => {
    let browser;
    let page;
    before(async () => {
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName) });
      page = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
    });
    after(async () => browser?.close());

    const accounts = async () => (await command(page, 'accounts')).result.accounts.map((a) => [a.kind, a.address]);

    test('a wrong MetaMask password: the clear error, and nothing is created', async () => {
      const v = vault('metamask-600k-bytes');
      await page.click('onboarding-import-metamask');
      await page.fill('metamask-vault', v.vault);
      await page.fill('metamask-password', 'not the password');
      await page.fill('new-password', PASSWORD);
      await page.fill('new-password-confirm', PASSWORD);
      await page.click('import-metamask-submit');
      await eventually(async () => (await page.text('form-error')).includes(messages.error_METAMASK_PASSWORD.message.split('.')[0]), {
        timeout: 30_000,
        message: 'the wrong-password error',
      });
      const status = (await command(page, 'status')).result;
      assert.equal(status.hasVault, false, 'no vault written');
      // What was typed is still there to correct.
      assert.equal((await page.evaluate(() => /** @type {HTMLTextAreaElement} */ (document.querySelector('[data-testid="metamask-vault"]')).value)).trim(), v.vault);
    });

    test('onboarding: the pasted vault (600,000 iterations, a skipped Ledger) gives its accounts', async () => {
      const v = vault('metamask-600k-bytes');
      await page.fill('metamask-password', v.password);
      await page.click('import-metamask-submit');
      await page.waitFor('account-address', { timeout: 60_000 });
      const expected = expectedAccounts(v);
      assert.deepEqual(await accounts(), expected);
      assert.equal(await page.attr('account-address', 'data-address'), expected[0][1]);
      // The new vault opens with our password after a lock.
      await page.click('lock');
      await page.fill('unlock-password', PASSWORD);
      await page.click('unlock-submit');
      await page.waitFor('account-address', { timeout: 30_000 });
      assert.deepEqual(await accounts(), expected);
    });

    test('settings: the LevelDB files of a real Chromium profile add the accounts of the newest vault', async () => {
      const before = await accounts();
      const dir = path.join(METAMASK, 'leveldb/compacted');
      const files = fs.readdirSync(dir).sort().map((f) => path.join(dir, f));
      await page.click('settings-open');
      await page.click('settings-import-metamask');
      await page.setInputFiles('metamask-vault-file', files);
      // A wrong password first: the clear error, nothing changes.
      await page.fill('metamask-password', 'wrong again');
      await page.click('import-metamask-submit');
      await eventually(async () => (await page.text('form-error')).includes(messages.error_METAMASK_PASSWORD.message.split('.')[0]), {
        timeout: 30_000,
        message: 'the wrong-password error',
      });
      assert.deepEqual(await accounts(), before);
      const newest = vault('legacy-hdpath');
      await page.fill('metamask-password', newest.password);
      await page.click('import-metamask-submit');
      await page.waitFor('account-address', { timeout: 60_000 });
      assert.deepEqual(await accounts(), [...before.filter(([k]) => k === 'hd'), ...expectedAccounts(newest), ...before.filter(([k]) => k === 'imported')]);
      const listed = (await command(page, 'accounts')).result.accounts.filter((a) => a.kind === 'hd').map((a) => a.path);
      assert.deepEqual(listed.slice(-2), ["m/44'/60'/0'/0", "m/44'/60'/0'/1"]);
    });
  });

  describe(`the phrase assistant in ${browserName}`, () => {
    let browser;
    let page;
    before(async () => {
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName) });
      page = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
    });
    after(async () => browser?.close());

    const FIRST = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
    const progress = () => page.evaluate(() => {
      const p = /** @type {HTMLProgressElement} */ (document.querySelector('[data-testid="phrase-assistant-progress"]'));
      return { value: p.value, max: p.max };
    });

    test('a wrong word (checksum fails): the search shows progress and stops on cancel', async () => {
      const words = JUNK.split(' ');
      words[2] = 'tent';
      await page.click('onboarding-import');
      await page.fill('import-phrase', words.join(' '));
      await page.fill('new-password', PASSWORD);
      await page.fill('new-password-confirm', PASSWORD);
      await page.click('import-submit');
      await page.waitFor('form-error');
      await page.click('phrase-assistant-start');
      await eventually(async () => (await progress()).value > 0, { timeout: 20_000, message: 'progress' });
      await page.click('phrase-assistant-cancel');
      await page.waitFor('phrase-assistant-cancel', { state: 'hidden', timeout: 20_000 });
      const { value, max } = await progress();
      assert.ok(value < max, `stopped before the end (${value} of ${max})`);
      assert.equal((await command(page, 'status')).result.hasVault, false, 'nothing created');
    });

    test('an unknown word: the candidate with the known first address restores the wallet', async () => {
      const words = JUNK.split(' ');
      words[2] = 'tezt';
      await page.fill('import-phrase', words.join(' '));
      await page.click('import-submit');
      await page.waitFor('form-error');
      await page.click('phrase-assistant-start');
      const meant = `css=[data-testid="phrase-candidate"][data-address="${FIRST}"] [data-testid="phrase-candidate-use"]`;
      await page.waitFor(meant, { timeout: 60_000 });
      await eventually(async () => {
        const { value, max } = await progress();
        return value === max;
      }, { timeout: 60_000, message: 'the search to finish' });
      await page.click(meant);
      assert.equal(await page.evaluate(() => /** @type {HTMLTextAreaElement} */ (document.querySelector('[data-testid="import-phrase"]')).value), JUNK);
      await page.click('import-submit');
      await page.waitFor('account-address', { timeout: 60_000 });
      assert.equal(await page.attr('account-address', 'data-address'), FIRST);
    });
  });
}

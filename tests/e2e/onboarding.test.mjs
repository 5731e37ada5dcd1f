// Onboarding and the vault's life, end to end in real Chromium and Firefox with a real chain:
// create with the check, restore (English, Japanese, with mistakes), unlock, auto-lock, worker
// restarts, lock, a damaged vault, change password, and a backup file into a fresh profile.
// Expected addresses come from public vectors or from ethers (an independent library).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HDNodeWallet, wordlists } from 'ethers';
import { launchBrowser } from './lib/browser.mjs';
import { startAnvil } from './support/anvil.mjs';
import { BROWSERS, ROOT, SCREENSHOTS_DIR, eventually, extensionDir } from './support/harness.mjs';
import { JUNK, PASSWORD, command } from './support/wallet.mjs';

const vectors = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/vectors', name), 'utf8'));
const junkAccounts = vectors('eth-hd.json').vectors.filter((v) => v.mnemonic === JUNK);
const japanese = vectors('bip39-trezor.json').vectors.find((v) => v.language === 'japanese');
const LOCALHOST = '0x7a69';

async function openWallet(browser) {
  return browser.openPage(browser.extensionBaseUrl + 'popup.html');
}

async function switchNetwork(page, chainId) {
  await page.click('network-name');
  await page.click(`css=[data-testid="network-option"][data-chain-id="${chainId}"]`);
  await eventually(async () => (await page.attr('network-name', 'data-chain-id')) === chainId, {
    message: `network ${chainId}`,
  });
}

async function restore(page, phrase, { password = PASSWORD, passphrase } = {}) {
  await page.click('onboarding-import');
  await page.fill('import-phrase', phrase);
  if (passphrase !== undefined) {
    await page.click('import-passphrase-toggle');
    await page.fill('import-passphrase', passphrase);
  }
  await page.fill('new-password', password);
  await page.fill('new-password-confirm', password);
  await page.click('import-submit');
}

async function unlock(page, password = PASSWORD) {
  await page.fill('unlock-password', password);
  await page.click('unlock-submit');
}

const shot = (page, browserName, name) => page.screenshot(path.join(SCREENSHOTS_DIR, `${browserName}-${name}.png`));

for (const browserName of BROWSERS) {
  describe(`onboarding and the vault in ${browserName}`, () => {
    let anvil;
    before(async () => {
      anvil = await startAnvil();
    });
    after(async () => anvil?.stop());

    /** A fresh browser profile for each scenario: onboarding starts from nothing. */
    async function freshBrowser(extra = {}) {
      return launchBrowser(browserName, { extensionDir: extensionDir(browserName), ...extra });
    }

    test('create: phrase, the 3-word check (a wrong word creates nothing), then home', async () => {
      const browser = await freshBrowser();
      try {
        const page = await openWallet(browser);
        await shot(page, browserName, 'onboarding');
        await page.click('onboarding-create');
        await page.fill('new-password', 'short');
        await page.fill('new-password-confirm', 'short');
        await page.click('create-submit');
        await page.waitFor('form-error');
        await page.fill('new-password', PASSWORD);
        await page.fill('new-password-confirm', PASSWORD);
        await page.click('create-submit');
        // The phrase element exists (hidden) before the phrase is generated: wait for its words.
        const phrase = await eventually(async () => {
          const text = await page.text('secret-phrase');
          return text.split(' ').length === 12 && text;
        }, { timeout: 30_000, message: 'the new phrase' });
        const words = phrase.split(' ');
        assert.equal(words.length, 12);
        await shot(page, browserName, 'create-phrase');
        await page.click('backup-confirmed');
        const indexes = await page.evaluate(() =>
          [...document.querySelectorAll('[data-testid="quiz-word"]')].map((e) => Number(e.getAttribute('data-index'))),
        );
        assert.equal(indexes.length, 3);
        assert.equal(new Set(indexes).size, 3);
        const fillQuiz = async (wrongAt) => {
          for (const i of indexes) {
            const right = words[i - 1];
            const wrong = right === 'zoo' ? 'abandon' : 'zoo';
            await page.fill(`css=[data-testid="quiz-word"][data-index="${i}"]`, i === wrongAt ? wrong : right);
          }
          await page.click('quiz-submit');
        };
        await fillQuiz(indexes[1]);
        await page.waitFor('form-error');
        assert.equal((await command(page, 'status')).result.hasVault, false, 'a failed check creates nothing');
        await fillQuiz(null);
        await page.waitFor('account-address', { timeout: 20_000 });
        const expected = HDNodeWallet.fromPhrase(phrase, '', "m/44'/60'/0'/0/0").address;
        assert.equal(await page.attr('account-address', 'data-address'), expected);
        await shot(page, browserName, 'home');
      } finally {
        await browser.close();
      }
    });

    test('restore: each phrase mistake shows its message and creates nothing', async () => {
      const browser = await freshBrowser();
      try {
        const page = await openWallet(browser);
        const mistakes = [
          ['test test tezt test test test test test test test test junk', /3/],
          ['test test test test test test test test test test junk', /11/],
          [Array(12).fill('abandon').join(' '), /./],
        ];
        for (const [phrase, mention] of mistakes) {
          await page.goto(browser.extensionBaseUrl + 'popup.html');
          await restore(page, phrase);
          await page.waitFor('form-error');
          assert.match(await page.text('form-error'), mention);
          assert.equal((await command(page, 'status')).result.hasVault, false);
        }
        // The unknown word's suggestions include the word meant.
        await page.goto(browser.extensionBaseUrl + 'popup.html');
        await restore(page, 'test test tezt test test test test test test test test junk');
        await page.waitFor('form-error');
        assert.match(await page.text('form-error'), /test/);
        await shot(page, browserName, 'restore-unknown-word');
        const texts = new Set();
        for (const [phrase] of mistakes) {
          await page.goto(browser.extensionBaseUrl + 'popup.html');
          await restore(page, phrase);
          await page.waitFor('form-error');
          texts.add(await page.text('form-error'));
        }
        assert.equal(texts.size, 3, 'three different mistakes, three different messages');
      } finally {
        await browser.close();
      }
    });

    test('restore English on Localhost 8545: known addresses, used accounts found, unlock, lock, restarts', async () => {
      const browser = await freshBrowser();
      try {
        const page = await openWallet(browser);
        await switchNetwork(page, LOCALHOST);
        await restore(page, JUNK);
        await page.waitFor('account-address', { timeout: 30_000 });
        assert.equal(await page.attr('account-address', 'data-address'), junkAccounts[0].address);
        // 10000 ETH, read at a glance (grouped), exact on hover and in data-wei.
        assert.match(await page.text('account-balance'), /^10,000 ETH$/);
        assert.equal(await page.attr('account-balance', 'data-wei'), (10_000n * 10n ** 18n).toString());
        assert.equal(await page.attr('css=[data-testid="account-balance"] .amount', 'title'), '10000 ETH');
        // anvil funds indexes 0-9 of this phrase: discovery finds exactly those.
        const { result } = await command(page, 'accounts');
        assert.deepEqual(
          result.accounts.filter((a) => a.kind === 'hd').map((a) => a.address).slice(0, 5),
          junkAccounts.slice(0, 5).map((v) => v.address),
        );
        assert.equal(result.accounts.length, 10);

        // The worker stops; the wallet stays unlocked (session key), no password asked.
        await browser.stopBackground();
        await page.goto(browser.extensionBaseUrl + 'popup.html');
        await page.waitFor('account-address');
        assert.equal((await command(page, 'status')).result.unlocked, true);

        // Lock clears the session: after a restart it is still locked.
        await page.click('lock');
        await page.waitFor('unlock-password');
        await browser.stopBackground();
        await page.goto(browser.extensionBaseUrl + 'popup.html');
        await page.waitFor('unlock-password');
        assert.equal((await command(page, 'status')).result.unlocked, false);

        // A wrong password says so and changes nothing.
        await unlock(page, 'not the password');
        await page.waitFor('form-error');
        assert.equal((await command(page, 'status')).result.unlocked, false);
        await shot(page, browserName, 'unlock-wrong-password');
        await unlock(page);
        await page.waitFor('account-address');
        assert.equal(await page.attr('account-address', 'data-address'), junkAccounts[0].address);
      } finally {
        await browser.close();
      }
    });

    test('restore Japanese with a passphrase gives the address ethers derives', async () => {
      const browser = await freshBrowser();
      try {
        const page = await openWallet(browser);
        await restore(page, japanese.mnemonic, { passphrase: japanese.passphrase });
        await page.waitFor('account-address', { timeout: 30_000 });
        const expected = HDNodeWallet.fromPhrase(japanese.mnemonic, japanese.passphrase, "m/44'/60'/0'/0/0", wordlists.ja).address;
        assert.equal(await page.attr('account-address', 'data-address'), expected);
      } finally {
        await browser.close();
      }
    });

    test('accounts and security: import a key, rename, reveal the phrase; wrong passwords slow down', async () => {
      const browser = await freshBrowser();
      try {
        const page = await openWallet(browser);
        await restore(page, JUNK);
        await page.waitFor('account-address', { timeout: 30_000 });
        const imported = junkAccounts[4];
        await page.click('import-key-open');
        await page.fill('import-key', imported.privateKey);
        await page.click('import-key-submit');
        await eventually(async () => (await page.attr('account-address', 'data-address')) === imported.address, {
          message: 'the imported account is selected',
        });
        await page.click('account-rename');
        await page.fill('account-name', '貯金');
        await page.click('account-rename-submit');
        await eventually(async () => (await page.text('account-name-display')) === '貯金', { message: 'renamed' });
        const { result } = await command(page, 'accounts');
        assert.deepEqual(
          result.accounts.map((a) => [a.kind, a.address]),
          [['hd', junkAccounts[0].address], ['imported', imported.address]],
        );
        assert.equal(result.accounts[1].name, '貯金');

        await page.click('settings-open');
        await page.fill('reveal-password', 'not the password');
        await page.click('reveal-submit');
        await page.waitFor('form-error');
        await page.fill('reveal-password', PASSWORD);
        await page.click('reveal-submit');
        await page.click('reveal-show');
        assert.equal(await page.text('revealed-phrase'), JUNK);

        await command(page, 'lock');
        const codes = [];
        for (let i = 0; i < 4; i++) codes.push((await command(page, 'unlock', { password: `wrong ${i}` })).error.data.coreCode);
        assert.deepEqual(codes, ['VAULT_DECRYPT', 'VAULT_DECRYPT', 'VAULT_DECRYPT', 'UNLOCK_THROTTLED']);
        const throttled = await command(page, 'unlock', { password: PASSWORD });
        assert.equal(throttled.error.data.coreCode, 'UNLOCK_THROTTLED', 'even the right password waits');
        assert.ok(throttled.error.data.retryAfterMs > 0);
        await eventually(async () => !(await command(page, 'unlock', { password: PASSWORD })).error, {
          timeout: 5000,
          interval: 300,
          message: 'unlock after the wait',
        });
      } finally {
        await browser.close();
      }
    });

    test('auto-lock after the configured idle time', async () => {
      const browser = await freshBrowser();
      try {
        const page = await openWallet(browser);
        await restore(page, JUNK);
        await page.waitFor('account-address', { timeout: 30_000 });
        // A short time through the same command the settings select uses (the select offers 1+ minutes).
        assert.deepEqual((await command(page, 'setAutoLock', { minutes: 0.05 })).result, { autoLockMinutes: 0.05 });
        await eventually(async () => (await command(page, 'status')).result.unlocked === false, {
          timeout: 15_000,
          interval: 500,
          message: 'auto-lock',
        });
        await page.goto(browser.extensionBaseUrl + 'popup.html');
        await page.waitFor('unlock-password');
      } finally {
        await browser.close();
      }
    });

    test('a damaged vault is never overwritten: the backup copy opens it, nothing lost', async () => {
      const browser = await freshBrowser();
      try {
        const page = await openWallet(browser);
        await restore(page, JUNK);
        await page.waitFor('account-address', { timeout: 30_000 });
        await page.click('account-add');
        await eventually(async () => (await command(page, 'accounts')).result.accounts.length === 2, { message: 'second account' });
        const stored = await page.evaluate(() => chrome.storage.local.get('vault').then((s) => s.vault));
        await page.evaluate((v) => chrome.storage.local.set({ vault: v.slice(0, v.length / 2) }), stored);
        await command(page, 'lock');
        await page.goto(browser.extensionBaseUrl + 'popup.html');
        await page.waitFor('vault-problem');
        await shot(page, browserName, 'vault-damaged');
        // Unlocking is refused rather than overwriting anything.
        assert.equal((await command(page, 'unlock', { password: PASSWORD })).error.data.coreCode, 'VAULT_CORRUPT');
        assert.notEqual(await page.evaluate(() => chrome.storage.local.get('vault').then((s) => s.vault)), stored);
        await page.click('vault-use-copy');
        await page.waitFor('unlock-password');
        await unlock(page);
        await page.waitFor('account-address');
        assert.equal((await command(page, 'accounts')).result.accounts.length, 2, 'the added account is still there');
      } finally {
        await browser.close();
      }
    });

    test('change password, then only the new one unlocks; backups restored in a fresh profile, never over a wallet without its password, every replaced one kept', async () => {
      const browser = await freshBrowser();
      const downloadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kura-backup-'));
      const oldDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kura-backup-old-'));
      let backupFile;
      let oldBackupFile;
      try {
        const page = await openWallet(browser);
        await restore(page, JUNK);
        await page.waitFor('account-address', { timeout: 30_000 });
        await page.click('settings-open');
        // A backup under the first password, then one under the second: two different vaults.
        oldBackupFile = (await browser.expectDownload(() => page.click('backup-export'), { dir: oldDir })).path;
        await page.fill('change-old-password', PASSWORD);
        await page.fill('change-new-password', 'a brand new password');
        await page.fill('change-new-password-confirm', 'a brand new password');
        await page.click('change-password-submit');
        await page.waitFor('form-success', { timeout: 20_000 });
        await command(page, 'lock');
        assert.equal((await command(page, 'unlock', { password: PASSWORD })).error.data.coreCode, 'VAULT_DECRYPT');
        assert.equal((await command(page, 'unlock', { password: 'a brand new password' })).error, undefined);

        await page.goto(browser.extensionBaseUrl + 'popup.html');
        await page.click('settings-open');
        const download = await browser.expectDownload(() => page.click('backup-export'), { dir: downloadDir });
        backupFile = download.path;
        const content = JSON.parse(fs.readFileSync(backupFile, 'utf8'));
        assert.equal(content.kind, 'kura-wallet-backup');
        assert.doesNotMatch(JSON.stringify(content), /test test/, 'the backup holds no plain phrase');
      } finally {
        await browser.close();
      }

      const fresh = await freshBrowser();
      try {
        const page = await openWallet(fresh);
        await page.click('onboarding-restore-file');
        await page.setInputFiles('backup-file', backupFile);
        await page.fill('backup-password', 'a brand new password');
        await page.click('backup-restore-submit');
        await page.waitFor('account-address', { timeout: 30_000 });
        assert.equal(await page.attr('account-address', 'data-address'), junkAccounts[0].address);

        // Restoring over this healthy wallet needs its password.
        await page.click('settings-open');
        await page.setInputFiles('backup-file', oldBackupFile);
        await page.fill('backup-password', PASSWORD);
        await page.click('backup-restore-submit');
        await page.waitFor('form-error');
        assert.equal((await command(page, 'restoreBackup', { content: fs.readFileSync(oldBackupFile, 'utf8'), password: PASSWORD })).error?.data?.coreCode, 'CURRENT_PASSWORD_REQUIRED');
        await page.fill('backup-current-password', 'not the password');
        await page.click('backup-restore-submit');
        await eventually(async () => /not the password of the wallet/.test(await page.text('form-error')), { message: 'wrong current password refused' });
        assert.equal((await command(page, 'replacedVaults')).result.length, 0, 'nothing replaced');
        const before = await page.evaluate(() => chrome.storage.local.get('vault').then((s) => s.vault));
        await page.fill('backup-current-password', 'a brand new password');
        await page.click('backup-restore-submit');
        await page.waitFor('account-address', { timeout: 30_000 });
        await eventually(async () => (await command(page, 'replacedVaults')).result.length === 1, { message: 'the replaced wallet is kept' });

        // Again, as someone who lost that password: after the warning, allowed; both kept.
        await page.click('settings-open');
        await page.setInputFiles('backup-file', backupFile);
        await page.fill('backup-password', 'a brand new password');
        await page.click('backup-forgot-current');
        await page.click('backup-restore-submit');
        await page.waitFor('account-address', { timeout: 30_000 });
        const kept = (await command(page, 'replacedVaults')).result;
        assert.equal(kept.length, 2, JSON.stringify(kept));

        // Each replaced wallet comes back, with its own password.
        await page.click('settings-open');
        await page.click(`css=[data-testid="replaced-vault"][data-id="${kept[1].id}"] [data-testid="replaced-vault-restore"]`);
        await page.waitFor('unlock-password');
        assert.equal((await command(page, 'unlock', { password: 'a brand new password' })).error?.data?.coreCode, 'VAULT_DECRYPT');
        assert.equal((await command(page, 'unlock', { password: PASSWORD })).error, undefined, 'the second replaced wallet is back');
        await page.goto(fresh.extensionBaseUrl + 'popup.html');
        await page.click('settings-open');
        const first = (await command(page, 'replacedVaults')).result.find((r) => r.id === kept[0].id);
        assert.ok(first, 'the first replaced wallet is still kept');
        await page.click(`css=[data-testid="replaced-vault"][data-id="${kept[0].id}"] [data-testid="replaced-vault-restore"]`);
        await page.waitFor('unlock-password');
        assert.equal((await command(page, 'unlock', { password: 'a brand new password' })).error, undefined, 'the first replaced wallet is back');
        assert.equal(await page.evaluate(() => chrome.storage.local.get('vault').then((s) => s.vault)), before);
      } finally {
        await fresh.close();
        fs.rmSync(downloadDir, { recursive: true, force: true });
        fs.rmSync(oldDir, { recursive: true, force: true });
      }
    });
  });
}

// Recovery, end to end in real Chromium and Firefox: importing MetaMask vaults written by
// MetaMask's own library (tests/vectors/metamask/vaults.json), pasted as JSON at onboarding,
// and as the LevelDB files a real Chromium wrote, through the file input of Settings → add
// accounts. The addresses expected are the vectors' (derived by ethers, not by this wallet).
// And the phrase assistant on the restore page: a phrase with a wrong word becomes the meant
// one (found by its first address, by an address the person knows, or by activity on anvil),
// with a progress bar and a cancel button; its speed in WASM measured over a phrase with a word
// missing. And the path finder: an account on the Ledger Live path found and added.
// Every expected address is derived here by ethers, never by this wallet. One browser profile per
// suite; anvil on port 8575 (8545 and 8565 belong to other suites) where a chain is needed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { HDNodeWallet, Mnemonic, wordlists } from 'ethers';
import { chainRpc, startAnvil } from './support/anvil.mjs';
import { BROWSERS, ROOT, eventually, extensionDir, recordMetric } from './support/harness.mjs';
import { JUNK, PASSWORD, command } from './support/wallet.mjs';

/** anvil for the suites that ask a chain: not the built-in 8545, so Localhost's endpoint is pointed here. */
const ANVIL_PORT = 8575;
/** The address at `path` of anvil's phrase, by ethers. @param {string} path */
const ethersAddress = (path) => HDNodeWallet.fromPhrase(JUNK, undefined, path).address;
/** A `messages.json` text with its $NAME$ placeholders filled in order. */
const filled = (key, ...values) => {
  let i = 0;
  return messages[key].message.replace(/\$[A-Z]+\$/g, () => values[i++]);
};

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
      // The notice names the keyrings that were skipped (the vector's: a Ledger).
      const notice = await page.evaluate(() => document.querySelector('[data-role="notice"]')?.textContent ?? '');
      assert.deepEqual(v.expected.skipped, ['Ledger Hardware']);
      assert.ok(notice.includes(filled('importMetaMaskSkipped', v.expected.skipped.join(', '))), notice);
      assert.ok(!notice.includes(messages.importMetaMaskWhich.message.split('$')[0]), 'one vault found: no "which opened" line');
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
      // Which vault opened, of those found (cases.json: every vault in these files, newest first).
      const found = JSON.parse(fs.readFileSync(path.join(METAMASK, 'leveldb/cases.json'), 'utf8')).cases.find((c) => c.name === 'compacted').expected;
      const notice = await page.evaluate(() => document.querySelector('[data-role="notice"]')?.textContent ?? '');
      assert.ok(notice.includes(filled('importMetaMaskWhich', String(found.indexOf('legacy-hdpath') + 1), String(found.length))), notice);
      assert.ok(notice.includes(filled('importMetaMaskAdded', String(expectedAccounts(newest, before.map(([, a]) => a)).length))), notice);
      assert.ok(!notice.includes(messages.importMetaMaskSkipped.message.split('$')[0]), 'nothing skipped in this vault');
      assert.deepEqual(await accounts(), [...before.filter(([k]) => k === 'hd'), ...expectedAccounts(newest), ...before.filter(([k]) => k === 'imported')]);
      const listed = (await command(page, 'accounts')).result.accounts.filter((a) => a.kind === 'hd').map((a) => a.path);
      assert.deepEqual(listed.slice(-2), ["m/44'/60'/0'/0", "m/44'/60'/0'/1"]);
    });
  });

  describe(`a wallet of imported keys only in ${browserName}`, () => {
    let browser;
    let page;
    before(async () => {
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName) });
      page = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
    });
    after(async () => browser?.close());

    test('no phrase: no "add account", no reveal (a note instead), no path finder', async () => {
      const v = vault('imported-only');
      await page.click('onboarding-import-metamask');
      await page.fill('metamask-vault', v.vault);
      await page.fill('metamask-password', v.password);
      await page.fill('new-password', PASSWORD);
      await page.fill('new-password-confirm', PASSWORD);
      await page.click('import-metamask-submit');
      await page.waitFor('account-address', { timeout: 60_000 });
      assert.equal(await page.attr('account-address', 'data-address'), v.expected.imported[0]);
      await page.waitFor('account-add', { state: 'hidden' });
      await page.click('settings-open');
      await page.waitFor('no-phrase', { timeout: 10_000 });
      await page.waitFor('reveal-password', { state: 'hidden' });
      // The panel stays hidden (it is shown only once the wallet says it has a phrase).
      await page.waitFor('contact-address');
      assert.equal(await page.evaluate(() => /** @type {HTMLElement} */ (document.querySelector('[data-role="paths-panel"]')).hidden), true);
      const scan = await command(page, 'pathScan', { start: 0, count: 10 });
      assert.equal(scan.error?.data?.coreCode, 'NO_PHRASE');
    });
  });

  describe(`the phrase assistant in ${browserName}`, () => {
    let browser;
    let page;
    let anvil;
    before(async () => {
      anvil = await startAnvil({ port: ANVIL_PORT });
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName) });
      page = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
      // Localhost (chain 31337) pointed at this suite's anvil.
      const set = await command(page, 'setNetworkRpc', { chainId: '0x7a69', url: anvil.url });
      assert.equal(set.error, undefined, JSON.stringify(set.error));
    });
    after(async () => {
      await browser?.close();
      await anvil?.stop();
    });

    const FIRST = ethersAddress("m/44'/60'/0'/0/0");
    const progress = () => page.evaluate(() => {
      const p = /** @type {HTMLProgressElement} */ (document.querySelector('[data-testid="phrase-assistant-progress"]'));
      return { value: p.value, max: p.max, state: p.dataset.state };
    });
    /** The candidates as listed, top first. */
    const listed = () => page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="phrase-candidate"]')].map((e) => {
        const d = /** @type {HTMLElement} */ (e).dataset;
        return { address: d.address, known: d.known, knownIndex: d.knownIndex, activity: d.activity };
      }),
    );
    const status = () => page.evaluate(() => document.querySelector('[data-role="assistant-status"]')?.textContent ?? '');
    /** Waits until the search (and its activity check) ends in `state`. */
    const ended = (state) => eventually(async () => (await progress()).state === state, { timeout: 90_000, message: `the assistant to end ${state}` });
    /** Typed "test test tezt ...": an unknown word 3, so word 3 is replaced (about 128 candidates). */
    const TYPED = (() => {
      const words = JUNK.split(' ');
      words[2] = 'tezt';
      return words.join(' ');
    })();

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
      const { value, max, state } = await progress();
      assert.ok(value < max, `stopped before the end (${value} of ${max})`);
      assert.equal(state, 'stopped');
      assert.equal((await command(page, 'status')).result.hasVault, false, 'nothing created');
    });

    test('an unknown word: the search finishes and lists the meant phrase by its first address', async () => {
      await page.fill('import-phrase', TYPED);
      await page.click('import-submit');
      await page.waitFor('form-error');
      await page.click('phrase-assistant-start');
      await ended('done');
      const list = await listed();
      assert.ok(list.length > 50, `${list.length} candidates`);
      assert.ok(list.some((c) => c.address === FIRST));
      assert.ok(list.every((c) => c.known === undefined && c.activity === undefined), 'nothing ranked without a known address or activity');
    });

    test('activity on a chosen network: the funded candidate comes first, marked; a dead endpoint is a clear error', async () => {
      await page.click('phrase-assistant-activity');
      await page.evaluate(() => {
        const select = /** @type {HTMLSelectElement} */ (document.querySelector('[data-testid="phrase-assistant-network"]'));
        select.value = '0x7a69';
        select.dispatchEvent(new Event('change'));
      });
      const hint = await page.evaluate(() => document.querySelector('[data-role="assistant-activity-hint"]')?.textContent ?? '');
      assert.ok(hint.includes('Localhost 8545 (http://127.0.0.1:8575)'), `the hint names the network and its endpoint: ${hint}`);
      await page.click('phrase-assistant-start');
      await ended('done');
      const list = await listed();
      assert.equal(list[0].address, FIRST, 'the funded candidate first');
      assert.equal(list[0].activity, 'true');
      assert.equal(list.filter((c) => c.activity === 'true').length, 1, 'only anvil\'s phrase has activity');
      assert.ok(list.slice(1, 10).every((c) => c.activity === 'false'), 'the next ones were checked and have none');
      assert.ok((await status()).includes(filled('assistantActivityDone', String(Math.min(list.length, 200)), '1', 'Localhost 8545')), await status());

      // The endpoint goes away: the error names it, and the candidates are still listed.
      await anvil.stop();
      await page.click('phrase-assistant-start');
      await ended('failed');
      const error = await page.text('form-error');
      assert.ok(error.includes(filled('assistantActivityFailed', 'http://127.0.0.1:8575', '').trim()), error);
      assert.ok((await listed()).length > 50, 'the candidates found are still listed');
      await page.click('phrase-assistant-activity');
    });

    test('a known address (the 3rd standard account): its candidate first and marked; using it restores the wallet', async () => {
      const third = ethersAddress("m/44'/60'/0'/0/2");
      await page.fill('phrase-assistant-known', third.toLowerCase());
      await page.click('phrase-assistant-start');
      await ended('done');
      const list = await listed();
      assert.deepEqual([list[0].address, list[0].known, list[0].knownIndex, list[0].activity], [FIRST, 'true', '2', undefined]);
      assert.equal(list.filter((c) => c.known).length, 1, 'only the meant phrase holds it');
      assert.ok((await status()).includes(filled('assistantKnownFound', String(list.length), '1')));
      await page.click('css=[data-testid="phrase-candidate"]:first-child [data-testid="phrase-candidate-use"]');
      assert.equal(await page.evaluate(() => /** @type {HTMLTextAreaElement} */ (document.querySelector('[data-testid="import-phrase"]')).value), JUNK);
      await page.click('import-submit');
      await page.waitFor('account-address', { timeout: 60_000 });
      assert.equal(await page.attr('account-address', 'data-address'), FIRST);
    });

    test('how fast in WASM: every phrase one word away from 11 words (measured, not asserted)', async () => {
      // "test ×10 junk": one "test" missing. The candidates are every valid phrase with one word
      // inserted anywhere, computed here with ethers' own checksum check.
      const eleven = JUNK.split(' ').slice(1).join(' ');
      const words = eleven.split(' ');
      const list = wordlists.en;
      const expected = new Set();
      for (let p = 0; p <= words.length; p++) {
        for (let i = 0; i < 2048; i++) {
          const phrase = [...words.slice(0, p), list.getWord(i), ...words.slice(p)].join(' ');
          if (Mnemonic.isValidMnemonic(phrase)) expected.add(phrase);
        }
      }
      const m = await page.evaluate(async (typed) => {
        const { core } = await import(chrome.runtime.getURL('background/core.js'));
        const c = await core();
        const assistant = new c.PhraseAssistant(typed, '');
        const found = [];
        const t0 = performance.now();
        while (!assistant.isFinished()) found.push(...assistant.step(2000));
        const ms = performance.now() - t0;
        const out = { tried: assistant.tried(), total: assistant.total(), ms, phrases: found.map((f) => f.phrase), addresses: found.map((f) => f.address) };
        assistant.free();
        return out;
      }, eleven);
      assert.equal(m.tried, 12 * 2048);
      assert.equal(m.total, m.tried);
      assert.deepEqual(new Set(m.phrases), expected, 'exactly the valid phrases ethers finds');
      assert.equal(m.phrases.length, expected.size, 'each once');
      assert.equal(m.addresses[m.phrases.indexOf(JUNK)], FIRST);
      // A sample of first addresses against ethers.
      for (const i of [0, Math.floor(m.phrases.length / 2), m.phrases.length - 1]) {
        assert.equal(m.addresses[i], HDNodeWallet.fromPhrase(m.phrases[i], undefined, "m/44'/60'/0'/0/0").address);
      }
      recordMetric(`${browserName}.assistantMissingWord.tried`, m.tried, 'phrases');
      recordMetric(`${browserName}.assistantMissingWord.candidates`, m.phrases.length, 'phrases');
      recordMetric(`${browserName}.assistantMissingWord.ms`, m.ms, 'ms');
      recordMetric(`${browserName}.assistantMissingWord.candidatesPerSecond`, (m.phrases.length / m.ms) * 1000, 'candidates/s');
      console.log(`${browserName}: ${m.tried} tried, ${m.phrases.length} candidates with their first address, ${m.ms.toFixed(0)} ms`);
    });
  });

  describe(`accounts on other paths in ${browserName}`, () => {
    let browser;
    let page;
    let anvil;
    before(async () => {
      anvil = await startAnvil({ port: ANVIL_PORT });
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName) });
      page = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
      const set = await command(page, 'setNetworkRpc', { chainId: '0x7a69', url: anvil.url });
      assert.equal(set.error, undefined, JSON.stringify(set.error));
      assert.equal((await command(page, 'switchNetwork', { chainId: '0x7a69' })).error, undefined);
      const restored = await command(page, 'restoreWallet', { phrase: JUNK, password: PASSWORD });
      assert.equal(restored.error, undefined, JSON.stringify(restored.error));
      await page.goto(browser.extensionBaseUrl + 'popup.html');
      await page.waitFor('account-address', { timeout: 30_000 });
    });
    after(async () => {
      await browser?.close();
      await anvil?.stop();
    });

    const LEDGER2_PATH = "m/44'/60'/2'/0/0";
    const accounts = async () => (await command(page, 'accounts')).result.accounts;
    const found = () => page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="path-account"]')].map((e) => {
        const d = /** @type {HTMLElement} */ (e).dataset;
        return { address: d.address, path: d.path, scheme: d.scheme, index: d.index, reason: d.reason, held: d.held };
      }),
    );
    const ended = () => eventually(async () => ['done', 'failed', 'stopped'].includes(await page.attr('paths-progress', 'data-state')), { timeout: 60_000, message: 'the path finder to end' });

    test('a known address on the Ledger Live path (index 2): found, added, listed with its path, kept after lock/unlock', async () => {
      const ledger2 = ethersAddress(LEDGER2_PATH);
      const before = await accounts();
      assert.ok(!before.some((a) => a.address === ledger2));
      await page.click('settings-open');
      await page.click('paths-open');
      await page.fill('paths-known', ledger2);
      await page.click('paths-search');
      await ended();
      assert.equal(await page.attr('paths-progress', 'data-state'), 'done');
      assert.deepEqual(await found(), [{ address: ledger2, path: LEDGER2_PATH, scheme: 'ledger-live', index: '2', reason: 'known', held: 'false' }]);
      await page.click(`css=[data-testid="path-account"][data-address="${ledger2}"] [data-testid="path-account-add"]`);
      await page.waitFor('form-success');
      const after = await accounts();
      assert.equal(after.length, before.length + 1);
      assert.deepEqual(
        after.filter((a) => a.address === ledger2).map((a) => [a.kind, a.path]),
        [['hd', LEDGER2_PATH]],
      );
      // The same path again, and a path of no scheme: clear errors, nothing changes.
      const again = await command(page, 'addAccountAtPath', { path: LEDGER2_PATH });
      assert.equal(again.error?.data?.coreCode, 'DUPLICATE_ACCOUNT');
      const odd = await command(page, 'addAccountAtPath', { path: "m/44'/60'/0'/1/0" });
      assert.equal(odd.error?.data?.coreCode, 'PATH_UNSUPPORTED');
      assert.equal((await accounts()).length, after.length);

      // Home lists it with its path; after lock and unlock it is still there, at that path.
      await page.goto(browser.extensionBaseUrl + 'popup.html');
      await page.waitFor('account-address', { timeout: 30_000 });
      await page.click('lock');
      await page.fill('unlock-password', PASSWORD);
      await page.click('unlock-submit');
      await page.waitFor('account-address', { timeout: 30_000 });
      assert.deepEqual(
        (await accounts()).filter((a) => a.address === ledger2).map((a) => a.path),
        [LEDGER2_PATH],
      );
      assert.equal(await page.attr(`css=[data-testid="account-option"][data-address="${ledger2}"]`, 'data-path'), LEDGER2_PATH);
      assert.equal(await page.text(`css=[data-testid="account-option"][data-address="${ledger2}"] [data-testid="account-path"]`), LEDGER2_PATH);
    });

    test('activity on the current network: the funded standard accounts not yet held are listed, each at its path', async () => {
      // anvil funds the first 10 standard accounts of its phrase (the restore discovered them);
      // here two accounts on the other paths get a balance too.
      const elsewhere = ["m/44'/60'/1'/0/0", "m/44'/60'/0'/3"];
      for (const p of elsewhere) await chainRpc('anvil_setBalance', [ethersAddress(p), '0xde0b6b3a7640000'], anvil.url);
      const held = new Set((await accounts()).map((a) => a.address));
      await page.click('settings-open');
      await page.click('paths-open');
      await page.click('paths-activity');
      await page.click('paths-search');
      await ended();
      assert.equal(await page.attr('paths-progress', 'data-state'), 'done');
      const funded = [
        ...Array.from({ length: 10 }, (_, i) => [`m/44'/60'/0'/0/${i}`, 'standard', i]),
        [elsewhere[0], 'ledger-live', 1],
        [elsewhere[1], 'legacy', 3],
      ];
      const expected = funded
        .map(([path, scheme, index]) => ({ address: ethersAddress(path), path, scheme, index: String(index), reason: 'activity', held: 'false' }))
        .filter((a) => !held.has(a.address));
      assert.ok(expected.some((a) => a.scheme === 'ledger-live') && expected.some((a) => a.scheme === 'legacy'));
      assert.deepEqual(await found(), expected);
    });
  });
}

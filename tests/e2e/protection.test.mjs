// Protection judged locally, end to end in real Chromium and Firefox: the phrase guard notices a
// secret phrase typed into a web page (one field, or one word in each of 12 fields) and warns
// naming the site; ordinary text does not; a site can be trusted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './lib/browser.mjs';
import { startAnvil } from './support/anvil.mjs';
import { serveDir } from './support/server.mjs';
import { BROWSERS, PAGES_DIR, eventually, extensionDir } from './support/harness.mjs';
import { JUNK, command, readyWallet } from './support/wallet.mjs';

const ENGLISH = 'I would like to buy two tickets for the concert on Friday night, near the stage if possible please';

for (const browserName of BROWSERS) {
  describe(`protection in ${browserName}`, () => {
    let browser, anvil, wallet, sites;

    before(async () => {
      anvil = await startAnvil();
      sites = await Promise.all([serveDir(PAGES_DIR), serveDir(PAGES_DIR), serveDir(PAGES_DIR)]);
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName) });
      wallet = await readyWallet(browser);
    });
    after(async () => {
      await browser?.close();
      for (const s of sites ?? []) await s.close();
      await anvil?.stop();
    });

    /** What the guard saw, per origin (the wallet keeps no words, only when and where). */
    const seen = async (origin) =>
      ((await wallet.evaluate(() => chrome.storage.session.get('phraseGuardSeen')))?.phraseGuardSeen ?? []).filter((e) => e.origin === origin);

    test('the phrase guard: a phrase in one field, or a word in each of 12 fields, opens the warning naming the site; ordinary text does not', async () => {
      const [one, many, plain] = sites;
      // Ordinary English in a text field, then (on another load) the phrase: one report only.
      const page = await browser.openPage(plain.origin + '/phrase-form.html');
      await page.fill('css=#note', ENGLISH);
      await page.fill('css=#note', ENGLISH + ' and thank you');
      await page.goto(plain.origin + '/phrase-form.html');
      await page.fill('css=#phrase', JUNK);
      const guard = await browser.waitForNewPage({ url: /phrase-guard\.html/, timeout: 15_000 });
      await guard.waitFor('phrase-guard');
      assert.equal(await guard.attr('phrase-guard', 'data-origin'), plain.origin);
      assert.equal((await seen(plain.origin)).length, 1, 'the ordinary text was not taken for a phrase');
      // The button closes its own window: the click may be cut off by that, which is its success
      // (the next line checks that the window is gone).
      await guard.click('phrase-guard-close').catch((err) => {
        if (!/closed/i.test(String(err?.message))) throw err;
      });
      await eventually(() => guard.isClosed() || guard.url().then(() => false, () => true), { message: 'the warning closes' });

      // One word in each of 12 fields.
      await page.goto(many.origin + '/phrase-form.html');
      const words = JUNK.split(' ');
      for (let i = 0; i < 12; i++) await page.fill(`css=#word-${i + 1}`, words[i]);
      const second = await browser.waitForNewPage({ url: /phrase-guard\.html/, timeout: 15_000 });
      await second.waitFor('phrase-guard');
      assert.equal(await second.attr('phrase-guard', 'data-origin'), many.origin);

      // A site the person trusts for this is not warned about again.
      await second.click('phrase-guard-trust');
      await eventually(async () => (await wallet.evaluate(() => chrome.storage.local.get('phraseGuardTrusted'))).phraseGuardTrusted?.includes(many.origin), {
        message: 'trusted',
      });
      await page.goto(many.origin + '/phrase-form.html');
      await page.fill('css=#phrase', JUNK);
      await page.fill('css=#phrase', JUNK + ' ');
      // A report from a trusted site is dropped before it is recorded; Japanese words on the
      // third site prove the guard still works meanwhile.
      await page.goto(one.origin + '/phrase-form.html');
      const ja = (await command(wallet, 'generatePhrase', { words: 12, language: 'ja' })).result.phrase;
      await page.fill('css=#phrase', ja);
      const third = await browser.waitForNewPage({ url: /phrase-guard\.html/, timeout: 15_000 });
      assert.equal(await third.attr('phrase-guard', 'data-origin'), one.origin);
      assert.equal((await seen(many.origin)).length, 1, 'the trusted site was not reported again');
      await third.close();
      await page.close();
    });
  });
}

// Phishing sites, end to end in real Chromium and Firefox: a listed site is replaced by the
// warning before anything of it loads (its own script would call the test server: it never
// does), a look-alike of a well-known site is warned about, an ordinary site is not stopped; the
// person can continue (remembered); the list refreshes from its URL and a malformed one is
// refused; a phishing site the person continued to still carries phishing-origin on its
// requests. The test hosts resolve to this machine (a launch option per browser).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { serveDir } from './support/server.mjs';
import { BROWSERS, PAGES_DIR, eventually, extensionDir } from './support/harness.mjs';
import { startAnvil } from './support/anvil.mjs';
import { Approvals, answer, approveDisabled, command, readyWallet, start } from './support/wallet.mjs';

/** On the bundled list (eth-phishing-detect's own test host; tests/vectors/risk/phishing-hosts.json). */
const LISTED = 'wallet-ethereum.net';
/** Not listed: "rn" for "m", a look-alike of metamask.io (the same vectors). */
const LOOKALIKE = 'rnetamask.io';
/** A made-up name that is neither listed nor like any well-known site. */
const BENIGN = 'quiet-harbor-bakery.test';
/** Listed only by the list the test serves for the refresh. */
const REFRESHED = 'kura-refresh-check.test';
const TEST_HOSTS = [LISTED, LOOKALIKE, BENIGN, REFRESHED];

/** Launch options that resolve the test hosts to this machine (each browser has its own way). */
const resolveTestHosts = (browserName) =>
  browserName === 'chromium'
    ? { args: [`--host-resolver-rules=${TEST_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`] }
    : { prefs: { 'network.dns.localDomains': TEST_HOSTS.join(',') } };

for (const browserName of BROWSERS) {
  describe(`phishing sites in ${browserName}`, () => {
    let browser, wallet, web, lists, listDir, anvil;
    /** Every request the test hosts' server received: { host, path, headers }. */
    const heard = [];
    /** The list server's requests (what the wallet sends when it downloads the list). */
    const listRequests = [];

    before(async () => {
      web = await serveDir(PAGES_DIR, {
        onRequest: (req) => heard.push({ host: String(req.headers.host).replace(/:\d+$/, ''), path: String(req.url), headers: req.headers }),
      });
      // The lists a refresh downloads: the bundled one plus one host, and a truncated one.
      listDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-lists-'));
      const bundled = fs.readFileSync(path.join(extensionDir(browserName), 'risk/eth-phishing-detect-config.json'), 'utf8');
      const list = JSON.parse(bundled);
      list.blacklist.push(REFRESHED);
      fs.writeFileSync(path.join(listDir, 'good.json'), JSON.stringify(list));
      fs.writeFileSync(path.join(listDir, 'truncated.json'), bundled.slice(0, bundled.length / 2));
      lists = await serveDir(listDir, { onRequest: (req) => listRequests.push(req.headers) });
      anvil = await startAnvil();
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName), ...resolveTestHosts(browserName) });
      // The wallet's own page, to send its commands.
      wallet = await readyWallet(browser);
    });
    after(async () => {
      await browser?.close();
      for (const s of [web, lists]) await s?.close();
      await anvil?.stop();
      if (listDir) fs.rmSync(listDir, { recursive: true, force: true });
    });

    const siteUrl = (host, query = '') => `http://${host}:${web.port}/phishing-site.html${query}`;
    /** Requests from the test page's own script (it runs only if the page loaded). */
    const beacons = (host) => heard.filter((r) => r.host === host && r.path.startsWith('/beacon')).length;
    const requestsFor = (host) => heard.filter((r) => r.host === host).length;
    const onWarning = async (page) => (await page.url()).startsWith(browser.extensionBaseUrl + 'phishing.html');
    const reasonIs = async (page, reason) => {
      await page.waitFor('phishing-warning');
      await eventually(async () => (await page.attr('phishing-warning', 'data-reason')) === reason, { message: `data-reason ${reason}` });
    };

    test('a listed site: the warning replaces it before any of it loads; back leaves; continue loads it and is remembered', async () => {
      await eventually(async () => (await wallet.evaluate(() => chrome.declarativeNetRequest.getDynamicRules())).length > 0, {
        timeout: 15_000,
        message: 'the phishing rules installed',
      });
      const page = await browser.openPage(siteUrl(LISTED));
      await reasonIs(page, 'listed');
      assert.ok(await onWarning(page), 'the warning is in the tab the person opened');
      assert.equal(await page.attr('phishing-warning', 'data-imitates'), null);
      assert.equal(requestsFor(LISTED), 0, 'nothing of the site was requested, so none of its scripts ran');
      assert.match(await page.text('css=[data-role="list-source"]'), /eth-phishing-detect/, 'the list is named, with its licence');
      // Only the warning page, in its own tab, may continue to a site.
      const forged = await command(wallet, 'continueToSite', { url: siteUrl(LISTED) });
      assert.equal(forged.error?.code, 4100);

      await page.click('phishing-back');
      await eventually(async () => !(await onWarning(page)), { message: 'back leaves the warning' });
      assert.equal(requestsFor(LISTED), 0);

      await page.goto(siteUrl(LISTED));
      await reasonIs(page, 'listed');
      await page.click('phishing-continue');
      await eventually(() => beacons(LISTED) === 1, { timeout: 10_000, message: "the site's own script ran after continue" });
      // The driver may report the tab's new URL a moment after the site's script has run.
      await eventually(async () => new URL(await page.url()).hostname === LISTED, { message: 'the tab is on the site' });
      // Remembered: the next visit goes straight to the site; its verdict still says phishing.
      await page.goto(siteUrl(LISTED, '?again'));
      await eventually(() => beacons(LISTED) === 2, { timeout: 10_000, message: 'the second visit loads the site' });
      await eventually(async () => new URL(await page.url()).hostname === LISTED, { message: 'the tab is on the site' });
      const verdict = (await command(wallet, 'phishingVerdict', { url: siteUrl(LISTED) })).result;
      assert.deepEqual([verdict.phishing, verdict.reason, verdict.continued], [true, 'listed', true]);
      await page.close();
    });

    test("a listed site the person continued to still carries phishing-origin (high) on its requests; an ordinary site only new-site", async () => {
      const warnings = (win) =>
        win.evaluate(() => [...document.querySelectorAll('[data-testid="risk-warning"]')].map((e) => `${e.dataset.risk}:${e.dataset.severity}`).sort());
      const approvals = new Approvals(browser, browserName);
      // LISTED was continued to in the test above.
      const page = await browser.openPage(`http://${LISTED}:${web.port}/index.html`);
      const id = await start(page, 'eth_requestAccounts');
      const win = await approvals.expect('connect');
      assert.deepEqual(await warnings(win), ['new-site:info', 'phishing-origin:high']);
      assert.equal(await approveDisabled(win), true, 'a phishing site must be acknowledged first');
      await win.click('approval-reject');
      assert.equal((await answer(page, id)).error?.code, 4001);
      await approvals.done();

      await page.goto(`http://${BENIGN}:${web.port}/index.html`);
      const other = await start(page, 'eth_requestAccounts');
      const benign = await approvals.expect('connect');
      assert.deepEqual(await warnings(benign), ['new-site:info']);
      await benign.click('approval-reject');
      assert.equal((await answer(page, other)).error?.code, 4001);
      await approvals.done();
      await page.close();
    });

    test('a look-alike site is warned about with the site it imitates; an ordinary site is not stopped', async () => {
      const page = await browser.openPage();
      // The tab is sent to the warning while the site loads: the first navigation may be cut short.
      await page.goto(siteUrl(LOOKALIKE)).catch(() => {});
      await reasonIs(page, 'lookalike');
      assert.equal(await page.attr('phishing-warning', 'data-imitates'), 'metamask.io');
      assert.ok(await onWarning(page));

      await page.goto(siteUrl(BENIGN));
      await eventually(() => beacons(BENIGN) === 1, { timeout: 10_000, message: 'the ordinary site loads' });
      assert.equal(new URL(await page.url()).hostname, BENIGN);
      const verdict = (await command(wallet, 'phishingVerdict', { url: siteUrl(BENIGN) })).result;
      assert.equal(verdict.phishing, false);
      await page.close();
    });

    test('the list refreshes from its URL without anything about the person; a malformed list is refused and the one in use stays', async () => {
      const before = (await command(wallet, 'phishingListStatus')).result;
      assert.deepEqual([before.enabled, before.url, before.origin], [true, before.defaultUrl, 'bundled']);
      assert.equal((await command(wallet, 'setPhishingListSource', { url: lists.origin + '/good.json' })).result.url, lists.origin + '/good.json');
      const refreshed = await command(wallet, 'refreshPhishingList');
      assert.equal(refreshed.result?.blocked, before.list.blocked + 1, JSON.stringify(refreshed));
      assert.equal(listRequests.length, 1);
      assert.equal(listRequests[0].cookie, undefined);
      assert.equal(listRequests[0].referer, undefined);

      const page = await browser.openPage(siteUrl(REFRESHED));
      await reasonIs(page, 'listed');
      assert.equal(requestsFor(REFRESHED), 0);

      await command(wallet, 'setPhishingListSource', { url: lists.origin + '/truncated.json' });
      const refused = await command(wallet, 'refreshPhishingList');
      assert.equal(refused.error?.data?.coreCode, 'RISK_LIST_INVALID', JSON.stringify(refused));
      assert.equal((await command(wallet, 'phishingListStatus')).result.list.blocked, before.list.blocked + 1);

      // After the worker stops, the list it kept is the one in use (and the rules stay).
      await browser.stopBackground();
      await page.goto(siteUrl(REFRESHED, '?after-restart'));
      await reasonIs(page, 'listed');
      assert.equal(requestsFor(REFRESHED), 0);
      assert.equal((await command(wallet, 'phishingListStatus')).result.origin, 'downloaded');
      await page.close();
    });

    test('the daily refresh is a setting: on by default, and off stops it', async () => {
      const alarm = () => wallet.evaluate(() => chrome.alarms.get('phishing-list-refresh').then((a) => a?.periodInMinutes ?? null));
      assert.equal(await alarm(), 24 * 60);
      const popup = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
      await popup.click('settings-open');
      await popup.waitFor('setting-phishing-refresh');
      const checked = () => popup.evaluate(() => document.querySelector('[data-testid="setting-phishing-refresh"]').checked);
      await eventually(checked, { message: 'the refresh is on' });
      await popup.click('setting-phishing-refresh');
      await eventually(async () => (await command(wallet, 'phishingListStatus')).result.enabled === false, { message: 'the refresh turned off' });
      assert.equal(await alarm(), null);
      await popup.click('setting-phishing-refresh');
      await eventually(async () => (await alarm()) === 24 * 60, { message: 'the refresh scheduled again' });
      await popup.close();
    });
  });
}

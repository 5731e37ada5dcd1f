// Hostile pages and hostile endpoints, end to end in real Chromium and Firefox against anvil:
// an iframe is its own site (never the page that embeds it) and an opaque frame cannot connect;
// a page cannot make the wallet contact a URL before the person agrees; a page cannot flood the
// approval window, nor slip its next request under a double click; an RPC endpoint that stalls,
// floods, lies about types or about a hash gets a clear error in time; hidden characters and
// borrowed network names are refused or warned; a restore never silently replaces a healthy
// wallet (onboarding.test.mjs); an old profile is migrated when the wallet starts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Wallet as EthersWallet, verifyMessage } from 'ethers';
import { launchBrowser } from './lib/browser.mjs';
import { chainRpc, startAnvil } from './support/anvil.mjs';
import { FAKE_HASH, hostileRpc, recordingServer } from './support/hostile.mjs';
import { serveDir } from './support/server.mjs';
import { BROWSERS, PAGES_DIR, ROOT, eventually, extensionDir } from './support/harness.mjs';
import { Approvals, PASSWORD, answer, ask, clickApprove, command, readyWallet, start } from './support/wallet.mjs';

const ACCOUNT0 = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/vectors/eth-hd.json'), 'utf8')).vectors[0].address;
const LOCALHOST = '0x7a69';

/** A request to the iframe `#id` of `page`, started now and collected later (it may wait for the person). */
const startInFrame = (page, method, params, id = 'frame') =>
  page.evaluate(
    (m, p, f) => {
      window.__framePending = window.__framePending || {};
      const key = Math.random().toString(36).slice(2);
      window.__framePending[key] = window.__askFrame(`#${f}`, { kuraTestAsk: { method: m, params: p } });
      return key;
    },
    method,
    params ?? null,
    id,
  );
const inFrame = async (page, method, params, id = 'frame') => page.evaluate((k) => window.__framePending[k], await startInFrame(page, method, params, id));
const frameEvents = (page, id = 'frame') => page.evaluate((f) => window.__askFrame(`#${f}`, { kuraTestEvents: {} }), id);
const accountEvents = (events) => events.filter((e) => e.name === 'accountsChanged').map((e) => e.data);

for (const browserName of BROWSERS) {
  describe(`hostile pages and endpoints in ${browserName}`, () => {
    let browser, anvil, site, other, sandboxed, wallet, approvals, top;

    before(async () => {
      anvil = await startAnvil();
      site = await serveDir(PAGES_DIR);
      other = await serveDir(PAGES_DIR);
      // A whole page with an opaque origin: the response sandboxes it.
      sandboxed = await serveDir(PAGES_DIR, { headers: () => ({ 'content-security-policy': 'sandbox allow-scripts' }) });
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName) });
      wallet = await readyWallet(browser);
      approvals = new Approvals(browser, browserName);
      top = await browser.openPage(site.origin + '/index.html');
      const id = await start(top, 'eth_requestAccounts');
      await approvals.approve('connect');
      assert.deepEqual(await answer(top, id), { result: [ACCOUNT0] });
      await approvals.done();
    });
    after(async () => {
      await browser?.close();
      for (const s of [site, other, sandboxed]) await s?.close();
      await anvil?.stop();
    });

    test('an iframe is its own site: it sees no account, cannot sign, hears no account event; it connects under its own name', async () => {
      await top.evaluate((src) => window.__addFrame(src), other.origin + '/index.html');
      assert.deepEqual(await inFrame(top, 'eth_accounts'), { result: [] }, "the frame does not borrow the top page's connection");
      assert.equal((await inFrame(top, 'personal_sign', ['0x6869', ACCOUNT0])).error?.code, 4100);
      assert.equal((await inFrame(top, 'eth_sendTransaction', [{ from: ACCOUNT0, to: ACCOUNT0, value: '0x1' }])).error?.code, 4100);

      // Lock and unlock: the connected top page hears it, the frame of another origin does not.
      const heard = accountEvents(await top.evaluate(() => window.__events)).length;
      await command(wallet, 'lock');
      await command(wallet, 'unlock', { password: PASSWORD });
      await eventually(async () => JSON.stringify(accountEvents(await top.evaluate(() => window.__events)).slice(heard)) === JSON.stringify([[], [ACCOUNT0]]), {
        message: 'accountsChanged [] then the account to the top page',
      });
      assert.deepEqual(accountEvents(await frameEvents(top)), [], 'no accountsChanged reaches the frame');

      // The frame's own origin asks to connect: the approval names it, and the page it sits in.
      const key = await startInFrame(top, 'eth_requestAccounts');
      const win = await approvals.expect('connect', { screenshot: 'connect-embedded' });
      assert.equal(await win.text('approval-origin'), other.origin);
      assert.equal(await win.attr('approval-embedded-in', 'data-origin'), site.origin);
      await clickApprove(win);
      assert.deepEqual(await top.evaluate((k) => window.__framePending[k], key), { result: [ACCOUNT0] });
      await approvals.done();
      await eventually(async () => accountEvents(await frameEvents(top)).length > 0, { message: 'the connected frame hears its accountsChanged' });

      // Now connected, the frame signs under its own name.
      const sign = await startInFrame(top, 'personal_sign', ['0x' + Buffer.from('from the frame').toString('hex'), ACCOUNT0]);
      const signWin = await approvals.expect('personal_sign');
      assert.equal(await signWin.text('approval-origin'), other.origin);
      await clickApprove(signWin);
      const signed = await top.evaluate((k) => window.__framePending[k], sign);
      assert.equal(verifyMessage('from the frame', signed.result), ACCOUNT0);
      await approvals.done();
      await command(wallet, 'disconnectSite', { origin: other.origin });
    });

    test('a frame or page with an opaque origin cannot connect, even inside a connected site', async () => {
      // A sandboxed iframe of the connected site's own URL: its origin is opaque, not the site's.
      await top.evaluate((src) => window.__addFrame(src, { id: 'sandboxed', sandbox: 'allow-scripts' }), site.origin + '/index.html');
      const framed = await inFrame(top, 'eth_accounts', null, 'sandboxed');
      if (framed.error?.message !== 'no provider') {
        assert.deepEqual(framed, { result: [] });
        assert.equal((await inFrame(top, 'eth_requestAccounts', null, 'sandboxed')).error?.code, 4100);
        assert.equal((await inFrame(top, 'personal_sign', ['0x6869', ACCOUNT0], 'sandboxed')).error?.code, 4100);
      }
      // A page served with `Content-Security-Policy: sandbox allow-scripts`.
      const page = await browser.openPage(sandboxed.origin + '/index.html');
      assert.equal(await page.evaluate(() => window.origin), 'null');
      if (await page.evaluate(() => typeof window.ethereum === 'object')) {
        assert.equal((await ask(page, 'eth_requestAccounts')).error?.code, 4100);
        assert.equal((await ask(page, 'wallet_switchEthereumChain', [{ chainId: '0x1' }])).error?.code, 4100);
        assert.deepEqual(await ask(page, 'eth_accounts'), { result: [] });
        assert.deepEqual(await ask(page, 'eth_chainId'), { result: LOCALHOST }, 'it may still read the chain');
      }
      await page.close();
    });

    test('wallet_addEthereumChain: nothing is contacted before Approve, no redirect is followed, the page learns nothing', async () => {
      const recorder = await recordingServer();
      const proposal = (rpc, chainId, name) => [{ chainId, chainName: name, rpcUrls: [rpc], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } }];
      try {
        const id = await start(top, 'wallet_addEthereumChain', proposal(recorder.url + '/rpc/0x1a2b', '0x1a2b', 'Recorded Chain'));
        const win = await approvals.expect('add_chain');
        assert.deepEqual(recorder.requests, [], 'no request before the person answers');
        await clickApprove(win);
        assert.deepEqual(await answer(top, id), { result: null });
        assert.deepEqual(recorder.requests.map((r) => [r.path, JSON.parse(r.body).method]), [['/rpc/0x1a2b', 'eth_chainId']]);
        assert.deepEqual(await ask(top, 'eth_chainId'), { result: '0x1a2b' });
        const back = await start(top, 'wallet_switchEthereumChain', [{ chainId: LOCALHOST }]);
        await approvals.approve('switch_chain');
        await answer(top, back);
        await approvals.done();

        // A URL that redirects to one that would answer: refused without following it.
        recorder.requests.length = 0;
        const redirected = await start(top, 'wallet_addEthereumChain', proposal(recorder.url + '/redirect/0x1a2e', '0x1a2e', 'Redirected'));
        const win2 = await approvals.expect('add_chain');
        assert.deepEqual(recorder.requests, []);
        await clickApprove(win2);
        const refused = await answer(top, redirected);
        assert.equal(refused.error?.code, -32603);
        assert.equal(refused.error.message, 'the RPC endpoint did not answer with chain 0x1a2e; the network was not added');
        assert.deepEqual(recorder.requests.map((r) => r.path), ['/redirect/0x1a2e'], 'the redirect was not followed');
        assert.match(await win2.text('form-error'), /6702/, 'the window says which chain was expected');
        await win2.click('approval-reject');
        await approvals.done();

        // Something that is not JSON-RPC: the page hears only that it is not that chain.
        const banner = await start(top, 'wallet_addEthereumChain', proposal(recorder.url + '/banner', '0x1a2c', 'Banner'));
        await approvals.approve('add_chain');
        const told = await answer(top, banner);
        assert.equal(told.error?.message, 'the RPC endpoint did not answer with chain 0x1a2c; the network was not added');
        assert.doesNotMatch(JSON.stringify(told), /OpenSSH|lan-secret/);
        await (await approvals.window()).click('approval-reject');
        await approvals.done();

        // Away from a local network, a page may not propose this machine at all.
        recorder.requests.length = 0;
        await command(wallet, 'switchNetwork', { chainId: '0x1' });
        const local = await ask(top, 'wallet_addEthereumChain', proposal(recorder.url + '/rpc/0x1a2d', '0x1a2d', 'Local'));
        assert.equal(local.error?.code, -32602);
        assert.match(local.error.message, /only while the wallet is on a local network/);
        assert.deepEqual(recorder.requests, []);
      } finally {
        await command(wallet, 'switchNetwork', { chainId: LOCALHOST });
        await recorder.close();
      }
    });

    test('no page can flood the window: one connect per origin, a few signatures, size limits; unlocking still works', async () => {
      const fresh = await serveDir(PAGES_DIR);
      try {
        const page = await browser.openPage(fresh.origin + '/index.html');
        await page.evaluate(() => {
          window.__settled = [];
          for (let i = 0; i < 30; i++) window.__ask('eth_requestAccounts', null).then((o) => window.__settled.push(o));
        });
        const refused = await page.waitForFunction(() => window.__settled.length >= 29 && window.__settled, 15_000);
        assert.equal(refused.length, 29);
        assert.ok(refused.every((o) => o.error?.code === -32002), JSON.stringify(refused[0]));
        const win = await approvals.expect('connect');
        assert.equal((await command(wallet, 'approvals')).result.pending.length, 1, 'one approval, not thirty');
        await win.click('approval-reject');
        await page.waitForFunction(() => window.__settled.length === 30, 10_000);
        assert.equal((await page.evaluate(() => window.__settled[29])).error?.code, 4001);
        await approvals.done();
        await page.close();
      } finally {
        await fresh.close();
      }

      // Signatures queue, a few per origin.
      const ids = [];
      for (let i = 0; i < 6; i++) ids.push(await start(top, 'personal_sign', ['0x' + Buffer.from(`note ${i}`).toString('hex'), ACCOUNT0]));
      assert.equal((await answer(top, ids[5])).error?.code, -32002);
      const win = await approvals.expect('personal_sign');
      // Closing the window rejects what it showed: wait until it has seen all five.
      await win.waitForFunction(() => document.querySelector('[data-testid="approval-queue"]')?.dataset.total === '5', 10_000);
      await win.close();
      for (const id of ids.slice(0, 5)) assert.equal((await answer(top, id)).error?.code, 4001);
      approvals.page = null;

      // A 5 MB message is refused before it is stored anywhere; the wallet still locks and unlocks.
      const huge = await top.evaluate((a) => window.__ask('personal_sign', ['0x' + 'ab'.repeat(2_500_000), a]), ACCOUNT0);
      assert.equal(huge.error?.code, -32602);
      assert.match(huge.error.message, /larger than 1024 KiB/);
      const long = await top.evaluate((a) => window.__ask('personal_sign', ['0x' + 'ab'.repeat(65 * 1024), a]), ACCOUNT0);
      assert.equal(long.error?.code, -32602);
      assert.match(long.error.message, /larger than 64 KiB/);
      const typed = await top.evaluate((a) => window.__ask('eth_signTypedData_v4', [a, JSON.stringify({ types: {}, message: { x: 'y'.repeat(300_000) } })]), ACCOUNT0);
      assert.equal(typed.error?.code, -32602);
      await command(wallet, 'lock');
      assert.equal((await command(wallet, 'unlock', { password: PASSWORD })).error, undefined);
      await browser.stopBackground();
      assert.deepEqual(await ask(top, 'eth_accounts'), { result: [ACCOUNT0] }, 'the session key survived: a restarted worker reopens the vault');
    });

    test('a double click never approves the request queued behind; a withdrawn request says so', async () => {
      const first = await start(top, 'personal_sign', ['0x' + Buffer.from('first').toString('hex'), ACCOUNT0]);
      const second = await start(top, 'personal_sign', ['0x' + Buffer.from('second').toString('hex'), ACCOUNT0]);
      const win = await approvals.expect('personal_sign');
      // Approve the first, then click again the moment the next screen appears, as a double
      // click (or a site that swaps its request under the cursor) would.
      const quick = await win.evaluate(async () => {
        const shown = () => document.querySelector('[data-testid="approval"]');
        const firstId = shown().dataset.approvalId;
        const firstButton = shown().querySelector('[data-testid="approval-approve"]');
        // (Switching the driver to this window may have re-armed the delay: wait it out.)
        while (firstButton.disabled) await new Promise((r) => setTimeout(r, 10));
        firstButton.click();
        const deadline = performance.now() + 10_000;
        while (performance.now() < deadline) {
          const s = shown();
          if (s && s.dataset.approvalId !== firstId) {
            const button = s.querySelector('[data-testid="approval-approve"]');
            const disabled = button.disabled;
            button.click();
            return { disabled, secondId: s.dataset.approvalId };
          }
          await new Promise((r) => setTimeout(r, 2));
        }
        return null;
      });
      assert.ok(quick, 'the second request was shown');
      assert.equal(quick.disabled, true, 'Approve was disabled when the new request appeared');
      assert.equal(verifyMessage('first', (await answer(top, first)).result), ACCOUNT0);
      assert.equal(await win.attr('approval', 'data-approval-id'), quick.secondId, 'the second request is still shown');
      assert.equal(await top.evaluate((id) => Promise.race([window.__pending[id].then(() => 'answered'), new Promise((r) => setTimeout(() => r('pending'), 300))]), second), 'pending');
      assert.match(await win.text('sign-message'), /second/);
      await clickApprove(win);
      assert.equal(verifyMessage('second', (await answer(top, second)).result), ACCOUNT0);
      await approvals.done();

      // The shown request is withdrawn (its tab closes): the window says so instead of sliding
      // the next one under the cursor.
      const tab = await browser.openPage(site.origin + '/index.html');
      await start(tab, 'personal_sign', ['0x' + Buffer.from('withdrawn').toString('hex'), ACCOUNT0]);
      const shown = await approvals.expect('personal_sign');
      const next = await start(top, 'personal_sign', ['0x' + Buffer.from('next').toString('hex'), ACCOUNT0]);
      await eventually(async () => (await command(wallet, 'approvals')).result.pending.length === 2, { message: 'both queued' });
      assert.match(await shown.text('sign-message'), /withdrawn/);
      await tab.close();
      await shown.waitFor('approval-withdrawn');
      assert.equal(await shown.evaluate(() => document.querySelector('[data-testid="approval"]')), null, 'no request slid in');
      await shown.click('approval-next');
      await approvals.expect('personal_sign');
      assert.match(await shown.text('sign-message'), /next/);
      await shown.click('approval-reject');
      assert.equal((await answer(top, next)).error?.code, 4001);
      await approvals.done();
    });

    test('a hostile RPC endpoint: a stalled body, a flood, wrong types and a false hash each give a clear error in time', async () => {
      const rpc = await hostileRpc();
      const useRpc = async (url) => {
        const set = await command(wallet, 'setNetworkRpc', { chainId: LOCALHOST, url });
        assert.equal(set.error, undefined, JSON.stringify(set.error));
      };
      try {
        await useRpc(rpc.url + '/stall');
        const started = Date.now();
        const stall = await start(top, 'eth_getBalance', [ACCOUNT0, 'latest']);

        await useRpc(rpc.url + '/flood');
        const flood = await ask(top, 'eth_getBalance', [ACCOUNT0, 'latest']);
        assert.equal(flood.error?.code, -32603);
        assert.match(flood.error.message, /more than 4 MiB/);

        await useRpc(rpc.url + '/types');
        for (const [method, params, what] of [
          ['eth_getBalance', [ACCOUNT0, 'latest'], /not a quantity/],
          ['eth_getBlockByNumber', ['latest', false], /not a block object/],
          ['eth_gasPrice', [], /not a quantity/],
        ]) {
          const wrong = await ask(top, method, params);
          assert.equal(wrong.error?.code, -32603, method);
          assert.match(wrong.error.message, what);
          assert.match(wrong.error.message, new RegExp(`RPC endpoint ${rpc.url.replace(/[.]/g, '\\.')} answered`));
        }

        await useRpc(rpc.url + '/hash');
        const recipient = EthersWallet.createRandom().address;
        const sent = await start(top, 'eth_sendTransaction', [{ from: ACCOUNT0, to: recipient, value: '0x7' }]);
        const win = await approvals.approve('transaction');
        const lied = await answer(top, sent);
        assert.equal(lied.error?.code, -32603);
        assert.ok(lied.error.message.includes(FAKE_HASH), lied.error.message);
        const ours = /not (0x[0-9a-f]{64})/.exec(lied.error.message)?.[1];
        assert.ok(ours && ours !== FAKE_HASH);
        const receipt = await eventually(() => chainRpc('eth_getTransactionReceipt', [ours]), { message: 'our hash is the real one' });
        assert.equal(receipt.to.toLowerCase(), recipient.toLowerCase());
        await win.click('approval-reject');
        await approvals.done();

        const stalled = await answer(top, stall);
        assert.equal(stalled.error?.code, -32603);
        assert.match(stalled.error.message, /did not answer within 15 s/);
        assert.ok(Date.now() - started < 40_000, 'the stalled request ended by its deadline');
      } finally {
        await command(wallet, 'setNetworkRpc', { chainId: LOCALHOST, url: 'http://127.0.0.1:8545' });
        await rpc.close();
      }
    });

    test('names with hidden characters are refused; a well-known network name on another chain is warned, a plain one is not', async () => {
      const proposal = (name, chainId, symbol = 'ETH') => [{ chainId, chainName: name, rpcUrls: ['https://rpc.example.invalid'], nativeCurrency: { name: 'Coin', symbol, decimals: 18 } }];
      for (const [name, hidden] of [['Evil\u202Echain', 'U\\+202E'], ['Zero\u200Bwidth', 'U\\+200B'], ['Tag\u{E0041}ged', 'U\\+E0041']]) {
        const refused = await ask(top, 'wallet_addEthereumChain', proposal(name, '0x1234'));
        assert.equal(refused.error?.code, -32602, name);
        assert.match(refused.error.message, new RegExp(hidden));
      }
      const symbol = await ask(top, 'wallet_watchAsset', { type: 'ERC20', options: { address: ACCOUNT0, symbol: 'US\u200BDC', decimals: 6 } });
      assert.equal(symbol.error?.code, -32602);
      assert.match(symbol.error.message, /U\+200B/);

      const fake = await start(top, 'wallet_addEthereumChain', proposal('Ethereum Mainnet', '0x1234'));
      const win = await approvals.expect('add_chain', { screenshot: 'add-chain-impersonation' });
      assert.equal(await win.attr('risk-warning', 'data-risk'), 'network-impersonation');
      assert.equal(await win.attr('risk-warning', 'data-severity'), 'high');
      await win.click('approval-reject');
      assert.equal((await answer(top, fake)).error?.code, 4001);
      const plain = await start(top, 'wallet_addEthereumChain', proposal('Kura Test Net', '0x1235'));
      await eventually(async () => (await win.text('add-chain-details')).includes('Kura Test Net'), { message: 'the plain network shown' });
      assert.equal(await win.evaluate(() => document.querySelectorAll('[data-testid="risk-warning"]').length), 0, 'no warning for a plain name with ETH');
      await win.click('approval-reject');
      assert.equal((await answer(top, plain)).error?.code, 4001);
      await approvals.done();
    });

    test('an old profile is migrated when the wallet starts', async () => {
      const old = '{"version":1,"kdf":{"name":"scrypt"},"cipher":{},"ciphertext":"00"}';
      // Schema 1 kept one replaced vault and, like schema 2, all activity in one list.
      const { chainId } = (await command(wallet, 'activity')).result;
      const me = (await command(wallet, 'accounts')).result.selected;
      const entry = (/** @type {string} */ chain, /** @type {number} */ n) => ({
        hash: '0x' + n.toString(16).padStart(64, 'e'), chainId: chain, from: me, to: '0x' + '22'.repeat(20), nonce: n, valueWei: '1', data: '0x', gas: '0x5208',
        fees: { gasPrice: '0x1' }, kind: 'send', origin: null, transfer: null, submittedAt: 1700000000000 + n, status: 'confirmed', blockNumber: '0x1',
      });
      const activity = [entry(chainId, 1), entry('0x1', 2), entry(chainId, 3)];
      const usdc = { address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', symbol: 'USDC', decimals: 6 };
      await wallet.evaluate(
        ({ v, activity, tokens }) => chrome.storage.local.set({ schemaVersion: 1, vaultReplaced: { at: 1700000000000, vault: v }, activity, tokens }),
        { v: old, activity, tokens: { '0x1': [usdc] } },
      );
      await browser.stopBackground();
      const listed = await command(wallet, 'replacedVaults');
      assert.deepEqual(listed.result?.map((r) => r.id), ['migrated-1700000000000']);
      const stored = await wallet.evaluate(() => chrome.storage.local.get(null));
      assert.equal(stored.schemaVersion, 3);
      assert.equal('vaultReplaced' in stored, false);
      assert.equal(stored.replacedVaults[0].vault, old);
      // The activity is under a key per network and account, and the wallet reads it there.
      assert.equal('activity' in stored, false);
      const here = `activity:${chainId}:${me.toLowerCase()}`;
      assert.deepEqual(stored.activityIndex.toSorted(), [here, `activity:0x1:${me.toLowerCase()}`].toSorted());
      assert.deepEqual(stored[here].map((e) => e.nonce), [1, 3]);
      const shown = (await command(wallet, 'activity')).result;
      assert.deepEqual(shown.items.map((i) => i.hash), [activity[2].hash, activity[0].hash], 'this network\'s, newest first');
      assert.equal(shown.total, 2);
      // The tokens, likewise, under a key per network.
      assert.equal('tokens' in stored, false);
      assert.deepEqual(stored['tokens:0x1'], [usdc]);
      await wallet.evaluate((keys) => chrome.storage.local.remove(keys), stored.activityIndex.concat('activityIndex', 'tokens:0x1'));
      await command(wallet, 'deleteReplacedVault', { id: 'migrated-1700000000000' });
    });
  });
}

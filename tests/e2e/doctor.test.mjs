// The wallet doctor, end to end in real Chromium and Firefox against its own anvil (port 8565,
// so that it never meets another test's chain on 8545) and the real rpc-proxy: each finding
// produced for real and fixed by its own doctor-fix button: an endpoint that is slow, serves
// another chain or is gone; a stuck transaction sped up through the approval window; a nonce
// gap filled; a damaged vault restored from its second copy; wrong passwords shown at unlock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Transaction, Wallet as EthersWallet } from 'ethers';
import { FINDINGS } from '../../extension/common/codes.js';
import { launchBrowser } from './lib/browser.mjs';
import { chainRpc, startAnvil } from './support/anvil.mjs';
import { balanceOf } from './support/contracts.mjs';
import { deployToken } from './support/erc20.mjs';
import { BROWSERS, PAGES_DIR, eventually, extensionDir, median, recordMetric } from './support/harness.mjs';
import { serveDir } from './support/server.mjs';
import { firefoxBackgroundArrayBufferBytes } from './support/memory.mjs';
import { startRpcProxy } from './support/rpc-proxy.mjs';
import { Approvals, JUNK, PASSWORD, answer, ask, clickApprove, command, start } from './support/wallet.mjs';

const PORT = 8565;
const LOCALHOST = '0x7a69';
const BUILTIN_LOCALHOST = 'http://127.0.0.1:8545';
const GWEI = 10n ** 9n;
const hex = (n) => '0x' + BigInt(n).toString(16);
/** A host on "another machine" for the wallet (not loopback by name); each browser resolves it here. */
const REMOTE_HOST = 'rpc.doctor.test';
const remoteHostOptions = (browserName) =>
  browserName === 'chromium' ? { args: [`--host-resolver-rules=MAP ${REMOTE_HOST} 127.0.0.1`] } : { prefs: { 'network.dns.localDomains': REMOTE_HOST } };

/** What the doctor shows, finding by finding. */
const shownFindings = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="doctor-finding"]')].map((li) => {
      const el = /** @type {HTMLElement} */ (li);
      return {
        code: el.dataset.code,
        severity: el.dataset.severity,
        hash: el.dataset.hash ?? null,
        text: el.querySelector('p')?.textContent ?? '',
        article: /** @type {HTMLElement | null} */ (el.querySelector('[data-testid="help-link"]'))?.dataset.article ?? null,
        fixes: [...el.querySelectorAll('[data-testid="doctor-fix"]')].map((b) => /** @type {HTMLElement} */ (b).dataset.fix),
      };
    }),
  );

for (const browserName of BROWSERS) {
  describe(`wallet doctor in ${browserName}`, () => {
    let browser, anvil, wallet, approvals, proxy;
    const rpc = (method, params = []) => chainRpc(method, params, anvil.url);
    const recipient = EthersWallet.createRandom().address;

    before(async () => {
      anvil = await startAnvil({ port: PORT });
      proxy = await startRpcProxy({ target: anvil.url });
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName), ...remoteHostOptions(browserName) });
      wallet = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
      // Localhost (chain 31337) pointed at this file's own anvil, before anything asks the chain.
      for (const [name, args] of [
        ['setNetworkRpc', { chainId: LOCALHOST, url: anvil.url }],
        ['switchNetwork', { chainId: LOCALHOST }],
        ['restoreWallet', { phrase: JUNK, password: PASSWORD }],
      ]) {
        const r = await command(wallet, name, args);
        if (r.error) throw new Error(`${name}: ${r.error.message}`);
      }
      approvals = new Approvals(browser, browserName);
    });
    after(async () => {
      await browser?.close();
      await proxy?.close();
      await anvil?.stop();
    });

    const useEndpoint = async (url) => {
      const r = await command(wallet, 'setNetworkRpc', { chainId: LOCALHOST, url });
      assert.equal(r.error, undefined, r.error?.message);
    };
    const currentRpcUrl = async () => (await command(wallet, 'getState')).result.network.rpcUrl;

    /** Waits for the doctor's run in progress (or the first) to end. */
    const doctorDone = () => wallet.waitFor('css=section.doctor[data-ran]:not([aria-busy])', { timeout: 30_000 });

    /** Opens the doctor from home and waits for its first run. */
    async function openDoctor({ from = 'home' } = {}) {
      await wallet.goto(browser.extensionBaseUrl + 'popup.html');
      if (from === 'home') {
        await wallet.waitFor('account-balance');
        await wallet.click('css=section.home [data-testid="doctor-open"]');
      } else {
        await wallet.click('settings-open');
        await wallet.click('css=section.settings [data-testid="doctor-open"]');
      }
      await doctorDone();
      return shownFindings(wallet);
    }

    async function rerun() {
      await wallet.evaluate(() => document.querySelector('section.doctor')?.removeAttribute('data-ran'));
      await wallet.click('doctor-run');
      await doctorDone();
      return shownFindings(wallet);
    }

    const fix = (code, id) => wallet.click(`css=[data-testid="doctor-finding"][data-code="${code}"] [data-testid="doctor-fix"][data-fix="${id}"]`);

    /** The finding of `code`, checked against the registry (severity, help article). */
    function expectFinding(findings, code) {
      const f = findings.find((x) => x.code === code);
      assert.ok(f, `${code} among ${JSON.stringify(findings.map((x) => x.code))}`);
      assert.equal(f.severity, FINDINGS[code].severity);
      assert.equal(f.article, FINDINGS[code].article);
      assert.ok(f.text.length > 10 && !f.text.includes('finding_'), `a text of its own: ${f.text}`);
      return f;
    }

    /** Sends 0.01 from the wallet's own send flow (approval window); returns the new activity hash. */
    async function sendOnce() {
      const before = new Set((await command(wallet, 'activity')).result.items.map((i) => i.hash));
      const r = await command(wallet, 'prepareSend', { asset: 'native', to: recipient, amount: '0.01' });
      assert.equal(r.error, undefined, r.error?.message);
      await approvals.approve('transaction');
      await approvals.done();
      return eventually(async () => (await command(wallet, 'activity')).result.items.find((i) => !before.has(i.hash))?.hash, { message: 'the send is recorded' });
    }

    /** A pending transaction's raw signed bytes, rebuilt from what the node says of it. */
    async function signedAgain(hash) {
      const t = await rpc('eth_getTransactionByHash', [hash]);
      const tx = Transaction.from({
        type: Number(t.type), chainId: BigInt(t.chainId), nonce: Number(BigInt(t.nonce)), to: t.to, value: BigInt(t.value), gasLimit: BigInt(t.gas),
        maxFeePerGas: BigInt(t.maxFeePerGas), maxPriorityFeePerGas: BigInt(t.maxPriorityFeePerGas), data: t.input, accessList: t.accessList,
        signature: { r: t.r, s: t.s, yParity: Number(BigInt(t.yParity ?? t.v)) },
      });
      assert.equal(tx.hash, hash);
      return tx.serialized;
    }

    test('a healthy wallet: doctor-ok, every check ran', async () => {
      const findings = await openDoctor();
      assert.deepEqual(findings, []);
      await wallet.waitFor('doctor-ok');
      const ran = await wallet.evaluate(() => /** @type {HTMLElement} */ (document.querySelector('section.doctor')).dataset.ran);
      assert.deepEqual(ran.split(' ').sort(), ['allowances', 'funds', 'network', 'storage', 'transactions', 'unlocks', 'vault']);
      // How long the checks take on a healthy local chain (measured, not asserted).
      const times = [];
      for (let i = 0; i < 5; i++) {
        const r = await command(wallet, 'doctorRun', {});
        assert.deepEqual(r.result.findings, []);
        times.push(r.result.ms);
      }
      recordMetric(`${browserName}.doctorHealthyMs.median`, median(times), 'ms');
    });

    test('an endpoint answering after 3 s: rpc-slow, fixed back to the built-in endpoint', async () => {
      await useEndpoint(proxy.url);
      proxy.delay(3000);
      try {
        const f = expectFinding(await openDoctor(), 'rpc-slow');
        assert.match(f.text, /\d{4} ms/);
        assert.deepEqual(f.fixes, ['builtin-endpoint', 'network-settings']);
        await fix('rpc-slow', 'builtin-endpoint');
        await eventually(async () => (await currentRpcUrl()) === BUILTIN_LOCALHOST, { message: 'back to the built-in endpoint' });
      } finally {
        await proxy.forward();
        await useEndpoint(anvil.url);
      }
    });

    test('an endpoint serving another chain: rpc-wrong-chain, fixed back to the built-in endpoint', async () => {
      await useEndpoint(proxy.url);
      proxy.answerChainId(1);
      try {
        expectFinding(await openDoctor(), 'rpc-wrong-chain');
        await fix('rpc-wrong-chain', 'builtin-endpoint');
        await eventually(async () => (await currentRpcUrl()) === BUILTIN_LOCALHOST, { message: 'back to the built-in endpoint' });
      } finally {
        await proxy.forward();
        await useEndpoint(anvil.url);
      }
    });

    test('a closed port: rpc-unreachable, offered next to the send error; network settings, then the built-in endpoint', async () => {
      await useEndpoint(proxy.url);
      await proxy.refuse();
      try {
        // The send form's error offers the doctor, with the network's check first.
        await wallet.goto(browser.extensionBaseUrl + 'popup.html');
        await wallet.click('send');
        await wallet.fill('send-to', recipient);
        await wallet.fill('send-amount', '0.01');
        await wallet.click('send-submit');
        await wallet.click('css=[data-testid="form-error"] [data-testid="doctor-open"][data-focus="network"]');
        await doctorDone();
        const findings = await shownFindings(wallet);
        assert.equal(findings[0]?.code, 'rpc-unreachable', 'the network check first');
        expectFinding(findings, 'rpc-unreachable');
        await fix('rpc-unreachable', 'network-settings');
        await wallet.waitFor('css=body[data-view="settings"] [data-testid="network-edit-select"]');

        expectFinding(await openDoctor(), 'rpc-unreachable');
        await fix('rpc-unreachable', 'builtin-endpoint');
        await eventually(async () => (await currentRpcUrl()) === BUILTIN_LOCALHOST, { message: 'back to the built-in endpoint' });
      } finally {
        await proxy.forward();
        await useEndpoint(anvil.url);
      }
    });

    test('a stuck transaction: tx-stuck, sped up through the approval window, then mined', async () => {
      await rpc('evm_setAutomine', [false]);
      try {
        const stuck = await sendOnce();
        await rpc('anvil_setNextBlockBaseFeePerGas', [hex(2000n * GWEI)]);
        await rpc('anvil_mine', ['0x4']);
        const f = expectFinding(await openDoctor(), 'tx-stuck');
        assert.equal(f.hash, stuck);
        assert.deepEqual(f.fixes, ['speedup', 'cancel']);
        const nonce = (await command(wallet, 'activity')).result.items.find((i) => i.hash === stuck).nonce;
        await fix('tx-stuck', 'speedup');
        const win = await approvals.expect('transaction');
        assert.equal(await win.attr('tx-replaces', 'data-nonce'), String(nonce));
        await clickApprove(win);
        await approvals.done();
        const spedUp = await eventually(async () => (await command(wallet, 'activity')).result.items.find((i) => i.kind === 'speedup')?.hash, { message: 'speed-up recorded' });
        await rpc('anvil_mine', ['0x1']);
        assert.equal((await rpc('eth_getTransactionReceipt', [spedUp]))?.status, '0x1');
        assert.equal(await rpc('eth_getTransactionReceipt', [stuck]), null);
        assert.deepEqual((await rerun()).filter((x) => x.code === 'tx-stuck'), []);
      } finally {
        await rpc('anvil_setNextBlockBaseFeePerGas', [hex(GWEI)]);
        await rpc('evm_setAutomine', [true]);
      }
    });

    test('a nonce gap (the first of two dropped by the node): nonce-gap, filled through the approval window, both mined', async () => {
      await rpc('evm_setAutomine', [false]);
      try {
        const first = await sendOnce();
        const second = await sendOnce();
        // anvil_dropTransaction also drops the transactions that wait on the one dropped; a node
        // that lost only the first is modelled by giving it the second back, as it was signed.
        const signedSecond = await signedAgain(second);
        await rpc('anvil_dropTransaction', [first]);
        assert.equal(await rpc('eth_sendRawTransaction', [signedSecond]), second);
        assert.equal(await rpc('eth_getTransactionByHash', [first]), null);
        const items = (await command(wallet, 'activity')).result.items;
        const firstNonce = items.find((i) => i.hash === first).nonce;
        assert.equal(items.find((i) => i.hash === second).nonce, firstNonce + 1);
        const f = expectFinding(await openDoctor(), 'nonce-gap');
        assert.equal(f.hash, first);
        assert.match(f.text, new RegExp(String(firstNonce)));
        await fix('nonce-gap', 'fill-gap');
        const win = await approvals.expect('transaction');
        assert.equal(await win.attr('tx-replaces', 'data-nonce'), String(firstNonce));
        await clickApprove(win);
        await approvals.done();
        const filler = await eventually(async () => (await command(wallet, 'activity')).result.items.find((i) => i.kind === 'cancel')?.hash, { message: 'the filler is recorded' });
        await rpc('anvil_mine', ['0x1']);
        const [a, b] = await Promise.all([rpc('eth_getTransactionReceipt', [filler]), rpc('eth_getTransactionReceipt', [second])]);
        assert.equal(a?.status, '0x1', 'the filler mined');
        assert.equal(b?.status, '0x1', 'the one that waited mined too');
        const tx = await rpc('eth_getTransactionByHash', [filler]);
        assert.equal(Number(BigInt(tx.nonce)), firstNonce);
        assert.equal(BigInt(tx.value), 0n);
        assert.equal(tx.to.toLowerCase(), tx.from.toLowerCase(), 'a 0-value transfer to oneself');
        assert.deepEqual((await rerun()).filter((x) => x.code === 'nonce-gap'), []);
      } finally {
        await rpc('evm_setAutomine', [true]);
      }
    });

    test('a nonce used from elsewhere: nonce-used-elsewhere, forgotten', async () => {
      await rpc('evm_setAutomine', [false]);
      try {
        const ours = await sendOnce();
        const { nonce, from } = (await command(wallet, 'activity')).result.items.find((i) => i.hash === ours);
        // The same key used elsewhere (anvil signs for its dev account), at the same nonce.
        await rpc('eth_sendTransaction', [{ from, to: from, value: '0x0', nonce: hex(nonce), gas: '0x5208', maxFeePerGas: hex(5000n * GWEI), maxPriorityFeePerGas: hex(100n * GWEI) }]);
        await rpc('anvil_mine', ['0x1']);
        const f = expectFinding(await openDoctor(), 'nonce-used-elsewhere');
        assert.equal(f.hash, ours);
        await fix('nonce-used-elsewhere', 'forget');
        await eventually(async () => (await shownFindings(wallet)).every((x) => x.code !== 'nonce-used-elsewhere'), { message: 'forgotten' });
        assert.deepEqual((await rerun()).filter((x) => x.code === 'nonce-used-elsewhere'), []);
      } finally {
        await rpc('evm_setAutomine', [true]);
      }
    });

    test('tokens but no coin for the fee: no-gas-funds, with the amount needed', async () => {
      const from = (await command(wallet, 'activity')).result.items[0].from;
      const token = await deployToken({ symbol: 'DOC', decimals: 6, supply: 10n ** 12n, from, url: anvil.url });
      const added = await command(wallet, 'addToken', { address: token });
      assert.equal(added.error, undefined, added.error?.message);
      const balance = await rpc('eth_getBalance', [from, 'latest']);
      await rpc('anvil_setBalance', [from, '0x1']);
      try {
        const f = expectFinding(await openDoctor(), 'no-gas-funds');
        assert.match(f.text, /0\.0\d+ ETH/, 'how much is needed, in ETH');
      } finally {
        await rpc('anvil_setBalance', [from, balance]);
      }
      assert.deepEqual((await rerun()).filter((x) => x.code === 'no-gas-funds'), []);
    });

    test('token balances: one JSON-RPC batch per list, not a request each; an endpoint without batches gets them one by one', async () => {
      const from = (await command(wallet, 'accounts')).result.accounts[0].address;
      for (const [i, supply] of [[1, 10n ** 6n], [2, 2n * 10n ** 6n], [3, 3n * 10n ** 6n]]) {
        const token = await deployToken({ symbol: `BT${i}`, decimals: 0, supply, from, url: anvil.url });
        assert.equal((await command(wallet, 'addToken', { address: token })).error, undefined);
      }
      const onChain = async (list) =>
        Object.fromEntries(await Promise.all(list.map(async (t) => [t.address, (await balanceOf(t.address, from, { url: anvil.url })).toString()])));
      await useEndpoint(proxy.url);
      try {
        proxy.requests.length = 0;
        const listed = (await command(wallet, 'tokens')).result.tokens;
        assert.ok(listed.length >= 3, JSON.stringify(listed));
        assert.deepEqual(Object.fromEntries(listed.map((t) => [t.address, t.balance])), await onChain(listed), 'the balances on chain');
        const calls = proxy.requests.filter((r) => r.methods.includes('eth_call'));
        assert.deepEqual(calls.map((r) => [r.batch, r.methods.length]), [[true, listed.length]], 'one batch of every token');

        proxy.refuseBatches(true);
        proxy.requests.length = 0;
        const again = (await command(wallet, 'tokens')).result.tokens;
        assert.deepEqual(Object.fromEntries(again.map((t) => [t.address, t.balance])), await onChain(again), 'the same balances, one by one');
        const singles = proxy.requests.filter((r) => !r.batch && r.methods[0] === 'eth_call');
        assert.equal(singles.length, again.length);
      } finally {
        await proxy.forward();
        await useEndpoint(anvil.url);
      }
    });

    test('home at once from the last known balances, marked, while the endpoint is slow; still shown, marked, when it is gone', async () => {
      const popup = browser.extensionBaseUrl + 'popup.html';
      const { selected } = (await command(wallet, 'accounts')).result;
      const onChain = BigInt(await rpc('eth_getBalance', [selected, 'latest'])).toString();
      /** The balance and the token rows as shown. */
      const shown = () =>
        wallet.evaluate(() => {
          const el = /** @type {HTMLElement} */ (document.querySelector('[data-role="account-balance"]'));
          return {
            state: el.dataset.state,
            named: el.dataset.testid === 'account-balance',
            title: el.querySelector('.amount')?.getAttribute('title') ?? null,
            rows: [...document.querySelectorAll('.token-row')].map((li) => ({
              address: /** @type {HTMLElement} */ (li).dataset.address,
              state: /** @type {HTMLElement} */ (li).dataset.state,
              named: /** @type {HTMLElement} */ (li).dataset.testid === 'token-balance',
              title: li.querySelector('.token-amount')?.getAttribute('title') ?? null,
            })),
          };
        });
      await useEndpoint(proxy.url);
      try {
        await wallet.goto(popup);
        await wallet.waitFor('css=[data-testid="account-balance"][data-state="ok"]');
        await wallet.waitFor('css=[data-role="tokens-panel"]:not([aria-busy]) [data-testid="token-balance"][data-state="ok"]');
        assert.equal(await wallet.attr('account-balance', 'data-wei'), onChain);
        const fresh = await shown();
        assert.ok(fresh.rows.length >= 3 && fresh.rows.every((r) => r.state === 'ok' && r.named), JSON.stringify(fresh.rows));

        // A slow endpoint: the last known amounts at once, marked and without the names that
        // only the network's answer carries; then the answer.
        proxy.delay(2000);
        await wallet.goto(popup);
        await wallet.waitFor('css=[data-role="account-balance"][data-state="stale"]');
        await wallet.waitFor('css=.token-row[data-state="stale"]');
        const stale = await shown();
        assert.equal(stale.named, false, 'a last known balance is not named account-balance');
        assert.equal(stale.title, fresh.title, 'the amount last shown');
        assert.deepEqual(stale.rows, fresh.rows.map((r) => ({ ...r, state: 'stale', named: false })));
        await wallet.waitFor('css=[data-testid="account-balance"][data-state="ok"]');
        assert.equal(await wallet.attr('account-balance', 'data-wei'), onChain);
        await wallet.waitFor('css=[data-role="tokens-panel"]:not([aria-busy]) [data-testid="token-balance"][data-state="ok"]');
        assert.deepEqual((await shown()).rows, fresh.rows);

        // The endpoint gone: the error, with the last known balance and rows, marked.
        proxy.delay(0);
        await proxy.refuse();
        await wallet.goto(popup);
        await wallet.waitFor('css=[data-testid="account-balance"][data-state="error"] [data-role="last-known"]');
        assert.equal(await wallet.attr('css=[data-role="last-known"]', 'data-wei'), onChain);
        await wallet.waitFor('css=[data-role="tokens-status"][data-state="error"]');
        assert.deepEqual((await shown()).rows, stale.rows, 'the last known rows stay, marked');
      } finally {
        proxy.delay(0);
        await proxy.forward();
        await useEndpoint(anvil.url);
      }
    });

    test('plain http to another machine (saved before the wallet refused it): insecure-rpc, fixed back to the built-in endpoint', async () => {
      // The wallet takes http only on this machine; a network stored so by an older release is
      // what the check is for, so the test stores it that way. The host resolves here, so the
      // endpoint answers and nothing but the missing encryption is wrong.
      const insecure = `http://${REMOTE_HOST}:${proxy.port}`;
      assert.ok((await command(wallet, 'setNetworkRpc', { chainId: LOCALHOST, url: insecure })).error, 'the wallet itself refuses it');
      await wallet.evaluate(async (url) => {
        const { networks } = await chrome.storage.local.get('networks');
        await chrome.storage.local.set({ networks: networks.map((n) => (n.chainId === '0x7a69' ? { ...n, rpcUrl: url } : n)) });
      }, insecure);
      try {
        assert.equal(await currentRpcUrl(), insecure);
        const findings = await openDoctor();
        assert.deepEqual(findings.map((f) => f.code), ['insecure-rpc'], 'the endpoint answers: only the encryption is wrong');
        const f = expectFinding(findings, 'insecure-rpc');
        assert.deepEqual(f.fixes, ['builtin-endpoint', 'network-settings']);
        await fix('insecure-rpc', 'builtin-endpoint');
        await eventually(async () => (await currentRpcUrl()) === BUILTIN_LOCALHOST, { message: 'back to the built-in endpoint' });
      } finally {
        await useEndpoint(anvil.url);
      }
      // The look-alike that is fine: plain http to this machine (the healthy run above, and now).
      assert.deepEqual((await rerun()).filter((x) => x.code === 'insecure-rpc'), []);
    });

    test('storage nearly full of old activity: storage-near-full, cleared down to the newest; the wallet works on', async () => {
      const from = (await command(wallet, 'activity')).result.items[0].from;
      const real = (await command(wallet, 'activity')).result.items.map((i) => i.hash);
      assert.ok(real.length > 0 && real.length < 20, `this file's own transactions: ${real.length}`);
      // A long history of a site's big transactions (50 kB of calldata each), as stored entries.
      const OLD = 180;
      // The activity of one network and account, under its own key (schema 3).
      const key = `activity:0x7a69:${from.toLowerCase()}`;
      await wallet.evaluate(
        async ({ from, count, key }) => {
          const { [key]: activity = [], activityIndex = [] } = await chrome.storage.local.get([key, 'activityIndex']);
          if (!activityIndex.includes(key)) throw new Error(`${key} is not in the index: ${activityIndex}`);
          const data = '0x' + 'ab'.repeat(25_000);
          const start = Date.now() - 400 * 86_400_000;
          const old = Array.from({ length: count }, (_, i) => ({
            hash: '0x' + (i + 1).toString(16).padStart(64, '0'), chainId: '0x7a69', from, to: '0x' + '11'.repeat(20), nonce: 1000 + i,
            valueWei: '0', data, gas: '0x5208', fees: { maxFeePerGas: '0x1', maxPriorityFeePerGas: '0x1' }, kind: 'dapp', origin: 'https://app.example',
            transfer: null, submittedAt: start + i * 60_000, status: 'confirmed', blockNumber: '0x1', revertReason: null,
          }));
          await chrome.storage.local.set({ [key]: [...old, ...activity] });
        },
        { from, count: OLD, key },
      );
      // Home shows the activity a page at a time: the newest 20, then 20 more on request.
      await wallet.goto(browser.extensionBaseUrl + 'popup.html');
      const shownItems = () => wallet.evaluate(() => document.querySelectorAll('[data-testid="activity-item"]').length);
      await eventually(async () => (await shownItems()) === 20, { message: 'the first page of the activity' });
      await wallet.click('activity-more');
      await eventually(async () => (await shownItems()) === 40, { message: 'the second page' });
      const f = expectFinding(await openDoctor(), 'storage-near-full');
      assert.match(f.text, /(8|9)\d%/, 'the share used');
      assert.deepEqual(f.fixes, ['clear-activity']);
      await fix('storage-near-full', 'clear-activity');
      const status = await eventually(async () => (await wallet.evaluate(() => document.querySelector('[data-role="doctor-status"]')?.textContent ?? '')).match(/\d+/)?.[0], {
        message: 'how many were removed is shown',
      });
      await doctorDone();
      assert.deepEqual((await shownFindings(wallet)).filter((x) => x.code === 'storage-near-full'), [], 'room again');
      // The newest 20 finished ones stay: all of this file's real transactions, then the newest old ones.
      const { [key]: mine } = await wallet.evaluate((k) => chrome.storage.local.get(k), key);
      assert.ok(mine.every((e) => e.chainId === '0x7a69' && e.from.toLowerCase() === from.toLowerCase()));
      assert.equal(mine.filter((e) => e.status !== 'pending').length, 20);
      assert.equal(Number(status), OLD + real.length - mine.length, 'the count shown is the count removed');
      const kept = new Set(mine.map((e) => e.hash));
      for (const hash of real) assert.ok(kept.has(hash), `the wallet's own ${hash} is kept`);
      const oldKept = mine.filter((e) => !real.includes(e.hash)).map((e) => e.nonce).sort((x, y) => x - y);
      assert.deepEqual(oldKept, Array.from({ length: 20 - real.length }, (_, i) => 1000 + OLD - (20 - real.length) + i), 'the newest of the old ones');
      assert.equal((await command(wallet, 'activity')).result.items.length, mine.length, 'the activity lists what is left');
    });

    test('two vault copies that differ: vault-copy-mismatch, the copy follows the vault that opens', async () => {
      await wallet.evaluate(async () => {
        const { vault } = await chrome.storage.local.get('vault');
        await chrome.storage.local.set({ vaultCopy: JSON.stringify(JSON.parse(vault), null, 1) });
      });
      const f = expectFinding(await openDoctor(), 'vault-copy-mismatch');
      assert.deepEqual(f.fixes, ['sync-copy']);
      await fix('vault-copy-mismatch', 'sync-copy');
      await eventually(async () => (await shownFindings(wallet)).every((x) => !x.code.startsWith('vault-')), { message: 'the re-run finds the copies equal' });
      const stored = await wallet.evaluate(() => chrome.storage.local.get(['vault', 'vaultCopy']));
      assert.equal(stored.vault, stored.vaultCopy);
    });

    test('a damaged main vault copy: vault-damaged, restored from the second copy; unlock works', async () => {
      await command(wallet, 'lock');
      await wallet.evaluate(() => chrome.storage.local.set({ vault: '{"version":1,"kdf' }));
      await wallet.goto(browser.extensionBaseUrl + 'popup.html');
      await wallet.waitFor('vault-problem');
      const f = expectFinding(await openDoctor({ from: 'settings' }), 'vault-damaged');
      assert.deepEqual(f.fixes, ['restore-copy']);
      await fix('vault-damaged', 'restore-copy');
      await eventually(async () => (await shownFindings(wallet)).every((x) => !x.code.startsWith('vault-')), { message: 'the re-run finds the vault sound' });
      const stored = await wallet.evaluate(() => chrome.storage.local.get(['vault', 'vaultCopy']));
      assert.equal(stored.vault, stored.vaultCopy);
      await wallet.goto(browser.extensionBaseUrl + 'popup.html');
      await wallet.fill('unlock-password', PASSWORD);
      await wallet.click('unlock-submit');
      await wallet.waitFor('account-balance');
    });

    test('three wrong passwords: shown at the next unlock with the count, then a finding until seen', async () => {
      await command(wallet, 'lock');
      await wallet.goto(browser.extensionBaseUrl + 'popup.html');
      for (let i = 1; i <= 3; i++) {
        await wallet.fill('unlock-password', `wrong password ${i}`);
        await wallet.click('unlock-submit');
        await eventually(async () => (await wallet.evaluate(() => chrome.storage.local.get('failedUnlocks'))).failedUnlocks?.count === i, { message: `failure ${i} counted` });
      }
      const stored = await wallet.evaluate(() => chrome.storage.local.get('failedUnlocks'));
      assert.ok(!JSON.stringify(stored).includes('wrong password'), 'never what was typed');
      await wallet.goto(browser.extensionBaseUrl + 'popup.html');
      await wallet.waitFor('unlock-failures');
      assert.equal(await wallet.attr('unlock-failures', 'data-count'), '3');
      assert.match(await wallet.text('unlock-failures'), /3/);
      // The third wrong password makes the wallet wait a second.
      await eventually(
        async () => {
          await wallet.fill('unlock-password', PASSWORD);
          await wallet.click('unlock-submit');
          return wallet.waitFor('account-balance', { timeout: 1500 }).then(() => true);
        },
        { timeout: 10_000, message: 'unlocked' },
      );
      const f = expectFinding(await openDoctor(), 'failed-unlocks');
      assert.match(f.text, /3/);
      assert.deepEqual((await rerun()).filter((x) => x.code === 'failed-unlocks'), [], 'seen once unlocked: acknowledged');
    });

    test('the diagnostic log and the support report: what failed, and never a secret', async () => {
      // Known secrets in the wallet: the phrase and password (restored above), an imported key.
      // A page's refused requests (one carrying a message whose text must not be kept).
      const site = await serveDir(PAGES_DIR);
      try {
        const page = await browser.openPage(site.origin + '/index.html');
        const message = '0x' + Buffer.from('TOP-SECRET-MESSAGE-CONTENT').toString('hex');
        const from = (await command(wallet, 'accounts')).result.accounts[0].address;
        assert.equal((await ask(page, 'personal_sign', [message, from])).error?.code, 4100);
        // A transaction that fails on chain: more tokens than exist, with a gas limit given so
        // that nothing estimates it first.
        const token = await deployToken({ symbol: 'REV', decimals: 0, supply: 10n, from, url: anvil.url });
        const connect = await start(page, 'eth_requestAccounts');
        await approvals.approve('connect');
        await approvals.done();
        assert.ok(Array.isArray((await answer(page, connect)).result));
        const data = '0xa9059cbb' + recipient.slice(2).toLowerCase().padStart(64, '0') + (1000n).toString(16).padStart(64, '0');
        const sent = await start(page, 'eth_sendTransaction', [{ from, to: token, data, gas: '0x30000' }]);
        await approvals.approve('transaction');
        await approvals.done();
        const { result: failedHash } = await answer(page, sent);
        assert.match(failedHash, /^0x[0-9a-f]{64}$/);
        await eventually(async () => (await command(wallet, 'activity')).result.items.find((i) => i.hash === failedHash)?.status === 'failed', {
          timeout: 15_000,
          message: 'the reverted transaction is failed in the activity',
        });
        // The console is captured (a line of the page's own, so that the grep below can fail).
        await page.evaluate(() => console.log('kura-console-probe'));
        await eventually(() => browser.consoleLogs.some((e) => e.text.includes('kura-console-probe')), { message: 'the console is captured' });
        await page.close();
      } finally {
        await site.close();
      }
      // An imported key (after the site's part: it becomes the selected account).
      const imported = EthersWallet.createRandom();
      const added = await command(wallet, 'importKey', { privateKey: imported.privateKey, name: 'imported' });
      assert.equal(added.error, undefined, added.error?.message);
      // Failures of each kind: a wrong password, a phrase the core refuses, an endpoint gone.
      await command(wallet, 'lock');
      assert.equal((await command(wallet, 'unlock', { password: `${PASSWORD} (wrong)` })).error?.data?.coreCode, 'VAULT_DECRYPT');
      await eventually(async () => !(await command(wallet, 'unlock', { password: PASSWORD })).error, { timeout: 10_000, message: 'unlocked after the wrong password' });
      assert.ok((await command(wallet, 'checkPhrase', { phrase: 'test test test test test test test test test test test test' })).error);
      await useEndpoint(`${proxy.url}/v3/path?apikey=SECRET-API-KEY`);
      await proxy.refuse();
      try {
        const address = (await command(wallet, 'accounts')).result.accounts[0].address;
        assert.ok((await command(wallet, 'balance', { address })).error, 'the endpoint is gone');
      } finally {
        await proxy.forward();
        await useEndpoint(anvil.url);
      }

      const log = (await wallet.evaluate(() => chrome.storage.local.get('diagnosticLog'))).diagnosticLog ?? [];
      const kinds = new Set(log.map((e) => e.kind));
      for (const kind of ['rpc-error', 'unlock-failed', 'core-error', 'request-refused', 'tx-failed']) assert.ok(kinds.has(kind), `${kind} in ${[...kinds]}`);
      assert.ok(log.some((e) => e.kind === 'tx-failed' && e.chainId === LOCALHOST && /balance/i.test(e.reason ?? '')), 'the failed transaction with its revert reason');
      assert.ok(log.some((e) => e.kind === 'request-refused' && e.method === 'personal_sign' && e.code === '4100'), 'the refusal by method and code');
      for (const e of log.filter((x) => x.kind === 'rpc-error')) assert.doesNotMatch(JSON.stringify(e), /\/|apikey|SECRET/, 'an endpoint by its host only');

      await openDoctor();
      await wallet.waitFor('doctor-report');
      const plain = fs.readFileSync((await browser.expectDownload(() => wallet.click('doctor-report'))).path, 'utf8');
      assert.match(plain, /^Kura Wallet support report/);
      // The unlock above ran scrypt (128 MiB) in the core; the instance that grew was replaced
      // and the wallet reopened in a fresh one (it answered \`accounts\` and \`balance\` since).
      const instance = JSON.parse(plain.split('--- details ---\n')[1]).wallet.coreInstance;
      assert.ok(instance.compactions >= 1, `replaced after the unlock: ${JSON.stringify(instance)}`);
      assert.ok(instance.memoryMiB < 32, `the background's core holds ${instance.memoryMiB} MiB after an unlock`);
      if (browserName === 'firefox') {
        // The instance given up must be gone too, not only the new one small: Firefox's own
        // count of the background's ArrayBuffers (WASM memories among them) after a full GC.
        const held = await firefoxBackgroundArrayBufferBytes(browser, wallet);
        assert.ok(held < 32 * 2 ** 20, `the background holds ${(held / 2 ** 20).toFixed(0)} MiB of ArrayBuffers after an unlock`);
      }
      await wallet.click('doctor-report-addresses');
      const withAddresses = fs.readFileSync((await browser.expectDownload(() => wallet.click('doctor-report'))).path, 'utf8');
      const account = (await command(wallet, 'accounts')).result.accounts[0].address;
      assert.ok(!plain.toLowerCase().includes(account.slice(2).toLowerCase()), 'no address unless asked for');
      assert.ok(withAddresses.includes(account), 'the addresses when ticked');

      // The grep: every secret, in everything the wallet keeps or writes out.
      const local = JSON.stringify(await wallet.evaluate(() => chrome.storage.local.get(null)));
      const sessionArea = await wallet.evaluate(() => chrome.storage.session.get(null));
      const session = JSON.stringify(sessionArea);
      // The session key's own material (other 64-digit values there, such as the hash of a send
      // whose outcome a page follows, are public and rightly also in the activity).
      const sessionKeys = JSON.stringify(sessionArea.sessionKey ?? null).match(/[A-Za-z0-9+/_-]{32,}/g) ?? [];
      assert.ok(sessionKeys.length > 0, 'the session key is where it belongs');
      const secrets = [JUNK, PASSWORD, imported.privateKey.slice(2), 'SECRET-API-KEY', 'TOP-SECRET-MESSAGE-CONTENT', Buffer.from('TOP-SECRET-MESSAGE-CONTENT').toString('hex')];
      // Everything the pages, the approval windows and the background wrote to the console.
      const consoleText = browser.consoleLogs.map((e) => `${e.type} ${e.text}`).join('\n');
      for (const [name, text] of [['storage.local', local], ['storage.session', session], ['the log', JSON.stringify(log)], ['the report', plain], ['the report with addresses', withAddresses], ['the console', consoleText]]) {
        for (const secret of secrets) assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${name} holds a secret (${secret.slice(0, 6)}…)`);
      }
      for (const [name, text] of [['storage.local', local], ['the log', JSON.stringify(log)], ['the report', plain], ['the report with addresses', withAddresses], ['the console', consoleText]]) {
        for (const key of sessionKeys) assert.ok(!text.toLowerCase().includes(key.toLowerCase()), `${name} holds the session key`);
      }

      // The log is the person's: shown by its size, and emptied on request.
      await openDoctor();
      const count = await wallet.evaluate(() => Number(document.querySelector('[data-testid="doctor-log-count"]')?.getAttribute('data-count')));
      assert.equal(count, (await wallet.evaluate(() => chrome.storage.local.get('diagnosticLog'))).diagnosticLog.length);
      await wallet.click('doctor-log-clear');
      await wallet.waitFor('css=[data-testid="doctor-log-count"][data-count="0"]');
      assert.deepEqual((await wallet.evaluate(() => chrome.storage.local.get('diagnosticLog'))).diagnosticLog, []);
    });
  });
}

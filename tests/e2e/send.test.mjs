// Sending and activity, end to end in real Chromium and Firefox against anvil: the native coin
// and an ERC-20 token sent from the wallet's own page with balances checked exactly on chain;
// the recipient checks (bad checksum, contract, the token's own contract, a poisoned look-alike,
// a clean address); stuck transactions (anvil with automine off and a raised base fee) sped up
// and cancelled with exactly one transaction per nonce on chain; a nonce taken from outside the
// wallet; and the activity list after a browser restart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Wallet as EthersWallet, getAddress, parseEther, parseUnits } from 'ethers';
import { launchBrowser } from './lib/browser.mjs';
import { DEV_ACCOUNTS, chainRpc, startAnvil } from './support/anvil.mjs';
import { deployToken } from './support/erc20.mjs';
import { BROWSERS, PAGES_DIR, SCREENSHOTS_DIR, eventually, extensionDir } from './support/harness.mjs';
import { serveDir } from './support/server.mjs';
import { Approvals, PASSWORD, approveDisabled, clickApprove, command, readyWallet } from './support/wallet.mjs';

const [ACCOUNT0] = DEV_ACCOUNTS;
const GWEI = 10n ** 9n;
const hex = (n) => '0x' + BigInt(n).toString(16);
const balance = async (a) => BigInt(await chainRpc('eth_getBalance', [a, 'latest']));
const tokenBalance = async (token, owner) =>
  BigInt(await chainRpc('eth_call', [{ to: token, data: '0x70a08231' + owner.slice(2).toLowerCase().padStart(64, '0') }, 'latest']));
const minedNonce = async (a) => Number(BigInt(await chainRpc('eth_getTransactionCount', [a, 'latest'])));
const receipt = (hash) => chainRpc('eth_getTransactionReceipt', [hash]);
const fresh = () => EthersWallet.createRandom().address;

/** What the activity list shows, item by item (newest first). */
const activityItems = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="activity-item"]')].map((li) => {
      const el = /** @type {HTMLElement} */ (li);
      return {
        hash: el.dataset.hash,
        nonce: Number(el.dataset.nonce),
        status: el.dataset.status,
        stuck: el.querySelector('[data-testid="activity-stuck"]')?.textContent?.trim() ?? null,
        speedUp: el.querySelector('[data-testid="activity-speed-up"]') !== null,
        cancel: el.querySelector('[data-testid="activity-cancel"]') !== null,
      };
    }),
  );

/** The risk warnings the approval window shows: code → severity. */
const risks = (win) =>
  win.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-testid="risk-warning"]')].map((el) => [/** @type {HTMLElement} */ (el).dataset.risk, /** @type {HTMLElement} */ (el).dataset.severity])));


for (const browserName of BROWSERS) {
  describe(`send and activity in ${browserName}`, () => {
    let browser, anvil, wallet, approvals, token, profileDir, firefoxUuid;
    const known = fresh();

    /** Firefox keeps a temporary add-on's storage across a restart only under the same UUID. */
    const launch = () =>
      launchBrowser(browserName, {
        extensionDir: extensionDir(browserName),
        profileDir,
        prefs: {
          'extensions.webextensions.keepStorageOnUninstall': true,
          'extensions.webextensions.keepUuidOnUninstall': true,
          ...(firefoxUuid ? { 'extensions.webextensions.uuids': JSON.stringify({ 'wallet@kurawallet.app': firefoxUuid }) } : {}),
        },
      });

    before(async () => {
      anvil = await startAnvil();
      profileDir = mkdtempSync(path.join(tmpdir(), `e2e-send-${browserName}-`));
      browser = await launch();
      firefoxUuid = browser.extensionHost;
      wallet = await readyWallet(browser);
      approvals = new Approvals(browser, browserName);
      token = await deployToken({ name: 'Kura Test', symbol: 'KURA', decimals: 6, supply: parseUnits('1000000', 6), from: ACCOUNT0 });
    });
    after(async () => {
      await browser?.close();
      await anvil?.stop();
      if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    });

    async function home() {
      await wallet.goto(browser.extensionBaseUrl + 'popup.html');
      await wallet.waitFor('account-balance');
    }

    /** Fills the send form and submits it. */
    async function submitSend({ asset = 'native', to, amount }) {
      await home();
      await wallet.click('send');
      await wallet.waitFor('send-to');
      await eventually(
        () =>
          wallet.evaluate((value) => {
            const select = /** @type {HTMLSelectElement} */ (document.querySelector('[data-testid="send-asset"]'));
            if (![...select.options].some((o) => o.value.toLowerCase() === value.toLowerCase())) return false;
            select.value = [...select.options].find((o) => o.value.toLowerCase() === value.toLowerCase())?.value ?? '';
            select.dispatchEvent(new Event('change', { bubbles: true }));
            return true;
          }, asset),
        { message: `asset ${asset} offered` },
      );
      await wallet.fill('send-to', to);
      await wallet.fill('send-amount', amount);
      await wallet.click('send-submit');
    }

    /** Sends through the form and the confirm window; returns the new activity item's hash. */
    async function send(opts, { expectRisks } = {}) {
      const before = new Set((await command(wallet, 'activity')).result.items.map((i) => i.hash));
      await submitSend(opts);
      const win = await approvals.expect('transaction');
      if (expectRisks) assert.deepEqual(await risks(win), expectRisks);
      await clickApprove(win);
      await approvals.done();
      return eventually(async () => (await command(wallet, 'activity')).result.items.find((i) => !before.has(i.hash))?.hash, {
        message: 'the new transaction is in the activity',
      });
    }

    const statusOf = async (hash) => (await activityItems(wallet)).find((i) => i.hash === hash)?.status;
    const waitStatus = (hash, status) =>
      eventually(async () => (await statusOf(hash)) === status, { timeout: 20_000, message: `${hash} ${status}` });

    test('send the native coin: balances move by exactly the amount and the fee; the activity says confirmed', async () => {
      const [fromBefore, toBefore] = await Promise.all([balance(ACCOUNT0), balance(known)]);
      await submitSend({ to: known.toLowerCase(), amount: '1.25' });
      const win = await approvals.expect('transaction', { screenshot: 'send-native' });
      assert.deepEqual(await risks(win), { 'new-recipient': 'medium' }, 'a first transfer is said plainly, nothing more');
      assert.equal(await win.attr('tx-to', 'data-address'), getAddress(known));
      await win.waitFor('tx-irreversible');
      await clickApprove(win);
      await approvals.done();
      // The wallet page (a tab here) follows the outcome: home, the new transaction first.
      await wallet.waitFor('css=body[data-view="home"] [data-role="notice"]:not([hidden])');
      const hash = await eventually(async () => (await activityItems(wallet))[0]?.hash, { message: 'activity item' });
      assert.equal(hash, (await command(wallet, 'activity')).result.items[0].hash, 'the newest is shown first');
      await waitStatus(hash, 'confirmed');
      const r = await receipt(hash);
      assert.equal(await balance(known), toBefore + parseEther('1.25'));
      assert.equal(fromBefore - (await balance(ACCOUNT0)), parseEther('1.25') + BigInt(r.gasUsed) * BigInt(r.effectiveGasPrice));
      await eventually(async () => (await command(wallet, 'addressBook')).result.map((b) => b.address).join() === getAddress(known), {
        message: 'the address book learns the recipient, and only it',
      });
    });

    test('a send rejected in the window: the send page says so and keeps the form; nothing is sent', async () => {
      const before = (await command(wallet, 'activity')).result.items.length;
      await submitSend({ to: known, amount: '0.5' });
      await approvals.reject('transaction');
      await approvals.done();
      await wallet.waitFor('css=[data-role="sent"][data-state="rejected"]');
      assert.match(await wallet.evaluate(() => document.querySelector('[data-role="sent-status"]')?.textContent ?? ''), /rejected/i);
      assert.equal(await wallet.value('send-amount'), '0.5', 'the form is kept');
      assert.equal(await wallet.evaluate(() => document.body.dataset.view), 'send');
      assert.equal((await command(wallet, 'activity')).result.items.length, before, 'nothing sent');
    });

    test('ERC-20: added by contract address (symbol and decimals from the chain), sent, balances exact', async () => {
      await home();
      await wallet.click('token-add');
      await wallet.fill('token-address', token.toLowerCase());
      await wallet.click('token-submit');
      const row = `css=[data-testid="token-balance"][data-address="${getAddress(token)}"]`;
      await wallet.waitFor(row);
      assert.equal(await wallet.attr(row, 'data-symbol'), 'KURA');
      assert.equal(await wallet.attr(row, 'data-balance'), parseUnits('1000000', 6).toString());

      const hash = await send({ asset: getAddress(token), to: known, amount: '12.5' }, { expectRisks: {} });
      await home();
      await waitStatus(hash, 'confirmed');
      assert.equal(await tokenBalance(token, known), parseUnits('12.5', 6));
      assert.equal(await tokenBalance(token, ACCOUNT0), parseUnits('999987.5', 6));
      await eventually(async () => (await wallet.attr(row, 'data-balance')) === parseUnits('999987.5', 6).toString(), { message: 'the row shows the new balance' });
    });

    test('recipient checks: refused when not an address, mistyped checksum or too much; warned on contracts and a look-alike; a known address is clean', async () => {
      const pending = async () => (await command(wallet, 'approvals')).result.pending.length;
      const mistyped = getAddress(known).replace(/[a-f]/, (c) => c.toUpperCase());
      assert.notEqual(mistyped, getAddress(known));
      for (const [to, amount] of [['0x1234', '1'], [mistyped, '1'], [known, '1000000']]) {
        await submitSend({ to, amount });
        await wallet.waitFor('form-error');
        assert.ok((await wallet.text('form-error')).length > 0);
        assert.equal(await pending(), 0, `${to} ${amount}: nothing goes to the confirm screen`);
      }

      /** Submits, checks the warnings and that a high risk needs the tick, then rejects. */
      const warned = async (opts, expected, name) => {
        await submitSend(opts);
        const win = await approvals.expect('transaction', name ? { screenshot: name } : {});
        assert.deepEqual(await risks(win), expected);
        if (Object.values(expected).includes('high')) {
          assert.equal(await approveDisabled(win), true, 'a high risk must be acknowledged first');
          await win.click('risk-acknowledge');
          assert.equal(await approveDisabled(win), false);
        }
        await win.click('approval-reject');
        await approvals.done();
      };
      // A contract that takes coins (its code is one STOP): warned as a contract, nothing more.
      const deploy = await chainRpc('eth_sendTransaction', [{ from: ACCOUNT0, data: '0x6001600c60003960016000f300' }]);
      const sink = (await eventually(() => receipt(deploy), { message: 'sink deployed' })).contractAddress;
      assert.equal(await chainRpc('eth_getCode', [sink, 'latest']), '0x00');
      await warned({ to: sink, amount: '0.01' }, { 'contract-recipient': 'high', 'new-recipient': 'medium' });
      // The token's contract takes no coins: the node predicts the failure, and the person is told.
      await warned({ to: token, amount: '0.01' }, { 'contract-recipient': 'high', 'will-fail': 'high', 'new-recipient': 'medium' }, 'send-contract');
      await warned({ asset: getAddress(token), to: token, amount: '1' }, { 'contract-recipient': 'high', 'new-recipient': 'medium' });
      const lookalike = getAddress('0x' + known.toLowerCase().slice(2, 6) + 'ab'.repeat(16) + known.toLowerCase().slice(-4));
      await warned({ to: lookalike, amount: '0.01' }, { 'poisoned-address': 'high', 'new-recipient': 'medium' }, 'send-poisoned');
      await warned({ to: known, amount: '0.01' }, {});
    });

    test('stuck: flagged with the reason, the lowest nonce first; sped up, the next cancelled; one transaction per nonce on chain', async () => {
      await chainRpc('evm_setAutomine', [false]);
      const first = await minedNonce(ACCOUNT0);
      const startBlock = BigInt(await chainRpc('eth_blockNumber'));
      const knownBefore = await balance(known);
      const a = await send({ to: known, amount: '0.1' });
      const b = await send({ to: known, amount: '0.2' });
      // Gas spikes: the next blocks ask far more than the two offered.
      await chainRpc('anvil_setNextBlockBaseFeePerGas', [hex(2000n * GWEI)]);
      await chainRpc('anvil_mine', ['0x4']);
      await home();
      await eventually(
        async () => {
          const items = await activityItems(wallet);
          const [ia, ib] = [items.find((i) => i.hash === a), items.find((i) => i.hash === b)];
          return ia?.stuck && ib?.stuck && ia.speedUp && ia.cancel && !ib.speedUp && !ib.cancel;
        },
        { timeout: 20_000, message: 'both flagged; only the lowest nonce can be acted on' },
      );
      const items = await activityItems(wallet);
      assert.deepEqual(
        items.filter((i) => i.hash === a || i.hash === b).map((i) => [i.nonce, i.status]),
        [[first + 1, 'pending'], [first, 'pending']],
      );
      assert.match(items.find((i) => i.hash === b)?.stuck ?? '', new RegExp(String(first)), 'the later one names the nonce that blocks it');
      await wallet.screenshot(path.join(SCREENSHOTS_DIR, `${browserName}-activity-stuck.png`));

      // Speed up the lowest: same nonce, fees raised.
      await wallet.click(`css=[data-testid="activity-item"][data-hash="${a}"] [data-testid="activity-speed-up"]`);
      let win = await approvals.expect('transaction', { screenshot: 'speed-up' });
      assert.equal(await win.attr('tx-replaces', 'data-nonce'), String(first));
      await clickApprove(win);
      await approvals.done();
      const spedUp = await eventually(async () => (await command(wallet, 'activity')).result.items.find((i) => i.kind === 'speedup')?.hash, { message: 'speed-up recorded' });
      await chainRpc('anvil_mine', ['0x1']);
      await waitStatus(spedUp, 'confirmed');
      await waitStatus(a, 'dropped');

      // The next one is now the lowest: cancel it.
      await eventually(async () => (await activityItems(wallet)).find((i) => i.hash === b)?.cancel, { message: 'cancel offered on the next' });
      await wallet.click(`css=[data-testid="activity-item"][data-hash="${b}"] [data-testid="activity-cancel"]`);
      win = await approvals.expect('transaction');
      assert.equal(await win.attr('tx-replaces', 'data-nonce'), String(first + 1));
      await clickApprove(win);
      await approvals.done();
      const cancel = await eventually(async () => (await command(wallet, 'activity')).result.items.find((i) => i.kind === 'cancel')?.hash, { message: 'cancel recorded' });
      await chainRpc('anvil_mine', ['0x1']);
      await waitStatus(cancel, 'confirmed');
      await waitStatus(b, 'dropped');

      // On chain: exactly one transaction per nonce, the replacements; the originals never mined.
      const latest = BigInt(await chainRpc('eth_blockNumber'));
      const ours = [];
      for (let n = startBlock + 1n; n <= latest; n++) {
        const block = await chainRpc('eth_getBlockByNumber', [hex(n), true]);
        ours.push(...block.transactions.filter((t) => t.from.toLowerCase() === ACCOUNT0.toLowerCase()));
      }
      assert.deepEqual(ours.map((t) => [Number(BigInt(t.nonce)), t.hash]), [[first, spedUp], [first + 1, cancel]]);
      const cancelTx = ours[1];
      assert.equal(cancelTx.to.toLowerCase(), ACCOUNT0.toLowerCase());
      assert.equal(BigInt(cancelTx.value), 0n);
      assert.equal(await receipt(a), null);
      assert.equal(await receipt(b), null);
      assert.equal(await minedNonce(ACCOUNT0), first + 2);
      assert.equal(await balance(known), knownBefore + parseEther('0.1'), 'the sped-up amount arrived, the cancelled one did not');
      await chainRpc('anvil_setNextBlockBaseFeePerGas', [hex(GWEI)]);
      await chainRpc('evm_setAutomine', [true]);
    });

    test('a nonce used from outside the wallet: our transaction is marked dropped and the next send takes the right nonce', async () => {
      await chainRpc('evm_setAutomine', [false]);
      const n = await minedNonce(ACCOUNT0);
      const ours = await send({ to: known, amount: '0.3' });
      // The same key, used elsewhere (anvil signs for its dev account), with the same nonce.
      await chainRpc('eth_sendTransaction', [{ from: ACCOUNT0, to: DEV_ACCOUNTS[1], value: '0x1', nonce: hex(n), gas: '0x5208', maxFeePerGas: hex(5000n * GWEI), maxPriorityFeePerGas: hex(100n * GWEI) }]);
      await chainRpc('anvil_mine', ['0x1']);
      await chainRpc('evm_setAutomine', [true]);
      await home();
      await waitStatus(ours, 'dropped');
      assert.equal(await receipt(ours), null);
      const said = await wallet.evaluate((h) => document.querySelector(`[data-testid="activity-item"][data-hash="${h}"]`)?.textContent ?? '', ours);
      assert.match(said, new RegExp(`nonce ${n} was used by another transaction`), 'the reason, in plain words');
      const next = await send({ to: known, amount: '0.01' });
      await home();
      await waitStatus(next, 'confirmed');
      assert.equal((await activityItems(wallet)).find((i) => i.hash === next)?.nonce, n + 1);
    });

    test('a site\'s transaction is in the activity too; one that reverts is failed, with the node\'s reason', async () => {
      const site = await serveDir(PAGES_DIR);
      try {
        const page = await browser.openPage(site.origin + '/index.html');
        const ask = (method, params) =>
          page.evaluate((m, p) => {
            window.__pending = window.__ask(m, p);
            return true;
          }, method, params ?? null);
        await ask('eth_requestAccounts');
        await approvals.approve('connect');
        await approvals.done();
        // More tokens than the account holds, with a gas limit given so that nothing estimates.
        const data = '0xa9059cbb' + known.slice(2).toLowerCase().padStart(64, '0') + parseUnits('5000000', 6).toString(16).padStart(64, '0');
        await ask('eth_sendTransaction', [{ from: ACCOUNT0, to: token, data, gas: '0x30000' }]);
        await approvals.approve('transaction');
        await approvals.done();
        const { result: hash } = await page.evaluate(() => window.__pending);
        assert.match(hash, /^0x[0-9a-f]{64}$/);
        assert.equal((await eventually(() => receipt(hash), { message: 'mined' })).status, '0x0');
        await home();
        await waitStatus(hash, 'failed');
        const text = await wallet.evaluate((h) => document.querySelector(`[data-testid="activity-item"][data-hash="${h}"]`)?.textContent ?? '', hash);
        assert.match(text, /balance/, 'the revert reason TestToken gives ("balance")');
        assert.ok(text.includes(new URL(site.origin).host), 'the site that asked is named');

        // A site can hand over a look-alike too: the same warning, the same tick.
        const lookalike = getAddress('0x' + known.toLowerCase().slice(2, 6) + 'cd'.repeat(16) + known.toLowerCase().slice(-4));
        await ask('eth_sendTransaction', [{ from: ACCOUNT0, to: lookalike, value: '0x1' }]);
        const win = await approvals.expect('transaction');
        assert.deepEqual(await risks(win), { 'poisoned-address': 'high' });
        assert.equal(await approveDisabled(win), true);
        await win.click('approval-reject');
        await approvals.done();
        assert.equal((await page.evaluate(() => window.__pending)).error?.code, 4001);
      } finally {
        await site.close();
      }
    });

    test('the address book: sends fill it, names and removals stick, the send page suggests it; a token can be hidden', async () => {
      await home();
      await wallet.click('settings-open');
      const item = (a) => `css=[data-testid="contact-item"][data-address="${getAddress(a)}"]`;
      await wallet.waitFor(item(known));
      await wallet.fill(`${item(known)} [data-testid="contact-name"]`, 'Alice');
      await wallet.click(`${item(known)} [data-testid="contact-save"]`);
      await eventually(async () => (await command(wallet, 'addressBook')).result.find((c) => c.address === getAddress(known))?.name === 'Alice', {
        message: 'the name is saved',
      });

      await wallet.fill('contact-address', '0x1234');
      await wallet.click('contact-add');
      await wallet.waitFor('form-error');
      const bob = fresh();
      await wallet.fill('contact-address', bob.toLowerCase());
      await wallet.fill('contact-new-name', 'Bob');
      await wallet.click('contact-add');
      await wallet.waitFor(item(bob));
      await wallet.click(`${item(bob)} [data-testid="contact-remove"]`);
      await wallet.waitFor(item(bob), { state: 'detached' });
      assert.deepEqual((await command(wallet, 'addressBook')).result, [{ address: getAddress(known), name: 'Alice' }]);

      await home();
      await wallet.click('send');
      await wallet.waitFor('send-to');
      await eventually(
        () => wallet.evaluate((a) => [...document.querySelectorAll('datalist option')].some((o) => /** @type {HTMLOptionElement} */ (o).value === a && /** @type {HTMLOptionElement} */ (o).label === 'Alice'), getAddress(known)),
        { message: 'the send page suggests Alice' },
      );

      await home();
      const row = `css=[data-testid="token-balance"][data-address="${getAddress(token)}"]`;
      await wallet.click(`${row} [data-testid="token-remove"]`);
      await wallet.waitFor(row, { state: 'detached' });
      assert.deepEqual((await command(wallet, 'tokens')).result.tokens, []);
      assert.equal(await tokenBalance(token, ACCOUNT0) > 0n, true, 'hiding changes nothing on chain');
    });

    test('the activity survives a browser restart', async () => {
      await home();
      const before = await activityItems(wallet);
      assert.ok(before.length >= 8);
      await browser.close();
      browser = await launch();
      wallet = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
      approvals = new Approvals(browser, browserName);
      await wallet.fill('unlock-password', PASSWORD);
      await wallet.click('unlock-submit');
      await wallet.waitFor('account-balance');
      await eventually(async () => (await activityItems(wallet)).length === before.length, { message: 'the same list' });
      assert.deepEqual(
        (await activityItems(wallet)).map((i) => [i.hash, i.nonce, i.status]),
        before.map((i) => [i.hash, i.nonce, i.status]),
      );
    });
  });
}

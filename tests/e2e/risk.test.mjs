// Approvals, permits and orders judged before the person approves, end to end in real Chromium
// and Firefox against anvil with real contracts (an ERC-20 with EIP-2612 permit, an ERC-721,
// Permit2 from its bytecode): each warning shown with its severity, a high one needs
// risk-acknowledge, and what is approved still works on chain (the allowance is set, the
// permit is accepted by the token, the Permit2 signature recovers to the account). Each high
// warning has its benign look-alike that does not raise it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Wallet as EthersWallet, verifyTypedData } from 'ethers';
import { launchBrowser } from './lib/browser.mjs';
import { ANVIL_URL, DEV_ACCOUNTS, chainRpc, startAnvil } from './support/anvil.mjs';
import {
  MAX_UINT256,
  allowance,
  approveData,
  deployNFT,
  deployPermitToken,
  installPermit2,
  mint,
  permitData,
  sendTx,
  setApprovalForAllData,
} from './support/contracts.mjs';
import { eip2612Permit, forEthers, permit2PermitSingle, seaportGiveawayOrder, seaportSaleOrder } from './support/typed.mjs';
import { serveDir } from './support/server.mjs';
import { BROWSERS, PAGES_DIR, eventually, extensionDir, recordMetric } from './support/harness.mjs';
import { Approvals, answer, approveDisabled, clickApprove, readyWallet, start } from './support/wallet.mjs';

const ACCOUNT0 = DEV_ACCOUNTS[0];

/** The warnings the window shows, as "code:severity", sorted. */
const shown = (win) =>
  win.evaluate(() => [...document.querySelectorAll('[data-testid="risk-warning"]')].map((e) => `${e.dataset.risk}:${e.dataset.severity}`).sort());

/** The decoded call: its function and, per argument, what the window says. */
const decoded = (win) =>
  win.evaluate(() => {
    const call = document.querySelector('[data-testid="tx-call"]');
    if (!call) return null;
    const args = Object.fromEntries(
      [...call.querySelectorAll('[data-testid="tx-call-arg"]')].map((a) => [a.dataset.name, { text: a.querySelector('dd').textContent.trim(), code: a.querySelector('[data-code]')?.dataset.code ?? null }]),
    );
    return { function: call.dataset.function, args };
  });

for (const browserName of BROWSERS) {
  describe(`risk judgement in ${browserName}`, () => {
    let browser, anvil, site, wallet, page, approvals;
    let token, nft, spenderContract;
    const eoa = EthersWallet.createRandom().address;

    before(async () => {
      anvil = await startAnvil();
      site = await serveDir(PAGES_DIR);
      token = await deployPermitToken({ from: ACCOUNT0 });
      nft = await deployNFT({ from: ACCOUNT0 });
      await mint(nft, ACCOUNT0, 7n);
      spenderContract = await installPermit2(); // any contract will do as a spender
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName) });
      wallet = await readyWallet(browser);
      page = await browser.openPage(site.origin + '/index.html');
      approvals = new Approvals(browser, browserName);
    });
    after(async () => {
      await browser?.close();
      await site?.close();
      await anvil?.stop();
    });

    /** Sends a transaction from the page; returns the window and the request's id. */
    async function transaction(data, to, type = 'transaction') {
      const id = await start(page, 'eth_sendTransaction', [{ from: ACCOUNT0, to, data }]);
      return { id, win: await approvals.expect(type) };
    }

    async function reject(win, id) {
      await win.click('approval-reject');
      assert.equal((await answer(page, id)).error?.code, 4001);
      await approvals.done();
    }

    test('a new site is named on its first request only (info, no acknowledgement)', async () => {
      const first = await start(page, 'eth_requestAccounts');
      const win = await approvals.expect('connect');
      assert.deepEqual(await shown(win), ['new-site:info']);
      await clickApprove(win);
      assert.deepEqual(await answer(page, first), { result: [ACCOUNT0] });
      await approvals.done();
      const again = await start(page, 'personal_sign', ['0x6869', ACCOUNT0]);
      const second = await approvals.expect('personal_sign');
      assert.deepEqual(await shown(second), [], 'an approved site is no longer new');
      await reject(second, again);
      await approvals.done();
    });

    test('an unlimited approve is high and needs acknowledging; it is decoded, and still sets the allowance', async () => {
      const { id, win } = await transaction(approveData(spenderContract, MAX_UINT256), token);
      assert.deepEqual(await shown(win), ['unlimited-approval:high']);
      const call = await decoded(win);
      assert.equal(call.function, 'approve');
      assert.equal(call.args.spender.code, 'contract');
      assert.match(call.args.amount.text, /unlimited|無制限/i);
      assert.equal(await approveDisabled(win), true, 'a high warning must be acknowledged first');
      await win.click('risk-acknowledge');
      await clickApprove(win);
      const { result: hash, error } = await answer(page, id);
      assert.equal(error, undefined, JSON.stringify(error));
      const receipt = await eventually(() => chainRpc('eth_getTransactionReceipt', [hash]), { message: 'receipt' });
      assert.equal(receipt.status, '0x1');
      assert.equal(await allowance(token, ACCOUNT0, spenderContract), MAX_UINT256);
      await approvals.done();
    });

    test('look-alikes: an exact approve to a contract is not high; to an address without code it is', async () => {
      const exact = await transaction(approveData(spenderContract, 100n * 10n ** 18n), token);
      assert.deepEqual(await shown(exact.win), []);
      const call = await decoded(exact.win);
      assert.equal(call.args.amount.text, '100 PMT');
      assert.equal(await approveDisabled(exact.win), false);
      await reject(exact.win, exact.id);

      const toEoa = await transaction(approveData(eoa, 5n * 10n ** 18n), token);
      assert.deepEqual(await shown(toEoa.win), ['eoa-spender:high']);
      assert.equal((await decoded(toEoa.win)).args.spender.code, 'no-code');
      await reject(toEoa.win, toEoa.id);
      await approvals.done();
    });

    test('setApprovalForAll: giving an operator every NFT is high; taking it back is not', async () => {
      const give = await transaction(setApprovalForAllData(spenderContract, true), nft);
      assert.deepEqual(await shown(give.win), ['approval-for-all:high']);
      assert.equal((await decoded(give.win)).function, 'setApprovalForAll');
      await reject(give.win, give.id);
      const revoke = await transaction(setApprovalForAllData(spenderContract, false), nft);
      assert.deepEqual(await shown(revoke.win), []);
      await reject(revoke.win, revoke.id);
      await approvals.done();
    });

    test('an EIP-2612 permit is high; once acknowledged, the token accepts the signature', async () => {
      const spender = DEV_ACCOUNTS[1];
      const value = 42n * 10n ** 18n;
      const typed = eip2612Permit({ token, owner: ACCOUNT0, spender, value });
      const id = await start(page, 'eth_signTypedData_v4', [ACCOUNT0, JSON.stringify(typed)]);
      const win = await approvals.expect('typed_data');
      // The spender is an account here: both warnings, high.
      assert.deepEqual(await shown(win), ['eoa-spender:high', 'permit-signature:high']);
      assert.equal(await approveDisabled(win), true);
      await win.click('risk-acknowledge');
      await clickApprove(win);
      const { result: signature, error } = await answer(page, id);
      assert.equal(error, undefined, JSON.stringify(error));
      await approvals.done();
      // The token itself checks the signature.
      await sendTx({ from: spender, to: token, data: permitData(ACCOUNT0, spender, value, BigInt(typed.message.deadline), signature), what: 'permit' });
      assert.equal(await allowance(token, ACCOUNT0, spender), value);
    });

    test('a Permit2 signature is high and recovers to the account; a Seaport give-away is high, a sale is not', async () => {
      const permit = permit2PermitSingle({ token, amount: 10n ** 18n, spender: spenderContract });
      const id = await start(page, 'eth_signTypedData_v4', [ACCOUNT0, JSON.stringify(permit)]);
      const win = await approvals.expect('typed_data');
      assert.deepEqual(await shown(win), ['permit2-signature:high']);
      await win.click('risk-acknowledge');
      await clickApprove(win);
      const { result: signature } = await answer(page, id);
      const { domain, types, message } = forEthers(permit);
      assert.equal(verifyTypedData(domain, types, message, signature), ACCOUNT0);
      await approvals.done();

      const giveaway = seaportGiveawayOrder({ offerer: ACCOUNT0, nft, tokenId: 7n, receiver: eoa });
      const g = await start(page, 'eth_signTypedData_v4', [ACCOUNT0, JSON.stringify(giveaway)]);
      const gw = await approvals.expect('typed_data');
      assert.deepEqual(await shown(gw), ['order-gives-away:high']);
      await reject(gw, g);
      const sale = seaportSaleOrder({ offerer: ACCOUNT0, nft, tokenId: 7n, price: 10n ** 18n });
      const s = await start(page, 'eth_signTypedData_v4', [ACCOUNT0, JSON.stringify(sale)]);
      const sw = await approvals.expect('typed_data');
      assert.deepEqual(await shown(sw), []);
      await reject(sw, s);
      await approvals.done();
    });

    test('allowances: the page lists what was approved; revoking, from the page or the doctor, zeroes it on chain', async () => {
      // From the tests above: an unlimited approve to a contract, a permit of 42 PMT to an account.
      const owed = DEV_ACCOUNTS[1];
      await wallet.goto(browser.extensionBaseUrl + 'popup.html');
      await wallet.click('allowances-open');
      await wallet.waitFor('css=section.allowances[data-loaded]', { timeout: 30_000 });
      const items = await wallet.evaluate(() =>
        [...document.querySelectorAll('[data-testid="allowance-item"]')].map((e) => ({ token: e.dataset.token, spender: e.dataset.spender, amount: e.dataset.amount })),
      );
      const lower = (x) => x.toLowerCase();
      assert.deepEqual(
        items.map((i) => [i.token, i.spender, i.amount]).sort(),
        [
          [lower(token), lower(spenderContract), MAX_UINT256.toString()],
          [lower(token), lower(owed), (42n * 10n ** 18n).toString()],
        ].sort(),
      );
      await wallet.click(`css=[data-testid="allowance-item"][data-spender="${lower(spenderContract)}"] [data-testid="allowance-revoke"]`);
      const win = await approvals.expect('transaction');
      assert.equal((await decoded(win)).function, 'approve');
      await clickApprove(win);
      await approvals.done();
      await eventually(async () => (await allowance(token, ACCOUNT0, spenderContract)) === 0n, { timeout: 15_000, message: 'the unlimited allowance revoked on chain' });

      // The doctor finds the allowance to an account without code, and its fix revokes it.
      await wallet.goto(browser.extensionBaseUrl + 'popup.html');
      await wallet.click('css=section.home [data-testid="doctor-open"]');
      await wallet.waitFor('css=section.doctor[data-ran]:not([aria-busy])', { timeout: 30_000 });
      const found = await wallet.evaluate(() => [...document.querySelectorAll('[data-testid="doctor-finding"]')].map((e) => `${e.dataset.code}:${e.dataset.severity}:${e.dataset.spender ?? ''}`));
      assert.ok(found.includes(`allowance-to-eoa:high:${lower(owed)}`), JSON.stringify(found));
      assert.ok(!found.some((f) => f.startsWith('unlimited-allowance')), 'the revoked one is gone');
      await wallet.click(`css=[data-testid="doctor-finding"][data-code="allowance-to-eoa"] [data-testid="doctor-fix"][data-fix="revoke"]`);
      await clickApprove(await approvals.expect('transaction'));
      await approvals.done();
      await eventually(async () => (await allowance(token, ACCOUNT0, owed)) === 0n, { timeout: 15_000, message: 'the allowance to an account revoked on chain' });
    });

    test('what the checks cost: a transaction, typed data and a navigation judged (measured, not asserted)', async () => {
      // In the wallet's own page, with the background's modules and their own WASM instance:
      // the time the judgement adds before the window opens (the facts come from anvil).
      const tx = { chainId: '0x7a69', to: token, data: approveData(spenderContract, MAX_UINT256), value: '0x0' };
      const typed = JSON.stringify(permit2PermitSingle({ token, amount: 10n ** 18n, spender: spenderContract }));
      const hosts = ['app.uniswap.org', 'wallet-ethereum.net', 'rnetamask.io', 'quiet-harbor-bakery.test', 'www.google.com', 'opensea.io', 'xn--mtamask-3fg.io', 'bitflyer.com'];
      const m = await wallet.evaluate(
        async ({ tx, typed, hosts, signer, rpcUrl }) => {
          const judge = await import(chrome.runtime.getURL('background/risk/judge.js'));
          const guard = await import(chrome.runtime.getURL('background/risk/guard.js'));
          const stats = (xs) => {
            const s = [...xs].sort((a, b) => a - b);
            return { median: s[Math.floor(s.length / 2)], p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))], n: s.length };
          };
          const time = async (n, fn) => {
            const out = [];
            for (let i = 0; i < n; i++) {
              const t0 = performance.now();
              await fn(i);
              out.push(performance.now() - t0);
            }
            return out;
          };
          let t0 = performance.now();
          await guard.judgeHost('example.org');
          const guardBuild = performance.now() - t0;
          t0 = performance.now();
          const warnings = (await judge.judgeTransaction(rpcUrl, tx)).warnings.map((w) => w.code);
          const firstTx = performance.now() - t0;
          await time(10, () => judge.judgeTransaction(rpcUrl, tx));
          const txTimes = await time(100, () => judge.judgeTransaction(rpcUrl, tx));
          const typedTimes = await time(100, () => judge.judgeTypedData(rpcUrl, typed, 'v4', signer));
          const hostTimes = await time(2000, (i) => guard.judgeHost(hosts[i % hosts.length]));
          // The timers are coarse (0.1 ms in Chromium, 1 ms in Firefox): the mean from the total too.
          const hostMean = hostTimes.reduce((a, b) => a + b, 0) / hostTimes.length;
          return { guardBuild, firstTx, warnings, hostMean, tx: stats(txTimes), typed: stats(typedTimes), host: stats(hostTimes) };
        },
        { tx, typed, hosts, signer: ACCOUNT0, rpcUrl: ANVIL_URL },
      );
      assert.deepEqual(m.warnings, ['unlimited-approval'], 'the measured call is judged as in the test above');
      assert.equal(m.tx.n, 100);
      recordMetric(`${browserName}.riskGuardBuildMs`, m.guardBuild, 'ms');
      recordMetric(`${browserName}.riskFirstTransactionMs`, m.firstTx, 'ms');
      recordMetric(`${browserName}.riskNavigationMs.mean`, m.hostMean, 'ms');
      for (const [name, s] of [['Transaction', m.tx], ['TypedData', m.typed], ['Navigation', m.host]]) {
        recordMetric(`${browserName}.risk${name}Ms.median`, s.median, 'ms');
        recordMetric(`${browserName}.risk${name}Ms.p99`, s.p99, 'ms');
      }
    });
  });
}

// The extension shell, end to end: the built extension in real Chromium and Firefox, a real
// anvil chain, a real dApp page served on 127.0.0.1. Nothing is mocked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { DEV_ACCOUNTS, chainRpc, startAnvil } from './support/anvil.mjs';
import { serveDir } from './support/server.mjs';
import {
  BROWSERS,
  PAGES_DIR,
  SCREENSHOTS_DIR,
  eventually,
  extensionDir,
  median,
  recordMetric,
} from './support/harness.mjs';

const LOCALHOST_CHAIN = '0x7a69';

/** Asks the page's provider; resolves to { result } or { error: { code, message, isError } }. */
const ask = (page, method, params) =>
  page.evaluate((m, p) => window.__ask(m, p), method, params ?? null);

async function switchNetwork(browser, chainId) {
  const popup = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
  await popup.click('network-name');
  await popup.click(`css=[data-testid="network-option"][data-chain-id="${chainId}"]`);
  await eventually(async () => (await popup.attr('network-name', 'data-chain-id')) === chainId, {
    message: `network ${chainId} selected`,
  });
  await popup.close();
}

for (const browserName of BROWSERS) {
  describe(`extension shell in ${browserName}`, () => {
    let browser, anvil, site, page;

    before(async () => {
      anvil = await startAnvil();
      site = await serveDir(PAGES_DIR);
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName) });
      page = await browser.openPage(site.origin + '/index.html');
    });
    after(async () => {
      await browser?.close();
      await site?.close();
      await anvil?.stop();
    });

    test('window.ethereum exists before the page\'s first inline script', async () => {
      const seen = await page.evaluate(() => window.__firstScript);
      assert.deepEqual(seen, { hasEthereum: true, isKuraWallet: true, isMetaMask: true });
    });

    test('EIP-6963: announces our own info, and again on each eip6963:requestProvider', async () => {
      const got = await page.evaluate(() => {
        const seen = [];
        window.addEventListener('eip6963:announceProvider', (e) => seen.push(e.detail));
        window.dispatchEvent(new Event('eip6963:requestProvider'));
        window.dispatchEvent(new Event('eip6963:requestProvider'));
        return seen.map((d) => ({
          ...d.info,
          isOurProvider: d.provider === window.ethereum,
          frozen: Object.isFrozen(d) && Object.isFrozen(d.info),
        }));
      });
      assert.equal(got.length, 2);
      const [info] = got;
      assert.match(info.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(info.name, 'Kura Wallet');
      assert.match(info.icon, /^data:image\/svg\+xml;base64,/);
      assert.equal(info.rdns, 'app.kurawallet');
      assert.equal(info.isOurProvider, true);
      assert.equal(info.frozen, true);
      assert.equal(got[1].uuid, info.uuid, 'one uuid per page session');
    });

    test('the default network is Ethereum Mainnet; connect was emitted with its chain id', async () => {
      assert.deepEqual(await ask(page, 'eth_chainId'), { result: '0x1' });
      // connect follows the provider's own first eth_chainId, which may be answered after the
      // page's (both are asynchronous): waited for, not assumed to be there already.
      const connect = await eventually(() => page.evaluate(() => window.__events.find((e) => e.name === 'connect')), { message: 'the connect event' });
      assert.deepEqual(connect.data, { chainId: '0x1' });
    });

    test('switching to Localhost 8545 in the wallet emits chainChanged to the page', async () => {
      await switchNetwork(browser, LOCALHOST_CHAIN);
      await eventually(
        () => page.evaluate(() => window.__events.some((e) => e.name === 'chainChanged' && e.data === '0x7a69')),
        { message: 'chainChanged 0x7a69' },
      );
      assert.deepEqual(await ask(page, 'eth_chainId'), { result: LOCALHOST_CHAIN });
      assert.deepEqual(await ask(page, 'net_version'), { result: '31337' });
      assert.equal(await page.evaluate(() => window.ethereum.chainId), LOCALHOST_CHAIN);
    });

    test('read-only methods are answered by the chain', async () => {
      const [account] = DEV_ACCOUNTS;
      const hash = await chainRpc('eth_sendTransaction', [{ from: account, to: DEV_ACCOUNTS[1], value: '0x1234' }]);
      // anvil mines on its own task: eth_sendTransaction can answer before the receipt exists.
      const receipt = await eventually(() => chainRpc('eth_getTransactionReceipt', [hash]), { message: 'mined' });
      assert.deepEqual(await ask(page, 'eth_blockNumber'), { result: await chainRpc('eth_blockNumber') });
      assert.deepEqual(await ask(page, 'eth_getBalance', [account, 'latest']), {
        result: await chainRpc('eth_getBalance', [account, 'latest']),
      });
      assert.deepEqual(await ask(page, 'eth_getTransactionCount', [account, 'latest']), { result: '0x1' });
      const viaWallet = await ask(page, 'eth_getTransactionReceipt', [hash]);
      assert.equal(viaWallet.result.transactionHash, receipt.transactionHash);
      assert.equal(viaWallet.result.status, '0x1');
      assert.deepEqual(await ask(page, 'eth_estimateGas', [{ from: account, to: DEV_ACCOUNTS[1], value: '0x1' }]), {
        result: '0x5208',
      });
      assert.deepEqual(await ask(page, 'eth_call', [{ to: DEV_ACCOUNTS[1], data: '0x' }, 'latest']), { result: '0x' });
      assert.deepEqual(await ask(page, 'eth_accounts'), { result: [] }, 'no account for an unconnected site');
    });

    test('errors carry EIP-1193 / EIP-1474 codes', async () => {
      const code = async (method, params) => (await ask(page, method, params)).error?.code;
      assert.equal(await code('wallet_doesNotExist'), 4200);
      assert.equal(await code('eth_sign', [DEV_ACCOUNTS[0], '0x' + '00'.repeat(32)]), 4200);
      assert.equal(await code('eth_getBalance', ['0x1234', 'latest']), -32602);
      assert.equal(await code('eth_getBalance', []), -32602);
      assert.equal(await code('eth_getBalance', { address: DEV_ACCOUNTS[0] }), -32602);
      assert.equal(await code('eth_getTransactionReceipt', ['0xabc']), -32602);
      assert.equal(await code('eth_sendTransaction', [{ from: DEV_ACCOUNTS[0], to: DEV_ACCOUNTS[1] }]), 4100);
      assert.equal(await code('personal_sign', ['0x68656c6c6f', DEV_ACCOUNTS[0]]), 4100);
      const unknown = await ask(page, 'wallet_doesNotExist');
      assert.equal(unknown.error.isError, true, 'rejections are Error instances');
      assert.match(unknown.error.message, /wallet_doesNotExist/);
    });

    test('a malformed request is rejected, not relayed', async () => {
      const outcomes = await page.evaluate(async () => {
        const tries = [() => window.ethereum.request(), () => window.ethereum.request('eth_chainId'),
          () => window.ethereum.request([{ method: 'eth_chainId' }]), () => window.ethereum.request({ method: 7 }),
          () => window.ethereum.request({ method: 'eth_chainId', params: 'x' })];
        const out = [];
        for (const t of tries) out.push(await t().then(() => 'resolved', (e) => e.code));
        // Forged relay messages without an id or with a bad shape are ignored by the relay.
        window.postMessage({ target: 'kura-wallet:to-content', request: { method: 'eth_chainId' } }, '*');
        window.postMessage({ target: 'kura-wallet:to-content', id: -1, request: null }, '*');
        window.postMessage('kura-wallet:to-content', '*');
        out.push(await window.ethereum.request({ method: 'eth_chainId' }));
        return out;
      });
      assert.deepEqual(outcomes, [-32600, -32600, -32600, -32600, -32600, LOCALHOST_CHAIN]);
    });

    test('50 concurrent requests all answer', async () => {
      const answers = await page.evaluate((account) => {
        const methods = [
          { method: 'eth_chainId' },
          { method: 'eth_blockNumber' },
          { method: 'eth_getBalance', params: [account, 'latest'] },
          { method: 'net_version' },
          { method: 'eth_getBalance', params: ['0x0', 'latest'] },
        ];
        return Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            window.ethereum.request(methods[i % 5]).then((r) => ['ok', r], (e) => ['err', e.code]),
          ),
        );
      }, DEV_ACCOUNTS[0]);
      assert.equal(answers.length, 50);
      const balance = await chainRpc('eth_getBalance', [DEV_ACCOUNTS[0], 'latest']);
      answers.forEach(([kind, value], i) => {
        const expected = [
          ['ok', LOCALHOST_CHAIN],
          ['ok', value],
          ['ok', balance],
          ['ok', '31337'],
          ['err', -32602],
        ][i % 5];
        assert.deepEqual([kind, value], expected, `request ${i}`);
      });
    });

    test('an unreachable RPC endpoint gives -32603 with the reason, without hanging', async () => {
      await anvil.stop();
      try {
        const started = Date.now();
        const outcome = await ask(page, 'eth_blockNumber');
        assert.equal(outcome.error?.code, -32603);
        assert.match(outcome.error.message, /127\.0\.0\.1:8545.*unreachable/);
        assert.ok(Date.now() - started < 16_000, 'answered within the RPC deadline');
      } finally {
        anvil = await startAnvil();
      }
      assert.deepEqual(await ask(page, 'eth_blockNumber'), { result: await chainRpc('eth_blockNumber') });
    });

    test('a stopped background starts again on the next request and answers it', async () => {
      const samples = [];
      for (let i = 0; i < 5; i++) {
        await browser.stopBackground();
        const { ms, result } = await page.evaluate(async () => {
          const t0 = performance.now();
          const result = await window.ethereum.request({ method: 'eth_chainId' });
          return { ms: performance.now() - t0, result };
        });
        assert.equal(result, LOCALHOST_CHAIN);
        samples.push(ms);
      }
      recordMetric(`${browserName}.coldStartChainIdMs.median`, median(samples), 'ms');
      // And state survived: still on Localhost 8545, which lives in storage, not worker memory.
      assert.deepEqual(await ask(page, 'eth_blockNumber'), { result: await chainRpc('eth_blockNumber') });
    });

    test('round trip page → wallet → page (measured, not asserted)', async () => {
      const times = await page.evaluate(async () => {
        for (let i = 0; i < 20; i++) await window.ethereum.request({ method: 'eth_chainId' });
        const out = [];
        for (let i = 0; i < 200; i++) {
          const t0 = performance.now();
          await window.ethereum.request({ method: 'eth_chainId' });
          out.push(performance.now() - t0);
        }
        return out;
      });
      assert.equal(times.length, 200);
      recordMetric(`${browserName}.roundTripChainIdMs.median`, median(times), 'ms');
    });

    test('MetaMask mode is on by default and can be turned off', async () => {
      const popup = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
      await popup.click('settings-open');
      await popup.waitFor('setting-metamask-mode');
      assert.equal(await popup.evaluate(() => document.querySelector('[data-testid="setting-metamask-mode"]').checked), true);
      await popup.screenshot(path.join(SCREENSHOTS_DIR, `${browserName}-popup.png`));
      await popup.click('setting-metamask-mode');
      await eventually(async () => {
        const fresh = await browser.openPage(site.origin + '/index.html');
        const seen = await fresh.evaluate(() => window.__firstScript);
        await fresh.close();
        return seen.isMetaMask === false && seen.isKuraWallet === true;
      }, { message: 'isMetaMask false after turning MetaMask mode off', timeout: 10_000 });
      await popup.click('setting-metamask-mode');
      await eventually(async () => {
        const fresh = await browser.openPage(site.origin + '/index.html');
        const seen = await fresh.evaluate(() => window.__firstScript);
        await fresh.close();
        return seen.isMetaMask === true;
      }, { message: 'isMetaMask true again', timeout: 10_000 });
      await popup.close();
    });
  });
}

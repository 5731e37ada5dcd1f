// A dApp's daily business, end to end in real Chromium and Firefox against anvil: connect,
// privacy across origins, personal_sign, typed data, an EIP-1559 transaction mined, networks,
// queued requests from several tabs, and an approval that survives a worker restart. Every
// signature is verified with ethers, an independent library; every balance with the chain itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import url from 'node:url';
import { Wallet as EthersWallet, getAddress, getBytes, keccak256, toUtf8Bytes, verifyMessage, verifyTypedData } from 'ethers';
import { SignTypedDataVersion, recoverTypedSignature } from '@metamask/eth-sig-util';
import { launchBrowser } from './lib/browser.mjs';
import { DEV_ACCOUNTS, chainRpc, startAnvil } from './support/anvil.mjs';
import { deployToken } from './support/erc20.mjs';
import { serveDir } from './support/server.mjs';
import { BROWSERS, PAGES_DIR, ROOT, eventually, extensionDir } from './support/harness.mjs';
import { Approvals, answer, approveDisabled, ask, clickApprove, readyWallet, start } from './support/wallet.mjs';

const ethHd = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/vectors/eth-hd.json'), 'utf8'));
const spec712 = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/vectors/eip712.json'), 'utf8')).spec;
const ACCOUNT0 = ethHd.vectors[0].address;


/** EIP-712 spec example on anvil's chain, with a nested array added (v4 arrays of structs). */
function typedDataOnAnvil() {
  const t = structuredClone(spec712.typedData);
  t.domain.chainId = 31337;
  t.types.Group = [
    { name: 'name', type: 'string' },
    { name: 'members', type: 'Person[]' },
  ];
  t.types.Mail.push({ name: 'cc', type: 'Group[]' });
  t.message.cc = [{ name: 'friends', members: [t.message.from, t.message.to] }];
  return t;
}

for (const browserName of BROWSERS) {
  describe(`dApp requests in ${browserName}`, () => {
    let browser, anvil, site, otherSite, wallet, page, approvals;

    before(async () => {
      anvil = await startAnvil();
      site = await serveDir(PAGES_DIR);
      otherSite = await serveDir(PAGES_DIR);
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName) });
      wallet = await readyWallet(browser);
      page = await browser.openPage(site.origin + '/index.html');
      approvals = new Approvals(browser, browserName);
    });
    after(async () => {
      await browser?.close();
      await site?.close();
      await otherSite?.close();
      await anvil?.stop();
    });

    test('connect: reject gives 4001; approve gives the account; eth_accounts stays private to that origin', async () => {
      const first = await start(page, 'eth_requestAccounts');
      const win = await approvals.expect('connect', { screenshot: 'connect' });
      assert.equal(await win.text('approval-origin'), site.origin);
      await win.click('approval-reject');
      assert.equal((await answer(page, first)).error?.code, 4001);
      await approvals.done();
      assert.deepEqual(await ask(page, 'eth_accounts'), { result: [] });

      const second = await start(page, 'eth_requestAccounts');
      await approvals.approve('connect');
      assert.deepEqual(await answer(page, second), { result: [ACCOUNT0] });
      await approvals.done();
      assert.deepEqual(await ask(page, 'eth_accounts'), { result: [ACCOUNT0] });
      await eventually(() => page.evaluate(() => window.__events.some((e) => e.name === 'accountsChanged')), {
        message: 'accountsChanged to the connected page',
      });

      const other = await browser.openPage(otherSite.origin + '/index.html');
      assert.deepEqual(await ask(other, 'eth_accounts'), { result: [] }, 'another origin sees nothing');
      assert.equal((await ask(other, 'personal_sign', ['0x00', ACCOUNT0])).error?.code, 4100);
      assert.equal(await other.evaluate(() => window.__events.some((e) => e.name === 'accountsChanged')), false);
      await other.close();
    });

    test('a request whose tab closed is dropped from the queue', async () => {
      const tab = await browser.openPage(site.origin + '/index.html');
      await start(tab, 'personal_sign', ['0x6279', ACCOUNT0]);
      await approvals.expect('personal_sign');
      await tab.close();
      await approvals.done();
      const left = await wallet.evaluate(() => chrome.storage.session.get('approvals').then((s) => s.approvals));
      assert.deepEqual(left, []);
    });

    test('personal_sign: shown as text, signed, verified by ethers', async () => {
      const message = 'Hello from the test dApp\u200b!';
      const hexMsg = '0x' + Buffer.from(message).toString('hex');
      const id = await start(page, 'personal_sign', [hexMsg, ACCOUNT0]);
      const win = await approvals.expect('personal_sign', { screenshot: 'personal-sign' });
      assert.match(await win.text('sign-message'), /Hello from the test dApp⟦U\+200B⟧!/);
      await clickApprove(win);
      const { result } = await answer(page, id);
      assert.equal(verifyMessage(message, result), ACCOUNT0);
      await approvals.done();
    });

    test('Sign-In with Ethereum for another domain carries a risk warning', async () => {
      const siwe = `evil.example wants you to sign in with your Ethereum account:\n${ACCOUNT0}\n\nSign in\n\nURI: https://evil.example\nVersion: 1\nChain ID: 31337\nNonce: 12345678\nIssued At: 2026-01-01T00:00:00Z`;
      const id = await start(page, 'personal_sign', ['0x' + Buffer.from(siwe).toString('hex'), ACCOUNT0]);
      const win = await approvals.expect('personal_sign', { screenshot: 'siwe-mismatch' });
      assert.equal(await win.attr('risk-warning', 'data-risk'), 'siwe-domain-mismatch');
      await win.click('approval-reject');
      assert.equal((await answer(page, id)).error?.code, 4001);
      await approvals.done();
    });

    test('typed data v4 (spec example on chain 31337, nested arrays) recovers to the signer', async () => {
      const typed = typedDataOnAnvil();
      const id = await start(page, 'eth_signTypedData_v4', [ACCOUNT0, JSON.stringify(typed)]);
      await approvals.approve('typed_data', { screenshot: 'typed-data' });
      const { result, error } = await answer(page, id);
      assert.equal(error, undefined, JSON.stringify(error));
      const { EIP712Domain, ...types } = typed.types;
      assert.equal(verifyTypedData(typed.domain, types, typed.message, result), ACCOUNT0);
      await approvals.done();
    });

    test('typed data for another chain is refused without asking', async () => {
      const typed = typedDataOnAnvil();
      typed.domain.chainId = 1;
      const outcome = await ask(page, 'eth_signTypedData_v4', [ACCOUNT0, typed]);
      assert.equal(outcome.error?.code, -32602);
      assert.match(outcome.error.message, /chainId 1 does not match the active chain 31337/);
    });

    test('typed data: values no type declares (a note, a chainId) are not shown as signed, both are warned, the signature verifies', async () => {
      const typed = typedDataOnAnvil();
      typed.types.EIP712Domain = typed.types.EIP712Domain.filter((f) => f.name !== 'chainId');
      typed.domain.chainId = 31337; // sent, but not declared: not signed
      typed.message.note = 'Cancels your approvals, safe';
      const id = await start(page, 'eth_signTypedData_v4', [ACCOUNT0, JSON.stringify(typed)]);
      const win = await approvals.expect('typed_data', { screenshot: 'typed-data-undeclared' });
      const risks = await win.evaluate(() =>
        [...document.querySelectorAll('[data-testid="risk-warning"]')].map((e) => `${e.dataset.risk}:${e.dataset.severity}`).sort(),
      );
      assert.deepEqual(risks, ['no-chain-binding:medium', 'undeclared-fields:medium']);
      const domainShown = await win.text('typed-domain');
      const messageShown = await win.text('typed-message');
      assert.doesNotMatch(domainShown, /31337/, 'the undeclared chainId is not among the signed values');
      assert.match(domainShown, /Ether Mail/);
      assert.doesNotMatch(messageShown, /Cancels your approvals/, 'the undeclared note is not among the signed values');
      assert.match(messageShown, /Hello, Bob!/);
      const unsigned = await win.text('typed-unsigned');
      assert.match(unsigned, /domain\.chainId/);
      assert.match(unsigned, /message\.note/);
      await clickApprove(win);
      const { result, error } = await answer(page, id);
      assert.equal(error, undefined, JSON.stringify(error));
      assert.equal(recoverTypedSignature({ data: typed, signature: result, version: SignTypedDataVersion.V4 }), ACCOUNT0.toLowerCase());
      await approvals.done();
    });

    test('eth_signTypedData_v3 with a declared field left out is signed by v3 rules and verifies with eth-sig-util', async () => {
      const typed = structuredClone(spec712.typedData);
      typed.domain.chainId = 31337;
      delete typed.message.contents; // v3 leaves a missing value out of the encoding; v4 refuses it
      const id = await start(page, 'eth_signTypedData_v3', [ACCOUNT0, JSON.stringify(typed)]);
      const win = await approvals.expect('typed_data');
      assert.doesNotMatch(await win.text('typed-message'), /contents/);
      await clickApprove(win);
      const { result, error } = await answer(page, id);
      assert.equal(error, undefined, JSON.stringify(error));
      assert.equal(recoverTypedSignature({ data: typed, signature: result, version: SignTypedDataVersion.V3 }), ACCOUNT0.toLowerCase());
      await approvals.done();
    });

    test('personal_sign of a 32-byte hash is a blind signature: Approve waits for risk-acknowledge', async () => {
      const hash = keccak256(toUtf8Bytes('a Safe transaction hash'));
      const id = await start(page, 'personal_sign', [hash, ACCOUNT0]);
      const win = await approvals.expect('personal_sign', { screenshot: 'blind-signature' });
      assert.equal(await win.attr('risk-warning', 'data-risk'), 'blind-signature');
      assert.equal(await win.attr('risk-warning', 'data-severity'), 'high');
      assert.equal(await approveDisabled(win), true, 'a blind signature must be acknowledged first');
      await win.click('risk-acknowledge');
      await clickApprove(win);
      const { result } = await answer(page, id);
      assert.equal(verifyMessage(getBytes(hash), result), ACCOUNT0);
      await approvals.done();
    });

    test('an EIP-1559 transaction is mined with status 1 and credits the recipient exactly', async () => {
      const recipient = EthersWallet.createRandom().address;
      const value = '0xde0b6b3a7640000'; // 1 ETH
      const id = await start(page, 'eth_sendTransaction', [{ from: ACCOUNT0, to: recipient, value }]);
      await approvals.approve('transaction', { screenshot: 'transaction' });
      const { result: hash, error } = await answer(page, id);
      assert.equal(error, undefined, JSON.stringify(error));
      const receipt = await eventually(() => chainRpc('eth_getTransactionReceipt', [hash]), { message: 'receipt' });
      assert.equal(receipt.status, '0x1');
      assert.equal(receipt.type, '0x2');
      assert.equal(BigInt(await chainRpc('eth_getBalance', [recipient, 'latest'])), BigInt(value));
      await approvals.done();
    });

    test('a rejected transaction leaves the nonce unchanged', async () => {
      const before = await chainRpc('eth_getTransactionCount', [ACCOUNT0, 'pending']);
      const id = await start(page, 'eth_sendTransaction', [{ from: ACCOUNT0, to: ACCOUNT0, value: '0x1' }]);
      await approvals.reject('transaction');
      assert.equal((await answer(page, id)).error?.code, 4001);
      assert.equal(await chainRpc('eth_getTransactionCount', [ACCOUNT0, 'pending']), before);
      await approvals.done();
    });

    test('switch chain asks, switches and emits chainChanged; an unknown chain is 4902', async () => {
      assert.equal((await ask(page, 'wallet_switchEthereumChain', [{ chainId: '0x12345' }])).error?.code, 4902);
      const id = await start(page, 'wallet_switchEthereumChain', [{ chainId: '0x1' }]);
      await approvals.approve('switch_chain', { screenshot: 'switch-chain' });
      assert.deepEqual(await answer(page, id), { result: null });
      await eventually(() => page.evaluate(() => window.__events.some((e) => e.name === 'chainChanged' && e.data === '0x1')), {
        message: 'chainChanged 0x1',
      });
      const back = await start(page, 'wallet_switchEthereumChain', [{ chainId: '0x7a69' }]);
      await approvals.approve('switch_chain');
      assert.deepEqual(await answer(page, back), { result: null });
      assert.deepEqual(await ask(page, 'eth_chainId'), { result: '0x7a69' });
      await approvals.done();
    });

    test('add chain checks the endpoint: a wrong chain id is refused, the right one is added', async () => {
      const second = await startAnvil({ port: 8546, args: ['--chain-id', '1337'] });
      try {
        const request = (chainId) => [{ chainId, chainName: 'Second Anvil', rpcUrls: ['http://127.0.0.1:8546'], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } }];
        // The endpoint is asked only after Approve, and a mismatch is refused then.
        const wrong = await start(page, 'wallet_addEthereumChain', request('0x540'));
        const win = await approvals.approve('add_chain');
        const refused = await answer(page, wrong);
        assert.equal(refused.error?.code, -32603);
        assert.match(refused.error.message, /did not answer with chain 0x540/);
        assert.match(await win.text('form-error'), /1337/, 'the window says which chain the endpoint serves');
        await win.click('approval-reject');
        assert.equal((await ask(page, 'wallet_addEthereumChain', [{ ...request('0x539')[0], rpcUrls: ['http://evil.example'] }])).error?.code, -32602);
        const id = await start(page, 'wallet_addEthereumChain', request('0x539'));
        await approvals.approve('add_chain', { screenshot: 'add-chain' });
        assert.deepEqual(await answer(page, id), { result: null });
        assert.deepEqual(await ask(page, 'eth_chainId'), { result: '0x539' });
        const back = await start(page, 'wallet_switchEthereumChain', [{ chainId: '0x7a69' }]);
        await approvals.approve('switch_chain');
        await answer(page, back);
        await approvals.done();
      } finally {
        await second.stop();
      }
    });

    test('on a chain without EIP-1559 the transaction is legacy, with gasPrice', async () => {
      const berlin = await startAnvil({ port: 8546, args: ['--chain-id', '1338', '--hardfork', 'berlin'] });
      try {
        const add = await start(page, 'wallet_addEthereumChain', [{ chainId: '0x53a', chainName: 'Berlin Anvil', rpcUrls: [berlin.url], nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } }]);
        await approvals.approve('add_chain');
        assert.deepEqual(await answer(page, add), { result: null });
        const recipient = EthersWallet.createRandom().address;
        const id = await start(page, 'eth_sendTransaction', [{ from: ACCOUNT0, to: recipient, value: '0x64' }]);
        const win = await approvals.expect('transaction', { screenshot: 'transaction-legacy' });
        await win.waitFor('fee-legacy');
        await clickApprove(win);
        const { result: hash, error } = await answer(page, id);
        assert.equal(error, undefined, JSON.stringify(error));
        const receipt = await eventually(() => chainRpc('eth_getTransactionReceipt', [hash], berlin.url), { message: 'receipt' });
        assert.equal(receipt.status, '0x1');
        assert.equal(receipt.type, '0x0');
        assert.equal(BigInt(await chainRpc('eth_getBalance', [recipient, 'latest'], berlin.url)), 100n);
        const back = await start(page, 'wallet_switchEthereumChain', [{ chainId: '0x7a69' }]);
        await approvals.approve('switch_chain');
        await answer(page, back);
        await approvals.done();
      } finally {
        await berlin.stop();
      }
    });

    test('the network page tests an RPC URL and refuses one that serves another chain', async () => {
      const otherChain = await startAnvil({ port: 8546, args: ['--chain-id', '1337'] });
      const sameChain = await startAnvil({ port: 8547 });
      try {
        await chainRpc('anvil_mine', ['0x64'], sameChain.url); // 100 blocks: its answers are told apart
        await wallet.goto(browser.extensionBaseUrl + 'popup.html');
        await wallet.click('settings-open');
        await wallet.waitFor('network-rpc');
        await wallet.evaluate(() => {
          const select = document.querySelector('[data-testid="network-edit-select"]');
          select.value = '0x7a69';
          select.dispatchEvent(new Event('change'));
        });
        assert.equal(await wallet.value('network-rpc'), 'http://127.0.0.1:8545');
        await wallet.fill('network-rpc', otherChain.url);
        await wallet.click('network-rpc-test');
        await wallet.waitForFunction(() => document.querySelector('[data-testid="network-rpc-status"]')?.dataset.state === 'error', 10_000);
        await wallet.click('network-rpc-save');
        await wallet.waitForFunction(() => document.querySelector('[data-testid="network-rpc-status"]')?.dataset.state === 'error', 10_000);
        assert.deepEqual(await ask(page, 'eth_blockNumber'), { result: await chainRpc('eth_blockNumber') }, 'nothing changed');

        await wallet.fill('network-rpc', sameChain.url);
        await wallet.click('network-rpc-save');
        await wallet.waitForFunction(() => document.querySelector('[data-testid="network-rpc-status"]')?.dataset.state === 'ok', 10_000);
        assert.deepEqual(await ask(page, 'eth_blockNumber'), { result: await chainRpc('eth_blockNumber', [], sameChain.url) });
        assert.deepEqual(await ask(page, 'eth_chainId'), { result: '0x7a69' });

        await wallet.fill('network-rpc', 'http://127.0.0.1:8545');
        await wallet.click('network-rpc-save');
        await wallet.waitForFunction(() => document.querySelector('[data-testid="network-rpc-status"]')?.dataset.state === 'ok', 10_000);
      } finally {
        await otherChain.stop();
        await sameChain.stop();
      }
      assert.deepEqual(await ask(page, 'eth_blockNumber'), { result: await chainRpc('eth_blockNumber') });
    });

    test('wallet_watchAsset: checked against the token contract, image limited, then added', async () => {
      const token = await deployToken({ symbol: 'TST', decimals: 6, from: DEV_ACCOUNTS[1] });
      const watch = (options, type = 'ERC20') => ({ type, options });
      const code = async (params) => (await ask(page, 'wallet_watchAsset', params)).error?.code;
      assert.equal(await code(watch({ address: token, symbol: 'TST', decimals: 6 }, 'ERC721')), -32602);
      assert.equal(await code(watch({ address: token, symbol: 'TST', decimals: 18 })), -32602, 'decimals differ from the contract');
      assert.equal(await code(watch({ address: DEV_ACCOUNTS[1], symbol: 'TST', decimals: 6 })), -32602, 'no contract there');
      const huge = 'data:image/png;base64,' + 'A'.repeat(70 * 1024);
      assert.equal(await code(watch({ address: token, symbol: 'TST', decimals: 6, image: huge })), -32602, 'image too large');
      assert.equal(await code(watch({ address: token, symbol: 'TST', decimals: 6, image: 'http://example.com/x.png' })), -32602);

      const lookalike = await start(page, 'wallet_watchAsset', watch({ address: token, symbol: 'USDC', decimals: 6 }));
      const win = await approvals.expect('watch_asset', { screenshot: 'watch-asset' });
      assert.equal(await win.attr('risk-warning', 'data-risk'), 'symbol-mismatch');
      await win.click('approval-reject');
      assert.equal((await answer(page, lookalike)).error?.code, 4001);
      await approvals.done();

      const id = await start(page, 'wallet_watchAsset', watch({ address: token, symbol: 'TST', decimals: 6 }));
      await approvals.approve('watch_asset');
      assert.deepEqual(await answer(page, id), { result: true });
      await approvals.done();
      const stored = await wallet.evaluate(() => chrome.storage.local.get('tokens:0x7a69'));
      assert.deepEqual(stored['tokens:0x7a69'], [{ address: getAddress(token), symbol: 'TST', decimals: 6 }]);
    });

    test('three tabs asking at once: queued in one window, each answered once', async () => {
      const tabs = [page, await browser.openPage(site.origin + '/index.html'), await browser.openPage(site.origin + '/index.html')];
      const ids = [];
      for (const [i, tab] of tabs.entries()) {
        ids.push(await start(tab, 'personal_sign', ['0x' + Buffer.from(`tab ${i}`).toString('hex'), ACCOUNT0]));
      }
      const seen = [];
      for (let i = 0; i < 3; i++) {
        const win = await approvals.expect('personal_sign');
        seen.push(await win.text('sign-message'));
        await clickApprove(win);
        if (i < 2) {
          await eventually(async () => (await win.evaluate(() => document.querySelector('[data-testid="sign-message"]')?.textContent ?? '')) !== seen.at(-1), {
            message: 'the next request is shown',
          });
        }
      }
      assert.deepEqual([...seen].sort(), ['tab 0', 'tab 1', 'tab 2']);
      for (const [i, tab] of tabs.entries()) {
        const { result } = await answer(tab, ids[i]);
        assert.equal(verifyMessage(`tab ${i}`, result), ACCOUNT0);
      }
      await approvals.done();
      await tabs[1].close();
      await tabs[2].close();
    });

    test('a pending approval survives a stopped background and is carried out once', async () => {
      const before = BigInt(await chainRpc('eth_getTransactionCount', [ACCOUNT0, 'latest']));
      const recipient = EthersWallet.createRandom().address;
      const id = await start(page, 'eth_sendTransaction', [{ from: ACCOUNT0, to: recipient, value: '0x2a' }]);
      const win = await approvals.expect('transaction');
      await browser.stopBackground();
      await win.goto(await win.url());
      await approvals.approve('transaction');
      const { result: hash, error } = await answer(page, id);
      assert.equal(error, undefined, JSON.stringify(error));
      const receipt = await eventually(() => chainRpc('eth_getTransactionReceipt', [hash]), { message: 'receipt' });
      assert.equal(receipt.status, '0x1');
      assert.equal(BigInt(await chainRpc('eth_getTransactionCount', [ACCOUNT0, 'latest'])), before + 1n, 'sent exactly once');
      assert.equal(BigInt(await chainRpc('eth_getBalance', [recipient, 'latest'])), 42n);
      await approvals.done();
    });

    test('closing the approval window rejects what it showed', async () => {
      const id = await start(page, 'personal_sign', ['0x6869', ACCOUNT0]);
      const win = await approvals.expect('personal_sign');
      await win.close();
      assert.equal((await answer(page, id)).error?.code, 4001);
      approvals.page = null;
    });

    test("MetaMask's test dApp: its connect and personal-sign buttons work unchanged", async () => {
      const dapp = await serveDir(path.join(ROOT, 'node_modules/@metamask/test-dapp/dist'));
      try {
        const tab = await browser.openPage(dapp.origin + '/index.html');
        await tab.click('css=#connectButton');
        await approvals.approve('connect');
        await tab.waitForFunction((a) => document.querySelector('#accounts')?.textContent.toLowerCase().includes(a), 15_000, ACCOUNT0.toLowerCase());
        await approvals.done();
        await tab.click('css=#personalSign');
        await approvals.approve('personal_sign');
        const signature = await tab.waitForFunction(() => {
          const t = document.querySelector('#personalSignResult')?.textContent ?? '';
          return t.startsWith('0x') ? t : null;
        }, 15_000);
        assert.equal(verifyMessage('Example `personal_sign` message', signature), ACCOUNT0);
        await approvals.done();
        await tab.close();
      } finally {
        await dapp.close();
      }
    });

    test('the wallet lists the connected site and disconnects it', async () => {
      const sites = (await wallet.evaluate(() => chrome.runtime.sendMessage({ type: 'ui-request', command: 'connectedSites', args: {} }))).result;
      assert.ok(sites.some((s) => s.origin === site.origin), JSON.stringify(sites));
      await wallet.evaluate((o) => chrome.runtime.sendMessage({ type: 'ui-request', command: 'disconnectSite', args: { origin: o } }), site.origin);
      assert.deepEqual(await ask(page, 'eth_accounts'), { result: [] });
    });
  });
}

// An international domain name: the approval shows the origin as the browser has it (xn--) and
// its Unicode form beside it. A homograph of a well-known site (a Cyrillic "е" in "mеtamask")
// does not get that far: the phishing guard sends the tab to its warning. The browsers resolve
// the made-up host names to the test server: Chromium by --host-resolver-rules, Firefox by
// network.dns.localDomains.
for (const browserName of BROWSERS) {
  describe(`an international (punycode) site name in ${browserName}`, () => {
    test('the approval shows the xn-- origin whole and its Unicode form; a homograph of a well-known site is stopped first', async () => {
      const unicodeHost = 'さくら-ウォレット.test'; // Japanese, like no well-known site
      const asciiHost = url.domainToASCII(unicodeHost);
      assert.match(asciiHost, /^xn--/);
      const homograph = url.domainToASCII('mеtamask.test'); // the second letter is U+0435 CYRILLIC SMALL LETTER IE
      const anvil = await startAnvil();
      const site = await serveDir(PAGES_DIR);
      const browser = await launchBrowser(browserName, {
        extensionDir: extensionDir(browserName),
        args: browserName === 'chromium' ? [`--host-resolver-rules=MAP ${asciiHost} 127.0.0.1, MAP ${homograph} 127.0.0.1`] : [],
        prefs: { 'network.dns.localDomains': `${asciiHost},${homograph}` },
      });
      try {
        await readyWallet(browser);
        const port = new URL(site.origin).port;
        const fake = await browser.openPage();
        await fake.goto(`http://${homograph}:${port}/index.html`).catch(() => {}); // cut short by the warning
        await fake.waitFor('phishing-warning');
        await eventually(async () => (await fake.attr('phishing-warning', 'data-imitates')) === 'metamask.io', { message: 'the homograph names the site it imitates' });
        assert.equal(await fake.attr('phishing-warning', 'data-reason'), 'homograph');
        await fake.close();
        const origin = `http://${asciiHost}:${port}`;
        const page = await browser.openPage(origin + '/index.html');
        // Plain http on a host other than localhost is not a secure context: the provider must
        // be there all the same (it once relied on crypto.randomUUID, which such pages lack).
        assert.equal(await page.evaluate(() => window.isSecureContext), false);
        assert.deepEqual(await page.evaluate(() => window.__firstScript), { hasEthereum: true, isKuraWallet: true, isMetaMask: true });
        const id = await start(page, 'eth_requestAccounts');
        const approvals = new Approvals(browser, browserName);
        const win = await approvals.expect('connect', { screenshot: 'connect-idn' });
        assert.equal(await win.text('approval-origin'), origin);
        const unicode = await win.evaluate(() => document.querySelector('[data-role="idn-unicode"]')?.textContent ?? '');
        assert.ok(unicode.includes(unicodeHost), unicode);
        await win.click('approval-reject');
        assert.equal((await answer(page, id)).error?.code, 4001);
      } finally {
        await browser.close();
        await site.close();
        await anvil.stop();
      }
    });
  });
}

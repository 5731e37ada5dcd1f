// The WASM bridge itself, in each real browser: the built wallet_wasm.js loaded in an extension
// page (same CSP as the background), checked against public test vectors and against ethers,
// an independent library. Errors must cross as Error objects with a stable code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { verifyMessage } from 'ethers';
import { launchBrowser } from './lib/browser.mjs';
import { BROWSERS, ROOT, extensionDir, recordMetric } from './support/harness.mjs';
import { JUNK } from './support/wallet.mjs';

const vectors = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/vectors', name), 'utf8'));
const ethHd = vectors('eth-hd.json').vectors;
const eip155 = vectors('eip155.json').vectors[0];
const eip712 = vectors('eip712.json').spec;
const japanese = vectors('bip39-trezor.json').vectors.find((v) => v.language === 'japanese');

/**
 * Runs `body(core, ...args)` in an extension page with the bridge loaded; errors come back as
 * data. The page's CSP forbids eval, so the body travels inside the evaluated source itself.
 */
async function withCore(page, body, ...args) {
  return page.evaluate(
    `async (...argv) => {
      const core = await import('/wasm/wallet_wasm.js');
      await core.default();
      const body = (${body.toString()});
      try {
        return { ok: await body(core, ...argv) };
      } catch (e) {
        return { err: { isError: e instanceof Error, name: e.name, code: e.code, data: e.data ?? null, message: e.message } };
      }
    }`,
    ...args,
  );
}

for (const browserName of BROWSERS) {
  describe(`WASM bridge in ${browserName}`, () => {
    let browser, page;
    before(async () => {
      browser = await launchBrowser(browserName, { extensionDir: extensionDir(browserName) });
      page = await browser.openPage(browser.extensionBaseUrl + 'popup.html');
    });
    after(async () => browser?.close());

    test('a vault from the anvil phrase derives the known addresses, and unlocks again', async () => {
      const { ok, err } = await withCore(
        page,
        (core, phrase) => {
          const w = new core.Wallet();
          let t0 = performance.now();
          const vault = w.createVault('correct horse battery', phrase, '');
          const createMs = performance.now() - t0;
          const first = w.accounts();
          const peeked = [1, 2, 3, 4].map((i) => w.peekAddress(i));
          w.lock();
          const lockedOut = (() => {
            try {
              w.accounts();
              return 'no error';
            } catch (e) {
              return e.code;
            }
          })();
          const again = new core.Wallet();
          t0 = performance.now();
          const key = again.unlock(vault, 'correct horse battery');
          const unlockMs = performance.now() - t0;
          const viaKey = new core.Wallet();
          viaKey.unlockWithKey(vault, key);
          return { first, peeked, lockedOut, createMs, unlockMs, keyHex: /^(0x)?[0-9a-f]{64}$/.test(key), viaKey: viaKey.accounts()[0].address, isUnlocked: viaKey.isUnlocked() };
        },
        JUNK,
      );
      assert.equal(err, undefined, JSON.stringify(err));
      const expected = ethHd.filter((v) => v.mnemonic === JUNK);
      assert.equal(ok.first.length, 1);
      assert.equal(ok.first[0].address, expected[0].address);
      assert.equal(ok.first[0].kind, 'hd');
      assert.deepEqual(ok.peeked, expected.slice(1, 5).map((v) => v.address));
      assert.equal(ok.lockedOut, 'LOCKED');
      assert.equal(ok.keyHex, true);
      assert.equal(ok.viaKey, expected[0].address);
      assert.equal(ok.isUnlocked, true);
      recordMetric(`${browserName}.wasm.vaultUnlockMs`, ok.unlockMs, 'ms');
    });

    test('a wrong password is one opaque VAULT_DECRYPT error, an Error with a code', async () => {
      const { err } = await withCore(
        page,
        (core, phrase) => {
          const vault = new core.Wallet().createVault('correct horse battery', phrase, '');
          return new core.Wallet().unlock(vault, 'correct horse batterx');
        },
        JUNK,
      );
      assert.equal(err.isError, true);
      assert.equal(err.name, 'WalletError');
      assert.equal(err.code, 'VAULT_DECRYPT');
      assert.doesNotMatch(err.message, /horse/);
    });

    test('phrase mistakes come back as distinct codes with their details', async () => {
      const check = async (phrase) => (await withCore(page, (core, p) => core.checkPhrase(p), phrase));
      const short = await check('test test test test test test test test test test junk');
      assert.equal(short.err.code, 'PHRASE_WORD_COUNT');
      assert.equal(short.err.data.count, 11);
      const typo = await check('test test tezt test test test test test test test test junk');
      assert.equal(typo.err.code, 'PHRASE_UNKNOWN_WORD');
      assert.equal(typo.err.data.position, 3);
      assert.ok(typo.err.data.suggestions.includes('test'), JSON.stringify(typo.err.data));
      assert.ok(typo.err.data.suggestions.length <= 3);
      const checksum = await check(Array(12).fill('abandon').join(' '));
      assert.equal(checksum.err.code, 'PHRASE_CHECKSUM');
      assert.deepEqual((await check(JUNK)).ok, { language: 'en', words: 12 });
      assert.deepEqual((await check(japanese.mnemonic)).ok, { language: 'ja', words: japanese.mnemonic.split('\u3000').length });
    });

    test('generated phrases are valid, of the asked length and language, and differ', async () => {
      const { ok } = await withCore(page, (core) => {
        const en = [core.generatePhrase(12, 'en'), core.generatePhrase(12, 'en')];
        const ja = core.generatePhrase(24, 'ja');
        return { en, enCheck: core.checkPhrase(en[0]), ja, jaCheck: core.checkPhrase(ja) };
      });
      assert.notEqual(ok.en[0], ok.en[1]);
      assert.equal(ok.en[0].split(' ').length, 12);
      assert.deepEqual(ok.enCheck, { language: 'en', words: 12 });
      assert.equal(ok.ja.split('\u3000').length, 24);
      assert.deepEqual(ok.jaCheck, { language: 'ja', words: 24 });
    });

    test('an imported key signs the EIP-155 example to exactly its raw transaction', async () => {
      const tx = {
        chainId: '0x' + eip155.chainId.toString(16),
        nonce: '0x' + eip155.tx.nonce.toString(16),
        gasPrice: eip155.tx.gasPrice,
        gas: eip155.tx.gasLimit,
        to: eip155.tx.to,
        value: eip155.tx.value,
        data: eip155.tx.data,
      };
      const { ok, err } = await withCore(
        page,
        (core, phrase, key, txJson) => {
          const w = new core.Wallet();
          w.createVault('correct horse battery', phrase, '');
          w.importPrivateKey(key);
          const imported = w.accounts().find((a) => a.kind === 'imported');
          return { imported, signed: w.signTransaction(imported.address, txJson) };
        },
        JUNK,
        eip155.privateKey,
        JSON.stringify(tx),
      );
      assert.equal(err, undefined, JSON.stringify(err));
      assert.equal(ok.signed.raw, eip155.signed);
      assert.equal(ok.signed.hash.length, 66);
    });

    test('personal_sign verifies with ethers; typed data v4 matches the EIP-712 example', async () => {
      const message = 'こんにちは, Kura';
      const messageHex = '0x' + Buffer.from(message, 'utf8').toString('hex');
      const { ok, err } = await withCore(
        page,
        (core, phrase, msgHex, cowKey, typed) => {
          const w = new core.Wallet();
          w.createVault('correct horse battery', phrase, '');
          const [account] = w.accounts();
          const sig = w.personalSign(account.address, msgHex);
          w.importPrivateKey(cowKey);
          const cow = w.accounts().find((a) => a.kind === 'imported');
          const typedSig = w.signTypedData(cow.address, typed, 'v4');
          return {
            address: account.address,
            sig,
            recovered: core.recoverPersonal(msgHex, sig),
            cow: cow.address,
            typedSig,
            typedRecovered: core.recoverTypedData(typed, typedSig),
            digest: core.typedDataDigest(typed),
          };
        },
        JUNK,
        messageHex,
        eip712.privateKey,
        JSON.stringify(eip712.typedData),
      );
      assert.equal(err, undefined, JSON.stringify(err));
      assert.equal(verifyMessage(message, ok.sig), ok.address, 'ethers recovers the signer');
      assert.equal(ok.recovered, ok.address);
      assert.equal(ok.cow.toLowerCase(), eip712.address.toLowerCase());
      assert.equal(ok.typedSig, eip712.signature);
      assert.equal(ok.digest, eip712.digest);
      assert.equal(ok.typedRecovered.toLowerCase(), eip712.address.toLowerCase());
    });

    test('signing for an account the wallet does not hold is refused', async () => {
      const { err } = await withCore(
        page,
        (core, phrase) => {
          const w = new core.Wallet();
          w.createVault('correct horse battery', phrase, '');
          return w.personalSign('0x0000000000000000000000000000000000000001', '0x00');
        },
        JUNK,
      );
      assert.equal(err.code, 'UNKNOWN_ACCOUNT');
    });
  });
}

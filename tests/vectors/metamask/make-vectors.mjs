// Makes tests/vectors/metamask/vaults.json: MetaMask vaults written by MetaMask's own pinned
// library (@metamask/browser-passworder@6.0.0), with the expected accounts computed by an
// independent library (ethers@6.17.0). Nothing here runs this project's code.
//
//   cd /work/main && node /path/to/tests/vectors/metamask/make-vectors.mjs > vaults.json
//
// (any folder whose node_modules has both packages; NODE_PATH does not apply to ES modules).
// Salts and IVs are random, so every run writes different ciphertexts for the same cases.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const require = createRequire(process.cwd() + '/');
const passworder = require('@metamask/browser-passworder');
const { HDNodeWallet, Wallet, wordlists } = require('ethers');

const PASSWORD = 'correct horse battery staple';
const JUNK = 'test test test test test test test test test test test junk';
const ABANDON = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
// The first Japanese phrase of the Trezor vectors (tests/vectors/bip39-trezor.json), as NFKD.
const trezor = JSON.parse(readFileSync(new URL('../bip39-trezor.json', import.meta.url), 'utf8'));
const JAPANESE = trezor.vectors.find((v) => v.language === 'japanese').mnemonic.normalize('NFKD');
const KEY_A = '4646464646464646464646464646464646464646464646464646464646464646';
const KEY_B = 'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'; // anvil account 0

const utf8 = (s) => Array.from(Buffer.from(s, 'utf8'));
// eth-hd-keyring 5.0.x serialized the mnemonic as a Uint8Array over a Uint16Array of English
// word indices (native byte order, little-endian here); JSON.stringify makes it {"0":n,...}.
const u16Indices = (s) => new Uint8Array(new Uint16Array(s.split(' ').map((w) => wordlists.en.getWordIndex(w))).buffer);

function hd(mnemonic, phrase, numberOfAccounts, hdPath = "m/44'/60'/0'/0") {
  return { type: 'HD Key Tree', data: { mnemonic, numberOfAccounts, hdPath }, phrase };
}

// Each case: the keyrings as MetaMask's KeyringController serializes them.
const CASES = [
  { name: 'legacy-10k-string', notes: 'no keyMetadata (10,000 iterations, as every vault before browser-passworder 4.2); mnemonic as a string (eth-hd-keyring < 4)',
    iterations: 10000, keyMetadata: false, keyrings: [hd(JUNK, JUNK, 1)] },
  { name: 'metamask-600k-bytes', notes: 'keyMetadata with 600,000 iterations (what MetaMask writes); mnemonic as UTF-8 bytes (eth-hd-keyring 4 and >= 6); 3 accounts; two imported keys; a Ledger keyring',
    iterations: 600000, keyMetadata: true,
    keyrings: [hd(utf8(JUNK), JUNK, 3),
      { type: 'Simple Key Pair', data: [KEY_A, `0x${KEY_B}`] },
      { type: 'Ledger Hardware', data: { hdPath: "m/44'/60'/0'", accounts: [], accountDetails: {}, bridgeUrl: 'https://metamask.github.io/eth-ledger-bridge-keyring', implementFullBIP44: false } }] },
  { name: 'library-900k-buffer', notes: "keyMetadata with 900,000 iterations (the library's default); mnemonic as a Node Buffer, which JSON.stringify writes as {type: 'Buffer', data}; 2 accounts; a non-ASCII password",
    iterations: 900000, keyMetadata: true, password: 'パスワード ✓ Ünïcode', keyrings: [hd(Buffer.from(ABANDON, 'utf8'), ABANDON, 2)] },
  { name: 'record-u16-indices', notes: 'mnemonic as eth-hd-keyring 5.0.x wrote it: a Uint8Array of little-endian 16-bit English word indices, JSON {"0":n,...}; vault-decryptor fails on it with the right password',
    iterations: 10000, keyMetadata: false, keyrings: [hd(u16Indices(ABANDON), ABANDON, 1)] },
  { name: 'legacy-hdpath', notes: "hdPath m/44'/60'/0' (legacy MEW/Ledger): accounts are m/44'/60'/0'/i",
    iterations: 10000, keyMetadata: false, keyrings: [hd(JUNK, JUNK, 2, "m/44'/60'/0'")] },
  { name: 'keyrings-without-data', notes: 'besides the phrase: a keyring with no data, one with null data, one with string data, a snap keyring, an unreadable key; vault-decryptor fails on these with the right password',
    iterations: 10000, keyMetadata: false,
    keyrings: [hd(utf8(ABANDON), ABANDON, 1), { type: 'Trezor Hardware' }, { type: 'Custody - JSONRPC', data: null },
      { type: 'QR Hardware Wallet Device', data: 'unexpected' }, { type: 'Snap Keyring', data: { accounts: {}, snapIds: [] } },
      { type: 'Simple Key Pair', data: ['not a key', KEY_A] }] },
  { name: 'japanese-string', notes: 'a Japanese phrase as a string (old MetaMask accepted phrases of any BIP-39 list)',
    iterations: 10000, keyMetadata: false, keyrings: [hd(JAPANESE, JAPANESE, 1)] },
  { name: 'imported-only', notes: 'no HD keyring, one imported key (keyrings: an empty HD keyring list is legal for MetaMask only transiently; this tests the import of keys alone)',
    iterations: 10000, keyMetadata: false, keyrings: [{ type: 'Simple Key Pair', data: [KEY_B] }] },
];

async function vault(c) {
  const password = c.password ?? PASSWORD;
  const serialized = c.keyrings.map(({ type, data }) => (data === undefined ? { type } : { type, data }));
  const salt = passworder.generateSalt();
  const options = { algorithm: 'PBKDF2', params: { iterations: c.iterations } };
  if (c.keyMetadata) {
    // The library's own path: encrypt() writes keyMetadata from the derivation options.
    return { password, vault: await passworder.encrypt(password, serialized, undefined, salt, options) };
  }
  // Old vaults had no keyMetadata: encrypt with a bare CryptoKey, as browser-passworder < 4.2 did.
  const { key } = await passworder.keyFromPassword(password, salt, false, options);
  return { password, vault: await passworder.encrypt(password, serialized, key, salt) };
}

function expected(c) {
  const hdRings = c.keyrings.filter((k) => k.type === 'HD Key Tree').map((k) => ({
    phrase: k.phrase,
    hdPath: k.data.hdPath,
    accounts: Array.from({ length: k.data.numberOfAccounts }, (_, i) => {
      const path = `${k.data.hdPath}/${i}`;
      const wordlist = k.phrase === JAPANESE ? wordlists.ja : wordlists.en;
      return { path, address: HDNodeWallet.fromPhrase(k.phrase, '', path, wordlist).address };
    }),
  }));
  const imported = c.keyrings.filter((k) => k.type === 'Simple Key Pair').flatMap((k) => k.data)
    .filter((key) => /^(0x)?[0-9a-f]{64}$/.test(key)).map((key) => new Wallet(key.startsWith('0x') ? key : `0x${key}`).address);
  const skipped = c.keyrings.filter((k) => k.type !== 'HD Key Tree' && k.type !== 'Simple Key Pair').map((k) => k.type);
  return { hd: hdRings, imported, skipped };
}

const out = [];
for (const c of CASES) {
  const { password, vault: v } = await vault(c);
  // Check: the library opens what it wrote.
  await passworder.decrypt(password, v);
  out.push({ name: c.name, notes: c.notes, password, iterations: c.iterations, vault: v, expected: expected(c) });
}
process.stdout.write(JSON.stringify({
  source: 'written by npm @metamask/browser-passworder@6.0.0 (encrypt, keyFromPassword); expected accounts by npm ethers@6.17.0 (HDNodeWallet.fromPhrase, Wallet); generator: tests/vectors/metamask/make-vectors.mjs',
  notes: 'vault = the JSON string MetaMask stores as KeyringController.vault. expected.hd[] = each HD keyring: phrase, hdPath, accounts[] = {path: hdPath/i, address} for i < numberOfAccounts. expected.imported = addresses of the valid Simple Key Pair keys. expected.skipped = types of the keyrings without keys.',
  count: out.length,
  vaults: out,
}, null, 2) + '\n');

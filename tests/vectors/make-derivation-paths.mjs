// Makes tests/vectors/derivation-paths.json with npm ethers@6.17.0 (not this project's code):
//   cd <folder with ethers in node_modules> && node tests/vectors/make-derivation-paths.mjs > tests/vectors/derivation-paths.json
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const { HDNodeWallet } = require('ethers');
const phrases = ['test test test test test test test test test test test junk',
  'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'];
const schemes = { standard: (i) => `m/44'/60'/0'/0/${i}`, 'ledger-live': (i) => `m/44'/60'/${i}'/0/0`, legacy: (i) => `m/44'/60'/0'/${i}` };
const vectors = [];
for (const mnemonic of phrases) for (const [scheme, path] of Object.entries(schemes)) for (let i = 0; i < 4; i++) {
  vectors.push({ mnemonic, scheme, index: i, path: path(i), address: HDNodeWallet.fromPhrase(mnemonic, '', path(i)).address });
}
process.stdout.write(JSON.stringify({ source: 'computed with npm ethers@6.17.0 HDNodeWallet.fromPhrase; generator tests/vectors/make-derivation-paths.mjs',
  notes: 'schemes: standard m/44\'/60\'/0\'/0/i, ledger-live m/44\'/60\'/i\'/0/0, legacy (MEW / Ledger Chrome app) m/44\'/60\'/0\'/i; passphrase ""', count: vectors.length, vectors }, null, 2) + '\n');

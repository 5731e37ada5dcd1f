// Test contracts from tests/e2e/contracts/, compiled at test time with solc-js (npm solc, offline)
// and deployed by one of anvil's funded (unlocked) dev accounts. erc20.mjs and contracts.mjs use it.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ContractFactory } from 'ethers';
import { ROOT, eventually } from './harness.mjs';
import { chainRpc } from './anvil.mjs';

export const CONTRACTS_DIR = path.join(ROOT, 'tests/e2e/contracts');

/** One solc run per file per process; solc itself (about 0.3 s to load) only when needed. */
const cache = new Map();
const require = createRequire(import.meta.url);

/**
 * Compiles tests/e2e/contracts/<file> (optimizer on, 200 runs) and returns one contract of it.
 * Errors throw; warnings are returned (the fixtures self-test requires there are none).
 * @param {string} file e.g. 'TestToken.sol'
 * @param {string} [contract] the contract's name; default: the file name without '.sol'
 * @returns {{abi: any[], bytecode: string, warnings: string[]}}
 */
export function compileContract(file, contract = path.basename(file, '.sol')) {
  if (!cache.has(file)) {
    const source = fs.readFileSync(path.join(CONTRACTS_DIR, file), 'utf8');
    const input = {
      language: 'Solidity',
      sources: { [file]: { content: source } },
      settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
    };
    const output = JSON.parse(require('solc').compile(JSON.stringify(input)));
    const problems = output.errors ?? [];
    const errors = problems.filter((e) => e.severity === 'error');
    if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
    cache.set(file, { contracts: output.contracts[file], warnings: problems.map((e) => e.formattedMessage) });
  }
  const { contracts, warnings } = cache.get(file);
  const c = contracts[contract];
  if (!c) throw new Error(`${file} has no contract ${contract}`);
  return { abi: c.abi, bytecode: '0x' + c.evm.bytecode.object, warnings };
}

/** Sends a transaction from an unlocked anvil account and waits for its receipt; throws if it reverted. */
export async function sendAndWait(tx, { url, what = 'transaction' } = {}) {
  const hash = await chainRpc('eth_sendTransaction', [tx], url);
  const receipt = await eventually(() => chainRpc('eth_getTransactionReceipt', [hash], url), { message: `${what} mined` });
  if (receipt.status !== '0x1') throw new Error(`${what} failed (${hash})`);
  return receipt;
}

/**
 * Deploys a compiled contract from an unlocked anvil account; returns its address.
 * @param {string} file
 * @param {string} contract
 * @param {any[]} args constructor arguments
 * @param {{from: string, url?: string, gas?: string}} opts
 */
export async function deployContract(file, contract, args, { from, url, gas = '0x400000' }) {
  if (!from) throw new Error(`deploying ${contract}: give "from", an unlocked anvil account`);
  const { abi, bytecode } = compileContract(file, contract);
  const tx = await new ContractFactory(abi, bytecode).getDeployTransaction(...args);
  const receipt = await sendAndWait({ from, data: tx.data, gas }, { url, what: `${contract} deployment` });
  return receipt.contractAddress;
}

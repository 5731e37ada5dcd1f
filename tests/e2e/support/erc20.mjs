// A real ERC-20 on the test chain: TestToken.sol compiled with solc-js (from npm, offline) and
// deployed by one of anvil's funded accounts.
import fs from 'node:fs';
import path from 'node:path';
import solc from 'solc';
import { ContractFactory } from 'ethers';
import { ROOT, eventually } from './harness.mjs';
import { chainRpc } from './anvil.mjs';

let compiled = null;

function compile() {
  if (compiled) return compiled;
  const source = fs.readFileSync(path.join(ROOT, 'tests/e2e/contracts/TestToken.sol'), 'utf8');
  const input = {
    language: 'Solidity',
    sources: { 'TestToken.sol': { content: source } },
    settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const contract = output.contracts['TestToken.sol'].TestToken;
  compiled = { abi: contract.abi, bytecode: '0x' + contract.evm.bytecode.object };
  return compiled;
}

/** Deploys a token; returns its address. The deployer holds the whole supply. */
export async function deployToken({ name = 'Test Token', symbol = 'TST', decimals = 18, supply = 10n ** 24n, from, url } = {}) {
  const { abi, bytecode } = compile();
  const tx = await new ContractFactory(abi, bytecode).getDeployTransaction(name, symbol, decimals, supply);
  const hash = await chainRpc('eth_sendTransaction', [{ from, data: tx.data, gas: '0x200000' }], url);
  const receipt = await eventually(() => chainRpc('eth_getTransactionReceipt', [hash], url), { message: 'token deployed' });
  if (receipt.status !== '0x1') throw new Error('token deployment failed');
  return receipt.contractAddress;
}

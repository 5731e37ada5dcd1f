// A real ERC-20 on the test chain: TestToken.sol compiled with solc-js (from npm, offline) and
// deployed by one of anvil's funded accounts (see solidity.mjs).
import { deployContract } from './solidity.mjs';

/** Deploys a token; returns its address. The deployer holds the whole supply. */
export async function deployToken({ name = 'Test Token', symbol = 'TST', decimals = 18, supply = 10n ** 24n, from, url } = {}) {
  return deployContract('TestToken.sol', 'TestToken', [name, symbol, decimals, supply], { from, url, gas: '0x200000' });
}

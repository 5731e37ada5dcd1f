// The networks the wallet knows. Built-in ones live here; the person's choice is in storage.

/**
 * @typedef {{ chainId: string, name: string, rpcUrl: string, symbol: string, decimals: number,
 *   explorer?: string, builtin?: boolean }} Network
 */

/** @type {readonly Network[]} */
export const BUILTIN_NETWORKS = Object.freeze([
  { chainId: '0x1', name: 'Ethereum Mainnet', rpcUrl: 'https://ethereum-rpc.publicnode.com', symbol: 'ETH', decimals: 18, explorer: 'https://etherscan.io' },
  { chainId: '0xaa36a7', name: 'Sepolia', rpcUrl: 'https://ethereum-sepolia-rpc.publicnode.com', symbol: 'SepoliaETH', decimals: 18, explorer: 'https://sepolia.etherscan.io' },
  { chainId: '0x89', name: 'Polygon', rpcUrl: 'https://polygon-rpc.com', symbol: 'POL', decimals: 18, explorer: 'https://polygonscan.com' },
  { chainId: '0xa86a', name: 'Avalanche C-Chain', rpcUrl: 'https://api.avax.network/ext/bc/C/rpc', symbol: 'AVAX', decimals: 18, explorer: 'https://snowtrace.io' },
  { chainId: '0xa4b1', name: 'Arbitrum One', rpcUrl: 'https://arb1.arbitrum.io/rpc', symbol: 'ETH', decimals: 18, explorer: 'https://arbiscan.io' },
  { chainId: '0xa', name: 'OP Mainnet', rpcUrl: 'https://mainnet.optimism.io', symbol: 'ETH', decimals: 18, explorer: 'https://optimistic.etherscan.io' },
  { chainId: '0x2105', name: 'Base', rpcUrl: 'https://mainnet.base.org', symbol: 'ETH', decimals: 18, explorer: 'https://basescan.org' },
  { chainId: '0x7a69', name: 'Localhost 8545', rpcUrl: 'http://127.0.0.1:8545', symbol: 'ETH', decimals: 18 },
].map((n) => Object.freeze({ ...n, builtin: true })));

export const DEFAULT_CHAIN_ID = '0x1';

/**
 * The network for a chain id among the built-in and the person's own.
 * @param {string} chainId
 * @param {readonly Network[]} custom
 */
export function findNetwork(chainId, custom = []) {
  return custom.find((n) => n.chainId === chainId) ?? BUILTIN_NETWORKS.find((n) => n.chainId === chainId);
}

/**
 * Every network the person can choose: the built-in ones, each replaced by the person's own
 * version if they edited it, then the ones they added.
 * @param {readonly Network[]} custom
 */
export function allNetworks(custom = []) {
  const builtin = BUILTIN_NETWORKS.map((n) => custom.find((c) => c.chainId === n.chainId) ?? n);
  return [...builtin, ...custom.filter((c) => !BUILTIN_NETWORKS.some((n) => n.chainId === c.chainId))];
}

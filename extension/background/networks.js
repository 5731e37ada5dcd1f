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

/**
 * Where a host is: this machine, a private network (RFC 1918, link-local, unique local,
 * `.local`), or the internet.
 * @param {string} hostname as `URL.hostname` gives it (IPv6 in brackets)
 * @returns {'loopback' | 'private' | 'public'}
 */
export function hostKind(hostname) {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(h)) return 'loopback';
  if (h === '0.0.0.0' || h === '[::]') return 'loopback';
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return 'private';
    return 'public';
  }
  if (/^\[(f[cd]|fe[89ab])[0-9a-f]*:/.test(h) || h.startsWith('[::ffff:')) return 'private';
  if (h.endsWith('.local') || h.endsWith('.internal') || h.endsWith('.lan') || h.endsWith('.home.arpa') || !h.includes('.')) return 'private';
  return 'public';
}

/** Whether a network's endpoint is on this machine (a developer's chain). @param {Network} network */
export function isLocalNetwork(network) {
  try {
    return hostKind(new URL(network.rpcUrl).hostname) === 'loopback';
  } catch {
    return false;
  }
}

/**
 * Names and native-coin symbols that belong to one well-known network (with its test networks
 * for the symbols), for telling a site's "Ethereum Mainnet" on another chain id. "ETH" is not
 * here: dozens of rollups and test networks rightly call their coin ETH.
 * @type {ReadonlyArray<{ chainId: string, name: string, names: string[], symbols?: string[], symbolChains?: string[] }>}
 */
const WELL_KNOWN = [
  { chainId: '0x1', name: 'Ethereum Mainnet', names: ['ethereum', 'ethereum mainnet', 'mainnet', 'eth mainnet', 'ethereum main network'] },
  { chainId: '0x38', name: 'BNB Smart Chain', names: ['bnb smart chain', 'bnb smart chain mainnet', 'bnb chain', 'binance smart chain', 'bsc', 'bsc mainnet'], symbols: ['BNB'], symbolChains: ['0x61'] },
  { chainId: '0x89', name: 'Polygon', names: ['polygon', 'polygon mainnet', 'polygon pos', 'matic mainnet'], symbols: ['POL', 'MATIC'], symbolChains: ['0x13881', '0x13882'] },
  { chainId: '0xa86a', name: 'Avalanche C-Chain', names: ['avalanche', 'avalanche c-chain', 'avalanche mainnet', 'avalanche network c-chain'], symbols: ['AVAX'], symbolChains: ['0xa869'] },
  { chainId: '0xa4b1', name: 'Arbitrum One', names: ['arbitrum', 'arbitrum one', 'arbitrum mainnet'] },
  { chainId: '0xa', name: 'OP Mainnet', names: ['optimism', 'op mainnet', 'optimism mainnet'] },
  { chainId: '0x2105', name: 'Base', names: ['base', 'base mainnet'] },
  { chainId: '0xfa', name: 'Fantom Opera', names: ['fantom', 'fantom opera'], symbols: ['FTM'], symbolChains: ['0xfa2'] },
  { chainId: '0x64', name: 'Gnosis', names: ['gnosis', 'gnosis chain', 'xdai chain'], symbols: ['XDAI'], symbolChains: ['0x27d8'] },
  { chainId: '0xa4ec', name: 'Celo', names: ['celo', 'celo mainnet'], symbols: ['CELO'], symbolChains: ['0xaef3'] },
  { chainId: '0xe708', name: 'Linea', names: ['linea', 'linea mainnet'] },
  { chainId: '0x144', name: 'zkSync Era', names: ['zksync', 'zksync era', 'zksync era mainnet'] },
];

/** @param {string} s */
const normalName = (s) => s.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, ' ').trim();

/**
 * The well-known network a proposed name or coin symbol claims to be, when the chain id is not
 * that network's; else null.
 * @param {{ chainId: string, name: string, symbol: string }} proposed
 * @returns {{ name: string, chainId: string, by: 'name' | 'symbol' } | null}
 */
export function impersonated(proposed) {
  const name = normalName(proposed.name);
  const symbol = proposed.symbol.normalize('NFKC').toUpperCase();
  for (const known of WELL_KNOWN) {
    if (known.chainId === proposed.chainId) continue;
    if (known.names.includes(name)) return { name: known.name, chainId: known.chainId, by: 'name' };
    if (known.symbols?.includes(symbol) && !known.symbolChains?.includes(proposed.chainId)) {
      return { name: known.name, chainId: known.chainId, by: 'symbol' };
    }
  }
  return null;
}

// Rebuilds tests/vectors/permit2.json: Permit2 (Uniswap, MIT) compiled from its sources at the
// tag of its canonical deployment, with this project's solmate-free/ in place of solmate
// (AGPL-3.0-only), by solc 0.8.17 with Permit2's own foundry.toml settings. Not run by the tests;
// tests/vectors/SOURCES.md says how the inputs were obtained.
//
//   node tests/vectors/permit2/build.mjs --permit2 DIR --soljson FILE [--solmate DIR]
//
// --permit2  a folder holding Permit2's src/ at commit cc306b601f172c51bc04334a109e98340456620b
// --soljson  soljson.js of npm solc@0.8.17
// --solmate  optional: solmate's src/ at the commit Permit2's tag pins (8d910d87…). Then the
//            genuine build is compiled too, only to check that it reproduces the canonical
//            deployment (its CREATE2 address); only its hashes and size are written down.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { getCreate2Address, keccak256 } from 'ethers';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, '..', 'permit2.json');

const PERMIT2_COMMIT = 'cc306b601f172c51bc04334a109e98340456620b';
const SOLMATE_COMMIT = '8d910d876f51c3b2585c9109409d601f600e68e1';
const CANONICAL = '0x000000000022D473030F116dDEE9F6B43aC78BA3';
const CREATE2_DEPLOYER = '0x4e59b44847b379578588920cA78FbF26c0B4956C';
const SALT = '0x0000000000000000000000000000000000000000d3af2663da51c10215000000';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
if (!args.permit2 || !args.soljson) {
  console.error('usage: node build.mjs --permit2 DIR --soljson FILE [--solmate DIR]');
  process.exit(2);
}

const solc = require('solc/wrapper.js')(require(path.resolve(args.soljson)));
if (!solc.version().startsWith('0.8.17+')) throw new Error(`need solc 0.8.17, got ${solc.version()}`);

/** git's blob id of a file, so anyone can match the inputs against the repositories. */
const gitBlob = (text) => {
  const body = Buffer.from(text, 'utf8');
  return crypto.createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
};

/**
 * Collects src/Permit2.sol and everything it imports. Source unit names are those of a
 * foundry build of the Permit2 repository (src/…, lib/solmate/src/…), because they decide the
 * AST ids and so the via-IR output.
 */
function collect(solmateDir) {
  const sources = {};
  const blobs = {};
  const read = (unit) => {
    if (sources[unit]) return;
    const file = unit.startsWith('lib/solmate/src/')
      ? path.join(solmateDir, unit.slice('lib/solmate/src/'.length))
      : path.join(args.permit2, unit);
    const content = fs.readFileSync(file, 'utf8');
    sources[unit] = { content };
    blobs[unit] = gitBlob(content);
    for (const m of content.matchAll(/^import\s+[^"']*["']([^"']+)["']/gm)) {
      const dep = m[1].startsWith('solmate/')
        ? 'lib/solmate/src/' + m[1].slice('solmate/'.length)
        : path.posix.normalize(path.posix.join(path.posix.dirname(unit), m[1]));
      read(dep);
    }
  };
  read('src/Permit2.sol');
  return { sources, blobs };
}

const SETTINGS = {
  optimizer: { enabled: true, runs: 1000000 },
  viaIR: true,
  metadata: { bytecodeHash: 'none' },
  remappings: ['solmate/=lib/solmate/src/'],
};

function compile(solmateDir) {
  const { sources, blobs } = collect(solmateDir);
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      ...SETTINGS,
      outputSelection: {
        'src/Permit2.sol': { Permit2: ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.deployedBytecode.immutableReferences'] },
        'src/EIP712.sol': { '': ['ast'] },
      },
    },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  const problems = out.errors ?? [];
  if (problems.some((e) => e.severity === 'error')) throw new Error(problems.map((e) => e.formattedMessage).join('\n'));
  const c = out.contracts['src/Permit2.sol'].Permit2;
  // Name the immutables: their AST ids are the keys of immutableReferences.
  const names = {};
  const walk = (node) => {
    if (node && typeof node === 'object') {
      if (node.nodeType === 'VariableDeclaration' && node.mutability === 'immutable') names[node.id] = node.name;
      for (const v of Object.values(node)) walk(v);
    }
  };
  walk(out.sources['src/EIP712.sol'].ast);
  const immutables = {};
  for (const [id, refs] of Object.entries(c.evm.deployedBytecode.immutableReferences)) {
    if (!names[id]) throw new Error(`unknown immutable ${id}`);
    immutables[names[id]] = refs;
  }
  return {
    abi: c.abi,
    creationCode: '0x' + c.evm.bytecode.object,
    runtimeCode: '0x' + c.evm.deployedBytecode.object,
    immutables,
    blobs,
    warnings: problems.map((e) => e.formattedMessage),
  };
}

const t0 = Date.now();
const ours = compile(path.join(HERE, 'solmate-free'));
console.error(`compiled with solmate-free/ in ${Date.now() - t0} ms; warnings: ${ours.warnings.length}`);

let reproduction;
if (args.solmate) {
  const genuine = compile(args.solmate);
  const initCodeHash = keccak256(genuine.creationCode);
  const create2Address = getCreate2Address(CREATE2_DEPLOYER, SALT, initCodeHash);
  const a = Buffer.from(genuine.runtimeCode.slice(2), 'hex');
  const b = Buffer.from(ours.runtimeCode.slice(2), 'hex');
  reproduction = {
    what: 'The same build with genuine solmate instead of solmate-free/ (compiled to check this pipeline, not kept): its creation code, sent through the deterministic CREATE2 deployer with the salt of Permit2\'s DeployPermit2.s.sol, lands at the canonical address, so it is the deployed Permit2 byte for byte.',
    solmateCommit: SOLMATE_COMMIT,
    solmateSources: Object.fromEntries(Object.entries(genuine.blobs).filter(([u]) => u.startsWith('lib/'))),
    initCodeHash,
    create2Deployer: CREATE2_DEPLOYER,
    salt: SALT,
    create2Address,
    matchesCanonical: create2Address === CANONICAL,
    runtimeBytes: a.length,
    thisBuildRuntimeBytes: b.length,
  };
  console.error(`genuine build: CREATE2 address ${create2Address} (${create2Address === CANONICAL ? 'canonical' : 'NOT canonical'})`);
}

const vector = {
  source:
    `Permit2 compiled for this project from GitHub Uniswap/permit2 at tag ${CANONICAL} (commit ${PERMIT2_COMMIT}, the sources of the canonical deployment), MIT licence (permit2/LICENSE-permit2.txt). solmate (AGPL-3.0-only) is replaced by this project's permit2/solmate-free/ (MIT OR Apache-2.0): an ERC20 interface and a safeTransferFrom of the same behaviour. Compiler: npm solc@0.8.17 (${solc.version()}), Permit2's foundry.toml settings. Made by permit2/build.mjs.`,
  notes:
    'runtimeCode has its immutables zeroed: write _CACHED_CHAIN_ID (uint256) and _CACHED_DOMAIN_SEPARATOR (keccak256(abi.encode(keccak256("EIP712Domain(string name,uint256 chainId,address verifyingContract)"), keccak256("Permit2"), chainId, address))) at the offsets in immutables, as the constructor would at that address on that chain, then anvil_setCode. Because solmate-free/ differs from solmate, this code is not byte-identical to the deployed Permit2 (reproduction shows the genuine build is); the behaviour is the same.',
  address: CANONICAL,
  permit2Commit: PERMIT2_COMMIT,
  compiler: { version: solc.version(), settings: SETTINGS },
  // git blob ids of the inputs; lib/solmate/src/X was compiled from permit2/solmate-free/X.
  sources: Object.fromEntries(
    Object.entries(ours.blobs).map(([u, b]) => [u.replace('lib/solmate/src/', 'tests/vectors/permit2/solmate-free/'), b]),
  ),
  immutables: ours.immutables,
  ...(reproduction ? { reproduction } : {}),
  abi: ours.abi,
  creationCode: ours.creationCode,
  runtimeCode: ours.runtimeCode,
};
fs.writeFileSync(OUT, JSON.stringify(vector, null, 1) + '\n');
console.error(`wrote ${OUT}`);

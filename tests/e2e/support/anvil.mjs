// A real local chain for the tests: anvil from npm (@foundry-rs/anvil-linux-amd64), started on
// 127.0.0.1:8545 because that is the wallet's built-in "Localhost 8545" network.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export const ANVIL_PORT = 8545;
export const ANVIL_URL = `http://127.0.0.1:${ANVIL_PORT}`;
/** anvil's first default account (from "test test ... junk"). */
export const DEV_ACCOUNTS = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
];

/** Every anvil still running, killed when the test process exits (one handler for all). */
const running = new Set();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function anvilBinary() {
  const pkg = require.resolve('@foundry-rs/anvil-linux-amd64/package.json');
  return path.join(path.dirname(pkg), 'bin', 'anvil');
}

/** JSON-RPC straight to anvil (the test's own view of the chain, not through the wallet). */
export async function chainRpc(method, params = [], url = ANVIL_URL) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code });
  return body.result;
}

/** Starts anvil and waits until it answers. Returns { stop(), url }. */
export async function startAnvil({ port = ANVIL_PORT, args = [] } = {}) {
  const url = `http://127.0.0.1:${port}`;
  try {
    await chainRpc('eth_chainId', [], url);
    throw new Error(`something already answers on ${url}; stop it first`);
  } catch (err) {
    if (String(err.message).includes('already answers')) throw err;
  }
  const child = spawn(anvilBinary(), ['--host', '127.0.0.1', '--port', String(port), '--silent', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`anvil exited: ${stderr}`);
    try {
      await chainRpc('eth_chainId', [], url);
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`anvil did not answer on ${url} within 15 s: ${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  running.add(child);
  child.once('exit', () => running.delete(child));
  return { url, stop, process: child };
}

// Servers that misbehave on purpose, on 127.0.0.1, for the tests of hostile pages and hostile
// RPC endpoints: one that records every request it gets, and a JSON-RPC endpoint in front of
// anvil that stalls, floods, lies about types or about a transaction's hash, by path.
import http from 'node:http';
import { ANVIL_URL } from './anvil.mjs';

/** @param {http.IncomingMessage} req @returns {Promise<string>} */
const readBody = (req) =>
  new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

/** @param {(req: http.IncomingMessage, res: http.ServerResponse, body: string) => void | Promise<void>} handler */
async function listen(handler) {
  const server = http.createServer(async (req, res) => {
    try {
      await handler(req, res, await readBody(req));
    } catch (err) {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}

/** @param {http.ServerResponse} res @param {unknown} id @param {unknown} result */
const answer = (res, id, result) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ jsonrpc: '2.0', id, result }));
};

/**
 * Records every request it receives (what a page could make the wallet contact).
 * `/rpc/<chainId>` answers eth_chainId with that chain id; `/redirect/<chainId>` redirects to
 * `/rpc/<chainId>`; `/banner` answers like a service that is not JSON-RPC, with text a page
 * must never see.
 */
export async function recordingServer() {
  /** @type {Array<{ method: string, path: string, body: string }>} */
  const requests = [];
  const server = await listen((req, res, body) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? '', path, body });
    if (path.startsWith('/redirect/')) return void res.writeHead(307, { location: path.replace('/redirect/', '/rpc/') }).end();
    if (path === '/banner') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('SSH-2.0-OpenSSH_9.2 lan-secret-banner');
    let call;
    try {
      call = JSON.parse(body);
    } catch {
      return void res.writeHead(400).end();
    }
    if (call.method === 'eth_chainId' && path.startsWith('/rpc/')) return answer(res, call.id, path.slice('/rpc/'.length));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ jsonrpc: '2.0', id: call.id, error: { code: -32601, message: 'lan-secret-method-list' } }));
  });
  return { ...server, requests };
}

/** Size of the flood: far over what the wallet reads. */
export const FLOOD_BYTES = 20 * 1024 * 1024;
/** The hash the lying endpoint answers for every sent transaction. */
export const FAKE_HASH = '0x' + 'ab'.repeat(32);

/**
 * A JSON-RPC endpoint for anvil's chain: everything goes to anvil except, by path,
 * - `/stall`: eth_getBalance sends its headers and the start of a body, then nothing more;
 * - `/flood`: eth_getBalance answers 20 MiB (a valid quantity, streamed without a length);
 * - `/types`: eth_getBalance answers "banana", eth_getBlockByNumber 42, eth_gasPrice an object;
 * - `/hash`: eth_sendRawTransaction is sent to anvil, but the answer names another hash.
 */
export async function hostileRpc() {
  /** @type {http.ServerResponse[]} */
  const stalled = [];
  const server = await listen(async (req, res, body) => {
    const mode = new URL(req.url ?? '/', 'http://x').pathname.slice(1);
    const call = JSON.parse(body);
    if (mode === 'stall' && call.method === 'eth_getBalance') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"jsonrpc":"2.0","id":');
      stalled.push(res);
      return;
    }
    if (mode === 'flood' && call.method === 'eth_getBalance') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"jsonrpc":"2.0","id":${JSON.stringify(call.id)},"result":"0x1`);
      const chunk = '0'.repeat(1024 * 1024);
      for (let sent = 0; sent < FLOOD_BYTES && !res.destroyed; sent += chunk.length) {
        if (!res.write(chunk)) {
          await new Promise((resolve) => {
            const done = () => {
              res.off('drain', done);
              res.off('close', done);
              resolve(undefined);
            };
            res.on('drain', done);
            res.on('close', done);
          });
        }
      }
      if (!res.destroyed) res.end('"}');
      return;
    }
    if (mode === 'types') {
      const lies = { eth_getBalance: 'banana', eth_getBlockByNumber: 42, eth_gasPrice: { x: 1 } };
      if (call.method in lies) return answer(res, call.id, lies[/** @type {keyof typeof lies} */ (call.method)]);
    }
    const upstream = await fetch(ANVIL_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const reply = await upstream.json();
    if (mode === 'hash' && call.method === 'eth_sendRawTransaction' && reply.result) reply.result = FAKE_HASH;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply));
  });
  return {
    ...server,
    close: async () => {
      for (const res of stalled) res.destroy();
      await server.close();
    },
  };
}

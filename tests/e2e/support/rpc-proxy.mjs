// A JSON-RPC proxy in front of anvil for the "wallet doctor" tests: point a wallet network at
// proxy.url, then change how the endpoint behaves between steps.
//
//   const proxy = await startRpcProxy();            // forwards to anvil on 8545
//   proxy.answerChainId(1);                          // eth_chainId says 0x1 (net_version '1')
//   proxy.delay(3000);                               // every answer 3 s late
//   await proxy.refuse();                            // connection refused; open sockets dropped
//   await proxy.forward();                           // back to plain forwarding, listening again
//   proxy.calls;                                     // methods seen, in order
//   proxy.requests;                                  // HTTP requests: { batch, methods }
//   proxy.refuseBatches(true);                       // a batch gets one error object, as
//                                                    // endpoints without batches answer
//   await proxy.close();
import http from 'node:http';
import { ANVIL_URL } from './anvil.mjs';

/**
 * @param {{target?: string, port?: number}} [opts] port 0 (default) picks a free one; it is kept
 *   across refuse()/forward(), so the URL stays the same.
 */
export async function startRpcProxy({ target = ANVIL_URL, port = 0 } = {}) {
  const state = { chainId: null, delayMs: 0, noBatches: false };
  const calls = [];
  const requests = [];
  const sockets = new Set();

  const server = http.createServer(async (req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST, OPTIONS' };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString('utf8');
    let status = 200;
    let answer;
    try {
      const request = JSON.parse(body);
      const list = Array.isArray(request) ? request : [request];
      for (const r of list) calls.push(r?.method);
      requests.push({ batch: Array.isArray(request), methods: list.map((r) => r?.method) });
      if (state.noBatches && Array.isArray(request)) {
        return res
          .writeHead(200, { 'content-type': 'application/json', ...cors })
          .end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32600, message: 'batch requests are not supported' } }));
      }
      const upstream = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      status = upstream.status;
      answer = await upstream.text();
      if (state.chainId !== null && status === 200) answer = rewriteChainId(list, Array.isArray(request), answer, state.chainId);
    } catch (err) {
      status = 502;
      answer = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: `rpc-proxy: ${err.message}` } });
    }
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', ...cors }).end(answer);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });

  const listen = () =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        server.unref(); // a proxy a test forgot to close does not keep node running
        port = server.address().port;
        resolve();
      });
    });
  const stopListening = () =>
    new Promise((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy(); // keep-alive connections would still be served
    });

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    requests,
    /** Batches refused (true) or forwarded (false). */
    refuseBatches(on) {
      state.noBatches = on;
    },
    /** eth_chainId answers `id` (number, bigint or 0x string) and net_version its decimal. */
    answerChainId(id) {
      state.chainId = BigInt(id);
    },
    /** Every answer waits `ms` before it is sent (0: none). */
    delay(ms) {
      state.delayMs = ms;
    },
    /** Stop listening (new connections are refused) and drop open ones: a request a client
     *  sends on a kept-alive connection fails as closed by the other side. */
    refuse: stopListening,
    /** Plain forwarding: real chain id, no delay, listening on the same port. */
    async forward() {
      state.chainId = null;
      state.delayMs = 0;
      state.noBatches = false;
      if (!server.listening) await listen();
    },
    close: stopListening,
  };
}

function rewriteChainId(list, batch, text, chainId) {
  const parsed = JSON.parse(text);
  const answers = Array.isArray(parsed) ? parsed : [parsed];
  for (const a of answers) {
    const method = list.find((r) => r?.id === a?.id)?.method;
    if (a && 'result' in a && method === 'eth_chainId') a.result = '0x' + chainId.toString(16);
    if (a && 'result' in a && method === 'net_version') a.result = chainId.toString();
  }
  return JSON.stringify(batch ? answers : answers[0]);
}

// A static server for the tests' dApp pages, on 127.0.0.1 and a free port.
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/**
 * @param {string} root
 * @param {{ headers?: (urlPath: string) => Record<string, string>, onRequest?: (req: http.IncomingMessage) => void }} [options]
 *   extra response headers per path (e.g. a Content-Security-Policy sandbox); onRequest sees
 *   every request as it arrives (e.g. to record which host a page's script asked from)
 * @returns {Promise<{ origin: string, port: number, close(): Promise<void> }>}
 */
export async function serveDir(root, { headers = () => ({}), onRequest } = {}) {
  const server = http.createServer(async (req, res) => {
    onRequest?.(req);
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(root, urlPath.endsWith('/') ? urlPath + 'index.html' : urlPath);
    if (!file.startsWith(path.resolve(root))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...headers(urlPath) });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    // A page left open keeps its keep-alive connection: end those, or close() waits for them.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

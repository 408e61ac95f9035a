// Serves a built app (dist/) on 127.0.0.1 for the browser tests, with no
// caching, so that the only requests a page may make are to this server.

import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, normalize, extname } from 'node:path';

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

/// Starts the server (on `port`, or any free one); `onRequest(path)` sees
/// every path asked for; `pages` maps paths to HTML served besides dist/
/// (pages a test makes). Resolves to `{ origin, server }`.
export async function serve(dist, onRequest = () => {}, port = 0, pages = new Map()) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    onRequest(path);
    if (pages.has(path)) {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      res.end(pages.get(path));
      return;
    }
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return { origin: `http://127.0.0.1:${server.address().port}`, server };
}

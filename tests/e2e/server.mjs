// A tiny static server for the release build in dist/, on 127.0.0.1 with an ephemeral port.
// Started and stopped by the tests themselves; it records every request it answers so a test
// can check, from the server's side too, that the page fetched nothing after load.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST = process.env.PERMCHECK_DIST ? resolve(process.env.PERMCHECK_DIST) : join(REPO_ROOT, 'dist');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/**
 * Serve `root` (default dist/) and resolve once listening.
 *  - `prefix`: serve `root` under this path ("/docs/tools/permcheck/"); anything outside it is a 404.
 *  - `routes`: extra fixed answers by exact path, `{ '/parent.html': { body, type, headers } }`,
 *    answered before files (a test's own parent page, say).
 *  - `root: null` with `routes`: serve only the routes (a second origin for a parent page).
 * @returns {Promise<{ url: string, origin: string, requests: {method: string, url: string, status: number}[], routes: object, close: () => Promise<void> }>}
 */
export async function startServer({ root = DIST, prefix = '/', routes = {} } = {}) {
  const rootDir = root === null ? null : resolve(root);
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`prefix must start and end with "/": ${prefix}`);
  if (rootDir !== null) {
    try {
      await stat(join(rootDir, 'index.html'));
    } catch {
      throw new Error(`${rootDir}/index.html not found: run \`trunk build --release --offline\` first`);
    }
  }
  const requests = [];

  const server = createServer(async (req, res) => {
    const entry = { method: req.method, url: req.url, status: 0 };
    requests.push(entry);
    const send = (status, body, headers = {}) => {
      entry.status = status;
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request');
    }
    const route = routes[pathname];
    if (route) {
      const body = Buffer.from(route.body);
      return send(200, body, {
        'content-type': route.type ?? MIME[extname(pathname).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        ...route.headers,
      });
    }
    if (rootDir === null || !pathname.startsWith(prefix)) {
      return send(404, 'not found', { 'content-type': 'text/plain; charset=utf-8' });
    }
    pathname = `/${pathname.slice(prefix.length)}`;
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = normalize(join(rootDir, pathname));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) return send(403, 'forbidden');
    try {
      const body = await readFile(file);
      send(200, body, {
        'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'x-content-type-options': 'nosniff',
      });
    } catch {
      send(404, 'not found', { 'content-type': 'text/plain; charset=utf-8' });
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${prefix}`,
    origin,
    requests,
    routes, // read per request: a test may add pages after start-up
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

// The audit's static server: loopback only, a free port, gzip like a CDN, no caching.
// `routes` are in-memory files (path → { body, type }); everything else comes from `root`.
// `rewrite(path, query, text)` may change an HTML file on its way out (the no-widget variant).
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONTENT_TYPES as TYPES } from './content-types.mjs';

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

/**
 * Start a server on 127.0.0.1 and an OS-chosen free port.
 * @returns {Promise<{ origin: string, requests: string[], close(): Promise<void> }>}
 */
export async function startServer({ root, routes = {}, rewrite } = {}) {
  const base = root ? resolve(root) : undefined;
  const gzipped = new Map();
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    if (requests.length < 10_000) requests.push(path);
    let body;
    let type;
    if (Object.hasOwn(routes, path)) {
      const route = typeof routes[path] === 'function' ? routes[path](url) : routes[path];
      body = Buffer.isBuffer(route.body) ? route.body : Buffer.from(route.body);
      type = route.type;
    } else if (base) {
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + '/')) return void res.writeHead(403).end();
      try {
        if (statSync(file).isDirectory()) file = join(file, 'index.html');
        body = readFileSync(file);
      } catch {
        return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      }
      type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (rewrite && type.startsWith('text/html')) {
        const text = rewrite(path, url.searchParams, body.toString('utf8'));
        if (text !== undefined) body = Buffer.from(text);
      }
    } else {
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
    const headers = { 'content-type': type, 'cache-control': 'no-store' };
    if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && body.length > 1024) {
      const key = `${path}\n${body.length}`;
      let gz = gzipped.get(key);
      if (!gz || !gz.source.equals(body)) {
        gz = { source: body, data: gzipSync(body) };
        if (gzipped.size < 500) gzipped.set(key, gz);
      }
      headers['content-encoding'] = 'gzip';
      body = gz.data;
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

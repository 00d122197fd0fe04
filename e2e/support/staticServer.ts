import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json',
};

/** The Content-Security-Policy the README documents; Vizceral lays out in a blob: worker. */
export const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "worker-src 'self' blob:", "connect-src 'self' http://127.0.0.1:* http://localhost:*", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'",
].join('; ');

export interface StaticServerOptions {
  readonly root: string;
  /** Files served instead of the built ones, by URL path, e.g. { '/bad/config.json': '...' }. */
  readonly overrides?: Readonly<Record<string, string>>;
  /** Path prefixes that serve the same build (each can have its own config.json override). */
  readonly mounts?: readonly string[];
}

/** A tiny static server for the built app on 127.0.0.1 and a free port. */
export async function startStaticServer(options: StaticServerOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const root = resolve(options.root);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const override = options.overrides?.[path];
    if (override !== undefined) {
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/plain', 'cache-control': 'no-store' });
      res.end(override);
      return;
    }
    let rel = path;
    for (const mount of options.mounts ?? []) if (rel.startsWith(mount)) rel = `/${rel.slice(mount.length)}`;
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

/**
 * The built app (dist/), read into memory at start (a few MB), served with the documented
 * Content-Security-Policy, ETags, cache headers and compression. config.json is not read from
 * dist/: the server serves the browser's config it made (serverConfig.ts).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { compress, isCompressible, MIN_COMPRESS_BYTES, negotiate } from './compression.ts';
import type { Encoding } from './compression.ts';
import { writeHead } from './requestLog.ts';

/** The README's policy; the browser talks only to this server, so connect-src is 'self'. */
export const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "worker-src 'self' blob:", "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'",
].join('; ');

/** Vite's hashed output: a new build gets new names, so these never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, config.json): asked again on every load (a 304 when unchanged). */
export const REVALIDATE = 'no-cache';

const TYPES: ReadonlyMap<string, string> = new Map([
  ['.html', 'text/html; charset=utf-8'], ['.js', 'text/javascript; charset=utf-8'], ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'], ['.map', 'application/json; charset=utf-8'], ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'], ['.ico', 'image/x-icon'], ['.txt', 'text/plain; charset=utf-8'], ['.woff2', 'font/woff2'],
]);

export interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  readonly cacheControl: string;
  /** Compressed bodies, made on first request and kept. */
  readonly encoded: Map<Encoding, Promise<Buffer>>;
}

export function makeAsset(body: Buffer, type: string, cacheControl: string): Asset {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, type, etag, cacheControl, encoded: new Map() };
}

/** URL path -> asset for every file under `root` except config.json; "/" is index.html. */
export function loadAssets(root: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const path = `/${relative(root, full).split(sep).join('/')}`;
        if (path === '/config.json') continue;
        const type = TYPES.get(extname(full)) ?? 'application/octet-stream';
        assets.set(path, makeAsset(readFileSync(full), type, path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE));
      }
    }
  };
  walk(root);
  const index = assets.get('/index.html');
  if (index) assets.set('/', index);
  return assets;
}

/** Writes the asset for a GET or HEAD: 304 when the ETag matches, compressed when accepted. */
export async function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset): Promise<void> {
  const headers: Record<string, string> = {
    'content-type': asset.type,
    'cache-control': asset.cacheControl,
    etag: asset.etag,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
  };
  const compressible = isCompressible(asset.type) && asset.body.length >= MIN_COMPRESS_BYTES;
  if (compressible) headers.vary = 'Accept-Encoding';
  if (matchesEtag(req.headers['if-none-match'], asset.etag)) {
    writeHead(res, 304, headers);
    res.end();
    return;
  }
  const encoding = compressible ? negotiate(req.headers['accept-encoding']) : null;
  let body = asset.body;
  if (encoding !== null) {
    body = await encoded(asset, encoding);
    headers['content-encoding'] = encoding;
  }
  headers['content-length'] = String(body.length);
  writeHead(res, 200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function encoded(asset: Asset, encoding: Encoding): Promise<Buffer> {
  let pending = asset.encoded.get(encoding);
  if (pending === undefined) {
    pending = compress(asset.body, encoding, 'once');
    asset.encoded.set(encoding, pending);
  }
  return pending;
}

/** Compresses the page's files (not source maps) ahead of the first visitor, off the main thread. */
export async function warmUp(assets: ReadonlyMap<string, Asset>): Promise<void> {
  for (const [path, asset] of assets) {
    if (path.endsWith('.map') || !isCompressible(asset.type) || asset.body.length < MIN_COMPRESS_BYTES) continue;
    await Promise.all([encoded(asset, 'br'), encoded(asset, 'gzip')]);
  }
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === etag || t === '*';
  });
}

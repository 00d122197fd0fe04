/**
 * The production server: the built app, its config.json (the browser's version), the read-only
 * Prometheus proxy at /prometheus/<name>/, /healthz and /readyz. Plain node:http.
 */
import { createServer } from 'node:http';
import type { Agent } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { decide } from './allowlist.ts';
import { compress, MIN_COMPRESS_BYTES, negotiate } from './compression.ts';
import { agentFor, apiError, forward } from './forward.ts';
import type { ApiAnswer } from './forward.ts';
import { logWhenDone, note, writeHead } from './requestLog.ts';
import type { LogLine } from './requestLog.ts';
import type { PreparedConfig } from './serverConfig.ts';
import { makeAsset, REVALIDATE, sendAsset } from './staticFiles.ts';
import type { Asset } from './staticFiles.ts';
import type { Upstream } from './upstream.ts';

/** Largest request body forwarded (a POSTed query): far above any PromQL the app writes. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** /readyz waits at most this long for each Prometheus. */
export const READY_TIMEOUT_MS = 5_000;

export interface AppOptions {
  readonly assets: ReadonlyMap<string, Asset>;
  readonly config: PreparedConfig;
  readonly log: LogLine;
}

export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

export function createApp(options: AppOptions): Server {
  const configAsset = makeAsset(Buffer.from(`${JSON.stringify(options.config.browserConfig, null, 2)}\n`), 'application/json; charset=utf-8', REVALIDATE);
  const upstreams = options.config.upstreams;
  const agents = new Map<string, Agent>([...upstreams.values()].map((u) => [u.name, agentFor(u)]));

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q === -1 ? raw : raw.slice(0, q);
    const search = q === -1 ? '' : raw.slice(q);
    const method = req.method ?? 'GET';

    const proxied = /^\/prometheus\/([^/]+)(\/.*)?$/.exec(path);
    if (proxied) {
      const name = proxied[1] ?? '';
      const upstream = upstreams.get(name);
      if (!upstream) {
        note(res, 'refused', 'unknown prometheus');
        await sendApi(req, res, apiError(404, 'not_found', `no Prometheus is configured as "${name}" (configured: ${[...upstreams.keys()].join(', ') || 'none'})`));
        return;
      }
      await proxy(req, res, upstream, agents.get(name) as Agent, proxied[2] ?? '', search);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      writeHead(res, 405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('method not allowed\n');
      return;
    }
    if (path === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (path === '/readyz') {
      const report = await readiness(upstreams, agents);
      sendJson(res, report.ready ? 200 : 503, report);
      return;
    }
    const asset = path === '/config.json' ? configAsset : options.assets.get(path);
    if (!asset) {
      writeHead(res, 404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
      res.end('not found\n');
      return;
    }
    await sendAsset(req, res, asset);
  };

  return createServer((req, res) => {
    logWhenDone(req, res, options.log);
    handle(req, res).catch((e: unknown) => {
      note(res, 'error', e instanceof Error ? e.message : String(e));
      if (!res.headersSent) {
        writeHead(res, 500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('internal error\n');
      } else res.destroy();
    });
  });
}

async function proxy(req: IncomingMessage, res: ServerResponse, upstream: Upstream, agent: Agent, rest: string, search: string): Promise<void> {
  note(res, 'upstream', upstream.name);
  const method = req.method ?? 'GET';
  const decision = decide(method, rest);
  if (decision.kind === 'refuse') {
    note(res, 'refused', decision.status === 405 ? 'method' : 'endpoint');
    if (decision.allow) res.setHeader('allow', decision.allow.join(', '));
    await sendApi(req, res, apiError(decision.status, decision.status === 405 ? 'bad_data' : 'forbidden', decision.message));
    return;
  }
  if (decision.kind === 'graph') {
    writeHead(res, 302, { location: `${upstream.url}/graph${search}`, 'cache-control': 'no-store' });
    res.end();
    return;
  }
  let body: Buffer | undefined;
  if (method === 'POST') {
    const type = String(req.headers['content-type'] ?? 'application/x-www-form-urlencoded');
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      await sendApi(req, res, apiError(415, 'bad_data', `expected a form-encoded body (application/x-www-form-urlencoded), not ${type}`));
      return;
    }
    const read = await readBody(req, MAX_REQUEST_BYTES);
    if (read === null) {
      await sendApi(req, res, apiError(413, 'bad_data', `request body larger than ${MAX_REQUEST_BYTES / 1024} KB`));
      return;
    }
    body = read;
  }
  const gone = new AbortController();
  const onClose = (): void => { if (!res.writableFinished) gone.abort(); };
  res.once('close', onClose);
  const answer = await forward(upstream, agent, {
    method: method === 'POST' ? 'POST' : 'GET', path: decision.path, search, signal: gone.signal,
    ...(body === undefined ? {} : { body }),
  });
  if (answer.status >= 400) note(res, 'upstreamError', errorTypeOf(answer));
  await sendApi(req, res, answer);
}

/** The request body, or null once it passes `max` bytes (the rest is not read). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else parts.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

async function sendApi(req: IncomingMessage, res: ServerResponse, answer: ApiAnswer): Promise<void> {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    vary: 'Accept-Encoding',
  };
  let body = answer.body;
  const encoding = body.length >= MIN_COMPRESS_BYTES ? negotiate(req.headers['accept-encoding']) : null;
  if (encoding !== null) {
    body = await compress(body, encoding, 'each');
    headers['content-encoding'] = encoding;
  }
  if (res.destroyed) return;
  headers['content-length'] = String(body.length);
  // 499 (the client went away) is never sent: the connection is gone.
  writeHead(res, answer.status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(`${JSON.stringify(value)}\n`);
  writeHead(res, status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(body.length) });
  res.end(body);
}

function errorTypeOf(answer: ApiAnswer): string {
  try {
    const parsed = JSON.parse(answer.body.toString('utf8')) as { errorType?: unknown };
    return typeof parsed.errorType === 'string' ? parsed.errorType : String(answer.status);
  } catch {
    return String(answer.status);
  }
}

export interface Readiness {
  readonly ready: boolean;
  readonly prometheus: readonly { readonly name: string; readonly field: string; readonly ok: boolean; readonly ms: number; readonly error?: string }[];
}

/** Asks each Prometheus the cheapest query (`1`) with its credentials: does it answer? */
export async function readiness(upstreams: ReadonlyMap<string, Upstream>, agents: ReadonlyMap<string, Agent>): Promise<Readiness> {
  const checks = await Promise.all(
    [...upstreams.values()].map(async (u) => {
      const started = Date.now();
      const answer = await forward({ ...u, timeoutMs: Math.min(u.timeoutMs, READY_TIMEOUT_MS) }, agents.get(u.name) as Agent, {
        method: 'GET', path: 'api/v1/query', search: '?query=1',
      });
      const ms = Date.now() - started;
      let parsed: { status?: unknown; error?: unknown } = {};
      try {
        parsed = JSON.parse(answer.body.toString('utf8')) as typeof parsed;
      } catch { /* not JSON: not ok */ }
      const ok = answer.status === 200 && parsed.status === 'success';
      const error = ok ? undefined : typeof parsed.error === 'string' ? parsed.error : `HTTP ${answer.status}`;
      return { name: u.name, field: u.field, ok, ms, ...(error === undefined ? {} : { error }) };
    }),
  );
  return { ready: checks.every((c) => c.ok), prometheus: checks };
}

/** Listens on host:port (port 0: a free one); `close()` ends open connections too. */
export async function listen(server: Server, port: number, host: string | undefined): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address : { address: host ?? '127.0.0.1', port, family: 'IPv4' };
  const shown = bound.family === 'IPv6' ? (bound.address === '::' ? 'localhost' : `[${bound.address}]`) : bound.address === '0.0.0.0' ? 'localhost' : bound.address;
  return {
    server,
    url: `http://${shown}:${bound.port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

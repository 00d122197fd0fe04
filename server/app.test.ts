/**
 * The server in-process, against a fake upstream on a loopback port that records what it is
 * sent and answers what each test sets: what the proxy sends, what it refuses, and what the
 * browser gets back when the upstream fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, listen } from './app.ts';
import type { RunningServer } from './app.ts';
import { prepareConfig } from './serverConfig.ts';
import { IMMUTABLE, makeAsset, REVALIDATE } from './staticFiles.ts';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

type Reply = (req: IncomingMessage, res: ServerResponse) => void;
const QUERY_OK = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } });
const ok: Reply = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(QUERY_OK);
};

let upstream: Server;
let upstreamUrl = '';
let reply: Reply = ok;
const seen: Seen[] = [];
let app: RunningServer;
const lines: string[] = [];
let dir = '';

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(parts).toString() });
      reply(req, res);
    });
  });
  const running = await listen(upstream, 0, '127.0.0.1');
  upstreamUrl = running.url;
  dir = mkdtempSync(join(tmpdir(), 'traffic-map-server-test-'));
  writeFileSync(join(dir, 'password'), 'pa:ss wörd\n');
  writeFileSync(join(dir, 'token'), 'tok-123\n');
  const prepared = prepareConfig({
    prometheus: { url: `${upstreamUrl}/base/`, timeout: '300ms', basicAuth: { username: 'viewer', passwordFile: join(dir, 'password') }, headers: { 'X-Scope-OrgID': 'tenant-1' } },
    datacenters: ['eu-west', { name: 'us-east', prometheus: { url: upstreamUrl, bearerTokenFile: join(dir, 'token') } }],
  });
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.problems));
  const assets = new Map([
    ['/', makeAsset(Buffer.from('<!doctype html><title>x</title>'), 'text/html; charset=utf-8', REVALIDATE)],
    ['/assets/app-abc123.js', makeAsset(Buffer.from('console.log(1);'.repeat(200)), 'text/javascript; charset=utf-8', IMMUTABLE)],
  ]);
  app = await listen(createApp({ assets, config: prepared.config, log: (l) => lines.push(l) }), 0, '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => { upstream?.close(() => resolve()); upstream?.closeAllConnections(); });
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  reply = ok;
  seen.length = 0;
});

const get = (path: string, init?: RequestInit): Promise<Response> => fetch(`${app.url}${path}`, init);

describe('the proxy', () => {
  it('adds the credentials and headers of config.json, and nothing of the browser\'s', async () => {
    const res = await get('/prometheus/default/api/v1/query?query=up&time=1', {
      headers: { authorization: 'Basic YnJvd3Nlcjp4', cookie: 'session=1', 'x-forwarded-for': '6.6.6.6', 'x-scope-orgid': 'other' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(QUERY_OK);
    const [request] = seen;
    expect(request?.url).toBe('/base/api/v1/query?query=up&time=1');
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('viewer:pa:ss wörd').toString('base64')}`);
    expect(request?.headers['x-scope-orgid']).toBe('tenant-1');
    expect(request?.headers.cookie).toBeUndefined();
    expect(request?.headers['x-forwarded-for']).toBeUndefined();
  });

  it('forwards a POSTed query with its form body', async () => {
    const res = await get('/prometheus/default/api/v1/query_range', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=sum(rate(x[1m]))&start=1&end=2&step=1',
    });
    expect(res.status).toBe(200);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/base/api/v1/query_range', body: 'query=sum(rate(x[1m]))&start=1&end=2&step=1' });
    expect(seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('a datacenter\'s Prometheus gets its own bearer token', async () => {
    await get('/prometheus/us-east/api/v1/label/service/values');
    expect(seen[0]?.url).toBe('/api/v1/label/service/values');
    expect(seen[0]?.headers.authorization).toBe('Bearer tok-123');
  });

  it('refuses the admin API, remote write, federation and lifecycle without asking upstream', async () => {
    for (const [method, path] of [['POST', '/api/v1/admin/tsdb/snapshot'], ['POST', '/api/v1/write'], ['GET', '/federate'], ['POST', '/-/quit'], ['GET', '/api/v1/query/../admin/tsdb/snapshot']] as const) {
      const res = await get(`/prometheus/default${path}`, { method });
      expect(res.status, path).toBe(403);
      expect(await res.json()).toMatchObject({ status: 'error', errorType: 'forbidden' });
    }
    expect(seen).toEqual([]);
  });

  it('a body over the limit is refused (413), as is one that is not a form (415)', async () => {
    const big = await get('/prometheus/default/api/v1/query', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${'x'.repeat(1024 * 1024)}`,
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ status: 'error', errorType: 'bad_data' });
    const json = await get('/prometheus/default/api/v1/query', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    expect(seen).toEqual([]);
  });

  it('an unknown Prometheus name is a 404 API error', async () => {
    const res = await get('/prometheus/nope/api/v1/query');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 'error', errorType: 'not_found' });
  });

  it('redirects the graph page to the Prometheus UI', async () => {
    const res = await get('/prometheus/default/graph?g0.expr=up', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`${upstreamUrl}/base/graph?g0.expr=up`);
  });

  it('compresses a large answer when the browser accepts it', async () => {
    const large = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: Array.from({ length: 200 }, (_, i) => ({ metric: { i: String(i) }, value: [1, '1'] })) } });
    reply = (_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(large); };
    const res = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      const url = new URL(`${app.url}/prometheus/default/api/v1/query?query=up`);
      import('node:http').then(({ get: httpGet }) => httpGet(url, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => resolve({ encoding: r.headers['content-encoding'], body: Buffer.concat(parts) }));
      }).on('error', reject), reject);
    });
    expect(res.encoding).toBe('gzip');
    expect(res.body.length).toBeLessThan(large.length);
    expect(gunzipSync(res.body).toString()).toBe(large);
  });
});

describe('upstream failures come back as Prometheus API errors', () => {
  const cases: { desc: string; reply: Reply; status: number; errorType: string; error: RegExp }[] = [
    {
      desc: 'an API error passes as it is, with its status',
      reply: (_q, s) => { s.writeHead(422, { 'content-type': 'application/json' }); s.end('{"status":"error","errorType":"execution","error":"too many samples"}'); },
      status: 422, errorType: 'execution', error: /^too many samples$/,
    },
    {
      desc: 'a text 503 while Prometheus starts',
      reply: (_q, s) => { s.writeHead(503, { 'content-type': 'text/plain' }); s.end('Service Unavailable'); },
      status: 503, errorType: 'unavailable', error: /"default" \(prometheus\) answered HTTP 503: "Service Unavailable"/,
    },
    {
      desc: 'the proxy\'s credentials refused: the server\'s problem (502), not a login for the viewer',
      reply: (_q, s) => { s.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }); s.end('Unauthorized\n'); },
      status: 502, errorType: 'unauthorized', error: /refused the proxy's credentials \(HTTP 401\): check basicAuth/,
    },
    {
      desc: 'an HTML page with 200 (a login page)',
      reply: (_q, s) => { s.writeHead(200, { 'content-type': 'text/html' }); s.end('<!doctype html><p>sign in'); },
      status: 502, errorType: 'bad_response', error: /did not answer with Prometheus API JSON \(HTTP 200\): an HTML page/,
    },
    {
      desc: 'no answer within prometheus.timeout (300ms)',
      reply: () => { /* never answers */ },
      status: 504, errorType: 'timeout', error: /did not answer the proxy within 300 ms \(prometheus.timeout\)/,
    },
    {
      desc: 'the connection dropped',
      reply: (q) => q.socket.destroy(),
      status: 502, errorType: 'unavailable', error: /cannot reach Prometheus "default"/,
    },
  ];
  it.each(cases)('$desc', async ({ reply: r, status, errorType, error }) => {
    reply = r;
    const res = await get('/prometheus/default/api/v1/query?query=up');
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { status: string; errorType: string; error: string };
    expect(body.status).toBe('error');
    expect(body.errorType).toBe(errorType);
    expect(body.error).toMatch(error);
  });
});

describe('the static app', () => {
  it('index: the CSP, revalidated each time, 304 with its ETag', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self';");
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const again = await get('/', { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });

  it('hashed assets are immutable', async () => {
    const res = await get('/assets/app-abc123.js');
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
  });

  it('config.json is the browser\'s version, not cached, without credentials', async () => {
    const res = await get('/config.json');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      prometheus: { url: '/prometheus/default', timeout: '2300ms' },
      datacenters: ['eu-west', { name: 'us-east', prometheus: '/prometheus/us-east' }],
    });
    for (const secret of ['viewer', 'password', 'token', 'tenant-1', upstreamUrl]) expect(text).not.toContain(secret);
  });

  it('unknown paths are 404, other methods 405', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/', { method: 'POST' })).status).toBe(405);
  });
});

describe('health', () => {
  it('/healthz answers without asking Prometheus', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(seen).toEqual([]);
  });

  it('/readyz asks each Prometheus with its credentials', async () => {
    const res = await get('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, prometheus: [{ name: 'default', ok: true }, { name: 'us-east', ok: true }] });
    expect(seen.map((s) => s.headers.authorization?.split(' ')[0]).sort()).toEqual(['Basic', 'Bearer']);
  });

  it('/readyz is 503 naming the one that fails', async () => {
    reply = (req, res) => {
      if (req.url?.startsWith('/base/')) ok(req, res);
      else { res.writeHead(503); res.end(); }
    };
    const res = await get('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, prometheus: [{ name: 'default', ok: true }, { name: 'us-east', ok: false, field: 'datacenters[1].prometheus' }] });
  });
});

describe('the log', () => {
  it('one JSON line per request, the path without its query', async () => {
    lines.length = 0;
    await get('/prometheus/default/api/v1/query?query=secret_looking_promql');
    await get('/healthz');
    await new Promise((r) => setTimeout(r, 20));
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toMatchObject([
      { method: 'GET', path: '/prometheus/default/api/v1/query', status: 200, upstream: 'default' },
      { method: 'GET', path: '/healthz', status: 200 },
    ]);
    expect(lines.join('\n')).not.toContain('secret_looking_promql');
  });
});

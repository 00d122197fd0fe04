import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from '../../config/parse.ts';
import type { AppConfig } from '../../config/types.ts';
import { createHandlers } from '../../mocks/handlers.ts';
import { server } from '../../mocks/node.ts';
import { rowsOf } from '../../graph/rowSource.ts';
import type { RowSource } from '../../graph/rowSource.ts';
import { readTraffic } from './readTraffic.ts';
import type { ReadParams, TrafficRead } from './readTraffic.ts';
import { createServers } from './trafficQueries.ts';
import { createPrometheusClient } from '../../prometheus/client.ts';
import type { ViewScope } from '../../graph/scope.ts';
import { textReader } from '../../conventions/scannedRows.ts';
import { viewConvention } from '../../conventions/viewConvention.ts';
import { buildViewQueries } from '../../conventions/viewQueries.ts';

// The real client (created by createServers from a parsed config) against the simulated
// Prometheus of the demo, which answers on any origin; per-server failures are `.use()` overrides.

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0) / 1000;
const ONE = 'http://prometheus.test';
const A = 'http://prom-a.test';
const B = 'http://prom-b.test';

function config(json: unknown): AppConfig {
  const result = parseConfig(json);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.config;
}

const SINGLE = config({ prometheus: { url: ONE, timeout: '5s' }, datacenters: ['eu-west', 'us-east'] });
const PER_DC = config({ prometheus: { timeout: '5s' }, datacenters: [{ name: 'eu-west', prometheus: A }, { name: 'us-east', prometheus: B }] });

function params(c: AppConfig, extra: Partial<ReadParams> = {}): ReadParams {
  return { convention: c.convention, rateWindow: c.rateWindow, latencyQuantile: c.latencyQuantile, time: T0, ...extra };
}

const read = (c: AppConfig, extra: Partial<ReadParams> = {}): Promise<TrafficRead> => readTraffic(createServers(c).list, params(c, extra));

interface SeenRequest { origin: string; method: string; path: string; time: string | null; query: string }
let seen: Promise<SeenRequest>[] = [];

async function describeRequest(request: Request): Promise<SeenRequest> {
  const url = new URL(request.url);
  const form = new URLSearchParams(request.method === 'POST' ? await request.text() : url.search);
  return { origin: url.origin, method: request.method, path: url.pathname, time: form.get('time'), query: form.get('query') ?? '' };
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.events.removeAllListeners();
  server.resetHandlers();
  seen = [];
});
afterAll(() => server.close());

function recordRequests(): () => Promise<SeenRequest[]> {
  server.events.on('request:start', ({ request }) => { seen.push(describeRequest(request.clone())); });
  return () => Promise.all(seen);
}

const datacentersOf = (rows: RowSource<{ datacenter: string }>): string[] => [...new Set(rowsOf(rows).map((r) => r.datacenter))].sort();

const down = (origin: string) => http.post(`${origin}/api/v1/query`, () => HttpResponse.text('down', { status: 503 }));
const unreachable = (origin: string) => http.post(`${origin}/api/v1/query`, () => HttpResponse.error());

describe('readTraffic against the simulated Prometheus', () => {
  it('one server: rows of both datacenters from four queries at one time', async () => {
    const requests = recordRequests();
    const r = await read(SINGLE);

    for (const kind of ['egressRate', 'ingressRate', 'egressLatency', 'ingressLatency'] as const) {
      expect(datacentersOf(r[kind]), kind).toEqual(['eu-west', 'us-east']);
    }
    expect(r.failures).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.time).toBe(T0);
    expect(r.queryCount).toBe(4);

    const got = await requests();
    expect(got).toHaveLength(4);
    expect(got.every((q) => q.origin === ONE && q.method === 'POST' && q.path === '/api/v1/query')).toBe(true);
    expect(new Set(got.map((q) => q.time))).toEqual(new Set([String(T0)]));
    // One server holds every datacenter: nothing restricts the queries.
    expect(got.some((q) => q.query.includes('eu-west'))).toBe(false);
  });

  it('rows are normalised: rates are finite and non-negative, status classes known', async () => {
    const r = await read(SINGLE);
    expect(r.egressRate.size).toBeGreaterThan(10);
    // The sources make the rows they counted, every time they are visited.
    expect(rowsOf(r.egressRate)).toHaveLength(r.egressRate.size);
    expect(rowsOf(r.egressRate)).toEqual(rowsOf(r.egressRate));
    for (const row of [...rowsOf(r.egressRate), ...rowsOf(r.ingressRate)]) {
      expect(Number.isFinite(row.value) && row.value >= 0).toBe(true);
      expect(['1xx', '2xx', '3xx', '4xx', '5xx', 'none']).toContain(row.statusClass);
    }
  });

  it('one server per datacenter: 4 requests per server, each restricted to its datacenter, all at the same time', async () => {
    const requests = recordRequests();
    const r = await read(PER_DC);

    expect(r.failures).toEqual([]);
    expect(datacentersOf(r.egressRate)).toEqual(['eu-west', 'us-east']);
    expect(datacentersOf(r.ingressLatency)).toEqual(['eu-west', 'us-east']);
    expect(r.queryCount).toBe(8);

    const got = await requests();
    const byOrigin = (origin: string) => got.filter((q) => q.origin === origin);
    expect(got).toHaveLength(8);
    expect(byOrigin(A)).toHaveLength(4);
    expect(byOrigin(B)).toHaveLength(4);
    expect(new Set(got.map((q) => q.time))).toEqual(new Set([String(T0)]));
    expect(byOrigin(A).every((q) => q.query.includes('"eu-west"') && !q.query.includes('us-east'))).toBe(true);
    expect(byOrigin(B).every((q) => q.query.includes('"us-east"') && !q.query.includes('eu-west'))).toBe(true);
  });

  it('each read is one batch of requests: a second read sends 4 more per server', async () => {
    const requests = recordRequests();
    await read(PER_DC);
    await read(PER_DC, { time: T0 + 15 });
    const got = await requests();
    expect(got).toHaveLength(16);
    expect(got.filter((q) => q.time === String(T0 + 15)).map((q) => q.origin).sort()).toEqual([A, A, A, A, B, B, B, B]);
  });

  it.each([
    { desc: 'HTTP 503', handler: down(B), message: /prom-b\.test.*503/ },
    { desc: 'unreachable', handler: unreachable(B), message: /cannot reach Prometheus at http:\/\/prom-b\.test/ },
  ])('one of two servers fails ($desc): its datacenters are named, the other rows stay', async ({ handler, message }) => {
    server.use(handler);
    const r = await read(PER_DC);

    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({ url: B, datacenters: ['us-east'] });
    expect(r.failures[0]?.message).toMatch(message);
    expect(datacentersOf(r.egressRate)).toEqual(['eu-west']);
    expect(datacentersOf(r.ingressRate)).toEqual(['eu-west']);
    expect(r.egressRate.size).toBeGreaterThan(0);
  });

  it('all servers fail: the read rejects and the message names every server', async () => {
    server.use(down(A), down(B));
    const error = await read(PER_DC).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain(A);
    expect(message).toContain(B);
    expect(message).toMatch(/503/);
  });

  it.each([
    { desc: 'HTTP 503', handler: down(ONE), message: /unavailable: Prometheus at http:\/\/prometheus\.test answered 503/ },
    { desc: 'unreachable', handler: unreachable(ONE), message: /cannot reach Prometheus at http:\/\/prometheus\.test/ },
    { desc: 'an HTML login page', handler: http.post(`${ONE}/api/v1/query`, () => HttpResponse.html('<!doctype html><html><body>Sign in</body></html>')), message: /HTML page instead of JSON/ },
    {
      desc: 'an API error',
      handler: http.post(`${ONE}/api/v1/query`, () => HttpResponse.json({ status: 'error', errorType: 'execution', error: 'too many samples' }, { status: 422 })),
      message: /could not run the query \(execution\): too many samples/,
    },
  ])('the only server fails ($desc): the read rejects with what failed', async ({ handler, message }) => {
    server.use(handler);
    await expect(read(SINGLE)).rejects.toThrow(message);
  });

  it('a cancelled read rejects', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(read(SINGLE, { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });

  it('API warnings are kept, once each', async () => {
    const warning = 'partial response: store eu-west-store-1 is unreachable';
    server.use(...createHandlers({ warnings: [warning] }));
    const r = await read(SINGLE);
    expect(r.warnings).toEqual([warning]);
    expect(r.egressRate.size).toBeGreaterThan(0);
  });

  it('API warnings of several servers say which server warned', async () => {
    const warning = 'partial response';
    server.use(...createHandlers({ warnings: [warning] }));
    const r = await read(PER_DC);
    expect([...r.warnings].sort()).toEqual([`${A}: ${warning}`, `${B}: ${warning}`]);
  });

  it('warnings of a server that failed are not reported, its failure is', async () => {
    server.use(down(B), ...createHandlers({ warnings: ['w'] }));
    const r = await read(PER_DC);
    expect(r.warnings).toEqual([`${A}: w`]);
    expect(r.failures.map((f) => f.url)).toEqual([B]);
  });
});

describe('readTraffic: answers read from their text', () => {
  /** The same servers, their answers re-written with whitespace: the text reader declines them, so they are parsed. */
  const parsedOnly = (c: AppConfig) => createServers(c).list.map(({ plan }) => ({
    plan,
    client: createPrometheusClient({
      baseUrl: plan.url, timeoutMs: 5000,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        return new Response(JSON.stringify(JSON.parse(await res.text()) as unknown, null, 1), { status: res.status, headers: res.headers });
      },
    }),
  }));
  const scopes: { desc: string; scope: ViewScope; handlers?: Parameters<typeof createHandlers>[0] }[] = [
    { desc: 'a datacenter drawn flat', scope: { level: 'datacenter', dc: 'eu-west', grouped: false } },
    { desc: 'the global view', scope: { level: 'global' } },
    { desc: 'a focus, with a warning on every answer (so parsed either way)', scope: { level: 'focus', dc: 'eu-west', service: 'checkout' }, handlers: { warnings: ['w'] } },
  ];
  it.each(scopes)('$desc: the same rows, problems and warnings as when parsed', async ({ scope, handlers }) => {
    if (handlers) server.use(...createHandlers(handlers));
    const extra = { scope, grouping: null };
    const fromText = await read(SINGLE, extra);
    const parsed = await readTraffic(parsedOnly(SINGLE), params(SINGLE, extra));
    for (const kind of ['egressRate', 'ingressRate', 'egressLatency', 'ingressLatency'] as const) {
      expect(fromText[kind].size).toBeGreaterThan(0);
      expect(rowsOf<object>(fromText[kind])).toEqual(rowsOf<object>(parsed[kind]));
    }
    expect(fromText.problems).toEqual(parsed.problems);
    expect(fromText.warnings).toEqual(parsed.warnings);
    // The simulated Prometheus answers in the compact shape: without warnings, its answers were read from their text.
    const q = buildViewQueries(SINGLE.convention, { rateWindow: SINGLE.rateWindow, latencyQuantile: SINGLE.latencyQuantile, grouping: null }, scope)[0];
    const text = await (await fetch(`${ONE}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query: q?.promql ?? '', time: String(T0) }) })).text();
    const reader = textReader(viewConvention(SINGLE.convention, scope.level === 'global' ? undefined : scope.dc), q?.kind ?? 'egressRate');
    expect(reader?.(text) !== null).toBe(handlers === undefined);
  });
});

describe('readTraffic: the baseline', () => {
  const VIEW = { scope: { level: 'datacenter' as const, dc: 'eu-west', grouped: false }, grouping: null, baseline: '7d' };

  it('two more queries per server, at the same time, the offset in their PromQL', async () => {
    const requests = recordRequests();
    const r = await read(PER_DC, VIEW);
    expect(r.queryCount).toBe(12);
    const got = await requests();
    expect(got).toHaveLength(12);
    expect(new Set(got.map((q) => q.time))).toEqual(new Set([String(T0)]));
    expect(got.filter((q) => q.query.includes('offset 7d')).map((q) => q.origin).sort()).toEqual([A, A, B, B]);
    expect(r.baseline?.offset).toBe('7d');
    expect(r.baseline?.egressRate.size).toBeGreaterThan(0);
    // Total rates: no status class but "none" (unknown), the current rows keep theirs.
    expect(new Set(rowsOf(r.baseline?.egressRate ?? []).map((row) => row.statusClass))).toEqual(new Set(['none']));
  });

  it('a baseline query that fails leaves the map as it is, without comparisons, and says why', async () => {
    server.use(http.post(`${ONE}/api/v1/query`, async ({ request }) => {
      const body = new URLSearchParams(await request.clone().text());
      if ((body.get('query') ?? '').includes(' offset ')) return HttpResponse.json({ status: 'error', errorType: 'execution', error: 'query timed out' }, { status: 503 });
      return undefined;
    }));
    const r = await read(SINGLE, VIEW);
    expect(r.failures).toEqual([]);
    expect(r.egressRate.size).toBeGreaterThan(0);
    expect(r.baseline).toBeUndefined();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^the baseline \(7d earlier\) could not be read: .*query timed out/);
  });

  it('with recording rules, the baseline reads the recorded series too (no raw rate() in any query)', async () => {
    const requests = recordRequests();
    const r = await read(SINGLE, { ...VIEW, recorded: true });
    expect(r.queryCount).toBe(6);
    const got = await requests();
    expect(got.filter((q) => q.query.includes('offset 7d'))).toHaveLength(2);
    expect(got.filter((q) => /\brate\(/.test(q.query))).toEqual([]);
  });

  it('off: no baseline queries', async () => {
    const requests = recordRequests();
    const r = await read(SINGLE, { ...VIEW, baseline: undefined });
    expect(r.queryCount).toBe(4);
    expect(await requests()).toHaveLength(4);
    expect(r.baseline).toBeUndefined();
  });
});

import { QueryClient } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, parseConfig } from '../../config/parse.ts';
import type { AppConfig } from '../../config/types.ts';
import { server } from '../../mocks/node.ts';
import { initialDelayMs, queryDelayOptions } from './queryDelayOptions.ts';
import type { MeasureDeps } from './queryDelayOptions.ts';
import { createServers } from './trafficQueries.ts';

// The real client against the demo's simulated Prometheus (scrape interval 5 s, lag query
// answered 0); a lagging server is a `.use()` override answering the lag query.

const GLOBAL = 'http://global.test';
const A = 'http://prom-a.test';
const B = 'http://prom-b.test';
const NOW_MS = Date.UTC(2025, 0, 1, 12, 0, 0);

function config(json: unknown): AppConfig {
  const result = parseConfig(json);
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.config;
}

interface Seen { origin: string; query: string; time: string | null }
let seen: Seen[] = [];
let slept: number[] = [];
const deps: MeasureDeps = { nowMs: () => NOW_MS, sleep: async (ms) => { slept.push(ms); } };

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.events.removeAllListeners();
  server.resetHandlers();
  seen = [];
  slept = [];
});
afterAll(() => server.close());

function record(): void {
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname !== '/api/v1/query') return;
    void request.clone().text().then((body) => {
      const form = new URLSearchParams(body);
      seen.push({ origin: url.origin, query: form.get('query') ?? '', time: form.get('time') });
    });
  });
}

/** The lag query on `origin` answers these lags in turn (the last one again after). */
function lagging(origin: string, ...lags: number[]) {
  let i = 0;
  return http.post(`${origin}/api/v1/query`, () => {
    const lag = lags[Math.min(i++, lags.length - 1)] ?? 0;
    return HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [NOW_MS / 1000, String(lag)] }] } });
  });
}

const measure = (c: AppConfig) => new QueryClient().fetchQuery(queryDelayOptions(c, createServers(c), deps));

describe('queryDelayOptions', () => {
  it('a Prometheus scraping its targets (the simulated one): no delay, after three readings a third of its interval apart', async () => {
    record();
    const delay = await measure(config({ prometheus: { url: GLOBAL } }));
    expect(delay).toMatchObject({ ms: 0, source: 'measured', servers: [{ url: GLOBAL, lagS: 0, ms: 0 }] });
    await expect.poll(() => seen.length).toBe(3);
    expect(seen[0]).toEqual({ origin: GLOBAL, query: 'time() - min(timestamp(traffic_egress_requests_total))', time: String(NOW_MS / 1000) });
    expect(slept).toEqual([5000 / 3, 5000 / 3]);
  });

  it('a federating Prometheus: the lag rounded up to whole scrape intervals, from the first lagging reading', async () => {
    server.use(lagging(GLOBAL, 7.2));
    const delay = await measure(config({ prometheus: { url: GLOBAL } }));
    expect(delay).toMatchObject({ ms: 10_000, source: 'measured', servers: [{ url: GLOBAL, lagS: 7.2, ms: 10_000 }] });
    expect(slept).toEqual([]);
  });

  it('a federating Prometheus read just after its scrape: the next reading finds the lag', async () => {
    server.use(lagging(GLOBAL, 5.5, 7.1));
    expect(await measure(config({ prometheus: { url: GLOBAL } }))).toMatchObject({ ms: 10_000, source: 'measured' });
    expect(slept).toHaveLength(1);
  });

  it('one Prometheus per datacenter: each asked about its own datacenters, the largest delay taken', async () => {
    record();
    server.use(lagging(B, 12));
    const c = config({ datacenters: [{ name: 'eu-west', prometheus: A }, { name: 'us-east', prometheus: B }] });
    const delay = await measure(c);
    expect(delay).toMatchObject({ ms: 15_000, source: 'measured', servers: [{ url: A, ms: 0 }, { url: B, lagS: 12, ms: 15_000 }] });
    await expect.poll(() => seen.filter((s) => s.origin === A).length).toBe(3);
    expect(seen.find((s) => s.origin === A)?.query).toBe('time() - min(timestamp(traffic_egress_requests_total{datacenter=~"eu-west"}))');
  });

  it('a server that cannot be measured adds no delay; none measurable: not measured', async () => {
    server.use(http.post(`${GLOBAL}/api/v1/query`, () => HttpResponse.text('down', { status: 503 })));
    const delay = await measure(config({ prometheus: { url: GLOBAL } }));
    expect(delay.ms).toBe(0);
    expect(delay.source).toBe('not-measured');
    expect(delay.servers[0]?.error).toMatch(/503/);
  });

  it('no request series yet (empty answer): no delay', async () => {
    server.use(http.post(`${GLOBAL}/api/v1/query`, () => HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [] } })));
    expect(await measure(config({ prometheus: { url: GLOBAL } }))).toMatchObject({ ms: 0, source: 'measured', servers: [{ url: GLOBAL, ms: 0 }] });
    expect(slept).toEqual([]);
  });

  it.each([
    { desc: 'configured "30s"', json: { queryDelay: '30s' }, want: 30_000 },
    { desc: 'configured "0s"', json: { queryDelay: '0s' }, want: 0 },
    { desc: 'auto: nothing until measured', json: {}, want: 0 },
  ])('$desc: the delay before any measurement is $want ms', ({ json, want }) => {
    expect(initialDelayMs(config({ prometheus: { url: GLOBAL }, ...json }))).toBe(want);
  });

  it('a configured delay asks nothing', () => {
    const c = config({ prometheus: { url: GLOBAL }, queryDelay: '30s' });
    expect(queryDelayOptions(c, createServers(c)).enabled).toBe(false);
  });
});

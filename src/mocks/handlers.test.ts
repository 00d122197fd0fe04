import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { buildQueries, buildQuery } from '../conventions/queries.ts';
import { standardConvention } from '../conventions/standard.ts';
import { createHandlers } from './handlers.ts';
import { server } from './node.ts';
import { trafficAt } from './platform/model.ts';
import { instantQuery } from './prometheus-api.ts';
import { applyScenario, buildScenarios, CHURN_GROUPS_SHAPE, churnServices, LARGE_SHAPE, SCENARIO_NAMES } from './scenarios.ts';
import { DEFAULTS } from '../config/defaults.ts';
import { DEFAULT_GROUP_RULE } from '../config/grouping.ts';

const BASE = 'http://prometheus.test';
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const QUERIES = buildQueries(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95 });
const EGRESS_RATE = buildQuery(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95 }, 'egressRate');

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const get = (path: string, params: Record<string, string> = {}) => fetch(`${BASE}${path}?${new URLSearchParams(params)}`);
const post = (path: string, params: Record<string, string>) =>
  fetch(`${BASE}${path}`, { method: 'POST', body: new URLSearchParams(params), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

describe('happy-path handlers through fetch', () => {
  it.each(QUERIES.flatMap((q) => [
    { desc: `GET ${q.kind}`, send: () => get('/api/v1/query', { query: q.promql, time: String(T0 / 1000) }), promql: q.promql },
    { desc: `POST ${q.kind}`, send: () => post('/api/v1/query', { query: q.promql, time: String(T0 / 1000) }), promql: q.promql },
  ]))('$desc returns what the pure function returns', async ({ send, promql }) => {
    const response = await send();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual(instantQuery(promql, T0, (t) => trafficAt(t)).body);
  });

  it('answers under a path prefix too (a Prometheus behind a proxy)', async () => {
    const response = await fetch(`${BASE}/prometheus/api/v1/query?${new URLSearchParams({ query: EGRESS_RATE })}`);
    expect(response.status).toBe(200);
    expect((await response.json()).data.result.length).toBeGreaterThan(40);
  });

  it('answers a range query', async () => {
    const response = await post('/api/v1/query_range', { query: EGRESS_RATE, start: String(T0 / 1000), end: String(T0 / 1000 + 60), step: '15' });
    const body = await response.json();
    expect(body.data.resultType).toBe('matrix');
    expect(body.data.result[0].values).toHaveLength(5);
  });

  it.each<{ desc: string; path: string; params: Record<string, string>; status: number; want: object }>([
    { desc: 'an unknown query is bad_data', path: '/api/v1/query', params: { query: 'up' }, status: 400, want: { status: 'error', errorType: 'bad_data' } },
    { desc: 'status/config has the scrape interval', path: '/api/v1/status/config', params: {}, status: 200, want: { status: 'success', data: { yaml: expect.stringContaining('scrape_interval: 5s') } } },
    { desc: 'buildinfo has a version', path: '/api/v1/status/buildinfo', params: {}, status: 200, want: { status: 'success', data: { version: expect.any(String) } } },
    { desc: 'datacenter label values', path: '/api/v1/label/datacenter/values', params: {}, status: 200, want: { status: 'success', data: ['eu-west', 'us-east'] } },
  ])('$desc', async ({ path, params, status, want }) => {
    const response = await get(path, params);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject(want);
  });

  it('evaluates at "now" without a time parameter', async () => {
    const handlersAtT0 = createHandlers({ now: () => T0 });
    server.use(...handlersAtT0);
    const body = await (await get('/api/v1/query', { query: EGRESS_RATE })).json();
    expect(body.data.result[0].value[0]).toBe(T0 / 1000);
  });
});

describe('scenarios', () => {
  const list = buildScenarios({ slowDelayMs: 300, now: () => T0 });

  it('names every scenario once, live first', () => {
    expect(SCENARIO_NAMES[0]).toBe('live');
    expect(new Set(SCENARIO_NAMES).size).toBe(SCENARIO_NAMES.length);
    expect(SCENARIO_NAMES).toEqual(expect.arrayContaining(['prometheus-down', 'api-error', 'slow', 'warnings', 'html-login', 'no-status-config', 'incident:checkout-errors']));
  });

  it.each([
    { desc: 'prometheus-down: 503 text', name: 'prometheus-down', path: '/api/v1/query', status: 503, type: /text\/plain/, body: /Service Unavailable/ },
    { desc: 'prometheus-down: also the config', name: 'prometheus-down', path: '/api/v1/status/config', status: 503, type: /text\/plain/, body: /Service Unavailable/ },
    { desc: 'api-error: execution error', name: 'api-error', path: '/api/v1/query', status: 422, type: /json/, body: /"errorType":"execution"/ },
    { desc: 'api-error: the config still works', name: 'api-error', path: '/api/v1/status/config', status: 200, type: /json/, body: /scrape_interval/ },
    { desc: 'warnings: success with warnings', name: 'warnings', path: '/api/v1/query', status: 200, type: /json/, body: /"warnings":\["partial response/ },
    { desc: 'html-login: a 200 HTML page', name: 'html-login', path: '/api/v1/query', status: 200, type: /text\/html/, body: /<form/ },
    { desc: 'no-status-config: 404', name: 'no-status-config', path: '/api/v1/status/config', status: 404, type: /text\/plain/, body: /404 page not found/ },
    { desc: 'no-status-config: queries still work', name: 'no-status-config', path: '/api/v1/query', status: 200, type: /json/, body: /"resultType":"vector"/ },
    { desc: 'slow: answers after the delay', name: 'slow', path: '/api/v1/query', status: 200, type: /json/, body: /"resultType":"vector"/ },
  ])('$desc', async ({ name, path, status, type, body }) => {
    applyScenario(server, name, list);
    const started = Date.now();
    const response = await get(path, { query: EGRESS_RATE, time: String(T0 / 1000) });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(await response.text()).toMatch(body);
    if (name === 'slow') expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('incident:checkout-errors shows 5xx on the calls into checkout', async () => {
    applyScenario(server, 'incident:checkout-errors', list);
    const body = await (await get('/api/v1/query', { query: EGRESS_RATE, time: String(T0 / 1000) })).json();
    const into = body.data.result.filter((s: { metric: Record<string, string> }) => s.metric['peer_service'] === 'checkout');
    const rate = (cls: string) => into.filter((s: { metric: Record<string, string> }) => s.metric['tm_class'] === cls)
      .reduce((sum: number, s: { value: [number, string] }) => sum + Number(s.value[1]), 0);
    expect(rate('5xx') / (rate('2xx') + rate('4xx') + rate('5xx'))).toBeGreaterThan(0.25);
  });

  it('large: a few hundred services per datacenter, in groups, answered through the same queries', async () => {
    applyScenario(server, 'large', list);
    const body = await (await get('/api/v1/query', { query: EGRESS_RATE, time: String(T0 / 1000) })).json();
    const series: { metric: Record<string, string> }[] = body.data.result;
    const callers = (dc: string) => new Set(series.filter((s) => s.metric['datacenter'] === dc).map((s) => s.metric['service'] ?? ''));
    for (const dc of ['eu-west', 'us-east']) {
      const names = [...callers(dc)];
      expect(names.length).toBeGreaterThan(300);
      const groups = new Set(names.map((n) => /^([^-]+)-/.exec(n)?.[1] ?? ''));
      expect(groups.size).toBe(LARGE_SHAPE.groups + 1); // the groups, and '' for the services without one
    }
  });

  it.each([
    { desc: 'churn:groups:still: every service, eu-west over maxNodesPerView (groups), us-east under (flat)', name: 'churn:groups:still', present: 1 },
    { desc: 'churn:groups: services come and go, the datacenters keep their sides of maxNodesPerView', name: 'churn:groups', present: 0.6 },
  ])('$desc', async ({ name, present }) => {
    applyScenario(server, name, list);
    const body = await (await get('/api/v1/query', { query: EGRESS_RATE, time: String(T0 / 1000) })).json();
    const series: { metric: Record<string, string> }[] = body.data.result;
    const rule = new RegExp(`^(?:${DEFAULT_GROUP_RULE})$`);
    expect([...churnServices(CHURN_GROUPS_SHAPE).values()].map((l) => l.length)).toEqual(CHURN_GROUPS_SHAPE.datacenterSizes);
    for (const [dc, listed] of churnServices(CHURN_GROUPS_SHAPE)) {
      const callers = new Set(series.filter((s) => s.metric['datacenter'] === dc).map((s) => s.metric['service'] ?? ''));
      expect(callers.size).toBeGreaterThanOrEqual(Math.floor(listed.length * present) - 1);
      expect(callers.size).toBeLessThanOrEqual(listed.length);
      expect(callers.size > DEFAULTS.maxNodesPerView).toBe(dc === 'eu-west');
      const groups = new Set([...callers].map((n) => rule.exec(n)?.[1]));
      expect(groups.has(undefined)).toBe(false);
      expect(groups.size).toBeGreaterThan(5);
    }
  });

  it('live goes back to the happy path, and an unknown name throws with the known ones', async () => {
    applyScenario(server, 'prometheus-down', list);
    applyScenario(server, 'live', list);
    expect((await get('/api/v1/status/buildinfo')).status).toBe(200);
    expect(() => applyScenario(server, 'nope', list)).toThrow(/unknown demo scenario "nope"; known: live, calm/);
  });

  it('a per-test override still works on top of the handlers', async () => {
    server.use(http.get('*/api/v1/status/buildinfo', () => HttpResponse.json({ status: 'success', data: { version: '2.0.0' } })));
    expect((await (await get('/api/v1/status/buildinfo')).json()).data.version).toBe('2.0.0');
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildQueries } from '../conventions/queries.ts';
import { standardConvention } from '../conventions/standard.ts';
import { createPrometheusClient } from '../prometheus/client.ts';
import { server } from './node.ts';
import { applyScenario } from './scenarios.ts';

// The app's real Prometheus client against the simulated Prometheus: the two must agree.
const client = createPrometheusClient({ baseUrl: 'http://prometheus.test/', timeoutMs: 5000 });
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0) / 1000;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('the app client against the simulated Prometheus', () => {
  it.each(buildQueries(standardConvention, { rateWindow: '2m', latencyQuantile: 0.9, datacenters: ['eu-west'] }).map((q) => ({ desc: q.kind, q })))(
    'query: $desc gives a non-empty vector',
    async ({ q }) => {
      const answer = await client.query(q.promql, { time: T0 });
      expect(answer.data.resultType).toBe('vector');
      expect(answer.data.result.length).toBeGreaterThan(20);
      expect(answer.warnings).toEqual([]);
    },
  );

  it('queryRange gives a matrix', async () => {
    const [q] = buildQueries(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95 });
    const answer = await client.queryRange(q?.promql ?? '', { start: T0 - 300, end: T0, step: '1m' });
    expect(answer.data.resultType).toBe('matrix');
  });

  it.each([
    { desc: 'live: the 5s scrape interval', scenario: 'live', want: 5000 },
    { desc: 'no-status-config: unknown (null)', scenario: 'no-status-config', want: null },
  ])('scrapeInterval, $desc', async ({ scenario, want }) => {
    applyScenario(server, scenario);
    expect(await client.scrapeInterval()).toBe(want);
  });

  it('labelValues lists the datacenters', async () => {
    expect((await client.labelValues('datacenter', { match: 'traffic_ingress_requests_total' })).data).toEqual(['eu-west', 'us-east']);
  });

  it.each([
    { desc: 'prometheus-down is an http error', scenario: 'prometheus-down', want: { kind: 'http', status: 503 } },
    { desc: 'api-error is an api error', scenario: 'api-error', want: { kind: 'api', errorType: 'execution' } },
    { desc: 'an unknown query is an api bad_data error', scenario: 'live', want: { kind: 'api', errorType: 'bad_data', status: 400 } },
  ])('$desc', async ({ scenario, want }) => {
    applyScenario(server, scenario);
    await expect(client.query('up', { time: T0 })).rejects.toMatchObject(want);
  });

  it('warnings reach the answer', async () => {
    applyScenario(server, 'warnings');
    const [q] = buildQueries(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95 });
    const answer = await client.query(q?.promql ?? '', { time: T0 });
    expect(answer.warnings[0]).toMatch(/^partial response/);
  });
});

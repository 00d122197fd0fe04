import { describe, expect, it } from 'vitest';
import { buildQueries, buildQuery } from '../conventions/queries.ts';
import { standardConvention } from '../conventions/standard.ts';
import { STATUS_CLASS_LABEL } from '../conventions/types.ts';
import type { QueryParams } from '../conventions/types.ts';
import type { InstantSample, RangeSeries } from '../prometheus/types.ts';
import { trafficAt } from './platform/model.ts';
import { instantQuery, queryFromParams, queryRangeFromParams, rangeQuery } from './prometheus-api.ts';
import type { ApiAnswer } from './prometheus-api.ts';
import { labelValues, statusConfig } from './prometheus-meta.ts';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const model = (t: number) => trafficAt(t, { schedule: false });
const GROUP_LABELS = ['datacenter', 'service', 'peer_service'];

function vector(answer: ApiAnswer): readonly InstantSample[] {
  expect(answer.httpStatus).toBe(200);
  if (answer.body.status !== 'success') throw new Error(answer.body.error);
  const data = answer.body.data as { resultType: string; result: readonly InstantSample[] };
  expect(data.resultType).toBe('vector');
  return data.result;
}

const PARAMS: readonly { desc: string; params: QueryParams }[] = [
  { desc: 'defaults', params: { rateWindow: '1m', latencyQuantile: 0.95 } },
  { desc: '5m window, p99', params: { rateWindow: '5m', latencyQuantile: 0.99 } },
  { desc: '30s window, p50, both datacenters listed', params: { rateWindow: '30s', latencyQuantile: 0.5, datacenters: ['eu-west', 'us-east'] } },
];

describe('instantQuery', () => {
  it.each(PARAMS.flatMap(({ desc, params }) =>
    buildQueries(standardConvention, params).map((q) => ({ desc: `${q.kind}, ${desc}`, q })),
  ))('answers $desc with well-formed samples', ({ q }) => {
    const result = vector(instantQuery(q.promql, T0, model));
    expect(result.length).toBeGreaterThan(40);
    for (const s of result) {
      for (const label of GROUP_LABELS) expect(s.metric[label]).toMatch(/\S/);
      expect(s.value[0]).toBe(T0 / 1000);
      const value = Number(s.value[1]);
      if (q.kind.endsWith('Rate')) expect(value).toBeGreaterThan(0);
      else expect(value).toBeGreaterThan(0.00001);
      expect(value).toBeLessThan(20_000);
      expect(Object.values(s.metric)).not.toContain('');
    }
    const keys = result.map((s) => JSON.stringify(s.metric));
    expect(new Set(keys).size).toBe(keys.length);
  });

  const promql = (kind: 'egressRate' | 'ingressRate' | 'egressLatency', datacenters?: string[]) =>
    buildQuery(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95, datacenters }, kind);

  it.each([
    { desc: 'every class is one of 1xx..5xx', check: (r: readonly InstantSample[]) =>
      r.every((s) => s.metric[STATUS_CLASS_LABEL] === undefined || /^[1-5]xx$/.test(s.metric[STATUS_CLASS_LABEL] ?? '')), kind: 'egressRate' as const },
    { desc: 'ingress has no row without a status class', check: (r: readonly InstantSample[]) =>
      r.every((s) => STATUS_CLASS_LABEL in s.metric), kind: 'ingressRate' as const },
    { desc: 'the internet comes without peer_datacenter (empty labels are absent)', check: (r: readonly InstantSample[]) =>
      r.filter((s) => s.metric['peer_service'] === 'internet').every((s) => !('peer_datacenter' in s.metric)), kind: 'ingressRate' as const },
    { desc: 'latency rows carry no status class and no le', check: (r: readonly InstantSample[]) =>
      r.every((s) => !(STATUS_CLASS_LABEL in s.metric) && !('le' in s.metric)), kind: 'egressLatency' as const },
  ])('$desc', ({ check, kind }) => {
    expect(check(vector(instantQuery(promql(kind), T0, model)))).toBe(true);
  });

  it('status 0 rows are exactly the edges with no-response requests, without a status class', () => {
    const edgeKey = (m: Readonly<Record<string, string>>) => `${m['datacenter']}/${m['service']}>${m['peer_datacenter'] ?? ''}/${m['peer_service']}`;
    const rows = vector(instantQuery(promql('egressRate'), T0, model));
    const unclassified = rows.filter((s) => !(STATUS_CLASS_LABEL in s.metric)).map((s) => edgeKey(s.metric)).sort();
    const withNoResponse = model(T0).egress.filter((e) => (e.ratesByStatus['0'] ?? 0) > 0)
      .map((e) => edgeKey({ datacenter: e.datacenter, service: e.service, peer_datacenter: e.peerDatacenter, peer_service: e.peerService })).sort();
    expect(unclassified.length).toBeGreaterThan(3);
    expect(unclassified).toEqual(withNoResponse);
  });

  it('a status class row is the sum of its codes over the window', () => {
    const rows = vector(instantQuery(promql('egressRate'), T0, model));
    const row = rows.find((s) => s.metric['service'] === 'edge-lb' && s.metric['peer_service'] === 'varnish' && s.metric['datacenter'] === 'eu-west' && s.metric[STATUS_CLASS_LABEL] === '2xx');
    const edge = model(T0).egress.find((e) => e.service === 'edge-lb' && e.peerService === 'varnish' && e.datacenter === 'eu-west');
    const instant = (edge?.ratesByStatus['200'] ?? 0) + (edge?.ratesByStatus['201'] ?? 0);
    // Averaged over the window, the value stays close to the instantaneous one.
    expect(Number(row?.value[1])).toBeGreaterThan(instant * 0.85);
    expect(Number(row?.value[1])).toBeLessThan(instant * 1.15);
  });

  it.each([
    { desc: 'one datacenter', datacenters: ['us-east'], want: ['us-east'] },
    { desc: 'both', datacenters: ['us-east', 'eu-west'], want: ['eu-west', 'us-east'] },
    { desc: 'an unknown one', datacenters: ['mars'], want: [] },
  ])('restricts to datacenters: $desc', ({ datacenters, want }) => {
    const rows = vector(instantQuery(promql('ingressRate', datacenters), T0, model));
    expect([...new Set(rows.map((s) => s.metric['datacenter']))].sort()).toEqual(want);
  });

  it.each([
    { desc: 'an unknown query', run: () => instantQuery('sum(rate(http_requests_total[1m]))', T0, model), message: /only answers the traffic-map queries/ },
    { desc: 'a missing query', run: () => queryFromParams(new URLSearchParams(), T0, model), message: /no expression found/ },
    { desc: 'a bad time', run: () => queryFromParams(new URLSearchParams({ query: promql('egressRate'), time: 'noon' }), T0, model), message: /invalid parameter "time"/ },
    { desc: 'a range ending before its start', run: () => rangeQuery(promql('egressRate'), T0, T0 - 1, 15_000, model), message: /must not be before/ },
    { desc: 'too many points', run: () => rangeQuery(promql('egressRate'), T0, T0 + 86_400_000, 1000, model), message: /11,000 points/ },
  ])('answers bad_data (HTTP 400) to $desc', ({ run, message }) => {
    const answer = run();
    expect(answer.httpStatus).toBe(400);
    expect(answer.body).toMatchObject({ status: 'error', errorType: 'bad_data' });
    if (answer.body.status === 'error') expect(answer.body.error).toMatch(message);
  });

  it('gives nothing for a window shorter than two scrapes, like Prometheus', () => {
    const q = buildQuery(standardConvention, { rateWindow: '5s', latencyQuantile: 0.95 }, 'egressRate');
    expect(vector(instantQuery(q, T0, model))).toEqual([]);
  });

  it('reads the time parameter as unix seconds or RFC 3339', () => {
    const q = promql('egressRate');
    const a = vector(queryFromParams(new URLSearchParams({ query: q, time: String(T0 / 1000) }), 0, model));
    const b = vector(queryFromParams(new URLSearchParams({ query: q, time: new Date(T0).toISOString() }), 0, model));
    expect(a).toEqual(b);
    expect(a).toEqual(vector(instantQuery(q, T0, model)));
  });
});

describe('rangeQuery', () => {
  it.each(buildQueries(standardConvention, { rateWindow: '1m', latencyQuantile: 0.9 }).map((q) => ({ desc: q.kind, q })))(
    'answers $desc with a matrix whose points match instant queries',
    ({ q }) => {
      const params = new URLSearchParams({ query: q.promql, start: String(T0 / 1000), end: String(T0 / 1000 + 120), step: '30s' });
      const answer = queryRangeFromParams(params, model);
      expect(answer.httpStatus).toBe(200);
      const data = (answer.body.status === 'success' ? answer.body.data : undefined) as { resultType: string; result: readonly RangeSeries[] };
      expect(data.resultType).toBe('matrix');
      expect(data.result.length).toBeGreaterThan(40);
      const series = data.result[0];
      expect(series?.values.map(([t]) => t)).toEqual([0, 30, 60, 90, 120].map((s) => T0 / 1000 + s));
      const at60 = vector(instantQuery(q.promql, T0 + 60_000, model)).find((s) => JSON.stringify(s.metric) === JSON.stringify(series?.metric));
      expect(series?.values[2]?.[1]).toBe(at60?.value[1]);
    },
  );
});

describe('metadata', () => {
  it.each([
    { desc: 'datacenters', name: 'datacenter', want: ['eu-west', 'us-east'] },
    { desc: 'an unknown label has no values', name: 'pod', want: [] },
  ])('label values: $desc', ({ name, want }) => {
    expect(labelValues(name).body).toEqual({ status: 'success', data: want });
  });

  it('lists the instrumented services only', () => {
    const body = labelValues('service').body;
    const data = body.status === 'success' ? (body.data as string[]) : [];
    expect(data).toContain('checkout');
    expect(data).toContain('legacy-erp');
    expect(data).not.toContain('postgres');
    expect(data).not.toContain('payment-provider');
  });

  it('reports a 5s scrape interval in the config', () => {
    const body = statusConfig().body;
    expect(body.status === 'success' && (body.data as { yaml: string }).yaml).toMatch(/^global:\n {2}scrape_interval: 5s\n/);
  });
});

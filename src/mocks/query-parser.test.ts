import { describe, expect, it } from 'vitest';
import { buildQueries, buildQuery } from '../conventions/queries.ts';
import { standardConvention } from '../conventions/standard.ts';
import type { QueryParams } from '../conventions/types.ts';
import { parseTrafficQuery } from './query-parser.ts';

const PARAMS: readonly { desc: string; params: QueryParams; windowMs: number }[] = [
  { desc: 'defaults', params: { rateWindow: '1m', latencyQuantile: 0.95 }, windowMs: 60_000 },
  { desc: 'a long window, p99, one datacenter', params: { rateWindow: '1h30m', latencyQuantile: 0.99, datacenters: ['eu-west'] }, windowMs: 5_400_000 },
  { desc: 'p50 and datacenters needing escapes', params: { rateWindow: '30s', latencyQuantile: 0.5, datacenters: ['eu.west', 'us|east', 'a"b\\c'] }, windowMs: 30_000 },
];

describe('parseTrafficQuery', () => {
  it.each(PARAMS.flatMap(({ desc, params, windowMs }) =>
    buildQueries(standardConvention, params).map((q) => ({ desc: `${q.kind}, ${desc}`, q, params, windowMs })),
  ))('reads back $desc', ({ q, params, windowMs }) => {
    const parsed = parseTrafficQuery(q.promql);
    expect(parsed).toEqual({
      ok: true,
      query: {
        kind: q.kind,
        rateWindow: params.rateWindow,
        windowMs,
        quantile: q.kind.endsWith('Latency') ? params.latencyQuantile : NaN,
        ...(params.datacenters ? { datacenters: params.datacenters } : {}),
      },
    });
  });

  const rate = buildQuery(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95 }, 'egressRate');
  it.each([
    { desc: 'another metric', promql: 'up' },
    { desc: 'an empty query', promql: '' },
    { desc: 'a hand-edited aggregation', promql: rate.replace('sum by', 'max by') },
    { desc: 'another label matcher', promql: rate.replace('traffic_egress_requests_total', 'traffic_egress_requests_total{job="x"}') },
    { desc: 'a metric of another convention', promql: rate.replace('traffic_egress_requests_total', 'istio_requests_total') },
  ])('rejects $desc', ({ promql }) => {
    const parsed = parseTrafficQuery(promql);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/only answers the traffic-map queries/);
  });

  it('rejects a bad duration with a parse error', () => {
    const parsed = parseTrafficQuery(rate.replace('[1m]', '[1x]'));
    expect(parsed).toEqual({ ok: false, error: '1:1: parse error: bad duration syntax: "1x"' });
  });
});

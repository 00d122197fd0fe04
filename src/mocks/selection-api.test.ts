import { describe, expect, it } from 'vitest';
import { buildQuery } from '../conventions/queries.ts';
import { selectionQueries } from '../conventions/selection.ts';
import type { SelectionSpec } from '../conventions/selection.ts';
import { standardConvention } from '../conventions/standard.ts';
import { STATUS_CLASS_LABEL } from '../conventions/types.ts';
import type { StatusClass } from '../graph/types.ts';
import type { InstantSample, RangeSeries } from '../prometheus/types.ts';
import { trafficAt } from './platform/model.ts';
import { instantQuery, rangeQuery } from './prometheus-api.ts';
import type { ApiAnswer } from './prometheus-api.ts';
import { cachedModel } from './snapshot-cache.ts';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const model = cachedModel((t: number) => trafficAt(t, { schedule: false }));
const ERRORS: readonly StatusClass[] = ['5xx', 'none'];

function data(answer: ApiAnswer): { resultType: string; result: unknown[] } {
  expect(answer.httpStatus).toBe(200);
  if (answer.body.status !== 'success') throw new Error(answer.body.error);
  return answer.body.data as { resultType: string; result: unknown[] };
}

function vector(answer: ApiAnswer): readonly InstantSample[] {
  const d = data(answer);
  expect(d.resultType).toBe('vector');
  return d.result as InstantSample[];
}

/** The single value of an aggregated answer, checked to be one sample without labels. */
function scalar(promql: string, timeMs = T0): number {
  const result = vector(instantQuery(promql, timeMs, model));
  expect(result).toHaveLength(1);
  expect(result[0]?.metric).toEqual({});
  expect(result[0]?.value[0]).toBe(timeMs / 1000);
  return Number(result[0]?.value[1]);
}

/** The refresh's egressRate rows of one edge (any peer datacenter), by status class ("" = none). */
function refreshRows(labels: Readonly<Record<string, string>>, kind: 'egressRate' | 'ingressRate' = 'egressRate'): Map<string, number> {
  const promql = buildQuery(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95 }, kind);
  const out = new Map<string, number>();
  for (const s of vector(instantQuery(promql, T0, model))) {
    if (!Object.entries(labels).every(([k, v]) => s.metric[k] === v)) continue;
    const cls = s.metric[STATUS_CLASS_LABEL] ?? '';
    out.set(cls, (out.get(cls) ?? 0) + Number(s.value[1]));
  }
  return out;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const EDGE: SelectionSpec = { side: 'egress', datacenter: 'eu-west', service: 'frontend-ssr', peer: { kind: 'service', name: 'checkout', datacenter: 'eu-west' } };
const EDGE_LABELS = { datacenter: 'eu-west', service: 'frontend-ssr', peer_service: 'checkout' };
/** An edge whose caller counts requests without a response (status "0", no class). */
const TIMEOUT_EDGE: SelectionSpec = { side: 'egress', datacenter: 'eu-west', service: 'checkout', peer: { kind: 'service', name: 'payment-provider' } };
const TIMEOUT_LABELS = { datacenter: 'eu-west', service: 'checkout', peer_service: 'payment-provider' };

describe('selection queries against the refresh rows', () => {
  it.each([
    { desc: 'frontend-ssr -> checkout', labels: EDGE_LABELS, classes: ['2xx', '4xx', '5xx'] },
    { desc: 'checkout -> payment-provider', labels: TIMEOUT_LABELS, classes: ['2xx', '4xx', ''] },
  ])('the refresh has rows of several classes for $desc', ({ labels, classes }) => {
    const rows = refreshRows(labels);
    for (const cls of classes) expect(rows.get(cls)).toBeGreaterThan(0);
  });

  it('the edge rate is its egressRate rows summed over the status classes', () => {
    const rate = scalar(selectionQueries(standardConvention, EDGE, '1m', ERRORS).rate);
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeCloseTo(sum(refreshRows(EDGE_LABELS).values()), 9);
  });

  const edges = [
    { edge: 'frontend-ssr -> checkout', spec: EDGE, labels: EDGE_LABELS },
    { edge: 'checkout -> payment-provider', spec: TIMEOUT_EDGE, labels: TIMEOUT_LABELS },
  ];
  const classCases = [
    { classes: ['5xx', 'none'], rowClasses: ['5xx', ''] },
    { classes: ['4xx', '5xx'], rowClasses: ['4xx', '5xx'] },
    { classes: ['none'], rowClasses: [''] },
    // No 1xx rows: `or vector(0)` gives 0.
    { classes: ['1xx'], rowClasses: ['1xx'] },
    // The errors query is the rate query.
    { classes: ['1xx', '2xx', '3xx', '4xx', '5xx', 'none'], rowClasses: ['1xx', '2xx', '3xx', '4xx', '5xx', ''] },
    // vector(0).
    { classes: [], rowClasses: [] },
  ] as const;
  it.each(edges.flatMap((e) => classCases.map((c) => ({ desc: `${e.edge}, errors [${c.classes.join(', ')}]`, ...e, ...c }))))(
    '$desc match the per-class rows',
    ({ spec, labels, classes, rowClasses }) => {
      const rows = refreshRows(labels);
      const errors = scalar(selectionQueries(standardConvention, spec, '1m', classes).errors);
      expect(errors).toBeCloseTo(sum(rowClasses.map((cls) => rows.get(cls) ?? 0)), 9);
    },
  );

  it('internet traffic into edge-lb is the ingress rows from peer "internet"', () => {
    const spec: SelectionSpec = { side: 'ingress', datacenter: 'eu-west', service: 'edge-lb', peer: { kind: 'internet' } };
    const rate = scalar(selectionQueries(standardConvention, spec, '1m', ERRORS).rate);
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeCloseTo(sum(refreshRows({ datacenter: 'eu-west', service: 'edge-lb', peer_service: 'internet' }, 'ingressRate').values()), 9);
  });

  it('a dc: node sums every egress row towards the other datacenter', () => {
    const spec: SelectionSpec = { side: 'egress', datacenter: 'us-east', peer: { kind: 'datacenter', datacenter: 'eu-west' } };
    const rate = scalar(selectionQueries(standardConvention, spec, '1m', ERRORS).rate);
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeCloseTo(sum(refreshRows({ datacenter: 'us-east', peer_datacenter: 'eu-west' }).values()), 9);
  });
});

describe('selection latency', () => {
  it.each([
    { desc: 'an edge', spec: EDGE },
    { desc: 'a service\'s ingress', spec: { side: 'ingress', datacenter: 'eu-west', service: 'checkout' } as SelectionSpec },
    { desc: 'a whole datacenter', spec: { side: 'ingress', datacenter: 'us-east' } as SelectionSpec },
  ])('p50 <= p90 <= p99 for $desc, in seconds', ({ spec }) => {
    const q = selectionQueries(standardConvention, spec, '1m', ERRORS);
    const [p50, p90, p99] = [0.5, 0.9, 0.99].map((p) => scalar(q.latency(p)));
    expect(p50).toBeGreaterThan(0.0001);
    expect(p50).toBeLessThanOrEqual(p90 ?? NaN);
    expect(p90).toBeLessThanOrEqual(p99 ?? NaN);
    expect(p99).toBeLessThan(30);
  });
});

describe('selection queries that match nothing', () => {
  const q = selectionQueries(standardConvention, { side: 'egress', datacenter: 'eu-west', service: 'no-such-service' }, '1m', ERRORS);
  it.each([
    { desc: 'the rate is an empty vector', promql: q.rate, want: [] },
    { desc: 'rate - (... or vector(0)) stays empty', promql: q.errors, want: [] },
    { desc: 'the latency is an empty vector', promql: q.latency(0.9), want: [] },
    { desc: 'errors without "none" give 0', promql: selectionQueries(standardConvention, { side: 'egress', datacenter: 'mars' }, '1m', ['5xx']).errors, want: [{ metric: {}, value: [T0 / 1000, '0'] }] },
    { desc: 'a window shorter than two scrapes gives nothing', promql: selectionQueries(standardConvention, EDGE, '5s', ERRORS).rate, want: [] },
  ])('$desc', ({ promql, want }) => {
    expect(vector(instantQuery(promql, T0, model))).toEqual(want);
  });
});

describe('selection range queries', () => {
  const q = selectionQueries(standardConvention, EDGE, '1m', ERRORS);
  it.each([
    { desc: 'rate', promql: q.rate },
    { desc: 'errors', promql: q.errors },
  ])('the $desc matrix holds the instant values at each step', ({ promql }) => {
    const start = T0 - 3_600_000;
    const d = data(rangeQuery(promql, start, T0, 60_000, model));
    expect(d.resultType).toBe('matrix');
    const [series, ...rest] = d.result as RangeSeries[];
    expect(rest).toHaveLength(0);
    expect(series?.metric).toEqual({});
    expect(series?.values).toHaveLength(61);
    series?.values.forEach(([t, v], i) => {
      expect(t).toBe((start + i * 60_000) / 1000);
      expect(Number(v)).toBe(scalar(promql, t * 1000));
    });
  });

  it('refuses more than MAX_RANGE_POINTS points', () => {
    const answer = rangeQuery(q.rate, T0 - 86_400_000, T0, 1000, model);
    expect(answer.body).toMatchObject({ status: 'error', errorType: 'bad_data', error: expect.stringMatching(/11,000 points/) });
  });
});

describe('altered selection queries', () => {
  const q = selectionQueries(standardConvention, EDGE, '1m', ERRORS);
  it.each([
    { desc: 'rate by service', promql: q.rate.replace('sum(', 'sum by (service) (') },
    { desc: 'errors with a range in the regex', promql: q.errors.replace('[1234]', '[1-4]') },
    { desc: 'latency without the le grouping', promql: q.latency(0.9).replace('sum by (le) ', 'sum ') },
    { desc: 'a negated matcher', promql: q.rate.replace('service="frontend-ssr"', 'service!="frontend-ssr"') },
  ])('$desc: bad_data', ({ promql }) => {
    for (const answer of [instantQuery(promql, T0, model), rangeQuery(promql, T0 - 600_000, T0, 60_000, model)]) {
      expect(answer.httpStatus).toBe(400);
      expect(answer.body).toMatchObject({ status: 'error', errorType: 'bad_data', error: expect.stringMatching(/only answers the traffic-map queries/) });
    }
  });
});

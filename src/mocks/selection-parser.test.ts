import { describe, expect, it } from 'vitest';
import { selectionQueries } from '../conventions/selection.ts';
import type { SelectionSpec } from '../conventions/selection.ts';
import { standardConvention } from '../conventions/standard.ts';
import type { StatusClass } from '../graph/types.ts';
import { parseSelectionQuery } from './selection-parser.ts';

const ERRORS: readonly StatusClass[] = ['5xx', 'none'];
const EVIL = 'a"} or vector(1) or {x="';

/** The shapes of src/conventions/selection.test.ts, plus the other branches of the builder. */
const CASES: readonly { desc: string; spec: SelectionSpec; window: string; windowMs: number; errorClasses: readonly StatusClass[] }[] = [
  { desc: 'an edge from the caller\'s egress', spec: { side: 'egress', datacenter: 'eu-west', service: 'frontend', peer: { kind: 'service', name: 'checkout' } }, window: '1m', windowMs: 60_000, errorClasses: ERRORS },
  { desc: 'internet traffic into a service', spec: { side: 'ingress', datacenter: 'eu-west', service: 'edge-lb', peer: { kind: 'internet' } }, window: '1m', windowMs: 60_000, errorClasses: ERRORS },
  { desc: 'a dc: node', spec: { side: 'egress', datacenter: 'us-east', peer: { kind: 'datacenter', datacenter: 'eu-west' } }, window: '1m', windowMs: 60_000, errorClasses: ERRORS },
  { desc: 'a service\'s ingress, errors without "none"', spec: { side: 'ingress', datacenter: 'd', service: 's' }, window: '30s', windowMs: 30_000, errorClasses: ['4xx', '5xx'] },
  { desc: 'a crafted service name', spec: { side: 'egress', datacenter: 'd', service: EVIL, peer: { kind: 'service', name: EVIL } }, window: '1m', windowMs: 60_000, errorClasses: ERRORS },
  { desc: 'a peer in another datacenter', spec: { side: 'egress', datacenter: 'eu-west', service: 'checkout', peer: { kind: 'service', name: 'orders', datacenter: 'us-east' } }, window: '5m', windowMs: 300_000, errorClasses: ['4xx', 'none', '5xx'] },
  { desc: 'a whole datacenter\'s ingress', spec: { side: 'ingress', datacenter: 'us-east' }, window: '1h30m', windowMs: 5_400_000, errorClasses: ['5xx'] },
];

describe('parseSelectionQuery', () => {
  it.each(CASES)('reads back the rate, errors and latency of $desc', ({ spec, window, windowMs, errorClasses }) => {
    const q = selectionQueries(standardConvention, spec, window, errorClasses);
    const base = { spec, rateWindow: window, windowMs };
    expect(parseSelectionQuery(q.rate)).toEqual({ ok: true, query: { kind: 'rate', ...base, errorClasses: [], quantile: NaN } });
    const errors = parseSelectionQuery(q.errors);
    expect(errors).toMatchObject({ ok: true, query: { kind: 'errors', ...base } });
    // The classes come back as a set (the none-form cannot tell their order); they rebuild the text.
    const classes = errors.ok && errors.query.kind === 'errors' ? errors.query.errorClasses : [];
    expect([...classes].sort()).toEqual([...errorClasses].sort());
    expect(selectionQueries(standardConvention, spec, window, classes).errors).toBe(q.errors);
    for (const quantile of [0.5, 0.9, 0.99]) {
      expect(parseSelectionQuery(q.latency(quantile))).toEqual({ ok: true, query: { kind: 'latency', ...base, errorClasses: [], quantile } });
    }
  });

  it.each([
    { desc: 'every class an error: the errors query is the rate query', classes: ['1xx', '2xx', '3xx', '4xx', '5xx', 'none'] as const, kind: 'rate' },
    { desc: 'no class an error: vector(0)', classes: [] as const, kind: 'zero' },
  ])('$desc', ({ classes, kind }) => {
    const q = selectionQueries(standardConvention, { side: 'ingress', datacenter: 'eu-west', service: 'checkout' }, '1m', classes);
    expect(parseSelectionQuery(q.errors)).toMatchObject({ ok: true, query: { kind } });
  });

  const q = selectionQueries(standardConvention, CASES[0]?.spec ?? { side: 'egress', datacenter: 'x' }, '1m', ERRORS);
  it.each([
    { desc: 'another aggregation', promql: q.rate.replace('sum(', 'max(') },
    { desc: 'a matcher out of order', promql: q.rate.replace('datacenter="eu-west", service="frontend"', 'datacenter="eu-west", peer_service="checkout", service="frontend"').replace(', peer_service="checkout"}', '}') },
    { desc: 'another label', promql: q.rate.replace('}[1m]', ', job="x"}[1m]') },
    { desc: 'a peer datacenter equal to its own', promql: q.rate.replace('}[1m]', ', peer_datacenter="eu-west"}[1m]') },
    { desc: 'an errors regex the builder does not write', promql: q.errors.replace('[1234]', '[1-4]') },
    { desc: 'a quantile written differently', promql: q.latency(0.5).replace('0.5', '0.50') },
    { desc: 'no outer parentheses', promql: q.errors.slice(1, -1) },
    { desc: 'extra spaces', promql: q.rate.replace(', ', ',  ') },
  ])('rejects $desc', ({ promql }) => {
    const parsed = parseSelectionQuery(promql);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(/only answers the traffic-map queries/);
  });

  it.each([
    { desc: 'a refresh query', promql: 'sum by (datacenter) (rate(traffic_egress_requests_total[1m]))' },
    { desc: 'another metric', promql: 'sum(rate(http_requests_total{datacenter="eu-west"}[1m]))' },
  ])('leaves $desc to the other parser (no error of its own)', ({ promql }) => {
    expect(parseSelectionQuery(promql)).toEqual({ ok: false });
  });

  it('rejects a bad duration with a parse error', () => {
    expect(parseSelectionQuery(q.rate.replace('[1m]', '[1x]'))).toEqual({ ok: false, error: '1:1: parse error: bad duration syntax: "1x"' });
  });
});

import { describe, expect, it } from 'vitest';
import { splitStringLiterals } from './__fixtures__/promqlStrings.ts';
import { escapeRegex } from './promql.ts';
import { PRESETS } from '../config/presets.ts';
import { buildQueries, buildQuery } from './queries.ts';
import { standardConvention } from './standard.ts';
import type { Convention, QueryKind, QueryParams } from './types.ts';

const KINDS: readonly QueryKind[] = ['egressRate', 'ingressRate', 'egressLatency', 'ingressLatency'];
const BASE: QueryParams = { rateWindow: '1m', latencyQuantile: 0.95 };

/*
 * The exact text is the contract with the demo's simulated Prometheus (src/mocks), which answers
 * these four queries: change both together.
 */
const STANDARD_ALL_DATACENTERS: Readonly<Record<QueryKind, string>> = {
  egressRate:
    'sum by (datacenter, service, peer_datacenter, peer_service, tm_class) (label_replace(' +
    'rate(traffic_egress_requests_total[1m]), "tm_class", "${1}xx", "status", "([1-5])[0-9][0-9]"))',
  ingressRate:
    'sum by (datacenter, service, peer_datacenter, peer_service, tm_class) (label_replace(' +
    'rate(traffic_ingress_requests_total[1m]), "tm_class", "${1}xx", "status", "([1-5])[0-9][0-9]"))',
  egressLatency:
    'histogram_quantile(0.95, sum by (datacenter, service, peer_datacenter, peer_service, le) ' +
    '(rate(traffic_egress_request_duration_seconds_bucket[1m])))',
  ingressLatency:
    'histogram_quantile(0.95, sum by (datacenter, service, peer_datacenter, peer_service, le) ' +
    '(rate(traffic_ingress_request_duration_seconds_bucket[1m])))',
};

const STANDARD_TWO_DATACENTERS: Readonly<Record<QueryKind, string>> = {
  egressRate:
    'sum by (datacenter, service, peer_datacenter, peer_service, tm_class) (label_replace(' +
    'rate(traffic_egress_requests_total{datacenter=~"eu-west|us-east"}[5m]), "tm_class", "${1}xx", "status", "([1-5])[0-9][0-9]"))',
  ingressRate:
    'sum by (datacenter, service, peer_datacenter, peer_service, tm_class) (label_replace(' +
    'rate(traffic_ingress_requests_total{datacenter=~"eu-west|us-east"}[5m]), "tm_class", "${1}xx", "status", "([1-5])[0-9][0-9]"))',
  egressLatency:
    'histogram_quantile(0.99, sum by (datacenter, service, peer_datacenter, peer_service, le) ' +
    '(rate(traffic_egress_request_duration_seconds_bucket{datacenter=~"eu-west|us-east"}[5m])))',
  ingressLatency:
    'histogram_quantile(0.99, sum by (datacenter, service, peer_datacenter, peer_service, le) ' +
    '(rate(traffic_ingress_request_duration_seconds_bucket{datacenter=~"eu-west|us-east"}[5m])))',
};

function asRecord(params: QueryParams, convention: Convention = standardConvention): Record<string, string> {
  return Object.fromEntries(buildQueries(convention, params).map((q) => [q.kind, q.promql]));
}

describe('buildQueries: standard convention text', () => {
  const cases: { desc: string; params: QueryParams; expected: Readonly<Record<QueryKind, string>> }[] = [
    { desc: 'every datacenter (no restriction)', params: BASE, expected: STANDARD_ALL_DATACENTERS },
    { desc: 'empty datacenter list = every datacenter', params: { ...BASE, datacenters: [] }, expected: STANDARD_ALL_DATACENTERS },
    {
      desc: 'two datacenters, 5m window, p99',
      params: { rateWindow: '5m', latencyQuantile: 0.99, datacenters: ['eu-west', 'us-east'] },
      expected: STANDARD_TWO_DATACENTERS,
    },
  ];
  it.each(cases)('$desc', ({ params, expected }) => {
    expect(asRecord(params)).toEqual(expected);
  });

  it('buildQuery gives the same text one kind at a time', () => {
    for (const kind of KINDS) expect(buildQuery(standardConvention, BASE, kind)).toBe(STANDARD_ALL_DATACENTERS[kind]);
  });
});

describe('buildQueries: always the same four queries', () => {
  const many = Array.from({ length: 200 }, (_, i) => `dc-${i}`);
  const cases: { desc: string; datacenters?: readonly string[] }[] = [
    { desc: 'no datacenter list' },
    { desc: 'empty list', datacenters: [] },
    { desc: 'one datacenter', datacenters: ['eu-west'] },
    { desc: '200 datacenters', datacenters: many },
  ];
  it.each(cases)('$desc', ({ datacenters }) => {
    const queries = buildQueries(standardConvention, { ...BASE, ...(datacenters ? { datacenters } : {}) });
    expect(queries.map((q) => q.kind)).toEqual(KINDS);
  });
});

describe('buildQueries: other settings', () => {
  const cases: { desc: string; params: QueryParams; kind: QueryKind; contains: string }[] = [
    { desc: 'quantile written as given', params: { ...BASE, latencyQuantile: 0.5 }, kind: 'egressLatency', contains: 'histogram_quantile(0.5, ' },
    { desc: 'non-finite quantile falls back to 0.95', params: { ...BASE, latencyQuantile: NaN }, kind: 'ingressLatency', contains: 'histogram_quantile(0.95, ' },
    { desc: 'rate window in the range selector', params: { ...BASE, rateWindow: '1h30m' }, kind: 'ingressRate', contains: '[1h30m])' },
  ];
  it.each(cases)('$desc', ({ params, kind, contains }) => {
    expect(buildQuery(standardConvention, params, kind)).toContain(contains);
  });

  it('label and metric names come from the convention', () => {
    const custom: Convention = {
      ...standardConvention,
      name: 'custom',
      metrics: {
        ingressRequests: 'http_in_total',
        ingressDuration: 'http_in_seconds',
        egressRequests: 'http_out_total',
        egressDuration: 'http_out_seconds',
      },
      labels: { service: 'app', datacenter: 'region', peerService: 'peer_app', peerDatacenter: 'peer_region', status: 'code' },
      internetPeers: [],
    };
    expect(asRecord({ ...BASE, datacenters: ['r1'] }, custom)).toEqual({
      egressRate:
        'sum by (region, app, peer_region, peer_app, tm_class) (label_replace(' +
        'rate(http_out_total{region=~"r1"}[1m]), "tm_class", "${1}xx", "code", "([1-5])[0-9][0-9]"))',
      ingressRate:
        'sum by (region, app, peer_region, peer_app, tm_class) (label_replace(' +
        'rate(http_in_total{region=~"r1"}[1m]), "tm_class", "${1}xx", "code", "([1-5])[0-9][0-9]"))',
      egressLatency: 'histogram_quantile(0.95, sum by (region, app, peer_region, peer_app, le) (rate(http_out_seconds_bucket{region=~"r1"}[1m])))',
      ingressLatency: 'histogram_quantile(0.95, sum by (region, app, peer_region, peer_app, le) (rate(http_in_seconds_bucket{region=~"r1"}[1m])))',
    });
  });
});

describe('buildQueries: a crafted datacenter value cannot change the query', () => {
  const crafted: { desc: string; value: string }[] = [
    { desc: 'closing the matcher and adding a vector', value: 'a"} or vector(1) or {x="' },
    { desc: 'escaped quote trick', value: 'eu\\"} or vector(1) or {x=\\"' },
    { desc: 'trailing backslash', value: 'eu-west\\' },
    { desc: 'newline and a comment', value: 'eu"}\n# rest is a comment' },
    { desc: 'raw-string and single-quote delimiters', value: '`eu` \'us\'' },
    { desc: 'range selector and regex metacharacters', value: 'eu}[5m]) or (.*|' },
    { desc: 'unicode', value: 'ευρώπη-☁️' },
  ];
  const harmless = buildQueries(standardConvention, { ...BASE, datacenters: ['eu-west', 'us-east'] });

  it.each(crafted)('$desc', ({ value }) => {
    const built = buildQueries(standardConvention, { ...BASE, datacenters: [value, 'us-east'] });
    expect(built).toHaveLength(4);
    built.forEach((query, i) => {
      const reference = splitStringLiterals(harmless[i]?.promql ?? '');
      const split = splitStringLiterals(query.promql);
      // Same structure: the value changed nothing outside string literals...
      expect(split.skeleton).toBe(reference.skeleton);
      // ...and it sits whole inside exactly one of them, the datacenter matcher.
      const holding = split.literals.filter((literal) => literal.includes(escapeRegex(value)));
      expect(holding).toEqual([`${escapeRegex(value)}|us-east`]);
    });
  });

  it('a naive builder would fail the same check (the check has teeth)', () => {
    const value = 'a"} or vector(1) or {x="';
    const naive = `sum(rate(traffic_egress_requests_total{datacenter=~"${value}"}[1m]))`;
    const safe = 'sum(rate(traffic_egress_requests_total{datacenter=~"eu-west"}[1m]))';
    expect(splitStringLiterals(naive).skeleton).not.toBe(splitStringLiterals(safe).skeleton);
  });
});

describe('presets: four queries, datacenter values stay data', () => {
  const crafted = 'a"} or vector(1) or {x="';
  it.each(Object.values(PRESETS).map((c) => ({ desc: c.name, c })))('$desc', ({ c }) => {
    const harmless = buildQueries(c, { ...BASE, datacenters: ['eu-west'] });
    const built = buildQueries(c, { ...BASE, datacenters: [crafted] });
    expect(built.map((q) => q.kind)).toEqual(KINDS);
    built.forEach((query, i) => {
      const split = splitStringLiterals(query.promql);
      expect(split.skeleton).toBe(splitStringLiterals(harmless[i]?.promql ?? '').skeleton);
      expect(split.literals).toContain(escapeRegex(crafted));
    });
  });

  it('istio: reporter picks the side, milliseconds become seconds', () => {
    const q = asRecord({ ...BASE, datacenters: ['eu-west'] }, PRESETS.istio);
    expect(q.egressRate).toContain('rate(istio_requests_total{reporter="source", source_cluster=~"eu-west"}[1m])');
    expect(q.ingressRate).toContain('rate(istio_requests_total{reporter="destination", destination_cluster=~"eu-west"}[1m])');
    expect(q.ingressLatency).toMatch(/^histogram_quantile\(0\.95, .*istio_request_duration_milliseconds_bucket.*\) \/ 1000$/);
  });

  it('an unused optional role leaves the grouping', () => {
    const c: Convention = { ...PRESETS.istio, labels: { ...PRESETS.istio.labels, sourceNamespace: '', destinationNamespace: '' } };
    expect(buildQuery(c, BASE, 'egressLatency')).toContain('sum by (source_cluster, source_workload, destination_cluster, destination_workload, le)');
  });
});

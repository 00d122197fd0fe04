import { describe, expect, it } from 'vitest';
import type { DataProblem, StatusClass } from '../graph/types.ts';
import type { InstantSample } from '../prometheus/types.ts';
import { istioConvention } from './presets/istio.ts';
import { toLatencyRows, toRateRows } from './rows.ts';
import { formatSeries } from './sampleProblems.ts';
import { standardConvention } from './standard.ts';
import { STATUS_CLASS_LABEL } from './types.ts';
import type { QueryKind } from './types.ts';

const C = standardConvention;
const T = 1732521600.123;
/** The standard convention names its roles after its labels, camel-cased. */
const standardExpected = (label: string): string =>
  `${label.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())} label "${label}" (convention standard)`;
const EDGE = { datacenter: 'eu-west', service: 'frontend', peer_datacenter: 'eu-west', peer_service: 'catalog' };

/** A sample as the API returns it: labels as given (absent ones left out), value as a string. */
function sample(labels: Record<string, string | undefined>, value: string): InstantSample {
  const metric = Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => e[1] !== undefined));
  return { metric, value: [T, value] };
}

describe('toRateRows: status class', () => {
  const cases: { desc: string; cls: string | undefined; expected: StatusClass }[] = [
    { desc: '1xx', cls: '1xx', expected: '1xx' },
    { desc: '2xx', cls: '2xx', expected: '2xx' },
    { desc: '3xx', cls: '3xx', expected: '3xx' },
    { desc: '4xx', cls: '4xx', expected: '4xx' },
    { desc: '5xx', cls: '5xx', expected: '5xx' },
    { desc: 'missing class label (status "0", no response)', cls: undefined, expected: 'none' },
    { desc: 'unknown class', cls: '6xx', expected: 'none' },
    { desc: 'raw status code, not a class', cls: '503', expected: 'none' },
    { desc: 'an Object.prototype key is not a class', cls: 'toString', expected: 'none' },
    { desc: '__proto__ is not a class', cls: '__proto__', expected: 'none' },
  ];
  it.each(cases)('$desc -> $expected', ({ cls, expected }) => {
    const { rows, problems } = toRateRows(C, 'egressRate', [sample({ ...EDGE, tm_class: cls }, '1.5')]);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { datacenter: 'eu-west', service: 'frontend', peerDatacenter: 'eu-west', peerService: 'catalog', statusClass: expected, value: 1.5 },
    ]);
  });
});

describe('toRateRows / toLatencyRows: labels', () => {
  const cases: {
    desc: string;
    kind: QueryKind;
    labels: Record<string, string | undefined>;
    row?: { peerService: string; peerDatacenter: string };
    missing?: string;
  }[] = [
    { desc: 'complete egress series', kind: 'egressRate', labels: EDGE, row: { peerService: 'catalog', peerDatacenter: 'eu-west' } },
    {
      desc: 'ingress from the internet: no peer_datacenter',
      kind: 'ingressRate',
      labels: { ...EDGE, peer_service: 'internet', peer_datacenter: undefined },
      row: { peerService: 'internet', peerDatacenter: '' },
    },
    {
      desc: 'ingress without peer_service: an outside caller, kept with ""',
      kind: 'ingressRate',
      labels: { ...EDGE, peer_service: undefined, peer_datacenter: undefined },
      row: { peerService: '', peerDatacenter: '' },
    },
    {
      desc: 'egress to a provider outside: no peer_datacenter',
      kind: 'egressRate',
      labels: { ...EDGE, peer_service: 'payment-gateway.example', peer_datacenter: undefined },
      row: { peerService: 'payment-gateway.example', peerDatacenter: '' },
    },
    { desc: 'rate without service', kind: 'egressRate', labels: { ...EDGE, service: undefined }, missing: 'service' },
    { desc: 'rate with an empty service', kind: 'ingressRate', labels: { ...EDGE, service: '' }, missing: 'service' },
    { desc: 'rate without datacenter', kind: 'ingressRate', labels: { ...EDGE, datacenter: undefined }, missing: 'datacenter' },
    { desc: 'egress rate without peer_service', kind: 'egressRate', labels: { ...EDGE, peer_service: undefined }, missing: 'peer_service' },
    { desc: 'egress latency without peer_service', kind: 'egressLatency', labels: { ...EDGE, peer_service: undefined }, missing: 'peer_service' },
    { desc: 'latency without service and datacenter: the first one is named', kind: 'ingressLatency', labels: { peer_service: 'x' }, missing: 'service' },
  ];
  it.each(cases)('$desc', ({ kind, labels, row, missing }) => {
    const s = sample({ ...labels, tm_class: kind.endsWith('Rate') ? '2xx' : undefined }, '2');
    const result = kind.endsWith('Rate') ? toRateRows(C, kind, [s]) : toLatencyRows(C, kind, [s]);
    if (row) {
      expect(result.problems).toEqual([]);
      expect(result.rows).toHaveLength(1);
      expect(result.rows[0]).toMatchObject(row);
    } else {
      expect(result.rows).toEqual([]);
      expect(result.problems).toEqual([
        { kind: 'missing-label', query: kind, label: missing, count: 1, example: formatSeries(s.metric), expected: standardExpected(missing ?? '') },
      ]);
    }
  });

  it('counts series missing the same label and keeps the first as the example', () => {
    const first = sample({ ...EDGE, datacenter: undefined, peer_service: 'a' }, '1');
    const { rows, problems } = toRateRows(C, 'egressRate', [
      first,
      sample({ ...EDGE, datacenter: undefined, peer_service: 'b' }, '1'),
      sample({ ...EDGE, service: undefined }, '1'),
      sample(EDGE, '3'),
      sample({ ...EDGE, datacenter: undefined, peer_service: 'c' }, '1'),
    ]);
    expect(rows.map((r) => r.value)).toEqual([3]);
    expect(problems).toEqual([
      { kind: 'missing-label', query: 'egressRate', label: 'datacenter', count: 3, example: '{service="frontend", peer_datacenter="eu-west", peer_service="a"}', expected: standardExpected('datacenter') },
      { kind: 'missing-label', query: 'egressRate', label: 'service', count: 1, example: '{datacenter="eu-west", peer_datacenter="eu-west", peer_service="catalog"}', expected: standardExpected('service') },
    ]);
  });
});

describe('sample values', () => {
  const cases: { desc: string; raw: unknown; rate: number | 'bad'; latency: number | 'bad'; reported?: string }[] = [
    { desc: 'decimal', raw: '12.5', rate: 12.5, latency: 12.5 },
    { desc: 'zero', raw: '0', rate: 0, latency: 0 },
    { desc: 'exponent as Go writes it', raw: '1e-07', rate: 1e-7, latency: 1e-7 },
    { desc: 'large exponent, still a possible value', raw: '1.5e+12', rate: 1.5e12, latency: 1.5e12 },
    { desc: 'larger than any real rate or latency (sums would overflow)', raw: '1.5e+21', rate: 'bad', latency: 'bad' },
    { desc: 'NaN: bad for a rate, kept for a latency (no requests in the window)', raw: 'NaN', rate: 'bad', latency: NaN },
    { desc: '+Inf', raw: '+Inf', rate: 'bad', latency: 'bad' },
    { desc: '-Inf', raw: '-Inf', rate: 'bad', latency: 'bad' },
    { desc: 'negative', raw: '-0.5', rate: 'bad', latency: 'bad' },
    { desc: 'empty string is not 0', raw: '', rate: 'bad', latency: 'bad' },
    { desc: 'blank is not 0', raw: '  ', rate: 'bad', latency: 'bad' },
    { desc: 'hex is not a Prometheus float', raw: '0x10', rate: 'bad', latency: 'bad' },
    { desc: 'trailing garbage', raw: '12abc', rate: 'bad', latency: 'bad' },
    { desc: 'JS spelling of infinity', raw: 'Infinity', rate: 'bad', latency: 'bad' },
    { desc: 'lower-case nan', raw: 'nan', rate: 'bad', latency: 'bad' },
    { desc: 'a number instead of a string', raw: 12, rate: 'bad', latency: 'bad', reported: '12' },
    { desc: 'null', raw: null, rate: 'bad', latency: 'bad', reported: 'null' },
    { desc: 'very long garbage is reported shortened', raw: 'x'.repeat(500), rate: 'bad', latency: 'bad', reported: `${'x'.repeat(80)}…` },
  ];
  it.each(cases)('$desc', ({ raw, rate, latency, reported }) => {
    const s = { metric: { ...EDGE, tm_class: '2xx' }, value: [T, raw] } as unknown as InstantSample;
    const expectBad = (problems: DataProblem[], query: string) =>
      expect(problems).toEqual([{ kind: 'bad-sample', query, value: reported ?? String(raw), count: 1, example: formatSeries(s.metric) }]);

    const rateResult = toRateRows(C, 'ingressRate', [s]);
    if (rate === 'bad') {
      expect(rateResult.rows).toEqual([]);
      expectBad(rateResult.problems, 'ingressRate');
    } else {
      expect(rateResult.problems).toEqual([]);
      expect(rateResult.rows.map((r) => r.value)).toEqual([rate]);
    }

    const latencyResult = toLatencyRows(C, 'egressLatency', [s]);
    if (latency === 'bad') {
      expect(latencyResult.rows).toEqual([]);
      expectBad(latencyResult.problems, 'egressLatency');
    } else {
      expect(latencyResult.problems).toEqual([]);
      expect(latencyResult.rows.map((r) => r.value)).toEqual([latency]);
    }
  });

  const shapes: { desc: string; sample: unknown }[] = [
    { desc: 'no value', sample: { metric: EDGE } },
    { desc: 'value is a string, not a pair', sample: { metric: EDGE, value: '1' } },
    { desc: 'pair without the value', sample: { metric: EDGE, value: [T] } },
    { desc: 'a range series (values) where a vector was expected', sample: { metric: EDGE, values: [[T, '1']] } },
  ];
  it.each(shapes)('garbage-shaped sample: $desc', ({ sample: s }) => {
    const { rows, problems } = toRateRows(C, 'egressRate', [s as InstantSample]);
    expect(rows).toEqual([]);
    expect(problems).toMatchObject([{ kind: 'bad-sample', query: 'egressRate', value: 'undefined', count: 1 }]);
  });

  it('a sample without metric is a missing label, not a crash', () => {
    const { rows, problems } = toLatencyRows(C, 'ingressLatency', [{ value: [T, '1'] } as unknown as InstantSample]);
    expect(rows).toEqual([]);
    expect(problems).toEqual([{ kind: 'missing-label', query: 'ingressLatency', label: 'service', count: 1, example: '{}', expected: standardExpected('service') }]);
  });

  it('counts bad samples per value, one example each', () => {
    const { rows, problems } = toRateRows(C, 'egressRate', [
      sample({ ...EDGE, peer_service: 'a' }, 'NaN'),
      sample({ ...EDGE, peer_service: 'b' }, '+Inf'),
      sample({ ...EDGE, peer_service: 'c' }, 'NaN'),
      sample({ ...EDGE, peer_service: 'd' }, '4'),
    ]);
    expect(rows.map((r) => r.peerService)).toEqual(['d']);
    expect(problems).toMatchObject([
      { kind: 'bad-sample', value: 'NaN', count: 2, example: expect.stringContaining('peer_service="a"') },
      { kind: 'bad-sample', value: '+Inf', count: 1, example: expect.stringContaining('peer_service="b"') },
    ]);
  });
});

describe('odd label values are data', () => {
  const long = `svc-${'y'.repeat(400)}`;
  const cases: { desc: string; value: string }[] = [
    { desc: 'quotes', value: 'say "hi"' },
    { desc: 'markup', value: '<script>alert(1)</script>' },
    { desc: 'image with onerror', value: '<img src=x onerror=alert(1)>' },
    { desc: 'newline and tab', value: 'line1\nline2\tend' },
    { desc: 'unicode and emoji', value: 'café-☕-サービス-🚀' },
    { desc: 'backslashes', value: 'C:\\svc\\' },
    { desc: 'very long', value: long },
  ];
  it.each(cases)('$desc: kept as the row value', ({ value }) => {
    const { rows, problems } = toRateRows(C, 'egressRate', [sample({ ...EDGE, service: value, peer_service: value, tm_class: '2xx' }, '1')]);
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ datacenter: 'eu-west', service: value, peerDatacenter: 'eu-west', peerService: value, statusClass: '2xx', value: 1 }]);
  });

  const examples: { desc: string; labels: Record<string, string>; example: string }[] = [
    { desc: 'quotes are JSON-escaped', labels: { peer_service: 'say "hi"' }, example: '{peer_service="say \\"hi\\""}' },
    { desc: 'newlines are escaped, never raw', labels: { peer_service: 'a\nb' }, example: '{peer_service="a\\nb"}' },
    { desc: 'markup stays text', labels: { peer_service: '<img src=x onerror=alert(1)>' }, example: '{peer_service="<img src=x onerror=alert(1)>"}' },
    { desc: 'a long value is cut at 80 characters', labels: { peer_service: 'z'.repeat(200) }, example: `{peer_service="${'z'.repeat(80)}…"}` },
    { desc: 'a cut never splits an emoji', labels: { peer_service: `${'a'.repeat(79)}🚀🚀` }, example: `{peer_service="${'a'.repeat(79)}🚀…"}` },
  ];
  it.each(examples)('problem example: $desc', ({ labels, example }) => {
    const s = sample(labels, '1');
    expect(toRateRows(C, 'egressRate', [s]).problems).toEqual([
      { kind: 'missing-label', query: 'egressRate', label: 'service', count: 1, example, expected: standardExpected('service') },
    ]);
  });

  it('the whole example is bounded, however many long labels', () => {
    const labels = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`label_${i}`, 'v'.repeat(100)]));
    const example = formatSeries(labels);
    expect(Array.from(example).length).toBeLessThanOrEqual(302);
    expect(example.endsWith('…}')).toBe(true);
  });
});

describe('unknown values (istio)', () => {
  it('a callee outside the mesh (destination_cluster="unknown") is outside every datacenter, not a datacenter "unknown"', () => {
    const sample = {
      metric: {
        source_workload: 'checkout', source_workload_namespace: 'shop', source_cluster: 'eu-west',
        destination_workload: 'unknown', destination_workload_namespace: 'unknown', destination_cluster: 'unknown',
        [STATUS_CLASS_LABEL]: '2xx',
      },
      value: [1, '3'] as const,
    };
    const { rows, problems } = toRateRows(istioConvention, 'egressRate', [sample]);
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ datacenter: 'eu-west', service: 'checkout.shop', peerService: 'unknown.unknown', peerDatacenter: '', statusClass: '2xx', value: 3 }]);
  });
});

describe('toRateRows / toLatencyRows: appending', () => {
  it('appends to the rows given (a refresh collects every server in one array) and returns them', () => {
    const rows = toRateRows(C, 'egressRate', [sample({ ...EDGE, tm_class: '2xx' }, '1')]).rows;
    const result = toRateRows(C, 'egressRate', [sample({ ...EDGE, peer_service: 'cart', tm_class: '5xx' }, '2')], rows);
    expect(result.rows).toBe(rows);
    expect(rows.map((r) => [r.peerService, r.statusClass, r.value])).toEqual([['catalog', '2xx', 1], ['cart', '5xx', 2]]);
    const latency = toLatencyRows(C, 'egressLatency', [sample(EDGE, '0.1')]).rows;
    toLatencyRows(C, 'egressLatency', [sample({ ...EDGE, service: 'cart' }, 'NaN')], latency);
    expect(latency.map((r) => [r.service, r.value])).toEqual([['frontend', 0.1], ['cart', NaN]]);
  });
});

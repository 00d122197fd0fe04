/**
 * fast-check arbitraries of hostile input for the property tests: label values that are markup,
 * PromQL, JS prototype keys, separators the app uses, very long or odd unicode; sample values as
 * Prometheus (or something pretending to be it) may write them; whole API answers and rows.
 */
import fc from 'fast-check';
import { STATUS_CLASSES } from '../../graph/types.ts';
import { buildGraph } from '../../graph/build.ts';
import type { LatencyRow, RateRow, StatusClass, TrafficGraph } from '../../graph/types.ts';
import type { InstantSample } from '../../prometheus/types.ts';

/** Values that broke (or could break) something somewhere: each is worth trying on purpose. */
export const NASTY_VALUES: readonly string[] = [
  '', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '"', '\\', '\\"', '`', "'", '\n', '\r\n', '\t', '\u0000', '\u0001', '\u2028', '\ud800', '\udfff',
  '<img src=x onerror="window.__pwned=1">', '"><script>window.__pwned=1</script>', '<script>alert(1)</script>',
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>',
  'a"} or vector(1) or {x="', 'eu\\"} or vector(1) or {x=\\"', 'x"}[5m]) or (.*|', '# comment', '${1}', '$&',
  'INTERNET', 'internet', 'dc:eu', 'dc:us', 'eu', 'us', 'a -> b', ' -> ', '\\ ->', 'a\\', '->',
  '*', '.*', '(', '[', 'ευρώπη-☁️', '👩‍👩‍👧‍👦', 'e\u0301', '\u202eevil', 'x'.repeat(5000),
];

/** Any label value: the nasty ones, any unicode, and mixtures of both. */
export const labelValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_VALUES) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...NASTY_VALUES, 'a', 'b', '-'), { maxLength: 4 }).map((p) => p.join('')) },
);

/** A small pool, so that generated rows meet the same services and datacenters again. */
export const namePool = (size: number): fc.Arbitrary<readonly string[]> =>
  fc.uniqueArray(labelValue.filter((v) => v !== ''), { minLength: 1, maxLength: size });

/** Sample values as text: well-formed, special, malformed. */
export const sampleText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('NaN', '+Inf', '-Inf', 'Inf', '-1', '-0', '0', '1e308', '1.7976931348623157e308', '5e-324', '', ' 3 ', '0x10', '1_000', 'null', '12.5'),
  fc.double().map(String),
  fc.nat({ max: 10_000 }).map(String),
  labelValue,
);

/** A finite, non-negative rate below the bound the rows accept. */
export const goodRate: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, 1e-300, 5e-324, 1e12),
  fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
);

/** Any number, including the ones a row should never hold (the graph must survive them anyway). */
export const anyNumber: fc.Arbitrary<number> = fc.oneof(goodRate, fc.constantFrom(NaN, Infinity, -Infinity, -1, -0, 1e308, Number.MAX_VALUE));

/** Label sets as JSON.parse makes them: own keys, "__proto__" included, a label or more missing. */
export function labelSet(names: readonly string[]): fc.Arbitrary<Record<string, string>> {
  const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', '__name__', '') });
  return fc.array(fc.tuple(key, labelValue), { maxLength: names.length + 2 }).map((entries) => Object.fromEntries(entries));
}

/** A vector sample over the given label names, with any timestamp and value text. */
export function instantSample(names: readonly string[]): fc.Arbitrary<InstantSample> {
  return fc.record({
    metric: labelSet(names),
    value: fc.tuple(fc.oneof(fc.double(), fc.integer()), sampleText),
  }) as fc.Arbitrary<InstantSample>;
}

export const statusClass: fc.Arbitrary<StatusClass> = fc.constantFrom(...STATUS_CLASSES);

interface RowPools {
  readonly datacenters: readonly string[];
  readonly services: readonly string[];
  readonly value: fc.Arbitrary<number>;
}

/** Rate rows whose names come from small pools (so edges meet), peers possibly '' (outside). */
export function rateRow(p: RowPools): fc.Arbitrary<RateRow> {
  return fc.record({
    datacenter: fc.constantFrom(...p.datacenters),
    service: fc.constantFrom(...p.services),
    peerService: fc.oneof(fc.constantFrom(...p.services), fc.constantFrom('', 'internet')),
    peerDatacenter: fc.oneof(fc.constant(''), fc.constantFrom(...p.datacenters)),
    statusClass,
    value: p.value,
  });
}

export function latencyRow(p: RowPools): fc.Arbitrary<LatencyRow> {
  return rateRow(p).map(({ statusClass: _cls, ...row }) => row);
}

/** A whole graph built by the real builder from hostile rows (listed datacenters or discovery, maybe capped). */
export const hostileGraph: fc.Arbitrary<TrafficGraph> = fc.record({ datacenters: namePool(3), services: namePool(6) }).chain(({ datacenters, services }) => {
  const pools = { datacenters, services, value: goodRate };
  return fc.record({
    egressRate: fc.array(rateRow(pools), { maxLength: 30 }),
    ingressRate: fc.array(rateRow(pools), { maxLength: 30 }),
    egressLatency: fc.array(latencyRow({ ...pools, value: fc.oneof(goodRate, fc.constant(NaN)) }), { maxLength: 10 }),
    ingressLatency: fc.array(latencyRow({ ...pools, value: fc.oneof(goodRate, fc.constant(NaN)) }), { maxLength: 10 }),
    listed: fc.option(fc.subarray([...datacenters, '__proto__']), { nil: undefined }),
    maxNodesPerView: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constant(1000)),
  }).map(({ listed, maxNodesPerView, ...input }) => buildGraph(input, {
    thresholds: { warning: 0.01, danger: 0.05, errorClasses: ['5xx', 'none'], minRate: 0.05 },
    internetPeers: ['internet'], maxNodesPerView, ...(listed ? { datacenters: listed } : {}),
  }));
});

/** Every number in a structure (own enumerable values, recursively). */
export function numbersIn(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) numbersIn(v, out);
  return out;
}

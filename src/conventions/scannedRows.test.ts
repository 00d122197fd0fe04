import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goodRate } from '../app/__fixtures__/hostileArbitraries.ts';
import { PRESETS } from '../config/presets.ts';
import { rowsOf } from '../graph/rowSource.ts';
import type { InstantSample } from '../prometheus/types.ts';
import { readLatencyRows, readRateRows } from './rows.ts';
import { scanPlan, textReader } from './scannedRows.ts';
import { QUERY_KINDS, STATUS_CLASS_LABEL } from './types.ts';
import type { Convention, QueryKind } from './types.ts';
import { viewConvention } from './viewConvention.ts';
import { DC_LABEL, NODE_LABEL, PEER_DC_LABEL, PEER_NODE_LABEL } from './viewLabels.ts';

/** The view conventions of every preset, of a datacenter view (home datacenter) and of the global view. */
const VIEWS: readonly { name: string; convention: Convention }[] = Object.entries(PRESETS).flatMap(([name, c]) => [
  { name: `${name}, datacenter eu`, convention: viewConvention(c, 'eu') },
  { name: `${name}, global`, convention: viewConvention(c) },
]);
const isRate = (kind: QueryKind) => kind === 'egressRate' || kind === 'ingressRate';
const answerOf = (samples: readonly InstantSample[]) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result: samples } });

describe('scanPlan', () => {
  const cases: { desc: string; preset: keyof typeof PRESETS; scanned: boolean }[] = [
    { desc: 'the standard convention: its answers are read from their text', preset: 'standard', scanned: true },
    { desc: 'Istio (unknown peers, no namespaces in a view)', preset: 'istio', scanned: true },
    { desc: 'Linkerd: a failure marker, read sample by sample', preset: 'linkerd', scanned: false },
    { desc: 'OTel service graph: a virtual node, read sample by sample', preset: 'otel-servicegraph', scanned: false },
  ];
  it.each(cases)('$desc', ({ preset, scanned }) => {
    for (const kind of QUERY_KINDS) expect(scanPlan(viewConvention(PRESETS[preset], 'eu'), kind) !== null).toBe(scanned);
  });
});

describe('textReader', () => {
  const name = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/), fc.constantFrom('constructor', '__proto__', 'toString', 'unknown', 'internet', 'user', 'eu', 'us'));
  const maybe = (values: fc.Arbitrary<string>) => fc.option(values, { nil: undefined, freq: 4 });
  const metric = fc.record({
    [NODE_LABEL]: maybe(name), [PEER_NODE_LABEL]: maybe(name), [DC_LABEL]: maybe(fc.constantFrom('eu', 'us', 'unknown')),
    [PEER_DC_LABEL]: maybe(fc.constantFrom('eu', 'us', 'unknown')), [STATUS_CLASS_LABEL]: maybe(fc.constantFrom('1xx', '2xx', '3xx', '4xx', '5xx', 'none', '6xx', '2XX', 'x')),
  }, { requiredKeys: [] }).map((m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as Record<string, string>);
  const value = fc.oneof({ weight: 8, arbitrary: goodRate.map(String) }, { weight: 1, arbitrary: fc.constantFrom('NaN', '-1', '+Inf', '1e300', '0x1') });
  const sample = (m: fc.Arbitrary<Record<string, string>>, v: fc.Arbitrary<string>) => fc.record({ metric: m, value: fc.tuple(fc.constant(1700000000), v) });
  // Answers with an odd sample anywhere, and answers of plain edges (node and peer named, good values).
  const plain = metric.map((m) => ({ [NODE_LABEL]: 'n', [PEER_NODE_LABEL]: 'p', ...m }));
  const samples = fc.oneof(
    fc.array(sample(metric, value), { maxLength: 25 }),
    fc.array(sample(plain, goodRate.map(String)), { maxLength: 25 }),
  ) as fc.Arbitrary<InstantSample[]>;

  it('reads the rows readRateRows / readLatencyRows read, and declines exactly the answers they report problems in', () => {
    let read = 0;
    fc.assert(fc.property(fc.constantFrom(...VIEWS), fc.constantFrom(...QUERY_KINDS), samples, ({ convention }, kind, s) => {
      const reader = textReader(convention, kind);
      if (!reader) return;
      const parsed = JSON.parse(answerOf(s)) as { data: { result: InstantSample[] } };
      const reference = isRate(kind) ? readRateRows(convention, kind, parsed.data.result) : readLatencyRows(convention, kind, parsed.data.result);
      const scanned = reader(answerOf(s));
      expect(scanned === null).toBe(reference.problems.length > 0);
      if (!scanned) return;
      expect(scanned.kind).toBe(kind);
      expect(scanned.rows.problems).toEqual([]);
      expect(scanned.rows.size).toBe(reference.size);
      expect(rowsOf<object>(scanned.rows.source)).toEqual(rowsOf<object>(reference.source));
      read++;
    }), { numRuns: 3000 });
    // Not only declines: most plain answers are read.
    expect(read).toBeGreaterThan(300);
  });

  it('declines an answer it cannot read from its text (warnings), which is then parsed', () => {
    const reader = textReader(viewConvention(PRESETS.standard, 'eu'), 'egressRate');
    const text = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: { [NODE_LABEL]: 'a', [PEER_NODE_LABEL]: 'b' }, value: [1, '1'] }] }, warnings: ['w'] });
    expect(reader?.(text)).toBeNull();
    expect(reader?.(text.replace(',"warnings":["w"]', ''))?.rows.size).toBe(1);
  });
});

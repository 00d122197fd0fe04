import fc from 'fast-check';
import { MAX_SAMPLE } from '../graph/types.ts';
import { describe, expect, it } from 'vitest';
import { instantSample, labelValue, numbersIn, sampleText } from '../app/__fixtures__/hostileArbitraries.ts';
import { PRESETS } from '../config/presets.ts';
import { STATUS_CLASSES } from '../graph/types.ts';
import type { DataProblem, RateRow } from '../graph/types.ts';
import type { InstantSample } from '../prometheus/types.ts';
import { rowsOf as visited, runsOf } from '../graph/rowSource.ts';
import type { RowSource, ServiceRun } from '../graph/rowSource.ts';
import { readLatencyRows, readRateRows, toLatencyRows, toRateRows } from './rows.ts';
import { standardConvention } from './standard.ts';
import { QUERY_KINDS, STATUS_CLASS_LABEL } from './types.ts';
import type { Convention, QueryKind } from './types.ts';

/** Property tests of samples -> rows: hostile label values and sample texts never throw, never leak. */

const CONVENTIONS: readonly Convention[] = Object.values(PRESETS);
const labelNames = (c: Convention): string[] => [...new Set([...Object.values(c.labels).filter(Boolean), STATUS_CLASS_LABEL])];
const samplesFor = (c: Convention) => fc.array(instantSample(labelNames(c)), { maxLength: 40 });
const isRate = (kind: QueryKind) => kind === 'egressRate' || kind === 'ingressRate';
const rowsOf = (c: Convention, kind: QueryKind, samples: readonly InstantSample[]) =>
  (isRate(kind) ? toRateRows(c, kind, samples) : toLatencyRows(c, kind, samples));
const counted = (problems: readonly DataProblem[]) => problems.reduce((n, p) => n + ('count' in p ? p.count : 0), 0);

/** The reference reading of a value text: Go's float syntax, finite, non-negative (NaN for latency). */
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const acceptable = (text: string, latency: boolean) =>
  (latency && text === 'NaN') || (FLOAT.test(text) && Number.isFinite(Number(text)) && Number(text) >= 0 && Number(text) <= MAX_SAMPLE);

describe('toRateRows / toLatencyRows with hostile samples', () => {
  it('never throws, for every preset and query kind, even on samples that are not samples', () => {
    const broken = fc.oneof(
      fc.constant({}), fc.constant({ metric: null }), fc.constant({ metric: {}, value: null }), fc.constant({ value: [1, '1'] }),
      fc.record({ metric: fc.constant({}), value: fc.anything() }), fc.anything(),
    ) as fc.Arbitrary<InstantSample>;
    fc.assert(fc.property(
      fc.constantFrom(...CONVENTIONS), fc.constantFrom(...QUERY_KINDS),
      fc.array(fc.oneof(instantSample(labelNames(standardConvention)), broken), { maxLength: 30 }),
      (c, kind, samples) => {
        const samplesOk = samples.filter((s) => s !== null && typeof s === 'object');
        rowsOf(c, kind, samplesOk);
      },
    ));
  });

  it('every sample becomes a row or is counted in a problem (standard convention)', () => {
    fc.assert(fc.property(fc.constantFrom(...QUERY_KINDS), samplesFor(standardConvention), (kind, samples) => {
      const { rows, problems } = rowsOf(standardConvention, kind, samples);
      expect(rows.length + counted(problems)).toBe(samples.length);
    }));
  });

  it('rows hold only finite, non-negative numbers (NaN for an unknown latency), never Infinity', () => {
    const withSamples = fc.constantFrom(...CONVENTIONS).chain((c) => fc.tuple(fc.constant(c), samplesFor(c)));
    fc.assert(fc.property(withSamples, fc.constantFrom(...QUERY_KINDS), ([c, samples], kind) => {
      const { rows } = rowsOf(c, kind, samples);
      for (const row of rows) {
        for (const n of numbersIn(row)) expect(Number.isNaN(n) || (Number.isFinite(n) && n >= 0)).toBe(true);
        if (isRate(kind)) expect(Number.isFinite(row.value)).toBe(true);
      }
    }), { numRuns: 200 });
  });

  it('a value is kept exactly when it is a finite, non-negative float text (standard convention)', () => {
    fc.assert(fc.property(fc.constantFrom(...QUERY_KINDS), sampleText, labelValue, (kind, text, name) => {
      const sample: InstantSample = {
        metric: { service: name || 's', datacenter: 'eu', peer_service: 'p', [STATUS_CLASS_LABEL]: '2xx' },
        value: [1, text],
      };
      const { rows, problems } = rowsOf(standardConvention, kind, [sample]);
      const latency = !isRate(kind);
      expect(rows.length).toBe(acceptable(text, latency) ? 1 : 0);
      if (rows.length === 0) expect(problems.map((p) => p.kind)).toEqual(['bad-sample']);
    }));
  });

  it('label values pass through unchanged and the status class is one of the six', () => {
    fc.assert(fc.property(labelValue, labelValue, labelValue, labelValue, labelValue, (service, dc, peer, peerDc, cls) => {
      fc.pre(service !== '' && dc !== '' && peer !== '');
      const metric = { service, datacenter: dc, peer_service: peer, peer_datacenter: peerDc, [STATUS_CLASS_LABEL]: cls };
      const { rows } = toRateRows(standardConvention, 'egressRate', [{ metric, value: [1, '1'] }]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ service, datacenter: dc, peerService: peer, peerDatacenter: peerDc });
      expect(STATUS_CLASSES).toContain(rows[0]?.statusClass);
      expect(rows[0]?.statusClass).toBe(Object.hasOwn({ '1xx': 1, '2xx': 1, '3xx': 1, '4xx': 1, '5xx': 1 }, cls) ? cls : 'none');
    }));
  });

  it('a missing label is reported with a bounded example, however long the other values are', () => {
    fc.assert(fc.property(fc.constantFrom('service', 'datacenter', 'peer_service'), fc.array(labelValue, { minLength: 1, maxLength: 20 }), (drop, values) => {
      const metric: Record<string, string> = { service: 's', datacenter: 'd', peer_service: 'p' };
      values.forEach((v, i) => { metric[`l${i}`] = v; });
      delete metric[drop];
      const samples: InstantSample[] = [{ metric, value: [1, '1'] }, { metric, value: [1, '2'] }];
      const { rows, problems } = toRateRows(standardConvention, 'egressRate', samples);
      expect(rows).toEqual([]);
      expect(problems).toEqual([expect.objectContaining({ kind: 'missing-label', label: drop, count: 2 })]);
      const example = problems[0] && 'example' in problems[0] ? problems[0].example : '';
      expect(Array.from(example).length).toBeLessThanOrEqual(302);
    }));
  });

  it('bad samples are folded into one problem per value, whatever their number', () => {
    fc.assert(fc.property(fc.constantFrom('-1', '+Inf', 'x', '1e400'), fc.integer({ min: 1, max: 500 }), (text, n) => {
      const samples: InstantSample[] = Array.from({ length: n }, (_, i) => ({ metric: { service: `s${i}`, datacenter: 'd', peer_service: 'p' }, value: [1, text] }));
      const { problems } = toRateRows(standardConvention, 'egressRate', samples);
      expect(problems).toEqual([expect.objectContaining({ kind: 'bad-sample', count: n })]);
    }));
  });
});

describe('readRateRows / readLatencyRows: the rows of toRateRows / toLatencyRows, made on each visit', () => {
  it('visit the same rows with the same problems, every time, for every preset and query kind', () => {
    fc.assert(fc.property(
      fc.constantFrom(...CONVENTIONS), fc.constantFrom(...QUERY_KINDS),
      fc.array(fc.oneof(instantSample(labelNames(standardConvention)), instantSample(labelNames(PRESETS.istio))), { maxLength: 40 }),
      (c, kind, samples) => {
        const kept = rowsOf(c, kind, samples);
        const read = isRate(kind) ? readRateRows(c, kind, samples) : readLatencyRows(c, kind, samples);
        expect(read.problems).toEqual(kept.problems);
        expect(read.size).toBe(kept.rows.length);
        expect(visited<unknown>(read.source)).toEqual(kept.rows);
        expect(visited<unknown>(read.source)).toEqual(kept.rows);
      },
    ), { numRuns: 500 });
  });

  it('visit the runs of the rate rows kept (recorded by the check, not by making the rows)', () => {
    const runs = (source: RowSource<RateRow>) => {
      const seen: unknown[] = [];
      runsOf(source, (r: ServiceRun<RateRow>) => seen.push([r.datacenter, r.service, r.rows, r.first()]));
      return seen;
    };
    fc.assert(fc.property(
      fc.constantFrom(...CONVENTIONS), fc.constantFrom<'egressRate' | 'ingressRate'>('egressRate', 'ingressRate'),
      fc.array(fc.oneof(instantSample(labelNames(standardConvention)), instantSample(labelNames(PRESETS.istio))), { maxLength: 40 }),
      (c, kind, samples) => {
        const read = readRateRows(c, kind, samples);
        expect(read.source.forEachRun).toBeDefined();
        expect(runs(read.source)).toEqual(runs(toRateRows(c, kind, samples).rows));
      },
    ), { numRuns: 500 });
  });
});

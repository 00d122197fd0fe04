import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toLatencyRows, toRateRows } from '../conventions/rows.ts';
import { standardConvention } from '../conventions/standard.ts';
import { STATUS_CLASS_LABEL } from '../conventions/types.ts';
import { buildGraph } from '../graph/build.ts';
import type { TrafficView } from '../graph/types.ts';
import type { InstantSample } from '../prometheus/types.ts';
import { toVizceralTraffic } from '../vizceral/traffic.ts';
import { labelValue, numbersIn, sampleText } from './__fixtures__/hostileArbitraries.ts';
import { hideInGraph } from '../graph/expressions/apply.ts';
import { legacyHide } from '../graph/expressions/legacy.ts';

/**
 * The whole path a refresh takes (samples -> rows -> graph -> filters -> Vizceral), on 50,000
 * hostile series in one answer. The timeout is a hang guard, not a benchmark.
 */

const SERIES = 50_000;
const HANG_GUARD_MS = 120_000;

/**
 * Values near Number.MAX_VALUE ("1e308") are left out here: the rows accept them and the sums
 * overflow to Infinity, a known bug pinned by an `it.fails` in src/graph/build.property.test.ts.
 */
const notHuge = (text: string) => !(Number(text) > 1e12);

function hostileSeries(seed: number): InstantSample[] {
  const services = fc.sample(labelValue.filter((v) => v !== ''), { numRuns: 2_000, seed });
  const datacenters = ['eu', 'us', '__proto__', '<img src=x onerror="window.__pwned=1">'];
  const texts = fc.sample(fc.oneof({ weight: 8, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }).map(String) }, { weight: 1, arbitrary: sampleText.filter(notHuge) }), { numRuns: 997, seed });
  return Array.from({ length: SERIES }, (_, i): InstantSample => {
    const metric: Record<string, string> = {
      service: services[i % services.length] ?? 's',
      datacenter: datacenters[i % datacenters.length] ?? 'eu',
      peer_service: services[(i * 7919) % services.length] ?? 'p',
      peer_datacenter: i % 3 === 0 ? '' : (datacenters[(i >> 2) % datacenters.length] ?? ''),
      [STATUS_CLASS_LABEL]: ['2xx', '5xx', '4xx', '', '9xx'][i % 5] ?? '',
    };
    if (i % 101 === 0) delete metric.datacenter; // a missing label now and then
    return { metric, value: [1_700_000_000, texts[i % texts.length] ?? '1'] };
  });
}

const wellFormed = (v: TrafficView) => {
  const ids = new Set(v.nodes.map((n) => n.id));
  return ids.size === v.nodes.length && v.edges.every((e) => ids.has(e.source) && ids.has(e.target));
};

describe('50,000 hostile series through the whole pipeline', () => {
  it('terminates without throwing; views well formed, numbers finite or NaN, problems reported', () => {
    const samples = hostileSeries(42);
    const egress = toRateRows(standardConvention, 'egressRate', samples);
    const ingress = toRateRows(standardConvention, 'ingressRate', samples);
    const latency = toLatencyRows(standardConvention, 'egressLatency', samples);
    // Every series is a row or counted in a problem.
    const counted = egress.problems.reduce((n, p) => n + ('count' in p ? p.count : 0), 0);
    expect(egress.rows.length + counted).toBe(SERIES);
    expect(egress.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['missing-label', 'bad-sample']));

    const graph = buildGraph(
      { egressRate: egress.rows, ingressRate: ingress.rows, egressLatency: latency.rows, ingressLatency: [] },
      { thresholds: { warning: 0.01, danger: 0.05, errorClasses: ['5xx', 'none'], minRate: 0.05 }, datacenters: ['eu', '__proto__', 'us'], internetPeers: ['internet'], maxNodesPerView: 150 },
    );
    expect(Object.keys(graph.datacenters).sort()).toEqual(['__proto__', 'eu', 'us']);
    expect(graph.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['unknown-datacenter', 'duplicate-series', 'capped']));
    for (const v of [graph.global, ...Object.values(graph.datacenters)]) {
      expect(wellFormed(v)).toBe(true);
      expect(v.nodes.length).toBeLessThanOrEqual(152); // 150 + the internet + other datacenters
    }
    for (const n of numbersIn(graph)) expect(Number.isNaN(n) || Number.isFinite(n)).toBe(true);

    const filtered = hideInGraph(graph, legacyHide({ hideHealthy: true, minRate: 0.5, match: '*<img*' }));
    expect(Object.keys(filtered.datacenters).sort()).toEqual(['__proto__', 'eu', 'us']);
    const traffic = toVizceralTraffic(graph, { errorClasses: ['5xx', 'none'], updated: 1, focus: { datacenter: 'eu', service: graph.datacenters.eu?.nodes[0]?.id ?? '' } });
    for (const n of numbersIn(traffic)) expect(Number.isFinite(n)).toBe(true);
  }, HANG_GUARD_MS);
});

import { describe, expect, it } from 'vitest';
import { standardConvention } from '../conventions/standard.ts';
import { buildBaselineQueries, buildViewQuery } from '../conventions/viewQueries.ts';
import type { ViewScope } from '../graph/scope.ts';
import type { InstantSample } from '../prometheus/types.ts';
import { trafficAt } from './platform/model.ts';
import type { Fault } from './platform/incidents.ts';
import { instantQuery } from './prometheus-api.ts';

/**
 * The simulated Prometheus answers a view's baseline queries from the model at the earlier time:
 * per node and edge, the sum over status classes of the same view's rate query asked `offset` before.
 */
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const PARAMS = { rateWindow: '1m', latencyQuantile: 0.95, grouping: { kind: 'rule' as const, regex: '([^-]+)-.+' } };

function answer(promql: string, timeMs: number, faults: readonly Fault[] = []): readonly InstantSample[] {
  const a = instantQuery(promql, timeMs, (t) => trafficAt(t, { schedule: false, faults }));
  if (a.body.status !== 'success') throw new Error(a.body.error);
  return (a.body.data as { result: readonly InstantSample[] }).result;
}

/** Rate per series without its status class, summed. */
function totals(samples: readonly InstantSample[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samples) {
    const { tm_class: _cls, ...labels } = s.metric;
    const key = JSON.stringify(Object.entries(labels).sort());
    out.set(key, (out.get(key) ?? 0) + Number(s.value[1]));
  }
  return out;
}

describe('the simulated Prometheus and the baseline queries', () => {
  const scopes: { desc: string; scope: ViewScope; offset: string }[] = [
    { desc: 'global, a week back', scope: { level: 'global' }, offset: '7d' },
    { desc: 'datacenter, a day back', scope: { level: 'datacenter', dc: 'eu-west', grouped: false }, offset: '1d' },
    { desc: 'grouped datacenter, 3 hours back', scope: { level: 'datacenter', dc: 'eu-west', grouped: true }, offset: '3h' },
    { desc: 'focus, 2 minutes back', scope: { level: 'focus', dc: 'eu-west', service: 'checkout' }, offset: '2m' },
  ];
  it.each(scopes)('$desc: the current query asked then, its classes summed', ({ scope, offset }) => {
    const offsetMs = { '7d': 7 * 86_400_000, '1d': 86_400_000, '3h': 3 * 3_600_000, '2m': 120_000 }[offset] ?? 0;
    for (const q of buildBaselineQueries(standardConvention, PARAMS, scope, offset)) {
      const got = totals(answer(q.promql, T0));
      const want = totals(answer(buildViewQuery(standardConvention, PARAMS, scope, q.kind), T0 - offsetMs));
      expect(got.size).toBeGreaterThan(0);
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [key, value] of want) expect(got.get(key)).toBeCloseTo(value, 9);
      // Not the current answer: the model's day has moved on (except a whole number of its cycles back).
      if (offset === '2m') expect([...got.values()]).not.toEqual([...totals(answer(buildViewQuery(standardConvention, PARAMS, scope, q.kind), T0)).values()]);
    }
  });

  it('a drop fault now shows against the baseline', () => {
    const scope: ViewScope = { level: 'datacenter', dc: 'eu-west', grouped: false };
    const drop: Fault = { kind: 'drop', service: 'checkout', share: 0.1 };
    const [, ingress] = buildBaselineQueries(standardConvention, PARAMS, scope, '7d');
    const into = (samples: readonly InstantSample[]) => samples.filter((s) => s.metric['tm_node'] === 'checkout').reduce((sum, s) => sum + Number(s.value[1]), 0);
    const then = into(answer(ingress?.promql ?? '', T0, [drop]));
    const now = into(answer(buildViewQuery(standardConvention, PARAMS, scope, 'ingressRate'), T0, [drop]));
    const normal = into(answer(buildViewQuery(standardConvention, PARAMS, scope, 'ingressRate'), T0));
    // The fault is forced at every time, so the baseline then is dropped too: compare with no fault.
    expect(now / normal).toBeCloseTo(0.1, 2);
    expect(then).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config/presets.ts';
import { buildBaselineQueries, buildViewQuery, PLAN_COMMENT } from './viewQueries.ts';
import { scopeDesc, VIEW_SCOPES } from './__fixtures__/viewScopes.ts';

const PARAMS = { rateWindow: '1m', latencyQuantile: 0.95, grouping: { kind: 'rule' as const, regex: '([^-]+)-.+' } };

describe('buildBaselineQueries: two light queries at an offset, for every preset and level', () => {
  const cases = Object.values(PRESETS).flatMap((convention) => VIEW_SCOPES.map((scope) => ({ desc: `${convention.name}, ${scopeDesc(scope)}`, convention, scope })));
  it.each(cases)('$desc', ({ convention, scope }) => {
    const built = buildBaselineQueries(convention, PARAMS, scope, '7d');
    expect(built.map((q) => q.kind)).toEqual(['egressRate', 'ingressRate']);
    for (const q of built) {
      const [header = '', body = ''] = q.promql.split('\n');
      // The plan says it is a baseline, and the query rebuilds from the plan.
      expect(JSON.parse(header.slice(PLAN_COMMENT.length))).toMatchObject({ kind: q.kind, baseline: '7d' });
      expect(buildViewQuery(convention, PARAMS, scope, q.kind, '7d')).toBe(q.promql);
      // Every range reads 7 days back; one total per node and edge (no status class, no quantile).
      const ranges = body.match(/\[1m\][^,)]*/g) ?? [];
      expect(ranges.length).toBeGreaterThan(0);
      expect(ranges.every((r) => r === '[1m] offset 7d')).toBe(true);
      // A sum (in a view of a datacenter, inside the rewrite that leaves out its own datacenter).
      expect(body).toMatch(/^(?:label_replace\(|label_join\()*sum by \(/);
      expect(body).not.toContain('tm_class');
      expect(body).not.toContain('histogram_quantile');
      // The same view's current rate query reads the same series, without the offset.
      const current = buildViewQuery(convention, PARAMS, scope, q.kind);
      expect(current).not.toContain(' offset ');
      const selectors = (text: string) => [...new Set(text.replaceAll(' offset 7d', '').match(/rate\([^[]*\[1m\]\)/g) ?? [])].sort();
      const requests = selectors(current).filter((r) => !r.includes('_bucket'));
      expect(selectors(body).length).toBeGreaterThan(0);
      for (const r of selectors(body)) expect(requests).toContain(r);
    }
  });
});

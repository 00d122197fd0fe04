import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileGraph, labelValue } from '../../app/__fixtures__/hostileArbitraries.ts';
import type { NodeId, TrafficView } from '../types.ts';
import { hideInGraph } from './apply.ts';
import { HIDE_HEALTHY, legacyHide, toggleDisjunct } from './legacy.ts';
import type { LegacyFilters } from './legacy.ts';
import { parseExpression } from './parse.ts';
import { printExpression } from './print.ts';

/**
 * Old links (`hideHealthy=1`, `minRate=5`, `match=checkout`) decode to a Hide expression. Checked
 * against the filters as they were before expressions (kept here as the reference): the same edges
 * in every datacenter view, the global view untouched by the name part.
 */
function oldFilterView(view: TrafficView, f: LegacyFilters): TrafficView {
  const text = f.match.trim().toLowerCase();
  const re = new RegExp(text.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'), 's');
  const matches = (name: string) => !text || re.test(name.toLowerCase());
  const nodeMatches = new Set(view.nodes.filter((n) => matches(n.id)).map((n) => n.id));
  const edges = view.edges.filter((e) => (!f.hideHealthy || e.health !== 'normal') && e.stats.rate >= f.minRate && (nodeMatches.has(e.source) || nodeMatches.has(e.target)));
  const onEdges = new Set<NodeId>(edges.flatMap((e) => [e.source, e.target]));
  return { ...view, nodes: view.nodes.filter((n) => onEdges.has(n.id) || n.id === view.focus), edges };
}

const legacy: fc.Arbitrary<LegacyFilters> = fc.record({
  hideHealthy: fc.boolean(),
  minRate: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e6, noNaN: true })),
  match: fc.oneof(fc.constant(''), labelValue.filter((m) => m.length < 5000), fc.constantFrom('*', '**', 'a*b', '(', '\\', '"', '$&', 'İ', ' and ')),
});
const edgeIds = (v: TrafficView | undefined) => (v?.edges ?? []).map((e) => `${e.source}\u0000${e.target}`).sort();

describe('legacyHide: old filter links as expressions', () => {
  it('shows the edges the old filters showed, in every view, and its text parses back to it', () => {
    fc.assert(fc.property(hostileGraph, legacy, (graph, f) => {
      const hide = legacyHide(f);
      const reparsed = parseExpression(printExpression(hide));
      expect(reparsed).toEqual({ ok: true, expr: hide });
      const out = hideInGraph(graph, hide);
      expect(edgeIds(out.global)).toEqual(edgeIds(oldFilterView(graph.global, { ...f, match: '' })));
      for (const [dc, v] of Object.entries(graph.datacenters)) {
        expect(edgeIds(Object.hasOwn(out.datacenters, dc) ? out.datacenters[dc] : undefined)).toEqual(edgeIds(oldFilterView(v, f)));
      }
    }), { numRuns: 300 });
  });

  const cases: { desc: string; filters: LegacyFilters; text: string }[] = [
    { desc: 'none', filters: { hideHealthy: false, minRate: 0, match: '  ' }, text: '' },
    { desc: 'hideHealthy=1', filters: { hideHealthy: true, minRate: 0, match: '' }, text: 'health = normal' },
    { desc: 'minRate=5', filters: { hideHealthy: false, minRate: 5, match: '' }, text: 'rate < 5' },
    { desc: 'match=checkout', filters: { hideHealthy: false, minRate: 0, match: 'checkout' }, text: 'not (name = *checkout* or kind = datacenter)' },
    { desc: 'all three', filters: { hideHealthy: true, minRate: 0.5, match: 'pay ments*' }, text: 'health = normal or rate < 0.5 or not (name = "*pay ments*" or kind = datacenter)' },
  ];
  for (const c of cases) it(c.desc, () => expect(printExpression(legacyHide(c.filters))).toBe(c.text));
});

describe('toggleDisjunct (the h key: hide healthy on and off)', () => {
  const cases: { desc: string; text: string; want: string }[] = [
    { desc: 'empty: the term alone', text: '', want: 'health = normal' },
    { desc: 'the term alone: empty', text: 'health = normal', want: '' },
    { desc: 'another: or the term', text: 'alerts', want: 'alerts or health = normal' },
    { desc: 'an and: grouped', text: 'alerts and rate < 1', want: 'alerts and rate < 1 or health = normal' },
    { desc: 'one of several: taken out', text: 'rate < 1 or health = normal or alerts', want: 'rate < 1 or alerts' },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const r = parseExpression(c.text);
      if (!r.ok) throw new Error(r.error.message);
      expect(printExpression(toggleDisjunct(r.expr, HIDE_HEALTHY))).toBe(c.want);
    });
  }
});

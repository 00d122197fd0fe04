import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrafficGraph, TrafficView } from '../graph/types.ts';
import { hostileGraph, labelValue } from './__fixtures__/hostileArbitraries.ts';
import { filterGraph, nameMatcher } from './filters.ts';
import type { Filters } from './urlState.ts';

/** Property tests of the view filters over hostile graphs and hostile filter text. */

const filters: fc.Arbitrary<Filters> = fc.record({
  hideHealthy: fc.boolean(),
  minRate: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constantFrom(NaN, -1, Infinity)),
  match: fc.oneof(labelValue, fc.constantFrom('*', '**', 'a*b', '(', '[', '\\', '.*', '$&', 'İ')),
});
const views = (g: TrafficGraph): TrafficView[] => [g.global, ...Object.values(g.datacenters)];

describe('filterGraph with hostile names and filters', () => {
  it('never throws, and every filtered view is a part of its view: its nodes and edges, joined', () => {
    fc.assert(fc.property(hostileGraph, filters, (graph, f) => {
      const out = filterGraph(graph, f);
      const pairs: [TrafficView, TrafficView | undefined][] = [[graph.global, out.global], ...Object.entries(graph.datacenters).map(([dc, v]): [TrafficView, TrafficView | undefined] => [v, Object.hasOwn(out.datacenters, dc) ? out.datacenters[dc] : undefined])];
      for (const [before, after] of pairs) {
        expect(after).toBeDefined();
        if (!after) continue;
        for (const n of after.nodes) expect(before.nodes).toContain(n);
        for (const e of after.edges) expect(before.edges).toContain(e);
        const ids = new Set(after.nodes.map((n) => n.id));
        for (const e of after.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('keeps every datacenter view, "__proto__" included, and touches no prototype', () => {
    fc.assert(fc.property(hostileGraph, filters, (graph, f) => {
      const out = filterGraph(graph, f);
      expect(Object.keys(out.datacenters).sort()).toEqual(Object.keys(graph.datacenters).sort());
      expect(Object.getPrototypeOf(out.datacenters)).toBe(Object.prototype);
      expect(out.problems).toBe(graph.problems);
    }), { numRuns: 300 });
  });

  it('kept edges pass the rate and health filters and touch a matching node', () => {
    fc.assert(fc.property(hostileGraph, filters, (graph, f) => {
      const out = filterGraph(graph, f);
      const matches = nameMatcher(f.match);
      for (const [i, v] of views(out).entries()) {
        for (const e of v.edges) {
          expect(e.stats.rate >= f.minRate || !(f.minRate > 0)).toBe(true);
          if (f.hideHealthy) expect(e.health).not.toBe('normal');
          if (i > 0) expect(matches(e.source) || matches(e.target)).toBe(true); // the global view ignores the name filter
        }
      }
    }), { numRuns: 300 });
  });

  it('no filter: the very same graph', () => {
    fc.assert(fc.property(hostileGraph, (graph) => {
      expect(filterGraph(graph, { hideHealthy: false, minRate: 0, match: '' })).toBe(graph);
    }), { numRuns: 50 });
  });
});

describe('nameMatcher', () => {
  it('a pattern without "*" is a case-insensitive substring test, whatever its characters', () => {
    fc.assert(fc.property(labelValue.filter((p) => !p.includes('*')), labelValue, labelValue, (pattern, before, after) => {
      const p = pattern.trim();
      const matches = nameMatcher(pattern);
      expect(matches(`${before}${p}${after}`)).toBe(true);
      expect(matches(before)).toBe(before.toLowerCase().includes(p.toLowerCase()));
    }));
  });

  it('"*" stands for any text between the parts', () => {
    fc.assert(fc.property(labelValue.filter((p) => !p.includes('*')), labelValue.filter((p) => !p.includes('*')), labelValue, (a, b, middle) => {
      expect(nameMatcher(`${a.trim()}*${b.trim()}`)(`${a.trim()}${middle}${b.trim()}`)).toBe(true);
    }));
  });
});

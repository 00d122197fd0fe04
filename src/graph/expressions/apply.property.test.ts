import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileGraph } from '../../app/__fixtures__/hostileArbitraries.ts';
import type { TrafficView } from '../types.ts';
import { expr } from './__fixtures__/arbitraries.ts';
import { edgeKey, findInView, hideInGraph } from './apply.ts';
import { compileExpression, edgeSubject, nodeSubject } from './evaluate.ts';

/** Hide and Find over hostile graphs (names like __proto__, NaN latencies) with any expression. */

const views = (g: { global: TrafficView; datacenters: Readonly<Record<string, TrafficView>> }): [string, TrafficView][] =>
  [['', g.global], ...Object.entries(g.datacenters)];

describe('hideInGraph and findInView with any expression', () => {
  it('Hide gives a part of each view: its own nodes and edges, every edge between kept nodes, no matching edge, the focus kept', () => {
    fc.assert(fc.property(hostileGraph, expr, (graph, e) => {
      const out = hideInGraph(graph, e);
      const matches = compileExpression(e);
      expect(Object.keys(out.datacenters).sort()).toEqual(Object.keys(graph.datacenters).sort());
      expect(out.problems).toBe(graph.problems);
      for (const [dc, before] of views(graph)) {
        const after = dc === '' ? out.global : out.datacenters[dc];
        if (!after) throw new Error(`view ${dc} lost`);
        for (const n of after.nodes) expect(before.nodes).toContain(n);
        const kinds = new Map(before.nodes.map((n) => [n.id as string, n.kind]));
        const ids = new Set(after.nodes.map((n) => n.id));
        for (const edge of after.edges) {
          expect(before.edges).toContain(edge);
          expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
          expect(matches(edgeSubject(edge, (id) => kinds.get(id)))).toBe(false);
        }
        if (before.focus && before.nodes.some((n) => n.id === before.focus)) expect(ids.has(before.focus)).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('Find marks exactly the nodes and edges that match, and changes nothing', () => {
    fc.assert(fc.property(hostileGraph, expr, (graph, e) => {
      const matches = compileExpression(e);
      for (const [, v] of views(graph)) {
        const kinds = new Map(v.nodes.map((n) => [n.id as string, n.kind]));
        const found = findInView(v, e);
        for (const n of v.nodes) expect(found.nodes.has(n.id)).toBe(matches(nodeSubject(n)));
        for (const edge of v.edges) expect(found.edges.has(edgeKey(edge.source, edge.target))).toBe(matches(edgeSubject(edge, (id) => kinds.get(id))));
      }
    }), { numRuns: 200 });
  });

  it('a Hide that matches everything (alerts or not alerts) leaves only a focus', () => {
    fc.assert(fc.property(hostileGraph, (graph) => {
      const everything = { kind: 'or' as const, left: { kind: 'flag' as const, field: 'alerts' as const }, right: { kind: 'not' as const, operand: { kind: 'flag' as const, field: 'alerts' as const } } };
      const out = hideInGraph(graph, everything);
      for (const [, v] of views(out)) {
        expect(v.edges).toEqual([]);
        for (const n of v.nodes) expect(n.id).toBe(v.focus);
      }
    }), { numRuns: 100 });
  });
});

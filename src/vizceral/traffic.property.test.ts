import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileGraph, labelValue, numbersIn } from '../app/__fixtures__/hostileArbitraries.ts';
import type { StatusClass } from '../graph/types.ts';
import { ROOT_NAME, toVizceralTraffic } from './traffic.ts';
import type { VizNode } from './traffic.ts';

/** Property tests of graph -> Vizceral traffic over graphs built from hostile rows. */

const errorClasses = fc.subarray<StatusClass>(['1xx', '2xx', '3xx', '4xx', '5xx', 'none']);
const options = (graph: { datacenters: object }) => fc.record({
  errorClasses,
  focus: fc.option(fc.record({ datacenter: fc.oneof(fc.constantFrom(...Object.keys(graph.datacenters), 'x'), labelValue), service: labelValue }), { nil: undefined }),
  updated: fc.nat(),
}).map(({ focus, ...rest }) => ({ ...rest, ...(focus ? { focus } : {}) }));
const withOptions = hostileGraph.chain((graph) => fc.tuple(fc.constant(graph), options(graph)));

/** Every Vizceral graph in the tree: the root, each region, each focused node. */
function graphsIn(node: VizNode): VizNode[] {
  return node.nodes ? [node, ...node.nodes.flatMap(graphsIn)] : [];
}

describe('toVizceralTraffic with hostile graphs', () => {
  it('never throws; every number is finite (NaN at most for a latency in metadata)', () => {
    fc.assert(fc.property(withOptions, ([graph, opts]) => {
      const traffic = toVizceralTraffic(graph, opts);
      for (const n of numbersIn(traffic)) expect(Number.isFinite(n)).toBe(true);
    }), { numRuns: 300 });
  });

  it('names are unique in each graph and every connection joins two of its nodes', () => {
    fc.assert(fc.property(withOptions, ([graph, opts]) => {
      for (const g of graphsIn(toVizceralTraffic(graph, opts))) {
        const names = (g.nodes ?? []).map((n) => n.name);
        expect(new Set(names).size).toBe(names.length);
        for (const c of g.connections ?? []) expect(names.includes(c.source) && names.includes(c.target)).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it('particles: normal + danger is the edge rate, both non-negative', () => {
    fc.assert(fc.property(withOptions, ([graph, opts]) => {
      const traffic = toVizceralTraffic(graph, opts);
      const region = (dc: string) => traffic.nodes?.find((n) => n.name === dc && n.renderer === 'region' && n.nodes);
      for (const [dc, view] of Object.entries(graph.datacenters)) {
        const connections = region(dc)?.connections ?? [];
        view.edges.forEach((e, i) => {
          const c = connections[i];
          expect(c?.metrics.normal).toBeGreaterThanOrEqual(0);
          expect(c?.metrics.danger).toBeGreaterThanOrEqual(0);
          expect(Math.abs((c?.metrics.normal ?? 0) + (c?.metrics.danger ?? 0) - e.stats.rate)).toBeLessThanOrEqual(1e-9 * Math.max(1, e.stats.rate));
        });
      }
    }), { numRuns: 200 });
  });

  it('the root, one region per datacenter, and names are the raw ids (text, never rewritten)', () => {
    fc.assert(fc.property(withOptions, ([graph, opts]) => {
      const traffic = toVizceralTraffic(graph, opts);
      expect(traffic.name).toBe(ROOT_NAME);
      const regionNames = (traffic.nodes ?? []).filter((n) => n.nodes).map((n) => n.name).sort();
      const globalIds = new Set(graph.global.nodes.map((n) => n.id as string));
      expect(regionNames).toEqual(Object.keys(graph.datacenters).filter((dc) => globalIds.has(dc)).sort());
      for (const view of Object.values(graph.datacenters)) {
        const region = traffic.nodes?.find((n) => n.name === view.datacenter && n.nodes);
        if (region) expect(region.nodes?.map((n) => n.name)).toEqual(view.nodes.map((n) => n.id));
      }
    }), { numRuns: 200 });
  });

  it('no node sets a size or a node_type: node radii stay Vizceral\'s defaults (16, 60, 120), the keys of its geometry caches', () => {
    fc.assert(fc.property(withOptions, ([graph, opts]) => {
      for (const g of graphsIn(toVizceralTraffic(graph, opts))) {
        for (const n of [g, ...(g.nodes ?? [])]) expect(['size', 'node_type'].filter((k) => k in n)).toEqual([]);
      }
    }), { numRuns: 200 });
  });
});

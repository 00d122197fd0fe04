import { describe, expect, it } from 'vitest';
import { FOCUSED_RADIUS, GLOBAL_LABEL_WIDTH, GLOBAL_RADIUS, globalPositions, LABEL_HEIGHT, labelWidth, LEGEND_ROOM, layeredPositions, REGION_RADIUS, WORLD } from './layout.ts';
import type { LayoutEdge, LayoutNode, Point } from './layout.ts';
import { edgesThroughNodes, overlaps } from './layoutOverlaps.ts';
import type { DrawnNode } from './layoutOverlaps.ts';

/** What Vizceral draws for a laid-out node, in a box of the graph's size (y down): NodeNameView's placement. */
function drawn(n: LayoutNode, p: Point, label = { width: labelWidth(n.label), height: LABEL_HEIGHT, dy: 0 }): DrawnNode {
  const x = p.x + WORLD.width / 2;
  const y = WORLD.height / 2 - p.y;
  const buffer = Math.max(n.radius * 0.3, 7);
  const left = p.x < 1 ? x - n.radius - buffer - label.width : x + n.radius + buffer;
  const cy = y - label.dy;
  return { name: n.id, x, y, r: n.radius, label: { left, right: left + label.width, top: cy - label.height / 2, bottom: cy + label.height / 2 } };
}

/** A deterministic pseudo-random platform: `count` services, each calling up to `calls` others. */
function platform(count: number, calls: number, seed: number, labelLength = 18): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  let s = seed;
  const next = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const nodes: LayoutNode[] = [{ id: 'INTERNET', label: 'INTERNET', radius: REGION_RADIUS }];
  for (let i = 0; i < count - 1; i++) {
    const name = `svc-${i}-${'abcdefghwm'.repeat(3)}`.slice(0, 4 + Math.floor(next() * (labelLength - 3)));
    nodes.push({ id: `s${i}`, label: name, radius: REGION_RADIUS });
  }
  const edges: LayoutEdge[] = [];
  for (let i = 1; i < nodes.length; i++) {
    if (next() < 0.15) edges.push({ source: 'INTERNET', target: nodes[i]!.id });
    for (let c = 0; c < calls; c++) edges.push({ source: nodes[i]!.id, target: nodes[1 + Math.floor(next() * (nodes.length - 1))]!.id });
  }
  return { nodes, edges };
}

describe('layeredPositions', () => {
  const cases = [
    { desc: 'one node', count: 1, calls: 0 },
    { desc: 'a small view', count: 8, calls: 2 },
    { desc: 'the groups of a datacenter, dense and cyclic', count: 20, calls: 10 },
    { desc: 'a 60-node view, long labels', count: 60, calls: 4 },
    { desc: 'a 60-node view, many calls', count: 60, calls: 12 },
    { desc: 'a 100-node view', count: 100, calls: 4 },
    { desc: 'a 150-node view (the default maxNodesPerView)', count: 150, calls: 4 },
  ];
  for (const c of cases) {
    for (const seed of [1, 2, 3]) {
      it(`${c.desc} (seed ${seed}): no node or label over another, all inside the graph`, () => {
        const { nodes, edges } = platform(c.count, c.calls, seed);
        const positions = layeredPositions(nodes, edges, 'INTERNET');
        expect(positions.size).toBe(nodes.length);
        const view = { width: WORLD.width, height: WORLD.height, nodes: nodes.map((n) => drawn(n, positions.get(n.id)!)), edges: [] };
        expect(overlaps(view, 0)).toEqual([]);
        // Nothing under the legend, at the bottom.
        expect(view.nodes.filter((n) => n.y + n.r > WORLD.height - LEGEND_ROOM)).toEqual([]);
      });
    }
  }

  it('a focused service (radius 120) with 60 callers and callees: nothing over anything', () => {
    const nodes: LayoutNode[] = [{ id: 'svc', label: 'checkout', radius: FOCUSED_RADIUS }];
    const edges: LayoutEdge[] = [];
    for (let i = 0; i < 30; i++) {
      nodes.push({ id: `in${i}`, label: `caller-service-${i}`, radius: REGION_RADIUS }, { id: `out${i}`, label: `callee-service-${i}`, radius: REGION_RADIUS });
      edges.push({ source: `in${i}`, target: 'svc' }, { source: 'svc', target: `out${i}` });
    }
    const positions = layeredPositions(nodes, edges, 'svc');
    const view = { width: WORLD.width, height: WORLD.height, nodes: nodes.map((n) => drawn(n, positions.get(n.id)!)), edges: [] };
    expect(overlaps(view, 0).slice(0, 3)).toEqual([]);
    // Callers left of the service, callees right of it.
    const x = (id: string) => positions.get(id)!.x;
    expect(nodes.filter((n) => n.id.startsWith('in')).every((n) => x(n.id) < x('svc'))).toBe(true);
    expect(nodes.filter((n) => n.id.startsWith('out')).every((n) => x(n.id) > x('svc'))).toBe(true);
  });

  it('the entry node is in the first column, callers left of their callees along a chain', () => {
    const nodes = ['INTERNET', 'web', 'api', 'db'].map((id) => ({ id, label: id, radius: REGION_RADIUS }));
    const edges = [{ source: 'INTERNET', target: 'web' }, { source: 'web', target: 'api' }, { source: 'api', target: 'db' }, { source: 'db', target: 'web' }];
    const p = layeredPositions(nodes, edges, 'INTERNET');
    expect(['INTERNET', 'web', 'api', 'db'].map((id) => p.get(id)!.x)).toEqual([...['INTERNET', 'web', 'api', 'db'].map((id) => p.get(id)!.x)].sort((a, b) => a - b));
  });

  it('depends on the shape only: the same nodes and edges in another order give the same positions', () => {
    const { nodes, edges } = platform(40, 4, 7);
    const a = layeredPositions(nodes, edges, 'INTERNET');
    const b = layeredPositions([...nodes].reverse(), [...edges].reverse(), 'INTERNET');
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
  });

  it('names like __proto__ and constructor are ordinary nodes', () => {
    const nodes = ['INTERNET', '__proto__', 'constructor', 'toString'].map((id) => ({ id, label: id, radius: REGION_RADIUS }));
    const p = layeredPositions(nodes, [{ source: 'INTERNET', target: '__proto__' }, { source: '__proto__', target: 'constructor' }], 'INTERNET');
    expect(p.size).toBe(4);
    expect(new Set([...p.values()].map((q) => `${q.x},${q.y}`)).size).toBe(4);
  });
});

describe('globalPositions', () => {
  for (const count of [1, 2, 3, 4]) {
    it(`${count} datacenter(s): a line between two datacenters misses the internet; nothing over anything`, () => {
      const dcs = Array.from({ length: count }, (_, i) => `dc-${i}`);
      const p = globalPositions(['INTERNET', ...dcs], 'INTERNET');
      // Global labels: 260 wide, 32 high (22px text), 80 above the node's centre.
      const nodes = ['INTERNET', ...dcs].map((id) => drawn({ id, label: id, radius: GLOBAL_RADIUS }, p.get(id)!, { width: GLOBAL_LABEL_WIDTH, height: 32, dy: 80 }));
      const edges = dcs.flatMap((a) => [{ source: 'INTERNET', target: a }, ...dcs.filter((b) => b !== a).map((b) => ({ source: a, target: b }))]);
      const view = { width: WORLD.width, height: WORLD.height, nodes, edges };
      expect(overlaps(view, 0)).toEqual([]);
      expect(edgesThroughNodes(view, 0)).toEqual([]);
    });
  }

  it('two datacenters: the internet above, the datacenters below on either side', () => {
    const p = globalPositions(['eu-west', 'INTERNET', 'us-east'], 'INTERNET');
    expect(p.get('INTERNET')!.x).toBe(0);
    expect(p.get('eu-west')!.y).toBeLessThan(p.get('INTERNET')!.y - 2 * GLOBAL_RADIUS);
    expect(p.get('eu-west')!.y).toBe(p.get('us-east')!.y);
    expect(p.get('eu-west')!.x).toBe(-p.get('us-east')!.x);
  });
});

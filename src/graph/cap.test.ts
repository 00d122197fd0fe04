import { describe, expect, it } from 'vitest';
import { capView } from './cap.ts';
import { EMPTY_STATS } from './stats.ts';
import type { NodeId, NodeKind, TrafficNode, TrafficView } from './types.ts';

function node(id: string, kind: NodeKind, rate: number): TrafficNode {
  return { id: id as NodeId, kind, incoming: { ...EMPTY_STATS, rate }, outgoing: EMPTY_STATS, health: 'normal' };
}

const view: TrafficView = {
  kind: 'datacenter',
  datacenter: 'eu',
  nodes: [
    node('INTERNET', 'internet', 0),
    node('a', 'service', 50),
    node('b', 'service', 10),
    node('c', 'external', 30),
    node('dc:us', 'remote', 0.1),
    node('dc:ap', 'remote', 0),
  ],
  edges: [
    { source: 'INTERNET' as NodeId, target: 'a' as NodeId, stats: EMPTY_STATS, health: 'normal' },
    { source: 'a' as NodeId, target: 'b' as NodeId, stats: EMPTY_STATS, health: 'normal' },
    { source: 'a' as NodeId, target: 'c' as NodeId, stats: EMPTY_STATS, health: 'normal' },
    { source: 'a' as NodeId, target: 'dc:us' as NodeId, stats: EMPTY_STATS, health: 'normal' },
  ],
};

describe('capView', () => {
  const cases: { desc: string; max: number; nodes: string[]; edges: string[] }[] = [
    { desc: 'under the limit: the same view', max: 10, nodes: ['INTERNET', 'a', 'b', 'c', 'dc:us', 'dc:ap'], edges: ['INTERNET->a', 'a->b', 'a->c', 'a->dc:us'] },
    { desc: 'INTERNET and every remote node kept, then the busiest (external nodes compete)', max: 5, nodes: ['INTERNET', 'a', 'c', 'dc:us', 'dc:ap'], edges: ['INTERNET->a', 'a->c', 'a->dc:us'] },
    { desc: 'room for one more', max: 4, nodes: ['INTERNET', 'a', 'dc:us', 'dc:ap'], edges: ['INTERNET->a', 'a->dc:us'] },
    { desc: 'no room left: the always-kept nodes only', max: 2, nodes: ['INTERNET', 'dc:us', 'dc:ap'], edges: [] },
  ];
  it.each(cases)('$desc', ({ max, nodes, edges }) => {
    const capped = capView(view, max);
    expect(capped.nodes.map((n) => n.id)).toEqual(nodes);
    expect(capped.edges.map((e) => `${e.source}->${e.target}`)).toEqual(edges);
    expect(capped.kind).toBe('datacenter');
  });

  it('returns the view itself when nothing is cut', () => {
    expect(capView(view, 6)).toBe(view);
  });
});

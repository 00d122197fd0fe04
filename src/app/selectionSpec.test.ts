import { describe, expect, it } from 'vitest';
import { EMPTY_STATS } from '../graph/stats.ts';
import type { NodeId, NodeKind, TrafficNode, TrafficView } from '../graph/types.ts';
import { selectionSpec } from './selectionSpec.ts';

const node = (id: string, kind: NodeKind): TrafficNode => ({
  id: id as NodeId, kind, datacenter: 'eu' as TrafficNode['datacenter'], incoming: EMPTY_STATS, outgoing: EMPTY_STATS, health: 'normal',
});
const view: TrafficView = {
  kind: 'datacenter', datacenter: 'eu',
  nodes: [node('api', 'service'), node('web', 'service'), node('payments', 'group'), node('…3 more', 'more')],
  edges: [],
};
const edge = (source: string, target: string) => ({ kind: 'edge' as const, edge: { source: source as NodeId, target: target as NodeId, stats: EMPTY_STATS, health: 'normal' as const } });

describe('selectionSpec', () => {
  it.each([
    { desc: 'service to service: the caller\'s egress', sel: edge('web', 'api'), want: { side: 'egress', datacenter: 'eu', service: 'web', peer: { kind: 'service', name: 'api', datacenter: 'eu' } } },
    { desc: 'a group to a service: many callers, no one series', sel: edge('payments', 'api'), want: null },
    { desc: 'a service to a group', sel: edge('web', 'payments'), want: null },
    { desc: 'the folded quieter nodes', sel: edge('…3 more', 'api'), want: null },
    { desc: 'a group node itself', sel: { kind: 'node' as const, node: node('payments', 'group') }, want: null },
    { desc: 'a service node: its ingress', sel: { kind: 'node' as const, node: node('api', 'service') }, want: { side: 'ingress', datacenter: 'eu', service: 'api' } },
  ])('$desc', ({ sel, want }) => {
    expect(selectionSpec(view, sel)).toEqual(want);
  });
});

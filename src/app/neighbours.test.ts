import { describe, expect, it } from 'vitest';
import { buildGraph } from '../graph/build.ts';
import type { NodeId, RateRow } from '../graph/types.ts';
import { topNeighbours } from './neighbours.ts';

const row = (service: string, peerService: string, value: number): RateRow =>
  ({ datacenter: 'dc1', service, peerService, peerDatacenter: 'dc1', statusClass: '2xx', value });

const graph = buildGraph({
  egressRate: [row('a', 'hub', 5), row('b', 'hub', 50), row('c', 'hub', 20), row('hub', 'x', 1), row('hub', 'y', 9), row('hub', 'z', 3)],
  ingressRate: [], egressLatency: [], ingressLatency: [],
}, {
  thresholds: { warning: 0.01, danger: 0.05, errorClasses: ['5xx', 'none'], minRate: 0 },
  datacenters: ['dc1'], internetPeers: ['internet'], maxNodesPerView: 100,
});
const view = graph.datacenters.dc1!;

describe('topNeighbours', () => {
  const cases = [
    { desc: 'callers and callees by rate, busiest first', limit: 5, callers: ['b', 'c', 'a'], callees: ['y', 'z', 'x'] },
    { desc: 'the limit keeps the busiest', limit: 2, callers: ['b', 'c'], callees: ['y', 'z'] },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const n = topNeighbours(view, 'hub' as NodeId, c.limit);
      expect(n.callers.map((e) => e.source)).toEqual(c.callers);
      expect(n.callees.map((e) => e.target)).toEqual(c.callees);
    });
  }
  it('a node without edges has no neighbours', () => {
    const n = topNeighbours(view, 'nobody' as NodeId);
    expect(n.callers).toEqual([]);
    expect(n.callees).toEqual([]);
  });
});

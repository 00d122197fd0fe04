import type { NodeId, TrafficEdge, TrafficView } from '../graph/types.ts';

export interface Neighbours {
  readonly callers: readonly TrafficEdge[];
  readonly callees: readonly TrafficEdge[];
}

/** The busiest callers and callees of a node in a view, by request rate. Pure. */
export function topNeighbours(view: TrafficView, node: NodeId, limit = 5): Neighbours {
  const byRate = (a: TrafficEdge, b: TrafficEdge) => b.stats.rate - a.stats.rate || a.source.localeCompare(b.source) || a.target.localeCompare(b.target);
  return {
    callers: view.edges.filter((e) => e.target === node).sort(byRate).slice(0, limit),
    callees: view.edges.filter((e) => e.source === node).sort(byRate).slice(0, limit),
  };
}

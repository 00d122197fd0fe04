import type { NodeId, TrafficNode, TrafficView } from './types.ts';

/**
 * Keeps the `max` busiest nodes of a view (the internet and other datacenters always stay) and
 * the edges between them; the caller announces the cap.
 */
export function capView(view: TrafficView, max: number): TrafficView {
  const keep = keptNodes(view.nodes, max);
  if (!keep) return view;
  return {
    ...view,
    nodes: view.nodes.filter((n) => keep.has(n.id)),
    edges: view.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}

/** The ids `capView` keeps, or null when every node fits. */
export function keptNodes(nodes: readonly TrafficNode[], max: number): ReadonlySet<NodeId> | null {
  if (nodes.length <= max) return null;
  const always = nodes.filter((n) => n.kind === 'internet' || n.kind === 'remote');
  const rest = nodes
    .filter((n) => n.kind !== 'internet' && n.kind !== 'remote')
    .sort((a, b) => b.incoming.rate + b.outgoing.rate - (a.incoming.rate + a.outgoing.rate));
  return new Set([...always, ...rest.slice(0, Math.max(0, max - always.length))].map((n) => n.id));
}

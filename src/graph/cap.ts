import type { TrafficView } from './types.ts';

/**
 * Keeps the `max` busiest nodes of a view (the internet and other datacenters always stay) and
 * the edges between them; the caller announces the cap.
 */
export function capView(view: TrafficView, max: number): TrafficView {
  if (view.nodes.length <= max) return view;
  const always = view.nodes.filter((n) => n.kind === 'internet' || n.kind === 'remote');
  const rest = view.nodes
    .filter((n) => n.kind !== 'internet' && n.kind !== 'remote')
    .sort((a, b) => b.incoming.rate + b.outgoing.rate - (a.incoming.rate + a.outgoing.rate));
  const keep = new Set([...always, ...rest.slice(0, Math.max(0, max - always.length))].map((n) => n.id));
  return {
    ...view,
    nodes: view.nodes.filter((n) => keep.has(n.id)),
    edges: view.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}

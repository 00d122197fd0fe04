import type { NodeId, TrafficView } from './types.ts';

/** The focus view of one service: it, its callers and its callees, and the edges touching it. */
export function focusView(view: TrafficView, service: NodeId): TrafficView | null {
  const center = view.nodes.find((n) => n.id === service);
  if (!center) return null;
  const edges = view.edges.filter((e) => e.source === service || e.target === service);
  const ids = new Set<NodeId>([service]);
  for (const e of edges) {
    ids.add(e.source);
    ids.add(e.target);
  }
  return { kind: 'focus', datacenter: view.datacenter, focus: service, nodes: view.nodes.filter((n) => ids.has(n.id)), edges };
}

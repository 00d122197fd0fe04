import { focusView } from '../graph/focus.ts';
import type { NodeId, TrafficEdge, TrafficGraph, TrafficNode, TrafficView } from '../graph/types.ts';
import type { UrlState } from './urlState.ts';

/** The view the URL asks for; falls back to the nearest existing one (a service that vanished). */
export function currentView(graph: TrafficGraph, state: UrlState): TrafficView {
  // Own keys only: `dc` comes from the URL, and "constructor" or "__proto__" must not find Object.prototype.
  const dcView = state.dc && Object.hasOwn(graph.datacenters, state.dc) ? graph.datacenters[state.dc] : undefined;
  if (!dcView) return graph.global;
  if (state.service) return focusView(dcView, state.service as NodeId) ?? dcView;
  return dcView;
}

export type Selection =
  | { readonly kind: 'node'; readonly node: TrafficNode }
  | { readonly kind: 'edge'; readonly edge: TrafficEdge };

/** What the details panel shows: the selected edge, else the focused service. */
export function selection(view: TrafficView, state: UrlState): Selection | null {
  if (state.edge) {
    const [source, target] = state.edge;
    const edge = view.edges.find((e) => e.source === source && e.target === target);
    if (edge) return { kind: 'edge', edge };
  }
  if (view.focus) {
    const node = view.nodes.find((n) => n.id === view.focus);
    if (node) return { kind: 'node', node };
  }
  return null;
}

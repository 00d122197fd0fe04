import { focusView } from '../graph/focus.ts';
import type { TrafficEdge, TrafficGraph, TrafficNode, TrafficView } from '../graph/types.ts';
import type { ViewScope } from '../graph/scope.ts';
import { nodeIdOf } from '../graph/views.ts';
import type { UrlState } from './urlState.ts';

/** The view of a graph read for `scope`; the nearest existing one when it lacks it (a service that vanished). */
export function currentView(graph: TrafficGraph, scope: ViewScope): TrafficView {
  if (scope.level === 'global') return graph.global;
  // Own keys only: `dc` comes from the URL, and "constructor" or "__proto__" must not find Object.prototype.
  const dcView = Object.hasOwn(graph.datacenters, scope.dc) ? graph.datacenters[scope.dc] : undefined;
  if (!dcView) return graph.global;
  if (scope.level === 'focus') return dcView.kind === 'focus' ? dcView : (focusView(dcView, nodeIdOf(scope.service)) ?? dcView);
  return dcView;
}

/** The Vizceral view array of a scope: [] global, [dc] a datacenter or group, [dc, service] a focus. */
export function rendererViewOf(scope: ViewScope): string[] {
  if (scope.level === 'global') return [];
  return scope.level === 'focus' ? [scope.dc, nodeIdOf(scope.service)] : [scope.dc];
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

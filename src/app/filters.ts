import { INTERNET } from '../graph/types.ts';
import type { NodeId, TrafficGraph, TrafficView } from '../graph/types.ts';
import { hasFilters } from './urlState.ts';
import type { Filters } from './urlState.ts';

/**
 * The graph as the filters show it. Pure; applied to every view so that navigating keeps the
 * filters. A view's own focus, the internet and other datacenters stay when they still have edges.
 */
export function filterGraph(graph: TrafficGraph, filters: Filters): TrafficGraph {
  if (!hasFilters(filters)) return graph;
  // Object.fromEntries, not `record[dc] = ...`: a datacenter named "__proto__" is data, not the prototype.
  const datacenters: Record<string, TrafficView> = Object.fromEntries(
    Object.entries(graph.datacenters).map(([dc, view]) => [dc, filterView(view, filters, true)]),
  );
  return { ...graph, global: filterView(graph.global, { ...filters, match: '' }, false), datacenters };
}

export function filterView(view: TrafficView, filters: Filters, keepIdleServices: boolean): TrafficView {
  const matches = nameMatcher(filters.match);
  const nodeMatches = new Set(view.nodes.filter((n) => matches(n.id)).map((n) => n.id));
  const edges = view.edges.filter((e) =>
    (!filters.hideHealthy || e.health !== 'normal')
    && e.stats.rate >= filters.minRate
    && (nodeMatches.has(e.source) || nodeMatches.has(e.target)));
  const onEdges = new Set<NodeId>();
  for (const e of edges) {
    onEdges.add(e.source);
    onEdges.add(e.target);
  }
  const nodes = view.nodes.filter((n) =>
    onEdges.has(n.id)
    || n.id === view.focus
    || (filters.hideHealthy && n.health !== 'normal' && nodeMatches.has(n.id))
    || (keepIdleServices && !filters.hideHealthy && filters.minRate === 0 && nodeMatches.has(n.id) && n.id !== INTERNET));
  return { ...view, nodes, edges };
}

/** Case-insensitive substring match; `*` stands for any text. Empty pattern matches all. */
export function nameMatcher(pattern: string): (name: string) => boolean {
  const text = pattern.trim().toLowerCase();
  if (!text) return () => true;
  const parts = text.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // dotAll: `*` also spans a newline or U+2028 inside a label value.
  const re = new RegExp(parts.join('.*'), 's');
  return (name) => re.test(name.toLowerCase());
}

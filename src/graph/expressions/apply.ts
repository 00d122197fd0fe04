import type { NodeId, NodeKind, TrafficEdge, TrafficGraph, TrafficView } from '../types.ts';
import type { Expr } from './ast.ts';
import { compileExpression, edgeSubject, nodeSubject } from './evaluate.ts';
import type { Predicate } from './evaluate.ts';

/**
 * Hide: the view without the nodes and edges an expression matches. Pure; applied to every view,
 * so navigating keeps it.
 * - an edge goes when it matches;
 * - a node goes when it matches and no remaining edge touches it, or when every edge it had is
 *   gone (a node alone on the map says nothing);
 * - the view's focus always stays.
 * A node that matches but still has traffic on the map stays with it (as the old filters did:
 * hiding healthy traffic keeps the healthy end of an unhealthy edge).
 */
export function hideInGraph(graph: TrafficGraph, hide: Expr | null): TrafficGraph {
  if (!hide) return graph;
  const matches = compileExpression(hide);
  // Object.fromEntries, not `record[dc] = ...`: a datacenter named "__proto__" is data, not the prototype.
  const datacenters: Record<string, TrafficView> = Object.fromEntries(
    Object.entries(graph.datacenters).map(([dc, view]) => [dc, hideInView(view, matches)]),
  );
  return { ...graph, global: hideInView(graph.global, matches), datacenters };
}

export function hideInView(view: TrafficView, matches: Predicate): TrafficView {
  const kindOf = kinds(view);
  const edges: TrafficEdge[] = [];
  const hadEdges = new Set<NodeId>();
  const onEdges = new Set<NodeId>();
  for (const e of view.edges) {
    hadEdges.add(e.source);
    hadEdges.add(e.target);
    if (matches(edgeSubject(e, kindOf))) continue;
    edges.push(e);
    onEdges.add(e.source);
    onEdges.add(e.target);
  }
  const nodes = view.nodes.filter((n) =>
    n.id === view.focus
    || onEdges.has(n.id)
    || (!hadEdges.has(n.id) && !matches(nodeSubject(n))));
  if (nodes.length === view.nodes.length && edges.length === view.edges.length) return view;
  return { ...view, nodes, edges };
}

/** What Find marks in a view: node ids and edge keys (`edgeKey`). */
export interface Found {
  readonly nodes: ReadonlySet<NodeId>;
  readonly edges: ReadonlySet<string>;
}

export const NOTHING_FOUND: Found = { nodes: new Set(), edges: new Set() };

/** One key per (source, target): JSON, since a name may hold any character. */
export const edgeKey = (source: string, target: string): string => JSON.stringify([source, target]);
export const edgeOfKey = (key: string): [string, string] => JSON.parse(key) as [string, string];

export function findInView(view: TrafficView, find: Expr | null): Found {
  if (!find) return NOTHING_FOUND;
  const matches = compileExpression(find);
  const kindOf = kinds(view);
  const nodes = new Set<NodeId>();
  for (const n of view.nodes) if (matches(nodeSubject(n))) nodes.add(n.id);
  const edges = new Set<string>();
  for (const e of view.edges) if (matches(edgeSubject(e, kindOf))) edges.add(edgeKey(e.source, e.target));
  return { nodes, edges };
}

function kinds(view: TrafficView): (id: string) => NodeKind | undefined {
  const byId = new Map<string, NodeKind>();
  for (const n of view.nodes) byId.set(n.id, n.kind);
  return (id) => byId.get(id);
}

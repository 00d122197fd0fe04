import type { BaselineComparison, TrafficEdge, TrafficGraph, TrafficNode, TrafficView } from '../graph/types.ts';
import type { BaselineSettings } from './settings.ts';

/**
 * The current graph against the same view `offset` earlier (a graph built from the baseline
 * answers, uncapped, with the same scope: its group and datacenter nodes are sums of their
 * edges, as now). Nodes and edges are matched by id; what the earlier graph lacks has 'none'
 * ("no baseline"), never −100 %. Pure.
 *
 * A node's rate is what it receives; a node that receives nothing in the current view (INTERNET,
 * a caller-only service of a focus view) is compared by what it sends.
 */

type Bounds = Pick<BaselineSettings, 'drop' | 'surge' | 'minRate'>;

const NONE: BaselineComparison = { rate: NaN, change: NaN, verdict: 'none' };

/** One rate now against the rate then (NaN: no data then). */
export function compareRate(now: number, then: number, bounds: Bounds): BaselineComparison {
  if (!Number.isFinite(then) || then < 0 || !Number.isFinite(now)) return NONE;
  if (then === 0) {
    // Data then, but no traffic: no ratio; a new flow above the minimum is a surge.
    return { rate: 0, change: NaN, verdict: now > 0 && now >= bounds.minRate ? 'surge' : 'normal' };
  }
  const change = (now - then) / then;
  if (change <= bounds.drop && then >= bounds.minRate) return { rate: then, change, verdict: 'drop' };
  if (change >= bounds.surge && now >= bounds.minRate) return { rate: then, change, verdict: 'surge' };
  return { rate: then, change, verdict: 'normal' };
}

/** Which side of a node is its rate (see above). */
export function nodeSide(node: TrafficNode, view: TrafficView): 'incoming' | 'outgoing' {
  if (node.kind === 'internet') return 'outgoing';
  return view.edges.some((e) => e.target === node.id) ? 'incoming' : 'outgoing';
}

/** The graph with `baseline` set on every node and edge of every view ('more' nodes and their edges excepted). */
export function withBaseline(current: TrafficGraph, then: TrafficGraph, bounds: Bounds): TrafficGraph {
  // Datacenter names are data (`__proto__`, `constructor`): own properties made by fromEntries, never assigned.
  const datacenters = Object.fromEntries(Object.entries(current.datacenters).map(([dc, view]) =>
    [dc, compareView(view, Object.hasOwn(then.datacenters, dc) ? then.datacenters[dc] : undefined, bounds)]));
  return { ...current, global: compareView(current.global, then.global, bounds), datacenters };
}

export function compareView(view: TrafficView, then: TrafficView | undefined, bounds: Bounds): TrafficView {
  const thenNodes = new Map<string, TrafficNode>();
  const thenEdges = new Map<string, TrafficEdge>();
  if (then) {
    for (const n of then.nodes) thenNodes.set(n.id, n);
    for (const e of then.edges) thenEdges.set(edgeKey(e), e);
  }
  // The quieter nodes a capped view folds into one are not one node then: left without a baseline.
  const folded = new Set(view.nodes.filter((n) => n.kind === 'more').map((n) => n.id as string));
  const nodes = view.nodes.map((n): TrafficNode => {
    if (folded.has(n.id)) return n;
    const side = nodeSide(n, view);
    const before = thenNodes.get(n.id);
    return { ...n, baseline: before ? compareRate(n[side].rate, before[side].rate, bounds) : NONE };
  });
  const edges = view.edges.map((e): TrafficEdge => {
    if (folded.has(e.source) || folded.has(e.target)) return e;
    const before = thenEdges.get(edgeKey(e));
    return { ...e, baseline: before ? compareRate(e.stats.rate, before.stats.rate, bounds) : NONE };
  });
  return { ...view, nodes, edges };
}

function edgeKey(e: { readonly source: string; readonly target: string }): string {
  return JSON.stringify([e.source, e.target]);
}

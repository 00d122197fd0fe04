import type { Endpoint } from './endpoints.ts';
import type { RawEdge } from './edges.ts';
import { disagreementOf } from './sides.ts';
import { EMPTY_STATS, finishStats, healthOf, sumStats } from './stats.ts';
import { INTERNET } from './types.ts';
import type {
  DatacenterId, NodeId, NodeKind, Thresholds, TrafficEdge, TrafficNode, TrafficStats, TrafficView, ViewKind,
} from './types.ts';

/** The id of the node standing for a whole other datacenter inside a datacenter view. */
export function remoteNodeId(dc: string): NodeId {
  return `dc:${dc}` as NodeId;
}

export const ESCAPED_PREFIX = 'svc:';

/**
 * The node id of a service or external name. Label values can be anything, so a name that could
 * pass for a reserved id (`INTERNET`, `dc:…`) or for an escaped one (`svc:…`) is prefixed with
 * `svc:`: the mapping is one-to-one and never meets the internet or another datacenter's node.
 */
export function nodeIdOf(name: string): NodeId {
  const reserved = name === INTERNET || name.startsWith('dc:') || name.startsWith(ESCAPED_PREFIX);
  return (reserved ? `${ESCAPED_PREFIX}${name}` : name) as NodeId;
}

interface PlacedNode {
  readonly id: NodeId;
  readonly kind: NodeKind;
  readonly datacenter?: DatacenterId;
}

/** Collects edges (summing those that land on the same pair of nodes) and assembles a view. */
export class ViewBuilder {
  private readonly nodes = new Map<NodeId, PlacedNode>();
  private readonly edges = new Map<string, { source: NodeId; target: NodeId; parts: TrafficStats[]; calleeParts: (TrafficStats | undefined)[] }>();

  constructor(private readonly thresholds: Thresholds) {}

  addNode(node: PlacedNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  /** `calleeView`: the callee's view of the same calls, when both ends report them. */
  addEdge(source: PlacedNode, target: PlacedNode, stats: TrafficStats, calleeView?: TrafficStats): void {
    this.addNode(source);
    this.addNode(target);
    const key = `${source.id}\u0001${target.id}`;
    const edge = this.edges.get(key);
    if (edge) {
      edge.parts.push(stats);
      edge.calleeParts.push(calleeView);
    } else {
      this.edges.set(key, { source: source.id, target: target.id, parts: [stats], calleeParts: [calleeView] });
    }
  }

  private sides(stats: TrafficStats, calleeParts: readonly (TrafficStats | undefined)[]): Pick<TrafficEdge, 'calleeView' | 'disagreement'> {
    const calleeView = calleeSum(calleeParts, this.thresholds);
    if (!calleeView) return {};
    const disagreement = disagreementOf(stats, calleeView, this.thresholds);
    return disagreement ? { calleeView, disagreement } : { calleeView };
  }

  build(kind: ViewKind, datacenter: string): TrafficView {
    const edges: TrafficEdge[] = [];
    const incoming = new Map<NodeId, TrafficStats[]>();
    const outgoing = new Map<NodeId, TrafficStats[]>();
    for (const e of this.edges.values()) {
      const stats = e.parts.length === 1 && e.parts[0] ? e.parts[0] : sumStats(e.parts, this.thresholds);
      edges.push({ source: e.source, target: e.target, stats, ...healthOf(stats, this.thresholds), ...this.sides(stats, e.calleeParts) });
      push(incoming, e.target, stats);
      push(outgoing, e.source, stats);
    }
    const nodes: TrafficNode[] = [];
    for (const n of this.nodes.values()) {
      const inStats = statsOf(incoming.get(n.id), this.thresholds);
      const outStats = statsOf(outgoing.get(n.id), this.thresholds);
      // A node is judged on what it serves; a pure source (the internet) on what it sends.
      const verdict = healthOf(incoming.has(n.id) ? inStats : outStats, this.thresholds);
      nodes.push({ ...n, incoming: inStats, outgoing: outStats, ...verdict });
    }
    nodes.sort((a, b) => compare(a.id, b.id));
    edges.sort((a, b) => compare(a.source, b.source) || compare(a.target, b.target));
    return { kind, datacenter, nodes, edges };
  }
}

/** `a.localeCompare(b)`, with the collator made once (the same default locale and options). */
const compare = new Intl.Collator().compare;

/** The callee view of a drawn edge: only when every summed part has one (else it would compare apples and pears). */
function calleeSum(parts: readonly (TrafficStats | undefined)[], thresholds: Thresholds): TrafficStats | undefined {
  const present = parts.filter((p): p is TrafficStats => p !== undefined);
  if (present.length === 0 || present.length < parts.length) return undefined;
  return present.length === 1 ? present[0] : sumStats(present, thresholds);
}

function push(map: Map<NodeId, TrafficStats[]>, id: NodeId, stats: TrafficStats): void {
  const list = map.get(id);
  if (list) list.push(stats);
  else map.set(id, [stats]);
}

function statsOf(parts: TrafficStats[] | undefined, thresholds: Thresholds): TrafficStats {
  if (!parts || parts.length === 0) return EMPTY_STATS;
  return sumStats(parts, thresholds);
}

/** Where an endpoint stands in the view of datacenter `dc`. */
export function placeInDatacenter(e: Endpoint, dc: string): PlacedNode {
  if (e.kind === 'internet') return { id: INTERNET, kind: 'internet' };
  if (e.dc === dc) return { id: nodeIdOf(e.name), kind: e.kind, datacenter: dc as DatacenterId };
  if (e.dc === '') return { id: nodeIdOf(e.name), kind: e.kind === 'service' ? 'service' : 'external' };
  return { id: remoteNodeId(e.dc), kind: 'remote', datacenter: e.dc as DatacenterId };
}

export function belongsTo(e: Endpoint, dc: string): boolean {
  return e.kind !== 'internet' && e.dc === dc;
}

/** A raw edge with its stats finished once, whatever the number of views showing it. */
export interface FinishedEdge {
  readonly source: Endpoint;
  readonly target: Endpoint;
  readonly stats: TrafficStats;
  readonly calleeStats?: TrafficStats;
}

export function finishEdges(edges: readonly RawEdge[], thresholds: Thresholds): FinishedEdge[] {
  return edges.map((e) => {
    const stats = finishStats(e.acc, thresholds);
    return e.callee ? { source: e.source, target: e.target, stats, calleeStats: finishStats(e.callee, thresholds) } : { source: e.source, target: e.target, stats };
  });
}

/** The edges of each datacenter view (those that start or end in it), in the order given. */
export function edgesByDatacenter(edges: readonly FinishedEdge[], datacenters: readonly string[]): Map<string, FinishedEdge[]> {
  const byDc = new Map<string, FinishedEdge[]>(datacenters.map((dc) => [dc, []]));
  for (const edge of edges) {
    const from = edge.source.kind === 'internet' ? undefined : edge.source.dc;
    const to = edge.target.kind === 'internet' ? undefined : edge.target.dc;
    if (from !== undefined) byDc.get(from)?.push(edge);
    if (to !== undefined && to !== from) byDc.get(to)?.push(edge);
  }
  return byDc;
}

/** The datacenter view: every call that starts or ends in `dc` (`edges`: those of `dc` only). */
export function datacenterView(dc: string, edges: readonly FinishedEdge[], services: readonly string[], thresholds: Thresholds): TrafficView {
  const view = new ViewBuilder(thresholds);
  for (const name of services) view.addNode({ id: nodeIdOf(name), kind: 'service', datacenter: dc as DatacenterId });
  for (const edge of edges) {
    if (!belongsTo(edge.source, dc) && !belongsTo(edge.target, dc)) continue;
    view.addEdge(placeInDatacenter(edge.source, dc), placeInDatacenter(edge.target, dc), edge.stats, edge.calleeStats);
  }
  return view.build('datacenter', dc);
}

/** The global view: the internet and the datacenters, with the traffic between them. */
export function globalView(datacenters: readonly string[], edges: readonly FinishedEdge[], thresholds: Thresholds): TrafficView {
  const view = new ViewBuilder(thresholds);
  const nodes = new Map<string, PlacedNode>(datacenters.map((dc) => [dc, { id: dc as NodeId, kind: 'datacenter', datacenter: dc as DatacenterId }]));
  const internet: PlacedNode = { id: INTERNET, kind: 'internet' };
  view.addNode(internet);
  for (const node of nodes.values()) view.addNode(node);
  for (const edge of edges) {
    const from = edge.source.kind === 'internet' ? INTERNET : edge.source.dc;
    const to = edge.target.kind === 'internet' ? '' : edge.target.dc;
    if (!to || from === to) continue;
    const target = nodes.get(to);
    const source = from === INTERNET ? internet : nodes.get(from);
    if (!target || !source) continue;
    view.addEdge(source, target, edge.stats, edge.calleeStats);
  }
  return view.build('global', '');
}

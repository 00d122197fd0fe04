import type { Endpoint } from './endpoints.ts';
import type { RawEdge } from './edges.ts';
import { judgedEdge } from './edgeVerdict.ts';
import { keptNodes } from './cap.ts';
import { HealthRules } from './healthRules.ts';
import type { HealthRule, RuleSubject, RuleVerdict } from './healthRules.ts';
import type { StatsSum } from './stats.ts';
import { EMPTY_STATS } from './stats.ts';
import { addTo, finished, sumOf, summed } from './edgeSums.ts';
import type { EdgeAccumulators, EdgeStats } from './edgeSums.ts';
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

export interface PlacedNode {
  readonly id: NodeId;
  readonly kind: NodeKind;
  readonly datacenter?: DatacenterId;
}

/** A view and what its cap left out (`allNodes`: every node, judged on all its traffic). */
export interface BuiltView {
  readonly view: TrafficView;
  readonly allNodes: readonly TrafficNode[];
}

/**
 * Collects edges (summing those that land on the same pair of nodes) and assembles a view. The
 * shown edges are judged (health, disagreement) and made last, for the nodes the cap keeps only:
 * a datacenter of thousands of services has tens of thousands of edges, of which a capped view
 * shows a few hundred.
 */
export class ViewBuilder {
  private readonly nodes = new Map<NodeId, PlacedNode>();
  /** Index in the lists below by source, then target: no key string per edge; the order first met. */
  private readonly edges = new Map<NodeId, Map<NodeId, number>>();
  private readonly sources: NodeId[] = [];
  private readonly targets: NodeId[] = [];
  /** The first edge of each pair (when several land on it, all are in `parts`, summed in `build`). */
  private readonly pairs: (EdgeAccumulators | null)[] = [];
  private readonly parts = new Map<number, EdgeAccumulators[]>();
  /** Every edge added, in order, and the index of its pair (for `fold`). */
  private readonly added: EdgeAccumulators[] = [];
  private readonly pairOf: number[] = [];

  /** `groupOf`: a service's group where known (the service list), for overrides by group pattern. */
  constructor(private readonly thresholds: Thresholds, private readonly groupOf?: GroupOf) {}

  addNode(node: PlacedNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  /** `edge`: its caller and callee views, placed between `source` and `target`. */
  addEdge(source: PlacedNode, target: PlacedNode, edge: EdgeAccumulators): void {
    this.addNode(source);
    this.addNode(target);
    this.addEdgeBetweenAdded(source, target, edge);
  }

  /** `addEdge` between nodes already added (a caller that adds each node once saves the lookups). */
  addEdgeBetweenAdded(source: PlacedNode, target: PlacedNode, edge: EdgeAccumulators): void {
    this.addPart(this.pairIndex(source.id, target.id), edge);
  }

  /** The index of the pair from `source` to `target`, made when new (its first part added next). */
  private pairIndex(source: NodeId, target: NodeId): number {
    let byTarget = this.edges.get(source);
    if (!byTarget) this.edges.set(source, (byTarget = new Map()));
    const index = byTarget.get(target);
    if (index !== undefined) return index;
    byTarget.set(target, this.pairs.length);
    this.sources.push(source);
    this.targets.push(target);
    this.pairs.push(null);
    return this.pairs.length - 1;
  }

  private addPart(index: number, edge: EdgeAccumulators): void {
    this.added.push(edge);
    this.pairOf.push(index);
    const first = this.pairs[index];
    if (first === null || first === undefined) {
      this.pairs[index] = edge;
      return;
    }
    const parts = this.parts.get(index);
    if (parts) parts.push(edge);
    else this.parts.set(index, [first, edge]);
  }

  /**
   * This builder's nodes and edges again, with the nodes `rename` gives another node for folded
   * into it: what adding the same edges between the renamed nodes would make (the same pairs in
   * the same order, each summing its parts in the order they were added), without placing each
   * edge again. A view over its cap is built once to rank its nodes, then folded.
   */
  fold(rename: (node: PlacedNode) => PlacedNode | null): ViewBuilder {
    const out = new ViewBuilder(this.thresholds, this.groupOf);
    const renamed = new Map<NodeId, NodeId>();
    for (const n of this.nodes.values()) {
      const f = rename(n);
      out.addNode(f ?? n);
      if (f) renamed.set(n.id, f.id);
    }
    const { sources, targets, added, pairOf } = this;
    const to = new Int32Array(this.pairs.length).fill(-1);
    for (let k = 0; k < added.length; k++) {
      const p = pairOf[k] as number;
      let q = to[p] as number;
      if (q < 0) {
        const s = sources[p] as NodeId;
        const t = targets[p] as NodeId;
        q = to[p] = out.pairIndex(renamed.get(s) ?? s, renamed.get(t) ?? t);
      }
      out.addPart(q, added[k] as EdgeAccumulators);
    }
    return out;
  }

  /** The number of nodes. */
  get size(): number {
    return this.nodes.size;
  }

  /**
   * Each node with its incoming plus outgoing rate as `build` sums them (the same numbers its
   * nodes' stats hold), in the order added: what a cap ranks, without judging or sorting nodes.
   */
  ranking(): RankedNode[] {
    const t = this.thresholds;
    const { incoming, outgoing } = this.sums();
    const out: RankedNode[] = [];
    for (const n of this.nodes.values()) {
      const rate = (incoming.get(n.id)?.finish(t).rate ?? 0) + (outgoing.get(n.id)?.finish(t).rate ?? 0);
      out.push({ id: n.id, kind: n.kind, rate });
    }
    return out;
  }

  /** The sums of the pairs with several parts, and each node's incoming and outgoing sums. */
  private sums(): { sums: Map<number, EdgeStats>; incoming: Map<NodeId, StatsSum>; outgoing: Map<NodeId, StatsSum> } {
    const t = this.thresholds;
    const { sources, targets, pairs } = this;
    const sums = new Map<number, EdgeStats>();
    for (const [index, parts] of this.parts) sums.set(index, summed(parts, t));
    const incoming = new Map<NodeId, StatsSum>();
    const outgoing = new Map<NodeId, StatsSum>();
    for (let i = 0; i < pairs.length; i++) {
      const sum = sums.get(i);
      const acc = (pairs[i] as EdgeAccumulators).acc;
      addTo(sumOf(incoming, targets[i] as NodeId), sum, acc);
      addTo(sumOf(outgoing, sources[i] as NodeId), sum, acc);
    }
    return { sums, incoming, outgoing };
  }

  /** The view, with the `maxNodes` busiest nodes and the edges between them (see `keptNodes`). */
  build(kind: ViewKind, datacenter: string, maxNodes = Infinity): BuiltView {
    const t = this.thresholds;
    const { sources, targets, pairs } = this;
    const { sums, incoming, outgoing } = this.sums();
    const allNodes: TrafficNode[] = [];
    const rules = HealthRules.of(t);
    // Each node's rule, found once (edges are judged by their callee's); without overrides, the default's.
    const ruleOf = rules.hasOverrides ? new Map<NodeId, HealthRule>() : null;
    for (const n of this.nodes.values()) {
      const inSum = incoming.get(n.id);
      const outSum = outgoing.get(n.id);
      const inStats = inSum ? inSum.finish(t) : EMPTY_STATS;
      const outStats = outSum ? outSum.finish(t) : EMPTY_STATS;
      let rule = rules.fallback;
      if (ruleOf) ruleOf.set(n.id, (rule = rules.ruleFor(subjectOf(n, datacenter, this.groupOf))));
      // A node is judged on what it serves; a pure source (the internet) on what it sends.
      const verdict = rules.judge(inSum ? inStats : outStats, rule);
      allNodes.push(judgedNode(n, inStats, outStats, verdict));
    }
    allNodes.sort((a, b) => compare(a.id, b.id));
    const keep = keptNodes(allNodes, maxNodes);
    const nodes = keep ? allNodes.filter((n) => keep.has(n.id)) : allNodes;
    const edges: TrafficEdge[] = [];
    for (let i = 0; i < pairs.length; i++) {
      const source = sources[i] as NodeId;
      const target = targets[i] as NodeId;
      if (keep && !(keep.has(source) && keep.has(target))) continue;
      const { stats, calleeView, hosts } = sums.get(i) ?? finished(pairs[i] as EdgeAccumulators, t);
      const edge = judgedEdge(source, target, stats, calleeView, t, rules.judge(stats, ruleOf?.get(target) ?? rules.fallback));
      edges.push(hosts ? { ...edge, hosts } : edge);
    }
    return { view: { kind, datacenter, nodes, edges: sortEdges(edges, nodes) }, allNodes };
  }
}

/** A node and its traffic (incoming plus outgoing request rate), as a cap ranks it. */
export interface RankedNode {
  readonly id: NodeId;
  readonly kind: NodeKind;
  readonly rate: number;
}

/**
 * `{ ...n, incoming, outgoing, ...verdict }` as literals (two spreads into one object go through
 * the runtime's generic copy, once per node of a build).
 */
function judgedNode(n: PlacedNode, incoming: TrafficStats, outgoing: TrafficStats, verdict: RuleVerdict): TrafficNode {
  const { id, kind, datacenter } = n;
  const node: { -readonly [K in keyof TrafficNode]: TrafficNode[K] } = datacenter === undefined
    ? { id, kind, incoming, outgoing, health: verdict.health }
    : { id, kind, datacenter, incoming, outgoing, health: verdict.health };
  if (verdict.notice !== undefined) node.notice = verdict.notice;
  if (verdict.healthReason !== undefined) node.healthReason = verdict.healthReason;
  return node;
}

/** A service's group by datacenter and name; undefined when unknown or it has none. */
export type GroupOf = (datacenter: string, service: string) => string | undefined;

/** What the override patterns see of a placed node (in the view of datacenter `dc`, '' for the global view). */
function subjectOf(n: PlacedNode, dc: string, groupOf: GroupOf | undefined): RuleSubject {
  const where = n.datacenter ?? (dc === '' ? undefined : dc);
  const name = n.id.startsWith(ESCAPED_PREFIX) ? n.id.slice(ESCAPED_PREFIX.length) : n.id;
  switch (n.kind) {
    case 'service':
    case 'external': return { name, group: where === undefined ? undefined : groupOf?.(where, name), datacenter: where };
    case 'group': return { group: name, datacenter: where };
    case 'datacenter':
    case 'remote': return { datacenter: n.datacenter };
    case 'more': return { datacenter: where };
    default: return {};
  }
}

/** `a.localeCompare(b)`, with the collator made once (the same default locale and options): the order of a view's nodes. */
export const compare = new Intl.Collator().compare;

/**
 * Edges by source, then target, in the collator's order (a stable sort, as
 * `compare(a.source, b.source) || compare(a.target, b.target)`): ids are ranked once from the
 * sorted nodes (ids the collator finds equal share a rank), and edges sorted by numbers.
 */
function sortEdges(edges: TrafficEdge[], sortedNodes: readonly TrafficNode[]): TrafficEdge[] {
  const rank = new Map<NodeId, number>();
  let r = 0;
  for (let i = 0; i < sortedNodes.length; i++) {
    const id = (sortedNodes[i] as TrafficNode).id;
    if (i > 0 && compare((sortedNodes[i - 1] as TrafficNode).id, id) !== 0) r = i;
    rank.set(id, r);
  }
  const n = sortedNodes.length;
  const keys = edges.map((e) => (rank.get(e.source) ?? 0) * n + (rank.get(e.target) ?? 0));
  const order = edges.map((_, i) => i);
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number));
  return order.map((i) => edges[i] as TrafficEdge);
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

/** The edges of each datacenter view (those that start or end in it), in the order given. */
export function edgesByDatacenter(edges: readonly RawEdge[], datacenters: readonly string[]): Map<string, RawEdge[]> {
  const byDc = new Map<string, RawEdge[]>(datacenters.map((dc) => [dc, []]));
  for (const edge of edges) {
    const from = edge.source.kind === 'internet' ? undefined : edge.source.dc;
    const to = edge.target.kind === 'internet' ? undefined : edge.target.dc;
    if (from !== undefined) byDc.get(from)?.push(edge);
    if (to !== undefined && to !== from) byDc.get(to)?.push(edge);
  }
  return byDc;
}

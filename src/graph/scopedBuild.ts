import { collectEdges } from './edges.ts';
import type { RawEdge } from './edges.ts';
import { datacenterFilter, instrumentation, knownDatacenter, serviceKey, splitServiceKey } from './endpoints.ts';
import { PeerResolver } from './peerResolver.ts';
import type { PeerDirectory } from './peerResolver.ts';
import type { Endpoint, Instrumentation } from './endpoints.ts';
import { focusView } from './focus.ts';
import type { ViewScope } from './scope.ts';
import { ViewBuilder, belongsTo, compare, edgesByDatacenter, nodeIdOf, placeInDatacenter } from './views.ts';
import { EMPTY_STATS } from './stats.ts';
import type { GroupOf, PlacedNode, RankedNode } from './views.ts';
import { INTERNET } from './types.ts';
import type { BuildParams, DataProblem, DatacenterId, NodeId, NodeKind, TrafficGraph, TrafficInput, TrafficNode, TrafficView } from './types.ts';

/** What the scoped build knows of the platform beyond the view's answers (from the service list). */
export interface ScopeContext {
  /** The groups of the view's datacenter, by name: the number of services in each. */
  readonly groups?: ReadonlyMap<string, number>;
  /** The datacenters to place in the global view (listed, else those the list saw). */
  readonly datacenters?: readonly string[];
  /** Every service of the platform (the service list): a callee named by host resolves to one of them. */
  readonly directory?: PeerDirectory;
  /** A service's group (the service list), for threshold overrides by group pattern. */
  readonly groupOf?: GroupOf;
}

/** The id of the node standing for the services a capped view leaves out. */
export const MORE_NODE = '…' as NodeId;

/**
 * From the answers of one view's queries (see conventions/viewQueries.ts: their nodes are already
 * the view's nodes) to the graph the app draws: the global view at the global level, else the one
 * datacenter view the scope asks for (its groups, one group's services, or one service's
 * neighbours). A view with more nodes than `maxNodesPerView` keeps the busiest and folds the rest
 * into one "N quieter" node carrying their traffic. Pure; never throws on odd data.
 */
export function buildScopedGraph(input: TrafficInput, params: BuildParams, scope: ViewScope, context: ScopeContext = {}): TrafficGraph {
  const problems: DataProblem[] = [];
  const known = scope.level === 'global' ? params.datacenters : undefined;
  const inst = instrumentation(input, datacenterFilter(known, problems));
  // Peers named by host resolve to the view's nodes, or (services and focus) to any service of the list.
  const listedDcs = context.datacenters ?? [];
  const byName = scope.level === 'focus' || (scope.level === 'datacenter' && !scope.grouped);
  const directory = new ViewDirectory(inst, listedDcs, byName ? context.directory : undefined);
  const peers = new PeerResolver(params.peerRules ?? [], directory, { hostNotices: params.peersAreHosts === true });
  const edges = collectEdges(input, inst, params.internetPeers, problems, knownDatacenter(known), peers);
  if (scope.level === 'global') {
    const dcs = context.datacenters ?? params.datacenters ?? [...inst.datacenters].sort();
    return { global: scopedGlobalView(dcs, edges, params), datacenters: {}, problems };
  }
  const dc = scope.dc;
  const kinds = new NodeKinds(scope, context.groups);
  const services: string[] = [];
  for (const key of inst.services) {
    const [d, name] = splitServiceKey(key);
    if (d === dc) services.push(name);
  }
  const dcEdges = edgesByDatacenter(edges, [dc]).get(dc) ?? [];
  // The services of a group view are the group's, also before the service list arrives.
  const listed = context.groupOf;
  const groupOf: GroupOf | undefined = scope.level === 'group'
    ? (d, name) => listed?.(d, name) ?? (d === dc ? scope.group : undefined)
    : listed;
  const focus = scope.level === 'focus';
  const builder = placedView(dc, dcEdges, focus ? [] : services, params, groupOf, kinds);
  const max = params.maxNodesPerView;
  let capped: { view: TrafficView; hidden: number };
  if (!focus && builder.size > max) {
    // Over the cap, the nodes are ranked (not judged) and the view is built once, the quieter folded.
    capped = capWithAggregate({ kind: 'datacenter' }, builder.ranking(), max, dc, builder);
  } else {
    let view = builder.build('datacenter', dc).view;
    if (scope.level === 'focus') {
      view = focusView(view, nodeIdOf(scope.service)) ?? { kind: 'focus', datacenter: dc, focus: nodeIdOf(scope.service), nodes: [], edges: [] };
    }
    const ranked = view.nodes.map((n) => ({ id: n.id, kind: n.kind, rate: n.incoming.rate + n.outgoing.rate }));
    capped = ranked.length > max ? capWithAggregate(view, ranked, max, dc, builder) : { view, hidden: 0 };
  }
  if (capped.hidden > 0) problems.push({ kind: 'capped', datacenter: dc, shown: capped.view.nodes.length - 1, total: capped.view.nodes.length - 1 + capped.hidden });
  // The global level keeps its nodes (no numbers: they are not read here), so the renderer's root
  // stays the same from level to level; only the datacenter read is filled in.
  const rootNodes: TrafficNode[] = [INTERNET as NodeId, ...distinct(listedDcs, dc)].map((id) => (
    id === INTERNET
      ? { id: INTERNET, kind: 'internet' as NodeKind, incoming: EMPTY_STATS, outgoing: EMPTY_STATS, health: 'normal' as const }
      : { id: id as NodeId, kind: 'datacenter' as NodeKind, datacenter: id as DatacenterId, incoming: EMPTY_STATS, outgoing: EMPTY_STATS, health: 'normal' as const }
  ));
  return { global: { kind: 'global', datacenter: '', nodes: rootNodes, edges: [] }, datacenters: Object.fromEntries([[dc, capped.view]]), problems };
}

/** `[...new Set([...list, last])]` without the set (a few datacenters, once per build). */
function distinct(list: readonly string[], last: string): string[] {
  const out: string[] = [];
  for (const id of list) if (!out.includes(id)) out.push(id);
  if (!out.includes(last)) out.push(last);
  return out;
}

/**
 * Peers named by host resolve to the view's nodes, or (`list`: services and focus views) to any
 * service of the service list. An object with methods, not closures: one is made per build.
 */
class ViewDirectory implements PeerDirectory {
  constructor(private readonly inst: Instrumentation, private readonly listedDcs: readonly string[], private readonly list: PeerDirectory | undefined) {}

  hasService(dc: string, name: string): boolean {
    return this.inst.services.has(serviceKey(dc, name)) || (this.list !== undefined && this.list.hasService(dc, name));
  }

  hasDatacenter(dc: string): boolean {
    return this.inst.datacenters.has(dc) || this.listedDcs.includes(dc) || (this.list !== undefined && this.list.hasDatacenter(dc));
  }
}

/** The kind of a node of the view: a service node named like a group of the list is that group. */
class NodeKinds {
  constructor(private readonly scope: ViewScope, private readonly groups: ReadonlyMap<string, number> | undefined) {}

  /** By name: a group named like a reserved node (INTERNET, dc:x) has an escaped id. */
  of(id: NodeId, kind: NodeKind): NodeKind {
    const { scope, groups } = this;
    if (kind !== 'service' || !groups) return kind;
    const name = displayless(id);
    if (scope.level === 'datacenter' && scope.grouped) return groups.has(name) ? 'group' : kind;
    if (scope.level === 'group') return groups.has(name) && name !== scope.group ? 'group' : kind;
    return kind;
  }
}

/**
 * The builder of the datacenter view of `edges` (those of `dc`), node kinds adjusted: every node
 * of the view and its edges (see `ViewBuilder.build` for the view, `fold` to fold nodes).
 */
function placedView(dc: string, edges: readonly RawEdge[], services: readonly string[], params: BuildParams, groupOf: GroupOf | undefined, kinds: NodeKinds): ViewBuilder {
  const builder = new ViewBuilder(params.thresholds, groupOf);
  // Endpoints are shared by the edges of a build (see `EndpointTable`): each is placed once.
  const placed = new Map<Endpoint, PlacedNode>();
  for (const name of services) {
    const id = nodeIdOf(name);
    builder.addNode({ id, kind: kinds.of(id, 'service'), datacenter: dc as DatacenterId });
  }
  for (const edge of edges) {
    if (!belongsTo(edge.source, dc) && !belongsTo(edge.target, dc)) continue;
    const source = placeOnce(placed, edge.source, dc, kinds, builder);
    builder.addEdgeBetweenAdded(source, placeOnce(placed, edge.target, dc, kinds, builder), edge);
  }
  return builder;
}

/** Where `e` stands in the view of `dc` (kind adjusted), placed once per build (`placed`) and added to `builder` then. */
function placeOnce(placed: Map<Endpoint, PlacedNode>, e: Endpoint, dc: string, kinds: NodeKinds, builder: ViewBuilder): PlacedNode {
  let node = placed.get(e);
  if (node) return node;
  const p = placeInDatacenter(e, dc);
  node = { ...p, kind: kinds.of(p.id, p.kind) };
  placed.set(e, node);
  builder.addNode(node);
  return node;
}

/**
 * A view of at most `max` nodes: the internet, other datacenters and the focused service always
 * stay; of the rest the busiest; the others become one node (`MORE_NODE`) whose edges sum theirs.
 * `allNodes`: every node of the view, ranked by its traffic.
 */
function capWithAggregate(
  view: Pick<TrafficView, 'kind' | 'focus'>, allNodes: readonly RankedNode[], max: number, dc: string, builder: ViewBuilder,
): { view: TrafficView; hidden: number } {
  const always = (n: RankedNode): boolean => n.kind === 'internet' || n.kind === 'remote' || n.id === view.focus;
  // The busiest first; of equal traffic, in the order of the view's nodes (by name).
  const rest = allNodes.filter((n) => !always(n)).sort((a, b) => b.rate - a.rate || compare(a.id, b.id));
  const room = Math.max(0, max - 1 - allNodes.filter(always).length);
  const kept = new Set<NodeId>([...allNodes.filter(always), ...rest.slice(0, room)].map((n) => n.id));
  const hidden = allNodes.length - kept.size;
  const more = `${MORE_NODE}${hidden} more` as NodeId;
  const shown = new Set(allNodes.map((n) => n.id));
  const moreNode: PlacedNode = { id: more, kind: 'more', datacenter: dc as DatacenterId };
  let folded = builder.fold((n) => (kept.has(n.id) || !shown.has(n.id) ? null : moreNode)).build('datacenter', dc).view;
  if (view.kind === 'focus' && view.focus) {
    // Only the edges of the focused service (and the fold of its quieter neighbours).
    const f = view.focus;
    const fedges = folded.edges.filter((e) => e.source === f || e.target === f);
    const ids = new Set<NodeId>([f]);
    for (const e of fedges) { ids.add(e.source); ids.add(e.target); }
    folded = { ...folded, kind: 'focus', focus: f, nodes: folded.nodes.filter((n) => ids.has(n.id)), edges: fedges };
  } else {
    folded = { ...folded, kind: view.kind };
  }
  const nodes = folded.nodes.map((n) => (n.id === more ? { ...n, kind: 'more' as NodeKind, hidden } : n));
  return { view: { ...folded, nodes }, hidden };
}

/** A service node's name from its id (ids of reserved-looking names carry an escape). */
function displayless(id: NodeId): string {
  return id.startsWith('svc:') ? id.slice(4) : id;
}

/**
 * The global view of the view answers: the internet and each datacenter, with the traffic between
 * them. A datacenter's own traffic (its services calling each other) is not drawn but counts in its
 * totals and its health.
 */
function scopedGlobalView(datacenters: readonly string[], edges: readonly RawEdge[], params: BuildParams): TrafficView {
  const builder = new ViewBuilder(params.thresholds);
  const nodes = new Map<string, { id: NodeId; kind: NodeKind; datacenter: DatacenterId }>(
    datacenters.map((dc) => [dc, { id: dc as NodeId, kind: 'datacenter', datacenter: dc as DatacenterId }]),
  );
  const internet = { id: INTERNET, kind: 'internet' as NodeKind };
  builder.addNode(internet);
  for (const node of nodes.values()) builder.addNode(node);
  for (const edge of edges) {
    const from = edge.source.kind === 'internet' ? INTERNET : edge.source.dc;
    const to = edge.target.kind === 'internet' ? '' : edge.target.dc;
    const target = nodes.get(to);
    const source = from === INTERNET ? internet : nodes.get(from);
    if (!target || !source) continue;
    builder.addEdge(source, target, edge);
  }
  const view = builder.build('global', '').view;
  // Self edges carry a datacenter's own traffic: counted in its node above, not drawn.
  return { ...view, edges: view.edges.filter((e) => e.source !== e.target) };
}

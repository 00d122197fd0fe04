import { nodeIdOf, remoteNodeId } from '../graph/views.ts';
import type { FiringAlert, NodeId, TrafficEdge, TrafficGraph, TrafficNode, TrafficView } from '../graph/types.ts';
import type { LocatedAlert, ServiceRef } from './locate.ts';
import { compareAlerts } from './severity.ts';

/**
 * Puts located alerts on the nodes and edges of a built graph (the `alerts` field), rolled up to
 * what each view draws: a service's alerts on its node, on its group's node (a grouped datacenter,
 * a neighbouring group), on its datacenter's node (the global view, another datacenter's node).
 * A call's alerts on the edge between the nodes of its ends, or on the node both ends fall into;
 * when the view draws no such edge, on the callee's node (both ends' when the direction is unknown).
 * Pure: a new graph; views without alerts are returned as they were.
 */

/** The group of a service (from the service list); '' when it has none. */
export type GroupOf = (dc: string, service: string) => string;

export function placeAlerts(graph: TrafficGraph, located: readonly LocatedAlert[], groupOf: GroupOf): TrafficGraph {
  if (located.length === 0) return graph;
  const datacenters: Record<string, TrafficView> = {};
  for (const [dc, view] of Object.entries(graph.datacenters)) datacenters[dc] = placeInView(view, located, groupOf);
  return { ...graph, global: placeInView(graph.global, located, groupOf), datacenters };
}

export function placeInView(view: TrafficView, located: readonly LocatedAlert[], groupOf: GroupOf): TrafficView {
  const nodes = new Map<NodeId, TrafficNode>(view.nodes.map((n) => [n.id, n]));
  const edgeKeys = new Set(view.edges.map((e) => edgeKey(e.source, e.target)));
  const onNodes = new Map<NodeId, FiringAlert[]>();
  const onEdges = new Map<string, FiringAlert[]>();
  const put = <K>(map: Map<K, FiringAlert[]>, key: K, alert: FiringAlert): void => {
    const list = map.get(key);
    if (!list) map.set(key, [alert]);
    else if (!list.includes(alert)) list.push(alert);
  };
  const nodeOf = (ref: ServiceRef): NodeId | null => {
    if (view.kind === 'global') return has(nodes, ref.dc as NodeId);
    if (ref.dc !== view.datacenter) return has(nodes, remoteNodeId(ref.dc));
    const own = nodes.get(nodeIdOf(ref.service));
    if (own && (own.kind === 'service' || own.kind === 'external')) return own.id;
    const group = groupOf(ref.dc, ref.service);
    const groupNode = group === '' ? undefined : nodes.get(nodeIdOf(group));
    return groupNode && groupNode.kind === 'group' ? groupNode.id : null;
  };
  for (const { alert, place } of located) {
    switch (place.kind) {
      case 'unplaced':
        break;
      case 'datacenter': {
        const id = view.kind === 'global' ? has(nodes, place.dc as NodeId) : place.dc === view.datacenter ? null : has(nodes, remoteNodeId(place.dc));
        if (id) put(onNodes, id, alert);
        break;
      }
      case 'external': {
        const node = nodes.get(nodeIdOf(place.service));
        if (node?.kind === 'external') put(onNodes, node.id, alert);
        break;
      }
      case 'service': {
        const id = nodeOf(place.at);
        if (id) put(onNodes, id, alert);
        break;
      }
      case 'call': {
        const a = nodeOf(place.from);
        const b = nodeOf(place.to);
        if (a && b && a === b) {
          put(onNodes, a, alert);
          break;
        }
        const drawn = a && b
          ? [[a, b], ...(place.directed ? [] : [[b, a]])].filter(([s, t]) => edgeKeys.has(edgeKey(s ?? '', t ?? '')))
          : [];
        if (drawn.length > 0) {
          for (const [s, t] of drawn) put(onEdges, edgeKey(s ?? '', t ?? ''), alert);
        } else if (place.directed && b) {
          put(onNodes, b, alert);
        } else {
          if (a) put(onNodes, a, alert);
          if (b) put(onNodes, b, alert);
        }
        break;
      }
    }
  }
  if (onNodes.size === 0 && onEdges.size === 0) return view;
  return {
    ...view,
    nodes: view.nodes.map((n) => withAlerts(n, onNodes.get(n.id))),
    edges: view.edges.map((e) => withAlerts(e, onEdges.get(edgeKey(e.source, e.target)))),
  };
}

function withAlerts<T extends TrafficNode | TrafficEdge>(item: T, alerts: FiringAlert[] | undefined): T {
  return alerts ? { ...item, alerts: alerts.sort(compareAlerts) } : item;
}

function has(nodes: ReadonlyMap<NodeId, TrafficNode>, id: NodeId): NodeId | null {
  return nodes.has(id) ? id : null;
}

function edgeKey(source: string, target: string): string {
  return JSON.stringify([source, target]);
}

/**
 * The alerts a view cannot show on a node: those that name none (with the reason), those naming
 * a service the list lacks that the view draws no external node for, and, in a datacenter's own
 * views, those about the whole datacenter.
 */
export function offMapAlerts(located: readonly LocatedAlert[], view: TrafficView | undefined): { alert: FiringAlert; reason: string }[] {
  const out: { alert: FiringAlert; reason: string }[] = [];
  for (const { alert, place } of located) {
    if (place.kind === 'unplaced') out.push({ alert, reason: place.reason });
    else if (place.kind === 'external' && !view?.nodes.some((n) => n.kind === 'external' && n.id === nodeIdOf(place.service))) out.push({ alert, reason: place.reason });
    else if (place.kind === 'datacenter' && view && view.kind !== 'global' && view.datacenter === place.dc) out.push({ alert, reason: `about the whole datacenter "${place.dc}"` });
  }
  return out.sort((x, y) => compareAlerts(x.alert, y.alert));
}

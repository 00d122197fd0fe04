/**
 * The views of the whole-platform build (build.ts, the path before view-scoped queries): each
 * datacenter's view and the global view, from every edge of the platform.
 */
import type { Endpoint } from './endpoints.ts';
import type { RawEdge } from './edges.ts';
import { INTERNET } from './types.ts';
import type { DatacenterId, NodeId, Thresholds, TrafficView } from './types.ts';
import { ViewBuilder, belongsTo, nodeIdOf, placeInDatacenter } from './views.ts';
import type { BuiltView, PlacedNode } from './views.ts';

/**
 * The datacenter view: every call that starts or ends in `dc` (`edges`: those of `dc` only),
 * capped at `maxNodes` (see `keptNodes`).
 */
export function datacenterView(dc: string, edges: readonly RawEdge[], services: readonly string[], thresholds: Thresholds, maxNodes = Infinity): BuiltView {
  const view = new ViewBuilder(thresholds);
  for (const name of services) view.addNode({ id: nodeIdOf(name), kind: 'service', datacenter: dc as DatacenterId });
  // Endpoints are shared by the edges of a build (see `EndpointTable`): each is placed once.
  const placed = new Map<Endpoint, PlacedNode>();
  const place = (e: Endpoint): PlacedNode => {
    let node = placed.get(e);
    if (!node) placed.set(e, (node = placeInDatacenter(e, dc)));
    return node;
  };
  for (const edge of edges) {
    if (!belongsTo(edge.source, dc) && !belongsTo(edge.target, dc)) continue;
    view.addEdge(place(edge.source), place(edge.target), edge);
  }
  return view.build('datacenter', dc, maxNodes);
}

/** The global view: the internet and the datacenters, with the traffic between them. */
export function globalView(datacenters: readonly string[], edges: readonly RawEdge[], thresholds: Thresholds): TrafficView {
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
    view.addEdge(source, target, edge);
  }
  return view.build('global', '').view;
}

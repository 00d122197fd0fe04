import { nodeText } from './displayNames.ts';
import { collectEdges } from './edges.ts';
import { datacenterFilter, directoryOf, instrumentation, knownDatacenter, splitServiceKey } from './endpoints.ts';
import { PeerResolver } from './peerResolver.ts';
import { datacenterView, globalView } from './platformViews.ts';
import { edgesByDatacenter } from './views.ts';
import type { BuildParams, DataProblem, Health, TrafficGraph, TrafficInput, TrafficNode, TrafficView } from './types.ts';

/**
 * From one refresh's normalised rows to the whole graph: the global view, one view per
 * datacenter, and the data problems met on the way. Pure; never throws on odd data.
 */
export function buildGraph(input: TrafficInput, params: BuildParams): TrafficGraph {
  const problems: DataProblem[] = [];
  // Rows of datacenters not listed are counted (once each, by the first pass) and left out.
  const inst = instrumentation(input, datacenterFilter(params.datacenters, problems));
  const dcs = params.datacenters ? [...params.datacenters] : [...inst.datacenters].sort();
  const peers = new PeerResolver(params.peerRules ?? [], directoryOf(inst, new Set(dcs)), { hostNotices: params.peersAreHosts === true });
  const edges = collectEdges(input, inst, params.internetPeers, problems, knownDatacenter(params.datacenters), peers);
  const edgesByDc = edgesByDatacenter(edges, dcs);

  const servicesByDc = new Map<string, string[]>(dcs.map((dc) => [dc, []]));
  for (const key of inst.services) {
    const [dc, name] = splitServiceKey(key);
    servicesByDc.get(dc)?.push(name);
  }

  // Maps and Object.fromEntries, not `record[dc] = ...`: a datacenter label is data, and
  // "__proto__" would otherwise set the prototype instead of adding a view.
  const allNodes = new Map<string, readonly TrafficNode[]>();
  const shown: [string, TrafficView][] = [];
  for (const dc of dcs) {
    const built = datacenterView(dc, edgesByDc.get(dc) ?? [], servicesByDc.get(dc) ?? [], params.thresholds, params.maxNodesPerView);
    if (built.view.nodes.length < built.allNodes.length) {
      problems.push({ kind: 'capped', datacenter: dc, shown: built.view.nodes.length, total: built.allNodes.length });
    }
    allNodes.set(dc, built.allNodes);
    shown.push([dc, built.view]);
  }
  // Health is judged on the full views: a failing service the cap hides must still colour its datacenter.
  const global = markDatacenterHealth(globalView(dcs, edges, params.thresholds), allNodes);
  return { global, datacenters: Object.fromEntries(shown), problems };
}

const RANK: Readonly<Record<Health, number>> = { normal: 0, warning: 1, danger: 2 };

/** A datacenter in the global view is as unhealthy as its worst service, and says which. */
function markDatacenterHealth(global: TrafficView, datacenters: ReadonlyMap<string, readonly TrafficNode[]>): TrafficView {
  const nodes = global.nodes.map((node): TrafficNode => {
    const all = node.kind === 'datacenter' ? datacenters.get(node.id) : undefined;
    if (!all) return node;
    let worst: TrafficNode | undefined;
    for (const n of all) {
      if (n.kind !== 'service' || (n.datacenter as string | undefined) !== (node.id as string)) continue;
      if (!worst || RANK[n.health] > RANK[worst.health] || (n.health === worst.health && n.incoming.errorShare > worst.incoming.errorShare)) worst = n;
    }
    // An unhealthy service is named even when the datacenter's own traffic is as unhealthy:
    // "fra1: 6.3% errors" says less on a wall screen than "gateway: 7.4% errors".
    if (!worst || worst.health === 'normal' || RANK[worst.health] < RANK[node.health]) return node;
    const named = { ...node, health: worst.health, notice: `${nodeText(worst)}: ${worst.notice ?? worst.health}` };
    return worst.healthReason === undefined ? named : { ...named, healthReason: `${nodeText(worst)}: ${worst.healthReason}` };
  });
  return { ...global, nodes };
}


/**
 * A small hand-written two-datacenter graph for the app and adapter tests, built by the real
 * `buildGraph`, plus builders of stats, nodes, edges and views for tests that need exact numbers.
 *
 * eu: INTERNET -> web (2xx 100, 4xx 5)        normal   (4xx is no error by default)
 *     web -> api (2xx 50, 5xx 10)             danger   (10/60 = 16.7% errors)
 *     api -> postgres (2xx 97, 5xx 3)         warning  (3% errors; postgres reports nothing: external)
 *     web -> us/search (2xx 20)               normal   (a remote node "dc:us" in eu, "dc:eu" in us)
 * us: INTERNET -> search (2xx 40)             normal
 */
import { buildGraph } from '../../graph/build.ts';
import { STATUS_CLASSES } from '../../graph/types.ts';
import type {
  BuildParams, Health, NodeId, NodeKind, StatusClass, Thresholds, TrafficEdge, TrafficGraph, TrafficNode,
  TrafficStats, TrafficView,
} from '../../graph/types.ts';

export const THRESHOLDS: Thresholds = { warning: 0.01, danger: 0.05, errorClasses: ['5xx', 'none'], minRate: 0.05 };

export const PARAMS: BuildParams = { thresholds: THRESHOLDS, datacenters: ['eu', 'us'], internetPeers: ['internet'], maxNodesPerView: 100 };

// Row builders shared with the graph's own fixtures (one definition of the `dc/service` notation).
export { latency, rate } from '../../graph/__fixtures__/rows.ts';
import { latency, rate } from '../../graph/__fixtures__/rows.ts';

export function smallGraph(): TrafficGraph {
  return buildGraph(
    {
      egressRate: [
        ...rate('eu/web', 'eu/api', { '2xx': 50, '5xx': 10 }),
        ...rate('eu/api', 'eu/postgres', { '2xx': 97, '5xx': 3 }),
        ...rate('eu/web', 'us/search', { '2xx': 20 }),
      ],
      ingressRate: [
        ...rate('eu/web', '/internet', { '2xx': 100, '4xx': 5 }),
        ...rate('eu/api', 'eu/web', { '2xx': 50, '5xx': 10 }),
        ...rate('us/search', '/internet', { '2xx': 40 }),
        ...rate('us/search', 'eu/web', { '2xx': 20 }),
      ],
      egressLatency: [latency('eu/web', 'eu/api', 0.12), latency('eu/api', 'eu/postgres', 0.004)],
      ingressLatency: [latency('eu/web', '/internet', 0.2)],
    },
    PARAMS,
  );
}

/** Stats with the given rate per class; error share over 5xx + none. */
export function stats(classes: Partial<Record<StatusClass, number>>, latencySeconds = NaN): TrafficStats {
  const byClass = Object.fromEntries(STATUS_CLASSES.map((c) => [c, classes[c] ?? 0])) as Record<StatusClass, number>;
  const total = STATUS_CLASSES.reduce((sum, c) => sum + byClass[c], 0);
  return { rate: total, byClass, errorShare: total > 0 ? (byClass['5xx'] + byClass.none) / total : NaN, latency: latencySeconds };
}

export function edge(source: string, target: string, s: TrafficStats, health: Health = 'normal', notice?: string): TrafficEdge {
  return { source: source as NodeId, target: target as NodeId, stats: s, health, ...(notice ? { notice } : {}) };
}

export function node(id: string, kind: NodeKind, parts: { incoming?: TrafficStats; outgoing?: TrafficStats; health?: Health; notice?: string } = {}): TrafficNode {
  return {
    id: id as NodeId,
    kind,
    incoming: parts.incoming ?? stats({}),
    outgoing: parts.outgoing ?? stats({}),
    health: parts.health ?? 'normal',
    ...(parts.notice ? { notice: parts.notice } : {}),
  };
}

export function view(nodes: readonly TrafficNode[], edges: readonly TrafficEdge[], datacenter = 'eu'): TrafficView {
  return { kind: 'datacenter', datacenter, nodes, edges };
}

/** Label values and texts that would do harm if they ever reached the DOM as markup or a URL. */
export const HOSTILE = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '"><script>window.__pwned=1</script>',
  js: 'javascript:alert(1)',
} as const;

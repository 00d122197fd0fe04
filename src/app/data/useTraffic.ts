import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AppConfig } from '../../config/types.ts';
import { buildGraph } from '../../graph/build.ts';
import type { BuildParams, TrafficGraph } from '../../graph/types.ts';
import { filterGraph } from '../filters.ts';
import { liveness } from '../liveness.ts';
import type { Liveness } from '../liveness.ts';
import type { Filters } from '../urlState.ts';
import { initialIntervalMs, refreshIntervalOptions, trafficOptions } from './trafficQueries.ts';
import type { RefreshInterval, Servers } from './trafficQueries.ts';
import type { TrafficRead } from './readTraffic.ts';

export interface TrafficState {
  /** The graph as read (unfiltered): search and navigation use it. */
  readonly fullGraph?: TrafficGraph;
  /** The graph as the filters show it. */
  readonly graph?: TrafficGraph;
  readonly read?: TrafficRead;
  readonly interval?: RefreshInterval;
  readonly intervalMs: number;
  readonly liveness: Liveness;
  readonly dataUpdatedAt: number;
}

/** Reads the traffic (live or at a pinned time), builds the graph and says how far to trust it. */
export function useTraffic(config: AppConfig, servers: Servers, pinnedTime: number | null, filters: Filters, now: number): TrafficState {
  const interval = useQuery(refreshIntervalOptions(config, servers));
  const intervalMs = interval.data?.ms ?? initialIntervalMs(config);
  // Not gated on the interval query: the first map must not wait for /status/config.
  const traffic = useQuery(trafficOptions(config, servers, intervalMs, pinnedTime));

  const params: BuildParams = useMemo(() => ({
    thresholds: config.thresholds,
    ...(config.datacenters.mode === 'listed' ? { datacenters: config.datacenters.list.map((d) => d.name) } : {}),
    internetPeers: config.convention.internetPeers,
    maxNodesPerView: config.maxNodesPerView,
    peerRules: config.peerRules,
    ...(config.convention.peersAreHosts ? { peersAreHosts: true } : {}),
  }), [config]);
  const fullGraph = useMemo(() => (traffic.data ? buildGraph(traffic.data, params) : undefined), [traffic.data, params]);
  const graph = useMemo(() => (fullGraph ? filterGraph(fullGraph, filters) : undefined), [fullGraph, filters]);

  const live = liveness({
    now, dataUpdatedAt: traffic.dataUpdatedAt, errorUpdatedAt: traffic.errorUpdatedAt,
    ...(traffic.error ? { errorMessage: traffic.error.message } : {}), intervalMs, pinnedTime,
  });
  return {
    ...(fullGraph ? { fullGraph } : {}),
    ...(graph ? { graph } : {}),
    ...(traffic.data ? { read: traffic.data } : {}),
    ...(interval.data ? { interval: interval.data } : {}),
    intervalMs,
    liveness: live,
    dataUpdatedAt: traffic.dataUpdatedAt,
  };
}

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { AppConfig } from '../../config/types.ts';
import { buildGraph } from '../../graph/build.ts';
import type { BuildParams, TrafficGraph } from '../../graph/types.ts';
import { filterGraph } from '../filters.ts';
import { liveness } from '../liveness.ts';
import type { Liveness } from '../liveness.ts';
import type { Filters } from '../urlState.ts';
import type { QueryDelay } from './queryDelay.ts';
import { initialDelayMs, queryDelayOptions } from './queryDelayOptions.ts';
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
  /** How far behind now the live map is read, ms (0: not delayed; a pinned time never is). */
  readonly delayMs: number;
  readonly delay?: QueryDelay;
  readonly liveness: Liveness;
  readonly dataUpdatedAt: number;
}

/** Reads the traffic (live or at a pinned time), builds the graph and says how far to trust it. */
export function useTraffic(config: AppConfig, servers: Servers, pinnedTime: number | null, filters: Filters, now: number): TrafficState {
  const interval = useQuery(refreshIntervalOptions(config, servers));
  const intervalMs = interval.data?.ms ?? initialIntervalMs(config);
  // Nor on the delay: until it is measured, the live map reads at now.
  const delay = useQuery(queryDelayOptions(config, servers));
  const delayMs = delay.data?.ms ?? initialDelayMs(config);
  // Not gated on the interval query: the first map must not wait for /status/config.
  const traffic = useQuery(trafficOptions(config, servers, intervalMs, pinnedTime, delayMs));

  const params: BuildParams = useMemo(() => ({
    thresholds: config.thresholds,
    ...(config.datacenters.mode === 'listed' ? { datacenters: config.datacenters.list.map((d) => d.name) } : {}),
    internetPeers: config.convention.internetPeers,
    maxNodesPerView: config.maxNodesPerView,
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
    delayMs,
    ...(delay.data ? { delay: delay.data } : {}),
    liveness: live,
    dataUpdatedAt: traffic.dataUpdatedAt,
  };
}

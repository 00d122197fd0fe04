import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppConfig } from '../../config/types.ts';
import { compareWithBaseline } from '../../baseline/apply.ts';
import { buildGraph } from '../../graph/build.ts';
import type { ViewScope } from '../../graph/scope.ts';
import { buildScopedGraph } from '../../graph/scopedBuild.ts';
import { datacentersOf, groupsOf } from '../../graph/serviceList.ts';
import type { ServiceList } from '../../graph/serviceList.ts';
import type { BuildParams, TrafficGraph } from '../../graph/types.ts';
import { hideInGraph } from '../../graph/expressions/apply.ts';
import { parseExpression } from '../../graph/expressions/parse.ts';
import { applicable } from '../filters.ts';
import { liveness } from '../liveness.ts';
import type { Liveness } from '../liveness.ts';
import type { UrlState } from '../urlState.ts';
import { LIST_TRUSTED_MS, resolveScope } from '../viewScope.ts';
import { serviceName } from '../../graph/displayNames.ts';
import { initialIntervalMs, refreshIntervalOptions, serviceListOptions, trafficOptions } from './trafficQueries.ts';
import type { QueryDelay } from './queryDelay.ts';
import { initialDelayMs, queryDelayOptions } from './queryDelayOptions.ts';
import type { RefreshInterval, Servers } from './trafficQueries.ts';
import type { TrafficRead } from './readTraffic.ts';
import { placeAlerts } from '../../alerts/place.ts';
import { useAlerts } from './useAlerts.ts';
import type { AlertsState } from './useAlerts.ts';

export interface TrafficState {
  /** The graph as read (unfiltered): navigation uses it. */
  readonly fullGraph?: TrafficGraph;
  /** The graph as the filters show it. */
  readonly graph?: TrafficGraph;
  readonly read?: TrafficRead;
  /** The view the graph on screen is of (the previous one until the answers of a new one arrive). */
  readonly scope?: ViewScope;
  /** Why the view is not the one the URL asks for. */
  readonly scopeNotice?: string;
  /** The view shown instead of the one the URL asks for (with `scopeNotice`). */
  readonly shownInstead?: ViewScope;
  /** Every service, per datacenter, with its group (search, counts). */
  readonly list?: ServiceList;
  /** The datacenters that exist: listed in the config, else those the list saw. */
  readonly datacenters: readonly string[];
  readonly interval?: RefreshInterval;
  readonly intervalMs: number;
  /** How far behind now the live map is read, ms (0: not delayed; a pinned time never is). */
  readonly delayMs: number;
  readonly delay?: QueryDelay;
  readonly liveness: Liveness;
  readonly dataUpdatedAt: number;
  /** The firing alerts (also on the graph's nodes and edges); a failure to read them is said here only. */
  readonly alerts: AlertsState;
}

/** The datacenters of the config, or null when they are discovered. */
export function listedDatacenters(config: AppConfig): readonly string[] | null {
  return config.datacenters.mode === 'listed' ? config.datacenters.list.map((d) => d.name) : null;
}

/** Reads the view the URL asks for (live or at a pinned time), builds its graph and says how far to trust it. */
export function useTraffic(config: AppConfig, servers: Servers, state: UrlState, now: number): TrafficState {
  const interval = useQuery(refreshIntervalOptions(config, servers));
  const intervalMs = interval.data?.ms ?? initialIntervalMs(config);
  const services = useQuery(serviceListOptions(config, servers));
  const listed = useMemo(() => listedDatacenters(config), [config]);
  const list = services.data;
  // A list older than LIST_TRUSTED_MS does not say a linked service is gone: it is read again.
  const listStale = list !== undefined && now - services.dataUpdatedAt > LIST_TRUSTED_MS;
  // A linked service the list lacks is read first; the focus that came back empty (for this list) is remembered.
  const [emptyFocus, setEmptyFocus] = useState<string | null>(null);
  const focusKey = `${services.dataUpdatedAt}\u0000${state.dc}\u0000${state.service}`;
  const resolved = useMemo(
    () => resolveScope(state, list, config.grouping, config.maxNodesPerView, listed, listStale ? Infinity : 0, emptyFocus === focusKey),
    [state, list, config.grouping, config.maxNodesPerView, listed, listStale, emptyFocus, focusKey],
  );
  // Nor on the delay: until it is measured, the live map reads at now.
  const delay = useQuery(queryDelayOptions(config, servers));
  const delayMs = delay.data?.ms ?? initialDelayMs(config);
  // Not gated on the interval query: the first map must not wait for /status/config.
  const traffic = useQuery(trafficOptions(config, servers, intervalMs, state.time, delayMs, resolved.scope));

  const params: BuildParams = useMemo(() => ({
    thresholds: config.thresholds,
    ...(listed ? { datacenters: listed } : {}),
    internetPeers: config.convention.internetPeers,
    maxNodesPerView: config.maxNodesPerView,
    peerRules: config.peerRules,
    ...(config.convention.peersAreHosts ? { peersAreHosts: true } : {}),
  }), [config, listed]);
  const datacenters = useMemo(() => listed ?? (list ? datacentersOf(list) : []), [listed, list]);
  const read = traffic.data;
  // The groups of the view's datacenter and the list's directory change with the list, not every refresh.
  const viewDc = read?.scope && read.scope.level !== 'global' ? read.scope.dc : '';
  const groups = useMemo(() => (list && viewDc ? groupsOf(list, viewDc) : undefined), [list, viewDc]);
  const directory = useMemo(() => (list
    ? { hasService: (d: string, name: string) => list.services.get(d)?.has(name) === true, hasDatacenter: (d: string) => list.services.has(d) }
    : undefined), [list]);
  const alerts = useAlerts(config, servers, intervalMs, state.time, list);
  // A service's group from the list, for threshold overrides by group pattern ('' or its own name: none).
  const groupOf = useMemo(() => (list
    ? (d: string, name: string) => { const g = list.services.get(d)?.get(name); return g && g !== name ? g : undefined; }
    : undefined), [list]);
  const built = useMemo(() => {
    if (!read) return undefined;
    const context = {
      ...(groups ? { groups } : {}),
      ...(directory ? { directory } : {}),
      ...(groupOf ? { groupOf } : {}),
      ...(datacenters.length > 0 ? { datacenters } : {}),
    };
    const scoped = read.scope ? buildScopedGraph(read, params, read.scope, context) : buildGraph(read, params);
    // Each node and edge against the same view `baseline` earlier (src/baseline).
    return read.baseline && config.baseline ? compareWithBaseline(scoped, read.baseline, params, read.scope, context, config.baseline) : scoped;
  }, [read, params, groups, directory, groupOf, datacenters, config.baseline]);
  const fullGraph = useMemo(() => (built && alerts.located.length > 0
    ? placeAlerts(built, alerts.located, (dc, name) => list?.services.get(dc)?.get(name) ?? '')
    : built), [built, alerts.located, list]);
  // Hide applies to every view (navigating keeps it); one that does not parse hides nothing.
  const hide = useMemo(() => applicable(parseExpression(state.filters.hide)), [state.filters.hide]);
  const graph = useMemo(() => (fullGraph ? hideInGraph(fullGraph, hide) : undefined), [fullGraph, hide]);
  // The list is read every few minutes: a view that meets a service it lacks (a new service, or a
  // host naming one) asks for it again, at most every 30 s.
  const listLags = useMemo(() => (list && fullGraph && read?.scope ? listMisses(list, fullGraph, read.scope) : false), [list, fullGraph, read]);
  const refetchList = services.refetch;
  useEffect(() => {
    const scope = read?.scope;
    if (!fullGraph || scope?.level !== 'focus' || scope.dc !== state.dc || scope.service !== serviceName(state.service)) return;
    const view = fullGraph.datacenters[scope.dc];
    if (view && view.nodes.length === 0 && list && !list.services.get(scope.dc)?.has(scope.service)) setEmptyFocus(focusKey);
  }, [fullGraph, read, state.dc, state.service, list, focusKey]);
  useEffect(() => {
    if ((listLags || resolved.refetchList) && Date.now() - services.dataUpdatedAt > LIST_RETRY_MS) void refetchList();
  }, [listLags, resolved.refetchList, services.dataUpdatedAt, refetchList]);

  const waitingForList = resolved.scope === null && services.isError;
  // When the map on screen arrived: a new read (view, moment, query delay) shows the last one until it answers.
  const shownAt = useRef(0);
  if (read && !traffic.isPlaceholderData && traffic.dataUpdatedAt > shownAt.current) shownAt.current = traffic.dataUpdatedAt;
  const live = liveness({
    now, dataUpdatedAt: traffic.dataUpdatedAt, shownUpdatedAt: read ? shownAt.current : 0, errorUpdatedAt: Math.max(traffic.errorUpdatedAt, waitingForList ? services.errorUpdatedAt : 0),
    ...(traffic.error ? { errorMessage: traffic.error.message } : waitingForList && services.error ? { errorMessage: services.error.message } : {}),
    intervalMs, pinnedTime: state.time,
  });
  return {
    ...(fullGraph ? { fullGraph } : {}),
    ...(graph ? { graph } : {}),
    ...(read ? { read } : {}),
    ...(read?.scope ? { scope: read.scope } : {}),
    ...(resolved.notice ? { scopeNotice: resolved.notice } : {}),
    ...(resolved.notice && resolved.scope ? { shownInstead: resolved.scope } : {}),
    ...(list ? { list } : {}),
    datacenters,
    ...(interval.data ? { interval: interval.data } : {}),
    intervalMs,
    delayMs,
    ...(delay.data ? { delay: delay.data } : {}),
    liveness: live,
    dataUpdatedAt: traffic.dataUpdatedAt,
    alerts,
  };
}

const LIST_RETRY_MS = 30_000;

/** Whether a view shows a service the list does not have, or a host no service of the list explains. */
export function listMisses(list: ServiceList, graph: TrafficGraph, scope: ViewScope): boolean {
  if (graph.problems.some((p) => p.kind === 'unresolved-peer')) return true;
  if (scope.level !== 'focus' && !(scope.level === 'datacenter' && !scope.grouped)) return false;
  const view = graph.datacenters[scope.dc];
  const names = list.services.get(scope.dc);
  return !!view && view.nodes.some((n) => n.kind === 'service' && n.datacenter === scope.dc && !names?.has(n.id.startsWith('svc:') ? n.id.slice(4) : n.id));
}

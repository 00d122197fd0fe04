import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AppConfig } from '../../config/types.ts';
import { createPrometheusClient } from '../../prometheus/client.ts';
import type { PrometheusClient } from '../../prometheus/client.ts';
import { buildServiceListQuery, SERVICE_LIST_LABELS } from '../../conventions/serviceListQuery.ts';
import { scopeKey } from '../../graph/scope.ts';
import type { ViewScope } from '../../graph/scope.ts';
import { mergeServiceLists, readServiceList } from '../../graph/serviceList.ts';
import type { ServiceList } from '../../graph/serviceList.ts';
import { describeError } from '../../prometheus/errors.ts';
import { evaluationTime } from './queryDelay.ts';
import { readTraffic } from './readTraffic.ts';
import { planServers } from './servers.ts';
import type { ServerPlan } from './servers.ts';

export interface Servers {
  readonly list: readonly { readonly plan: ServerPlan; readonly client: PrometheusClient }[];
}

export function createServers(config: AppConfig): Servers {
  return {
    list: planServers(config).map((plan) => ({
      plan,
      client: createPrometheusClient({ baseUrl: plan.url, timeoutMs: config.prometheus.timeoutMs }),
    })),
  };
}

/** How long a live answer counts as fresh (for a page that mounts after it was read). */
const FRESH_MS = 1_000;

/** The refresh interval until the servers say their scrape interval (or for good, when fixed). */
export function initialIntervalMs(config: AppConfig): number {
  return config.refresh.mode === 'fixed' ? config.refresh.intervalMs : config.refresh.fallbackMs;
}

export type IntervalSource = 'scrape-interval' | 'configured' | 'fallback';

export interface RefreshInterval {
  readonly ms: number;
  readonly source: IntervalSource;
}

/**
 * The refresh interval: the scrape interval the servers report (`auto`; the shortest when there
 * are several), else the configured one. A server that is down at start must not pin the page to
 * the fallback for long: the fallback is asked again every 30 s.
 */
export function refreshIntervalOptions(config: AppConfig, servers: Servers) {
  return queryOptions({
    queryKey: ['refresh-interval', servers.list.map((s) => s.plan.url), config.refresh],
    queryFn: async ({ signal }): Promise<RefreshInterval> => {
      if (config.refresh.mode === 'fixed') return { ms: config.refresh.intervalMs, source: 'configured' };
      const answers = await Promise.allSettled(servers.list.map((s) => s.client.scrapeInterval({ signal })));
      const reported = answers.flatMap((a) => (a.status === 'fulfilled' && a.value ? [a.value] : []));
      return reported.length > 0 ? { ms: Math.min(...reported), source: 'scrape-interval' } : { ms: config.refresh.fallbackMs, source: 'fallback' };
    },
    staleTime: 30_000,
    refetchInterval: (query) => (query.state.data?.source === 'fallback' ? 30_000 : 10 * 60_000),
    refetchIntervalInBackground: true,
    retry: false,
  });
}

/**
 * One refresh of the traffic: polled every interval, in the background too (a wall screen is
 * often an unfocused window), keeping the last good data while a refresh fails. With a pinned
 * time (unix s) it reads that moment once: a past view does not refresh. Live, it reads at now
 * minus the query delay (`delayMs`, see queryDelay.ts); a pinned moment is read as it is.
 */
export function trafficOptions(config: AppConfig, servers: Servers, intervalMs: number, pinnedTime: number | null, delayMs: number, scope: ViewScope | null) {
  return queryOptions({
    // Not the interval: it says when to ask again, not what the answer is. The first read starts
    // with the fallback interval while the scrape interval is asked, and keeps its data when it comes.
    // The delay is: a measured delay that changes reads again at once (the old map stays meanwhile).
    // The scope is: each view reads only what it draws.
    queryKey: ['traffic', servers.list.map((s) => s.plan.url), config.convention, config.grouping, config.rateWindow, config.recordingRules, config.latencyQuantile, pinnedTime, pinnedTime === null ? delayMs : 0, scope ? scopeKey(scope) : null, config.baseline?.offset ?? null],
    queryFn: ({ signal }) => readTraffic(servers.list, {
      convention: config.convention,
      rateWindow: config.rateWindow,
      latencyQuantile: config.latencyQuantile,
      time: evaluationTime(Date.now(), pinnedTime, delayMs),
      signal,
      ...(scope ? { scope } : {}),
      grouping: config.grouping.source,
      recorded: config.recordingRules,
      // The view `baseline` earlier too (relative to the evaluation time: a pinned moment's week before).
      ...(config.baseline ? { baseline: config.baseline.offset } : {}),
    }),
    enabled: scope !== null,
    refetchInterval: pinnedTime === null ? intervalMs : false,
    // Live: an answer younger than a second is not asked again when a page mounts (the first
    // read starts before the page renders, and may be answered before it mounts).
    staleTime: pinnedTime === null ? FRESH_MS : Infinity,
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
    // Every read is a new object (its evaluation time), and the graph is built again from it
    // anyway: structural sharing would only walk and copy every row on each refresh.
    structuralSharing: false,
    // A failed refresh shows at once; the next interval is the retry.
    retry: false,
    // A pinned time is a key per moment (stepping, replay): drop the ones left behind soon.
    gcTime: pinnedTime === null ? 60_000 : 15_000,
  });
}

/** How often the list of every service (search, counts, groups) is read again. */
export const SERVICE_LIST_INTERVAL_MS = 5 * 60_000;
/** How soon a list that failed, or came back with no service at all, is read again. */
export const SERVICE_LIST_RETRY_MS = 30_000;
export const SERVICE_LIST_EMPTY_RETRY_MS = 10_000;

/**
 * When the service list is read next: every few minutes; sooner after a failure, and soonest when
 * it came back empty (a Prometheus just started, or back from an outage without its data yet:
 * search, groups and alert placement would otherwise know no service for minutes).
 */
export function serviceListRefetchMs(failed: boolean, list: ServiceList | undefined): number {
  if (failed) return SERVICE_LIST_RETRY_MS;
  if (list && [...list.services.values()].every((services) => services.size === 0)) return SERVICE_LIST_EMPTY_RETRY_MS;
  return SERVICE_LIST_INTERVAL_MS;
}

/**
 * Every service of every datacenter, with its group: one light query per server, read at start
 * and every few minutes (not every refresh: it is what search and counts need, not what is drawn).
 * A server that fails leaves its datacenters out until the next read; all failing is an error.
 */
export function serviceListOptions(config: AppConfig, servers: Servers) {
  return queryOptions({
    queryKey: ['services', servers.list.map((s) => s.plan.url), config.convention, config.grouping, config.recordingRules ? config.rateWindow : null],
    queryFn: async ({ signal }): Promise<ServiceList> => {
      const restrict = servers.list.length > 1;
      const answers = await Promise.allSettled(servers.list.map(({ plan, client }) => client.query(
        buildServiceListQuery(config.convention, config.grouping.source, restrict && plan.datacenters ? plan.datacenters : undefined,
          config.recordingRules ? config.rateWindow : undefined),
        { signal },
      )));
      const lists = answers.flatMap((a) => (a.status === 'fulfilled' && a.value.data.resultType === 'vector' ? [readServiceList(a.value.data.result, SERVICE_LIST_LABELS)] : []));
      if (lists.length === 0) {
        const failed = answers.find((a) => a.status === 'rejected');
        throw new Error(failed && failed.status === 'rejected' ? describeError(failed.reason) : 'no service list');
      }
      return mergeServiceLists(lists);
    },
    staleTime: SERVICE_LIST_INTERVAL_MS,
    refetchInterval: (query) => serviceListRefetchMs(query.state.status === 'error', query.state.data),
    refetchIntervalInBackground: true,
    placeholderData: keepPreviousData,
    structuralSharing: false,
    retry: false,
  });
}

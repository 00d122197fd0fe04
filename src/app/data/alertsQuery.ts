import { queryOptions } from '@tanstack/react-query';
import { withAlertLink } from '../../alerts/links.ts';
import { PAST_ALERTS_QUERY, parseAlertsApi, parseAlertsSeries } from '../../alerts/parse.ts';
import type { AppConfig } from '../../config/types.ts';
import type { FiringAlert } from '../../graph/types.ts';
import { describeError } from '../../prometheus/errors.ts';
import type { Servers } from './trafficQueries.ts';

/** The firing alerts of every server, as one refresh read them. */
export interface AlertsRead {
  readonly alerts: readonly { readonly alert: FiringAlert; readonly serverDatacenters: readonly string[] | null }[];
  /** Servers whose alerts could not be read (the others' are shown). */
  readonly failures: readonly { readonly url: string; readonly message: string }[];
  /** `api`: /api/v1/alerts (live); `series`: `ALERTS` at a pinned time (no annotations, no start). */
  readonly source: 'api' | 'series';
}

/**
 * One more request per refresh and server: live, /api/v1/alerts; at a pinned time, the
 * `ALERTS{alertstate="firing"}` series at that moment. A query of its own: when it fails, the
 * map keeps its traffic and the header says "alerts unavailable". Only every server failing is
 * an error.
 */
export function alertsOptions(config: AppConfig, servers: Servers, intervalMs: number, pinnedTime: number | null) {
  return queryOptions({
    queryKey: ['alerts', servers.list.map((s) => s.plan.url), config.alerts.link ?? '', pinnedTime],
    queryFn: async ({ signal }): Promise<AlertsRead> => {
      const answers = await Promise.allSettled(servers.list.map(async ({ plan, client }) => {
        const parsed = pinnedTime === null
          ? parseAlertsApi((await client.alerts({ signal })).data)
          : parseAlertsSeries(vectorOf((await client.query(PAST_ALERTS_QUERY, { time: pinnedTime, signal })).data));
        const base = absoluteUrl(plan.url);
        return parsed.alerts.map((alert) => ({ alert: withAlertLink(alert, config.alerts.link, base, pinnedTime), serverDatacenters: plan.datacenters }));
      }));
      const failures = answers.flatMap((a, i) => (a.status === 'rejected' ? [{ url: servers.list[i]?.plan.url ?? '', message: describeError(a.reason) }] : []));
      if (failures.length === answers.length && failures.length > 0) throw new Error(failures.map((f) => f.message).join('; '));
      return { alerts: answers.flatMap((a) => (a.status === 'fulfilled' ? a.value : [])), failures, source: pinnedTime === null ? 'api' : 'series' };
    },
    enabled: config.alerts.enabled,
    refetchInterval: pinnedTime === null ? intervalMs : false,
    refetchIntervalInBackground: true,
    staleTime: pinnedTime === null ? 1_000 : Infinity,
    structuralSharing: false,
    retry: false,
    gcTime: pinnedTime === null ? 60_000 : 15_000,
  });
}

function vectorOf(data: { readonly resultType: string; readonly result: unknown }): readonly { readonly metric?: unknown }[] {
  return data.resultType === 'vector' && Array.isArray(data.result) ? (data.result as { metric?: unknown }[]) : [];
}

/** The server's URL made absolute against the page (a relative "/prometheus" behind the same host). */
function absoluteUrl(url: string): string {
  try {
    return new URL(url, globalThis.location?.href).href;
  } catch {
    return url;
  }
}

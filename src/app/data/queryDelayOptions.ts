import { queryOptions } from '@tanstack/react-query';
import type { AppConfig } from '../../config/types.ts';
import { lagQuery } from '../../conventions/lagQuery.ts';
import { describeError } from '../../prometheus/errors.ts';
import type { PrometheusClient } from '../../prometheus/client.ts';
import { combineDelays, delayFromLags, LAG_READINGS, needsAnotherReading } from './queryDelay.ts';
import type { QueryDelay } from './queryDelay.ts';
import { scalarOf } from './selectionDetails.ts';
import type { Servers } from './trafficQueries.ts';
import { initialIntervalMs } from './trafficQueries.ts';

/** Measured again this often: the lag follows the servers' setup, which seldom changes. */
const MEASURE_EVERY_MS = 10 * 60_000;

/** The delay before it is measured (and for good, when configured): none under "auto". */
export function initialDelayMs(config: AppConfig): number {
  return config.queryDelay.mode === 'fixed' ? config.queryDelay.ms : 0;
}

export interface LagReading {
  /** The server's scrape interval (its /status/config, else the fallback), ms. */
  readonly intervalMs: number;
  /** Seconds; NaN when the server has no request series (nothing to measure). */
  readonly lagsS: readonly number[];
}

export interface MeasureDeps {
  readonly nowMs: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const realDeps: MeasureDeps = {
  nowMs: () => Date.now(),
  sleep: (ms, signal) => new Promise((ok, fail) => {
    const timer = setTimeout(ok, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); fail(signal.reason); }, { once: true });
  }),
};

/**
 * Reads one server's lag (`lagQuery`) at the browser's now, up to LAG_READINGS times a third of
 * its scrape interval apart while the readings look like a direct scrape (see
 * `needsAnotherReading`). Three small queries at most, every MEASURE_EVERY_MS.
 */
export async function measureLag(client: PrometheusClient, promql: string, fallbackIntervalMs: number, signal?: AbortSignal, deps: MeasureDeps = realDeps): Promise<LagReading> {
  const reported = await client.scrapeInterval(signal ? { signal } : {}).catch(() => null);
  const intervalMs = reported ?? fallbackIntervalMs;
  const lagsS: number[] = [];
  do {
    if (lagsS.length > 0) await deps.sleep(intervalMs / LAG_READINGS, signal);
    const answer = await client.query(promql, { time: deps.nowMs() / 1000, ...(signal ? { signal } : {}) });
    lagsS.push(scalarOf(answer));
  } while (needsAnotherReading(lagsS, intervalMs));
  return { intervalMs, lagsS };
}

/**
 * The query delay: configured, or (auto) measured on every server and the largest taken. It never
 * holds the map back: until it is known the live map reads at now, and a change of delay reads
 * again at once (it is part of the traffic query's key). A server that cannot be measured gives
 * no delay; when none can, it is asked again in a minute.
 */
export function queryDelayOptions(config: AppConfig, servers: Servers, deps: MeasureDeps = realDeps) {
  const restrict = servers.list.length > 1;
  return queryOptions({
    queryKey: ['query-delay', servers.list.map((s) => s.plan.url), config.queryDelay, config.convention],
    queryFn: async ({ signal }): Promise<QueryDelay> => {
      if (config.queryDelay.mode === 'fixed') return { ms: config.queryDelay.ms, source: 'configured', servers: [] };
      const fallback = initialIntervalMs(config);
      const results = await Promise.allSettled(servers.list.map(({ plan, client }) =>
        measureLag(client, lagQuery(config.convention, restrict ? plan.datacenters : null), fallback, signal, deps)));
      return combineDelays(results.map((r, i) => {
        const url = servers.list[i]?.plan.url ?? '';
        if (r.status === 'rejected') return { url, lagS: NaN, ms: 0, error: describeError(r.reason) };
        const known = r.value.lagsS.filter((l) => Number.isFinite(l));
        return { url, lagS: known.length > 0 ? Math.max(...known) : NaN, ms: delayFromLags(r.value.lagsS, r.value.intervalMs) };
      }));
    },
    enabled: config.queryDelay.mode === 'auto',
    staleTime: MEASURE_EVERY_MS,
    refetchInterval: (query) => (query.state.data?.source === 'not-measured' ? 60_000 : MEASURE_EVERY_MS),
    refetchIntervalInBackground: true,
    retry: false,
  });
}

/**
 * The query delay: how far behind "now" the live map evaluates its queries, so that every
 * series already holds its samples up to the evaluation time. Pure; measured by
 * queryDelayOptions.ts, applied where the evaluation time is computed (trafficQueries.ts).
 *
 * Why: a global Prometheus federating per-datacenter ones receives each sample one or two
 * scrape intervals after its timestamp. Evaluated at "now", `rate()` finds the newest sample
 * further from the end of its window than Prometheus extrapolates (1.1 sample intervals) and
 * reads low (2-30 % in e2e/real/federation.spec.ts). Evaluated a little in the past, it reads
 * what the per-datacenter servers read.
 */

/** A delay longer than this is not applied: Prometheus's lookback (5 min) drops older samples anyway. */
export const MAX_QUERY_DELAY_MS = 5 * 60_000;

/**
 * A lag up to this many scrape intervals is a server scraping its targets itself: the newest
 * sample of a target is at most one interval old (plus the scrape's duration), and `rate()`
 * extrapolates over up to 1.1 intervals. Beyond it, the samples arrive late.
 */
export const DIRECT_SCRAPE_LAG = 1.25;

/** How many times the lag is read, one third of a scrape interval apart (see `measureLag`). */
export const LAG_READINGS = 3;

/**
 * The delay for one server from the lags read there (seconds; NaN = no series): none while
 * every reading fits a direct scrape; else the largest lag rounded up to whole scrape
 * intervals (so repeated measurements agree, and the rounding is the margin), at most
 * MAX_QUERY_DELAY_MS.
 */
export function delayFromLags(lagsS: readonly number[], scrapeIntervalMs: number): number {
  const known = lagsS.filter((l) => Number.isFinite(l));
  if (known.length === 0 || !(scrapeIntervalMs > 0)) return 0;
  const lagMs = Math.max(...known) * 1000;
  if (lagMs <= DIRECT_SCRAPE_LAG * scrapeIntervalMs) return 0;
  return Math.min(Math.ceil(lagMs / scrapeIntervalMs) * scrapeIntervalMs, MAX_QUERY_DELAY_MS);
}

/**
 * A single reading can fall just after the federating server's scrape, when the lag is at its
 * smallest: read again (a third of an interval later) while the readings so far fit a direct
 * scrape. A lagging reading is enough.
 */
export function needsAnotherReading(lagsS: readonly number[], scrapeIntervalMs: number): boolean {
  if (lagsS.length >= LAG_READINGS) return false;
  if (lagsS.some((l) => !Number.isFinite(l))) return false;
  return delayFromLags(lagsS, scrapeIntervalMs) === 0;
}

/** The evaluation time of a read, unix seconds: a pinned moment as is; live, now minus the delay. */
export function evaluationTime(nowMs: number, pinnedTime: number | null, delayMs: number): number {
  if (pinnedTime !== null) return pinnedTime;
  return Math.floor((nowMs - Math.max(0, delayMs)) / 1000);
}

export type DelaySource = 'configured' | 'measured' | 'not-measured';

export interface QueryDelay {
  readonly ms: number;
  readonly source: DelaySource;
  /** Per server (measured only): the largest lag read (s, NaN = no series) and the delay it gives. */
  readonly servers: readonly { readonly url: string; readonly lagS: number; readonly ms: number; readonly error?: string }[];
}

/**
 * One delay for every server (one evaluation time for the whole map, so the table, the details
 * and a copied link describe one moment): the largest of the servers'.
 */
export function combineDelays(servers: QueryDelay['servers']): QueryDelay {
  const measured = servers.filter((s) => s.error === undefined);
  if (measured.length === 0) return { ms: 0, source: 'not-measured', servers };
  return { ms: Math.max(0, ...measured.map((s) => s.ms)), source: 'measured', servers };
}

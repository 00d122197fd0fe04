/**
 * The config's `baseline`: how far back the comparison looks (a PromQL duration for `offset`) and
 * the bounds past which a rate counts as a drop or a surge. Pure data and text, no I/O.
 */

export interface BaselineSettings {
  /** A PromQL duration, e.g. "7d": the rate is compared with the same moment this much earlier. */
  readonly offset: string;
  /** A change at or below this (e.g. -0.5 = −50 %) is a drop; between -1 and 0. */
  readonly drop: number;
  /** A change at or above this (e.g. 1 = +100 %) is a surge; above 0. */
  readonly surge: number;
  /**
   * Req/s below which nothing flaps: a drop needs the earlier rate at least this high, a surge the
   * rate now (a small edge going from 0.2 to 0.05 req/s is noise, not an outage).
   */
  readonly minRate: number;
}

export const DEFAULT_BASELINE: BaselineSettings = { offset: '7d', drop: -0.5, surge: 1, minRate: 1 };

/** "vs last week" (7d, 1w), "vs yesterday" (1d, 24h), else "vs 3h ago" with the offset as written. */
export function baselinePhrase(offset: string): string {
  if (offset === '7d' || offset === '1w' || offset === '168h') return 'vs last week';
  if (offset === '1d' || offset === '24h') return 'vs yesterday';
  return `vs ${offset} ago`;
}

/** A change as people write it: "−82 %", "+150 %", "±0 %" (true minus sign); "" for NaN. */
export function formatChange(change: number): string {
  if (!Number.isFinite(change)) return '';
  const pct = Math.round(change * 100);
  if (pct === 0) return '±0 %';
  return `${pct < 0 ? '\u2212' : '+'}${Math.abs(pct)} %`;
}

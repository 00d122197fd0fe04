import { fixed, fixedDigits } from './decimal.ts';
import type { Health, StatusClass, Thresholds, TrafficStats } from './types.ts';

/** A mutable accumulator of rate per status class and a rate-weighted latency. */
export interface StatsAccumulator {
  byClass: Record<StatusClass, number>;
  latency: number;
}

export function emptyAccumulator(): StatsAccumulator {
  return { byClass: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, none: 0 }, latency: NaN };
}

/**
 * Adds to one class. Each class by name (a switch, not `byClass[cls]`): one access site per
 * property stays fast, where one site for six names goes through the generic lookup, and a
 * refresh adds hundreds of thousands of rates.
 */
export function addRate(acc: StatsAccumulator, cls: StatusClass, value: number): void {
  const b = acc.byClass;
  switch (cls) {
    case '1xx': b['1xx'] += value; break;
    case '2xx': b['2xx'] += value; break;
    case '3xx': b['3xx'] += value; break;
    case '4xx': b['4xx'] += value; break;
    case '5xx': b['5xx'] += value; break;
    default: b.none += value;
  }
}

/** The sum of the classes, in STATUS_CLASSES order (each by name, as in `addRate`). */
export function totalRate(b: Readonly<Record<StatusClass, number>>): number {
  return 0 + b['1xx'] + b['2xx'] + b['3xx'] + b['4xx'] + b['5xx'] + b.none;
}

export function errorShare(byClass: Readonly<Record<StatusClass, number>>, errorClasses: readonly StatusClass[]): number {
  const rate = totalRate(byClass);
  if (rate <= 0) return NaN;
  let errors = 0;
  for (const cls of errorClasses) errors += byClass[cls];
  return errors / rate;
}

export function finishStats(acc: StatsAccumulator, thresholds: Thresholds): TrafficStats {
  const b = acc.byClass;
  return adoptStats({ byClass: { '1xx': b['1xx'], '2xx': b['2xx'], '3xx': b['3xx'], '4xx': b['4xx'], '5xx': b['5xx'], none: b.none }, latency: acc.latency }, thresholds);
}

/**
 * `finishStats` for an accumulator nobody adds to again: the stats keep its `byClass` instead of
 * a copy (a build makes one per edge and view side; every object kept costs the collector twice).
 */
export function adoptStats(acc: StatsAccumulator, thresholds: Thresholds): TrafficStats {
  const byClass = acc.byClass;
  return {
    rate: totalRate(byClass),
    byClass,
    errorShare: errorShare(byClass, thresholds.errorClasses),
    latency: acc.latency,
  };
}

/**
 * Sums stats (and accumulators) into one; latency is the rate-weighted mean of the parts'
 * quantiles (an approximation, labelled as such in the UI: quantiles cannot be summed exactly).
 */
export class StatsSum {
  private readonly acc = emptyAccumulator();
  private weighted = 0;
  private weight = 0;
  private finished = false;

  add(part: TrafficStats): void {
    this.addParts(part.byClass, part.rate, part.latency);
  }

  /** Adds an accumulator as `add` adds its `adoptStats` (without making them). */
  addAccumulator(acc: StatsAccumulator): void {
    this.addParts(acc.byClass, totalRate(acc.byClass), acc.latency);
  }

  private addParts(by: Readonly<Record<StatusClass, number>>, rate: number, latency: number): void {
    if (this.finished) throw new Error('StatsSum: add after finish');
    const sum = this.acc.byClass;
    sum['1xx'] += by['1xx'];
    sum['2xx'] += by['2xx'];
    sum['3xx'] += by['3xx'];
    sum['4xx'] += by['4xx'];
    sum['5xx'] += by['5xx'];
    sum.none += by.none;
    if (Number.isFinite(latency) && rate > 0) {
      this.weighted += latency * rate;
      this.weight += rate;
    }
  }

  finish(thresholds: Thresholds): TrafficStats {
    this.acc.latency = this.weight > 0 ? this.weighted / this.weight : NaN;
    // The stats keep the sums' `byClass`: adding after this would change them (so it throws).
    this.finished = true;
    return adoptStats(this.acc, thresholds);
  }
}

export const EMPTY_STATS: TrafficStats = {
  rate: 0,
  byClass: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, none: 0 },
  errorShare: NaN,
  latency: NaN,
};

export interface HealthVerdict {
  readonly health: Health;
  readonly notice?: string;
}

/** The verdict of most nodes and edges: one shared object, not one each. */
const NORMAL: HealthVerdict = Object.freeze({ health: 'normal' });

/** Health from the error share; traffic under `minRate` is never flagged (too few requests to judge). */
export function healthOf(stats: TrafficStats, thresholds: Thresholds): HealthVerdict {
  if (!(stats.rate >= thresholds.minRate) || !Number.isFinite(stats.errorShare)) return NORMAL;
  const health = stats.errorShare >= thresholds.danger ? 'danger' : stats.errorShare >= thresholds.warning ? 'warning' : 'normal';
  return health === 'normal' ? NORMAL : unhealthy(health, stats.errorShare);
}

/**
 * Verdicts by health and the percentage their notice shows: one shared object each, not one per
 * edge and node (a build judges tens of thousands; a notice shows at most a few thousand values).
 */
const VERDICTS = new Map<number, HealthVerdict>();
const MAX_VERDICTS = 10_000;

function unhealthy(health: 'warning' | 'danger', share: number): HealthVerdict {
  const { pct, digits } = percentOf(share);
  const n = fixedDigits(pct, digits);
  const key = n < 0 ? -1 : (n * 3 + digits) * 2 + (health === 'danger' ? 1 : 0);
  const known = key < 0 ? undefined : VERDICTS.get(key);
  if (known) return known;
  const verdict: HealthVerdict = Object.freeze({ health, notice: `${formatPercent(share)} errors` });
  if (key >= 0 && VERDICTS.size < MAX_VERDICTS) VERDICTS.set(key, verdict);
  return verdict;
}

function percentOf(share: number): { pct: number; digits: 0 | 1 | 2 } {
  const pct = share * 100;
  return { pct, digits: pct >= 10 ? 0 : pct >= 1 ? 1 : 2 };
}

export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '–';
  const { pct, digits } = percentOf(share);
  return `${fixed(pct, digits)}%`;
}

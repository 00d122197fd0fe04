import { threeSignificant } from './decimal.ts';
import { addRate, emptyAccumulator, totalRate } from './stats.ts';
import type { StatsAccumulator } from './stats.ts';
import { STATUS_CLASSES } from './types.ts';
import type { Disagreement, Thresholds, TrafficStats } from './types.ts';

/**
 * The two ends of a call count it separately, scraped at different moments: their rates differ a
 * little even when nothing is wrong. Below this difference (the larger of a share of the rate and
 * an absolute rate) the two views are taken to agree.
 */
export const SIDE_TOLERANCE = { share: 0.05, rate: 0.5 } as const;

function tolerance(rate: number): number {
  return Math.max(SIDE_TOLERANCE.share * rate, SIDE_TOLERANCE.rate);
}

/**
 * What a callee received beyond what its known callers say they sent, when its ingress series do
 * not name callers; null when the difference is within the tolerance. The remainder keeps the
 * callee's status mix (per-class differences, scaled to the remainder) and its latency.
 */
export function unexplainedIngress(total: StatsAccumulator, known: readonly { readonly acc: StatsAccumulator }[]): StatsAccumulator | null {
  const received = totalRate(total.byClass);
  const sent = known.reduce((sum, e) => sum + totalRate(e.acc.byClass), 0);
  const rest = received - sent;
  if (!(rest > tolerance(received))) return null;
  const byClass = emptyAccumulator();
  for (const cls of STATUS_CLASSES) {
    const knownCls = known.reduce((sum, e) => sum + e.acc.byClass[cls], 0);
    addRate(byClass, cls, Math.max(0, total.byClass[cls] - knownCls));
  }
  const unscaled = totalRate(byClass.byClass);
  const scale = unscaled > 0 ? rest / unscaled : 0;
  for (const cls of STATUS_CLASSES) byClass.byClass[cls] *= scale;
  byClass.latency = total.latency;
  return byClass;
}

/**
 * Whether the caller's and the callee's views of one edge tell different stories: requests that
 * never arrived (refused connections, a proxy or load balancer in between) come first, then
 * errors only the caller saw (timeouts, resets) beyond the warning share.
 */
export function disagreementOf(caller: TrafficStats, callee: TrafficStats, thresholds: Thresholds): Disagreement | undefined {
  const missing = caller.rate - callee.rate;
  if (missing > tolerance(caller.rate)) {
    return { kind: 'missing-at-callee', text: `callee saw ${formatRate(callee.rate)} of ${formatRate(caller.rate)} req/s sent` };
  }
  const callerErrors = errorRate(caller, thresholds);
  const calleeErrors = errorRate(callee, thresholds);
  const extra = callerErrors - calleeErrors;
  if (caller.rate >= thresholds.minRate && extra > Math.max(thresholds.warning * caller.rate, thresholds.minRate)) {
    return {
      kind: 'extra-errors-at-caller',
      text: `caller saw ${formatRate(callerErrors)} req/s errors, callee ${formatRate(calleeErrors)} req/s`,
    };
  }
  return undefined;
}

/** The rate of the error classes (a plain function: no closure per call on a hot path). */
function errorRate(s: TrafficStats, thresholds: Thresholds): number {
  let sum = 0;
  for (const cls of thresholds.errorClasses) sum += s.byClass[cls];
  return sum;
}

/** A rate with three significant digits at most: "12.3", "0.5", "103". */
export function formatRate(rate: number): string {
  return Number.isFinite(rate) ? String(threeSignificant(rate)) : '–';
}

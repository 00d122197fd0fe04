/**
 * Evaluates a recognised selection query (selection-parser.ts) against the platform model at one
 * time, as Prometheus would: `sum(rate(...))` over the matching series, averaged over the rate
 * window like the refresh queries (evaluate.ts); an empty vector when no series matches, which
 * `or vector(0)` turns into 0 and `A - (...)` keeps empty; the quantile over the summed buckets.
 * The answer is one sample without labels, or none.
 */
import type { SelectionSpec } from '../conventions/selection.ts';
import { standardConvention } from '../conventions/standard.ts';
import type { StatusClass } from '../graph/types.ts';
import { SCRAPE_INTERVAL_MS, windowTimes } from './evaluate.ts';
import type { EvaluatedSample, TrafficModel } from './evaluate.ts';
import { histogramQuantile } from './histogram-quantile.ts';
import { LATENCY_BUCKETS } from './platform/latency.ts';
import type { PlatformSnapshot, SeriesTraffic } from './platform/model.ts';
import { totalRate } from './platform/status-codes.ts';
import type { SelectionQuery, SeriesSelectionQuery } from './selection-parser.ts';

const BOUNDS = [...LATENCY_BUCKETS, Infinity];
const HTTP_CLASSES: readonly StatusClass[] = ['1xx', '2xx', '3xx', '4xx', '5xx'];

export function evaluateSelection(query: SelectionQuery, timeMs: number, model: TrafficModel): readonly EvaluatedSample[] {
  const value = query.kind === 'zero' ? 0 : valueOf(query, timeMs - (query.offsetMs ?? 0), model);
  return value === undefined ? [] : [{ metric: {}, value }];
}

/** The single value of the query; undefined = empty vector. */
function valueOf(query: SeriesSelectionQuery, timeMs: number, model: TrafficModel): number | undefined {
  // Like Prometheus, rate() needs two scrapes inside the window: a shorter window gives nothing.
  const snapshots = query.windowMs < 2 * SCRAPE_INTERVAL_MS ? [] : windowTimes(timeMs, query.windowMs).map(model);
  const series = (s: PlatformSnapshot) => (query.spec.side === 'egress' ? s.egress : s.ingress).filter(matcher(query.spec));
  const sumRate = (codeMatches: (code: string) => boolean) => windowSum(snapshots, series, codeMatches);
  if (query.kind === 'rate') return sumRate(() => true);
  if (query.kind === 'latency') return quantileOf(query.quantile, snapshots, series);
  const classes = query.errorClasses;
  if (classes.includes('none')) {
    // rate - (non-error codes or vector(0)): "0" and codes of no class are errors.
    const ok = digitsOf(HTTP_CLASSES.filter((cls) => !classes.includes(cls)));
    const total = sumRate(() => true);
    if (!ok) return total;
    return total === undefined ? undefined : total - (sumRate(codeRegex(ok)) ?? 0);
  }
  const bad = digitsOf(classes);
  return bad ? (sumRate(codeRegex(bad)) ?? 0) : 0;
}

/** The series the spec's matchers select; an absent label matches as "" (the internet's peer datacenter). */
function matcher(spec: SelectionSpec): (s: SeriesTraffic) => boolean {
  const peer = spec.peer;
  const internet = new Set(['', ...standardConvention.internetPeers]);
  return (s) => {
    if (s.datacenter !== spec.datacenter) return false;
    if (spec.service !== undefined && s.service !== spec.service) return false;
    if (!peer) return true;
    if (peer.kind === 'internet') return internet.has(s.peerService);
    if (peer.kind === 'datacenter') return s.peerDatacenter === peer.datacenter;
    if (s.peerService !== peer.name) return false;
    // The builder leaves the peer datacenter out when it is the service's own one.
    return peer.datacenter === undefined || peer.datacenter === spec.datacenter || s.peerDatacenter === peer.datacenter;
  };
}

/** Sum over the window of the matching (series, code) rates; undefined when none exists. */
function windowSum(
  snapshots: readonly PlatformSnapshot[],
  series: (s: PlatformSnapshot) => readonly SeriesTraffic[],
  codeMatches: (code: string) => boolean,
): number | undefined {
  let found = false;
  let sum = 0;
  for (const snapshot of snapshots) {
    for (const s of series(snapshot)) {
      for (const code in s.ratesByStatus) {
        if (!codeMatches(code)) continue;
        found = true;
        sum += (s.ratesByStatus[code] ?? 0) / snapshots.length;
      }
    }
  }
  return found ? sum : undefined;
}

/** histogram_quantile over the buckets summed by le; undefined when no series matches. */
function quantileOf(
  q: number, snapshots: readonly PlatformSnapshot[], series: (s: PlatformSnapshot) => readonly SeriesTraffic[],
): number | undefined {
  let found = false;
  const sums = BOUNDS.map(() => 0);
  for (const snapshot of snapshots) {
    for (const s of series(snapshot)) {
      found = true;
      const total = totalRate(s.ratesByStatus);
      BOUNDS.forEach((le, i) => (sums[i] = (sums[i] ?? 0) + (total * s.latency.bucketFraction(le)) / snapshots.length));
    }
  }
  return found ? histogramQuantile(q, BOUNDS.map((le, i) => ({ le, count: sums[i] ?? 0 }))) : undefined;
}

/** `status=~"[<digits>][0-9][0-9]"`, anchored as in PromQL. */
function codeRegex(digits: string): (code: string) => boolean {
  const re = new RegExp(`^[${digits}][0-9][0-9]$`);
  return (code) => re.test(code);
}

function digitsOf(classes: readonly StatusClass[]): string {
  return classes.filter((cls) => cls !== 'none').map((cls) => cls[0]).join('');
}

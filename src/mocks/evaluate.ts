/**
 * Evaluates a recognised traffic-map query against the platform model at one time: rates are
 * averaged over the rate window (sampled on the 5 s scrape grid), histograms go through the real
 * bucket bounds and `histogramQuantile`, and labels come out as Prometheus writes them
 * (sorted; empty values dropped; no status class for status "0").
 */
import { STATUS_CLASS_LABEL } from '../conventions/types.ts';
import { standardConvention } from '../conventions/standard.ts';
import { DC_LABEL, NODE_LABEL, PEER_DC_LABEL, PEER_NODE_LABEL } from '../conventions/viewQueries.ts';
import type { PlatformSnapshot, SeriesTraffic } from './platform/model.ts';
import { LATENCY_BUCKETS } from './platform/latency.ts';
import { totalRate } from './platform/status-codes.ts';
import { histogramQuantile } from './histogram-quantile.ts';
import type { TrafficQuery } from './query-parser.ts';

export type TrafficModel = (timeMs: number) => PlatformSnapshot;

export interface EvaluatedSample {
  /** Labels sorted by name, as in Prometheus answers. */
  readonly metric: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The interval of the simulated scrapes: the model is sampled on this grid. */
export const SCRAPE_INTERVAL_MS = 5000;
const MAX_SAMPLES_PER_WINDOW = 4;
const BOUNDS = [...LATENCY_BUCKETS, Infinity];

/** A view's rewrite of a series' ends into its nodes (see viewQueries.ts); null leaves it out. */
export type NodeMapper = (series: SeriesTraffic) => { readonly node: string; readonly peerNode: string } | null;

export function evaluateQuery(query: TrafficQuery, timeMs: number, model: TrafficModel, nodes?: NodeMapper): readonly EvaluatedSample[] {
  // Like Prometheus, rate() needs two scrapes inside the window: a shorter window gives nothing.
  if (query.windowMs < 2 * SCRAPE_INTERVAL_MS) return [];
  const snapshots = windowTimes(timeMs, query.windowMs).map(model);
  const egress = query.kind === 'egressRate' || query.kind === 'egressLatency';
  const allowed = query.datacenters ? new Set(query.datacenters) : undefined;
  const seriesOf = (s: PlatformSnapshot): readonly SeriesTraffic[] =>
    (egress ? s.egress : s.ingress).filter((x) => !allowed || allowed.has(x.datacenter));
  const weight = 1 / snapshots.length;
  const groups = new Map<string, { series: SeriesTraffic; statusClass?: string; sums: number[] }>();
  const add = (raw: SeriesTraffic, cls: string | undefined, values: readonly number[]): void => {
    const mapped = nodes ? nodes(raw) : null;
    if (nodes && !mapped) return;
    const series = mapped ? { ...raw, service: mapped.node, peerService: mapped.peerNode } : raw;
    const key = `${series.datacenter}\u0000${series.service}\u0000${series.peerDatacenter}\u0000${series.peerService}\u0000${cls ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { series, statusClass: cls, sums: values.map(() => 0) };
      groups.set(key, group);
    }
    for (let i = 0; i < values.length; i++) group.sums[i] = (group.sums[i] ?? 0) + (values[i] ?? 0) * weight;
  };
  const latency = query.kind === 'egressLatency' || query.kind === 'ingressLatency';
  for (const snapshot of snapshots) {
    for (const series of seriesOf(snapshot)) {
      if (latency) {
        const total = totalRate(series.ratesByStatus);
        add(series, undefined, BOUNDS.map((le) => total * series.latency.bucketFraction(le)));
      } else if (query.total) {
        add(series, undefined, [totalRate(series.ratesByStatus)]);
      } else {
        for (const code in series.ratesByStatus) add(series, statusClass(code), [series.ratesByStatus[code] ?? 0]);
      }
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, { series, statusClass: cls, sums }]) => ({
      metric: groupLabels(series, cls, nodes !== undefined, query.home),
      value: latency
        ? histogramQuantile(query.quantile, BOUNDS.map((le, i) => ({ le, count: sums[i] ?? 0 })))
        : (sums[0] ?? 0),
    }));
}

/** "5xx" for "503"; undefined for "0" and anything else label_replace's regex does not match. */
export function statusClass(code: string): string | undefined {
  return /^[1-5][0-9][0-9]$/.test(code) ? `${code[0]}xx` : undefined;
}

/** The scrape times inside (timeMs - windowMs, timeMs] the rate is averaged over. */
export function windowTimes(timeMs: number, windowMs: number): readonly number[] {
  const end = Math.floor(timeMs / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS;
  const count = Math.max(1, Math.min(MAX_SAMPLES_PER_WINDOW, Math.floor(windowMs / SCRAPE_INTERVAL_MS) - 1));
  const spacing = Math.max(SCRAPE_INTERVAL_MS, Math.round(windowMs / count / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS);
  return Array.from({ length: count }, (_, i) => end - i * spacing);
}

function groupLabels(series: SeriesTraffic, statusClassValue: string | undefined, viewNodes: boolean, home: string | undefined): Record<string, string> {
  const l = standardConvention.labels;
  const elided = home !== undefined && series.datacenter === home && series.peerDatacenter === home;
  const labels: [string, string | undefined][] = [
    [viewNodes ? DC_LABEL : l.datacenter, elided ? undefined : series.datacenter],
    [viewNodes ? NODE_LABEL : l.service, series.service],
    [viewNodes ? PEER_DC_LABEL : l.peerDatacenter, elided ? undefined : series.peerDatacenter],
    [viewNodes ? PEER_NODE_LABEL : l.peerService, series.peerService],
    [STATUS_CLASS_LABEL, statusClassValue],
  ];
  const out: Record<string, string> = {};
  for (const [name, value] of labels.sort(([a], [b]) => (a < b ? -1 : 1))) if (value) out[name] = value;
  return out;
}

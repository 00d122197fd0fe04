import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { selectionQueries } from '../../conventions/selection.ts';
import type { SelectionSpec } from '../../conventions/selection.ts';
import type { Convention } from '../../conventions/types.ts';
import type { StatusClass } from '../../graph/types.ts';
import type { QueryData } from '../../prometheus/types.ts';
import type { SparkPoint } from '../sparkline.ts';
import type { Servers } from './trafficQueries.ts';

export const PERCENTILES: readonly number[] = [0.5, 0.9, 0.99];
export const CHART_RANGE_S = 3600;

export interface SelectionDetails {
  readonly rate: number;
  readonly errors: number;
  readonly percentiles: readonly { readonly q: number; readonly seconds: number }[];
  readonly rateSeries: readonly SparkPoint[];
  readonly errorSeries: readonly SparkPoint[];
  /** The rate `baselineOffset` earlier over the same window (config `baseline`), drawn as a second line; absent when off. */
  readonly baselineSeries?: readonly SparkPoint[];
  readonly baselineOffset?: string;
  readonly chartStart: number;
  readonly chartEnd: number;
  /** The exact PromQL behind the numbers, for the Prometheus graph page. */
  readonly promql: { readonly rate: string; readonly errors: string };
  readonly serverUrl: string;
}

interface Params {
  readonly convention: Convention;
  readonly rateWindow: string;
  readonly errorClasses: readonly StatusClass[];
  readonly servers: Servers;
  readonly spec: SelectionSpec | null;
  /** Evaluation time of the map's data (unix s): the details describe the same moment. */
  readonly time: number | undefined;
  readonly intervalMs: number;
  /** Not yet: something more urgent is being done (the first map is drawn). */
  readonly waiting?: boolean;
  /** The config's baseline offset: one more range query, the rate that long before. */
  readonly baseline?: string;
}

/** Seven queries (eight with the baseline) for the one selected service or edge: numbers at the map's moment and its last hour. */
export function selectionDetailsOptions(p: Params) {
  const server = p.spec ? serverFor(p.servers, p.spec.datacenter) : undefined;
  return queryOptions({
    queryKey: ['selection', p.spec, p.time, server?.plan.url, p.convention.name, p.rateWindow, p.errorClasses, p.baseline ?? null],
    enabled: !p.waiting && !!p.spec && p.time !== undefined && !!server,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
    // Keyed by the map's moment: every refresh makes a new entry, and old ones are never read
    // again. The default 5 min would keep ~1,500 hour-long series on a fast wall screen.
    gcTime: 15_000,
    queryFn: async ({ signal }): Promise<SelectionDetails> => {
      if (!p.spec || p.time === undefined || !server) throw new Error('nothing selected');
      const q = selectionQueries(p.convention, p.spec, p.rateWindow, p.errorClasses);
      const time = p.time;
      const client = server.client;
      const instant = (promql: string) => client.query(promql, { time, signal }).then(scalarOf);
      const step = Math.max(Math.round(p.intervalMs / 1000), Math.ceil(CHART_RANGE_S / 240));
      const range = (promql: string) => client.queryRange(promql, { start: time - CHART_RANGE_S, end: time, step, signal }).then(seriesOf);
      const baseline = p.baseline;
      const [[rate, errors, rateSeries, errorSeries, ...percentiles], baselineSeries] = await Promise.all([
        Promise.all([instant(q.rate), instant(q.errors), range(q.rate), range(q.errors), ...PERCENTILES.map((pq) => instant(q.latency(pq)))]),
        // The baseline line is extra: a failed one leaves the chart with its own lines.
        baseline ? range(q.rateAt(baseline)).catch(() => undefined) : Promise.resolve(undefined),
      ]);
      return {
        rate: rate as number,
        errors: errors as number,
        rateSeries: rateSeries as SparkPoint[],
        errorSeries: errorSeries as SparkPoint[],
        ...(baseline && baselineSeries ? { baselineSeries, baselineOffset: baseline } : {}),
        percentiles: PERCENTILES.map((pq, i) => ({ q: pq, seconds: (percentiles[i] as number | undefined) ?? NaN })),
        chartStart: time - CHART_RANGE_S,
        chartEnd: time,
        promql: { rate: q.rate, errors: q.errors },
        serverUrl: server.plan.url,
      };
    },
  });
}

function serverFor(servers: Servers, datacenter: string) {
  return servers.list.find((s) => s.plan.datacenters?.includes(datacenter)) ?? servers.list.find((s) => s.plan.datacenters === null) ?? servers.list[0];
}

/** The single value of an aggregated instant query (NaN when empty). */
export function scalarOf(answer: { data: QueryData }): number {
  const d = answer.data;
  if (d.resultType === 'scalar') return Number(d.result[1]);
  if (d.resultType !== 'vector' || d.result.length === 0) return NaN;
  const first = d.result[0];
  return first ? Number(first.value[1]) : NaN;
}

/** The points of the single series of an aggregated range query. */
export function seriesOf(answer: { data: QueryData }): SparkPoint[] {
  const d = answer.data;
  if (d.resultType !== 'matrix' || d.result.length === 0) return [];
  return (d.result[0]?.values ?? []).map(([t, v]) => ({ t, v: Number(v) }));
}

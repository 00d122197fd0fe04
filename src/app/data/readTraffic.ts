import { buildQueries } from '../../conventions/queries.ts';
import { buildBaselineQueries, buildViewQueries, viewConvention } from '../../conventions/viewQueries.ts';
import type { GroupSource, ViewScope } from '../../graph/scope.ts';
import { readLatencyRows, readRateRows } from '../../conventions/rows.ts';
import { textReader } from '../../conventions/scannedRows.ts';
import type { ScannedAnswer } from '../../conventions/scannedRows.ts';
import { RowList } from '../../graph/rowSource.ts';
import type { Convention, QueryKind } from '../../conventions/types.ts';
import type { DataProblem, LatencyRow, RateRow } from '../../graph/types.ts';
import { describeError } from '../../prometheus/errors.ts';
import type { PrometheusClient } from '../../prometheus/client.ts';
import type { InstantSample } from '../../prometheus/types.ts';
import type { ServerPlan } from './servers.ts';

export interface ServerFailure {
  readonly url: string;
  readonly datacenters: readonly string[] | null;
  readonly message: string;
}

/**
 * What one refresh read from every server, normalised, plus what went wrong on the way. The rows
 * are sources over the answers (checked once here, made again on each visit: see `readRateRows`).
 */
export interface TrafficRead {
  readonly egressRate: RowList<RateRow>;
  readonly ingressRate: RowList<RateRow>;
  readonly egressLatency: RowList<LatencyRow>;
  readonly ingressLatency: RowList<LatencyRow>;
  readonly problems: DataProblem[];
  readonly warnings: string[];
  readonly failures: ServerFailure[];
  /** Evaluation time of every query, unix seconds. */
  readonly time: number;
  queryCount: number;
  /** The view these answers are of (absent: the whole platform). */
  scope?: ViewScope;
  /** The view's total rates `offset` earlier (config `baseline`); absent when off or when a baseline query failed. */
  baseline?: BaselineRead;
}

export interface BaselineRead {
  readonly offset: string;
  readonly egressRate: RowList<RateRow>;
  readonly ingressRate: RowList<RateRow>;
}

export interface ReadParams {
  readonly convention: Convention;
  readonly rateWindow: string;
  readonly latencyQuantile: number;
  readonly time: number;
  readonly signal?: AbortSignal;
  /** The view to read (its queries only, aggregated to its nodes); absent: the whole platform. */
  readonly scope?: ViewScope;
  readonly grouping?: GroupSource | null;
  /** Read the recorded series (config `recordingRules`); view queries only. */
  readonly recorded?: boolean;
  /** Also read the view `baseline` earlier (a duration; two more light queries per server); views only. */
  readonly baseline?: string;
}

/**
 * Runs the four queries on every server in parallel, all at the same evaluation time. A server
 * that fails is reported (its datacenters are marked unavailable); only when every server fails
 * does the read fail, so the caller keeps its last good graph.
 */
export async function readTraffic(servers: readonly { plan: ServerPlan; client: PrometheusClient }[], params: ReadParams): Promise<TrafficRead> {
  const read = emptyRead(params.time);
  if (params.scope) read.scope = params.scope;
  // View answers name their nodes in labels of their own: read through the convention that says so.
  const scope = params.scope;
  const convention = scope ? viewConvention(params.convention, scope.level === 'global' ? undefined : scope.dc) : params.convention;
  const restrict = servers.length > 1;
  const results = await Promise.allSettled(servers.map(async ({ plan, client }) => {
    const queryParams = {
      rateWindow: params.rateWindow,
      latencyQuantile: params.latencyQuantile,
      ...(restrict && plan.datacenters ? { datacenters: plan.datacenters } : {}),
    };
    const viewParams = { ...queryParams, grouping: params.grouping ?? null, ...(params.recorded ? { recorded: true } : {}) };
    const queries = params.scope ? buildViewQueries(params.convention, viewParams, params.scope) : buildQueries(params.convention, queryParams);
    const options = { time: params.time, ...(params.signal ? { signal: params.signal } : {}) };
    const ask = (promql: string) => client.query(promql, options);
    // The baseline's answers are extra: a failed one leaves the map as it is, without comparisons.
    const baselineQueries = params.scope && params.baseline
      ? buildBaselineQueries(params.convention, viewParams, params.scope, params.baseline)
      : [];
    read.queryCount += queries.length + baselineQueries.length;
    const baseline = Promise.all(baselineQueries.map(async (q) => ({ kind: q.kind, answer: await ask(q.promql) })));
    baseline.catch(() => undefined);
    // A view's answers are read from their text where they can be (scannedRows.ts), else parsed.
    const answers = await Promise.all(queries.map(async (q) => {
      const reader = params.scope ? textReader(convention, q.kind) : null;
      return { kind: q.kind, answer: reader ? await client.queryRead(q.promql, reader, options) : await ask(q.promql) };
    }));
    return { plan, answers, baseline: await baseline.then((a) => ({ ok: true as const, answers: a }), (e: unknown) => ({ ok: false as const, error: e })) };
  }));
  const baselineRead = params.scope && params.baseline ? { offset: params.baseline, egressRate: new RowList<RateRow>(), ingressRate: new RowList<RateRow>() } : undefined;
  let baselineFailed = false;
  results.forEach((result, i) => {
    const plan = servers[i]?.plan;
    if (!plan) return;
    if (result.status === 'rejected') {
      read.failures.push({ url: plan.url, datacenters: plan.datacenters, message: describeError(result.reason) });
      return;
    }
    for (const { kind, answer } of result.value.answers) {
      const prefix = servers.length > 1 ? `${plan.url}: ` : '';
      // Prometheus repeats a warning (e.g. an unreachable store) on each of the four answers: keep it once.
      for (const w of answer.warnings) if (!read.warnings.includes(`${prefix}${w}`)) read.warnings.push(`${prefix}${w}`);
      if (answer.data.resultType === 'read') {
        addScanned(read, answer.data.value);
        continue;
      }
      const samples = answer.data.resultType === 'vector' ? answer.data.result : [];
      addRows(read, convention, kind, samples);
    }
    const baseline = result.value.baseline;
    if (!baseline.ok) {
      baselineFailed = true;
      read.warnings.push(`${servers.length > 1 ? `${plan.url}: ` : ''}the baseline (${params.baseline ?? ''} earlier) could not be read: ${describeError(baseline.error)}`);
    } else if (baselineRead) {
      for (const { kind, answer } of baseline.answers) {
        if (kind !== 'egressRate' && kind !== 'ingressRate') continue;
        const samples = answer.data.resultType === 'vector' ? answer.data.result : [];
        // Data problems of the baseline are those of the current answers, already reported.
        baselineRead[kind].add(...sourceOf(readRateRows(convention, kind, samples)));
      }
    }
  });
  if (baselineRead && !baselineFailed) read.baseline = baselineRead;
  if (read.failures.length === servers.length) {
    const first = read.failures[0];
    throw new Error(read.failures.length === 1 && first ? first.message : read.failures.map((f) => f.message).join('; '));
  }
  return read;
}

function sourceOf(r: ReturnType<typeof readRateRows>): Parameters<RowList<RateRow>['add']> {
  return [r.source, r.size];
}

/** A read with nothing in it yet, at evaluation time `time` (unix seconds). */
export function emptyRead(time: number): TrafficRead {
  return {
    egressRate: new RowList(), ingressRate: new RowList(), egressLatency: new RowList(), ingressLatency: new RowList(),
    problems: [], warnings: [], failures: [], time, queryCount: 0,
  };
}

/** Adds the rows of an answer read from its text (checked as it was read: no problems). */
export function addScanned(read: TrafficRead, answer: ScannedAnswer): void {
  if (answer.kind === 'egressRate' || answer.kind === 'ingressRate') read[answer.kind].add(answer.rows.source, answer.rows.size);
  else read[answer.kind].add(answer.rows.source, answer.rows.size);
}

/** Adds the samples of one answer (checked now; its rows are made when the graph is built). */
export function addRows(read: TrafficRead, convention: Convention, kind: QueryKind, samples: readonly InstantSample[]): void {
  if (kind === 'egressRate' || kind === 'ingressRate') {
    const { source, size, problems } = readRateRows(convention, kind, samples);
    read[kind].add(source, size);
    for (const p of problems) read.problems.push(p);
  } else {
    const { source, size, problems } = readLatencyRows(convention, kind, samples);
    read[kind].add(source, size);
    for (const p of problems) read.problems.push(p);
  }
}

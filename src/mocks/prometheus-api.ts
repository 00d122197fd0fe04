/**
 * The simulated Prometheus HTTP API, as pure functions from request parameters to
 * `{ httpStatus, body }`: /api/v1/query and /api/v1/query_range answer the four traffic-map
 * queries (see query-parser.ts) and the details of a selection (selection-parser.ts) from the
 * platform model; anything else is a `bad_data` error (HTTP 400), so a query the simulator
 * does not know is visible, never silently empty.
 */
import type { InstantSample, RangeSeries, SamplePair } from '../prometheus/types.ts';
import { formatSampleValue, parseStepMs, parseTimeMs } from './api-params.ts';
import { evaluateQuery } from './evaluate.ts';
import type { EvaluatedSample, TrafficModel } from './evaluate.ts';
import { evaluateSelection } from './evaluate-selection.ts';
import { parseTrafficQuery } from './query-parser.ts';
import { parseViewQuery } from './view-query.ts';
import { parseSelectionQuery } from './selection-parser.ts';

export type PrometheusBody =
  | {
      readonly status: 'success';
      readonly data: unknown;
      readonly warnings?: readonly string[];
      readonly infos?: readonly string[];
    }
  | { readonly status: 'error'; readonly errorType: string; readonly error: string };

export interface ApiAnswer {
  readonly httpStatus: number;
  readonly body: PrometheusBody;
}

/** Prometheus refuses range queries with more points than this per series. */
export const MAX_RANGE_POINTS = 11_000;

export function badData(error: string): ApiAnswer {
  return { httpStatus: 400, body: { status: 'error', errorType: 'bad_data', error } };
}

export function success(data: unknown): ApiAnswer {
  return { httpStatus: 200, body: { status: 'success', data } };
}

/** An instant query evaluated at `timeMs`: a vector. */
export function instantQuery(promql: string, timeMs: number, model: TrafficModel): ApiAnswer {
  const parsed = recognise(promql);
  if (!parsed.ok) return badData(parsed.error);
  const t = timeMs / 1000;
  const result: InstantSample[] = parsed.evaluate(timeMs, model).map((s) => ({
    metric: s.metric,
    value: [t, formatSampleValue(s.value)],
  }));
  return success({ resultType: 'vector', result });
}

/** A range query evaluated at start, start + step, ... <= end: a matrix. */
export function rangeQuery(promql: string, startMs: number, endMs: number, stepMs: number, model: TrafficModel): ApiAnswer {
  if (endMs < startMs) return badData('end timestamp must not be before start time');
  if (!(stepMs > 0)) return badData('zero or negative query resolution step widths are not accepted. Try a positive integer');
  if ((endMs - startMs) / stepMs > MAX_RANGE_POINTS) {
    return badData('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
  }
  const parsed = recognise(promql);
  if (!parsed.ok) return badData(parsed.error);
  const series = new Map<string, { metric: RangeSeries['metric']; values: SamplePair[] }>();
  for (let timeMs = startMs; timeMs <= endMs; timeMs += stepMs) {
    for (const s of parsed.evaluate(timeMs, model)) {
      const key = JSON.stringify(s.metric);
      const entry = series.get(key) ?? { metric: s.metric, values: [] };
      series.set(key, entry);
      entry.values.push([timeMs / 1000, formatSampleValue(s.value)]);
    }
  }
  const result: RangeSeries[] = [...series.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, entry]) => entry);
  return success({ resultType: 'matrix', result });
}

type Recognised =
  | { readonly ok: true; readonly evaluate: (timeMs: number, model: TrafficModel) => readonly EvaluatedSample[] }
  | { readonly ok: false; readonly error: string };

/** The app's lag query (src/conventions/lagQuery.ts): the simulated series are always up to date. */
const LAG_QUERY = /^time\(\) - min\(timestamp\(traffic_egress_requests_total(\{[^}]*\})?\)\)$/;

/** The refresh's four queries (query-parser.ts), then the selection's details (selection-parser.ts), then the lag query. */
function recognise(promql: string): Recognised {
  if (LAG_QUERY.test(promql)) return { ok: true, evaluate: () => [{ metric: {}, value: 0 }] };
  const view = parseViewQuery(promql);
  if (view) return view;
  const traffic = parseTrafficQuery(promql);
  if (traffic.ok) return { ok: true, evaluate: (timeMs, model) => evaluateQuery(traffic.query, timeMs, model) };
  const selection = parseSelectionQuery(promql);
  if (selection.ok) return { ok: true, evaluate: (timeMs, model) => evaluateSelection(selection.query, timeMs, model) };
  return { ok: false, error: selection.error ?? traffic.error };
}

/** /api/v1/query from its parameters (URL query and form body merged). */
export function queryFromParams(params: URLSearchParams, nowMs: number, model: TrafficModel): ApiAnswer {
  const query = params.get('query');
  if (!query) return badData('invalid parameter "query": 1:1: parse error: no expression found in input');
  const time = params.get('time');
  const timeMs = time === null || time === '' ? nowMs : parseTimeMs(time);
  if (timeMs === undefined) return badData(`invalid parameter "time": cannot parse ${JSON.stringify(time)} to a valid timestamp`);
  return instantQuery(query, timeMs, model);
}

/** /api/v1/query_range from its parameters. */
export function queryRangeFromParams(params: URLSearchParams, model: TrafficModel): ApiAnswer {
  const query = params.get('query');
  if (!query) return badData('invalid parameter "query": 1:1: parse error: no expression found in input');
  const bounds: number[] = [];
  for (const name of ['start', 'end'] as const) {
    const text = params.get(name) ?? '';
    const ms = parseTimeMs(text);
    if (ms === undefined) return badData(`invalid parameter "${name}": cannot parse ${JSON.stringify(text)} to a valid timestamp`);
    bounds.push(ms);
  }
  const stepText = params.get('step') ?? '';
  const stepMs = parseStepMs(stepText);
  if (stepMs === undefined) {
    return badData(`invalid parameter "step": cannot parse ${JSON.stringify(stepText)} to a valid duration`);
  }
  return rangeQuery(query, bounds[0] ?? 0, bounds[1] ?? 0, stepMs, model);
}

/** Adds warnings to a successful answer (the "warnings" scenario); errors are left alone. */
export function withWarnings(answer: ApiAnswer, warnings: readonly string[]): ApiAnswer {
  if (answer.body.status !== 'success' || warnings.length === 0) return answer;
  return { ...answer, body: { ...answer.body, warnings } };
}

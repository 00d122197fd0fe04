import { isPrometheusError } from './errors.ts';
import { apiRequest } from './request.ts';
import type { RequestContext } from './request.ts';
import { parseGlobalScrapeInterval } from './scrapeConfig.ts';
import type { AlertsData, ApiSuccess, BuildInfo, QueryData } from './types.ts';
import { checkAlertsData, checkBuildInfo, checkConfigYaml, checkQueryData, checkStringList } from './validate.ts';

export interface PrometheusClientOptions {
  /** Base URL of the Prometheus HTTP API, without /api/v1; absolute or relative to the page. */
  readonly baseUrl: string;
  /** Per-request timeout, after which the call fails with kind 'timeout'. */
  readonly timeoutMs: number;
  /** Defaults to the global fetch, looked up at call time (so test interceptors apply). */
  readonly fetch?: typeof fetch;
  /** Extra headers on every request (e.g. a tenant header for a multi-tenant proxy). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Largest answer read, in bytes (default 50 MB); a larger one fails as "answer too large". */
  readonly maxBodyBytes?: number;
}

export interface Cancellable {
  readonly signal?: AbortSignal;
}

export interface InstantQueryOptions extends Cancellable {
  /** Evaluation time, unix seconds; default: now (as Prometheus sees it). */
  readonly time?: number;
}

export interface RangeQueryOptions extends Cancellable {
  /** Unix seconds. */
  readonly start: number;
  readonly end: number;
  /** Seconds, or a Prometheus duration such as "15s". */
  readonly step: number | string;
}

export interface LabelValuesOptions extends Cancellable {
  /** Series selectors restricting the values, e.g. `up{job="api"}`. */
  readonly match?: string | readonly string[];
}

/** An answer the caller's reader read from its text (see `PrometheusClient.queryRead`). */
export interface ReadData<R> {
  readonly resultType: 'read';
  readonly value: R;
}

export interface PrometheusClient {
  query(promql: string, options?: InstantQueryOptions): Promise<ApiSuccess<QueryData>>;
  /**
   * `query`, with the answer's text offered to `read` first: what it returns stands for the data
   * (a reader of the API's compact vector shape, without an object per sample: vectorText.ts);
   * null, and the answer is parsed and checked as `query` does.
   */
  queryRead<R>(promql: string, read: (text: string) => R | null, options?: InstantQueryOptions): Promise<ApiSuccess<QueryData | ReadData<R>>>;
  queryRange(promql: string, options: RangeQueryOptions): Promise<ApiSuccess<QueryData>>;
  /**
   * The global scrape interval in ms from /api/v1/status/config (1m when the config sets none,
   * as Prometheus does), or null when the endpoint is not served (404/405, e.g. behind some
   * proxies and Prometheus-compatible stores) or the value cannot be read. Other failures throw.
   */
  scrapeInterval(options?: Cancellable): Promise<number | null>;
  labelValues(label: string, options?: LabelValuesOptions): Promise<ApiSuccess<readonly string[]>>;
  buildInfo(options?: Cancellable): Promise<ApiSuccess<BuildInfo>>;
  /** /api/v1/alerts: the alerts of the server's rules (entries checked by src/alerts/parse.ts). */
  alerts(options?: Cancellable): Promise<ApiSuccess<AlertsData>>;
}

/** A framework-free client of the Prometheus HTTP API; every call goes through `apiRequest`. */
export function createPrometheusClient(options: PrometheusClientOptions): PrometheusClient {
  const ctx: RequestContext = {
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: options.headers ?? {},
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  };

  return {
    query: (promql, { time, signal } = {}) =>
      apiRequest(ctx, { method: 'POST', path: 'api/v1/query', params: { query: promql, time }, signal, check: checkQueryData }),

    queryRead: <R>(promql: string, read: (text: string) => R | null, { time, signal }: InstantQueryOptions = {}) =>
      apiRequest<QueryData | ReadData<R>>(ctx, {
        method: 'POST', path: 'api/v1/query', params: { query: promql, time }, signal, check: checkQueryData,
        readText: (text) => {
          const value = read(text);
          return value === null ? null : { resultType: 'read', value };
        },
      }),

    queryRange: (promql, { start, end, step, signal }) =>
      apiRequest(ctx, {
        method: 'POST',
        path: 'api/v1/query_range',
        params: { query: promql, start, end, step },
        signal,
        check: checkQueryData,
      }),

    scrapeInterval: async ({ signal } = {}) => {
      try {
        const answer = await apiRequest(ctx, { method: 'GET', path: 'api/v1/status/config', signal, check: checkConfigYaml });
        return parseGlobalScrapeInterval(answer.data);
      } catch (e) {
        if (isPrometheusError(e) && (e.status === 404 || e.status === 405)) return null;
        throw e;
      }
    },

    labelValues: (label, { match, signal } = {}) =>
      apiRequest(ctx, {
        method: 'GET',
        path: `api/v1/label/${encodeURIComponent(label)}/values`,
        params: { 'match[]': typeof match === 'string' ? [match] : match },
        signal,
        check: checkStringList,
      }),

    buildInfo: ({ signal } = {}) =>
      apiRequest(ctx, { method: 'GET', path: 'api/v1/status/buildinfo', signal, check: checkBuildInfo }),

    alerts: ({ signal } = {}) =>
      apiRequest(ctx, { method: 'GET', path: 'api/v1/alerts', signal, check: checkAlertsData }),
  };
}

/**
 * Prometheus HTTP API response types, as documented at
 * https://prometheus.io/docs/prometheus/latest/querying/api/ . Sample values stay strings
 * ("NaN", "+Inf" exist) until the graph parses them on purpose.
 */

export type Labels = Readonly<Record<string, string>>;

/** [unix seconds, value as string] */
export type SamplePair = readonly [number, string];

export interface InstantSample {
  readonly metric: Labels;
  readonly value: SamplePair;
}

export interface RangeSeries {
  readonly metric: Labels;
  readonly values: readonly SamplePair[];
}

export type QueryData =
  | { readonly resultType: 'vector'; readonly result: readonly InstantSample[] }
  | { readonly resultType: 'matrix'; readonly result: readonly RangeSeries[] }
  | { readonly resultType: 'scalar'; readonly result: SamplePair }
  | { readonly resultType: 'string'; readonly result: SamplePair };

/** A successful API answer: the data plus the warnings/infos that came with it. */
export interface ApiSuccess<T> {
  readonly data: T;
  readonly warnings: readonly string[];
  readonly infos: readonly string[];
}

export type PrometheusErrorKind = 'network' | 'timeout' | 'http' | 'api' | 'parse' | 'aborted';

/** /api/v1/status/buildinfo: the fields every Prometheus sends; others are kept as they came. */
export interface BuildInfo {
  readonly version: string;
  readonly revision?: string;
  readonly branch?: string;
  readonly buildUser?: string;
  readonly buildDate?: string;
  readonly goVersion?: string;
}

/** /api/v1/alerts: a list of alerts; each entry is read (and checked) by src/alerts/parse.ts. */
export interface AlertsData {
  readonly alerts: readonly unknown[];
}

import type { PrometheusErrorKind } from './types.ts';

export interface PrometheusErrorInit {
  readonly kind: PrometheusErrorKind;
  readonly message: string;
  /** The URL that was requested. */
  readonly url: string;
  readonly status?: number;
  readonly errorType?: string;
  readonly cause?: unknown;
}

/** Any failure of a Prometheus API call, with a message that says what failed and what to do. */
export class PrometheusError extends Error {
  override readonly name = 'PrometheusError';
  readonly kind: PrometheusErrorKind;
  readonly url: string;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** The API's `errorType` (bad_data, execution, timeout, canceled, unavailable, ...). */
  readonly errorType?: string;

  constructor(init: PrometheusErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.url = init.url;
    if (init.status !== undefined) this.status = init.status;
    if (init.errorType !== undefined) this.errorType = init.errorType;
  }
}

export function isPrometheusError(e: unknown): e is PrometheusError {
  return e instanceof PrometheusError;
}

/** A one-line, human text for any thrown value (for panels and banners). */
export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  if (typeof e === 'string') return e;
  try {
    return `unexpected error: ${JSON.stringify(e)}`;
  } catch {
    return 'unexpected error';
  }
}

/** Where a failed request went: the base URL and the API path, for messages. */
export interface RequestTarget {
  readonly baseUrl: string;
  readonly url: string;
}

export function networkError(t: RequestTarget, cause: unknown): PrometheusError {
  return new PrometheusError({
    kind: 'network',
    url: t.url,
    cause,
    message:
      `cannot reach Prometheus at ${t.baseUrl} (down, wrong URL or CORS): ${describeError(cause)}`,
  });
}

export function timeoutError(t: RequestTarget, timeoutMs: number): PrometheusError {
  return new PrometheusError({
    kind: 'timeout',
    url: t.url,
    message:
      `Prometheus at ${t.baseUrl} did not answer within ${formatMs(timeoutMs)}; ` +
      'it may be overloaded, or the query too heavy (raise prometheus.timeout or shorten rateWindow)',
  });
}

export function abortedError(t: RequestTarget, cause: unknown): PrometheusError {
  return new PrometheusError({ kind: 'aborted', url: t.url, cause, message: `request to ${t.url} was cancelled` });
}

/** A body larger than the client reads: a query gone wrong, or not Prometheus at all. */
export function tooLargeError(t: RequestTarget, maxBytes: number): PrometheusError {
  return new PrometheusError({
    kind: 'parse',
    url: t.url,
    message:
      `answer too large: ${t.url} sent more than ${Math.round(maxBytes / 1024 / 1024)} MB, so it was not read; ` +
      'list "datacenters" in the config, or check that prometheus.url points at Prometheus',
  });
}

/** A non-2xx answer without a Prometheus error body. */
export function httpError(t: RequestTarget, status: number, body: string): PrometheusError {
  return new PrometheusError({ kind: 'http', url: t.url, status, message: httpMessage(t, status, body) });
}

function httpMessage(t: RequestTarget, status: number, body: string): string {
  const at = `Prometheus at ${t.baseUrl}`;
  if (status === 401 || status === 403) {
    return `not authorised: ${at} answered ${status}; configure access (a proxy that adds credentials, or CORS/cookies)`;
  }
  if (status === 404) {
    return `${t.url} not found (404): check prometheus.url, it should be the Prometheus base URL without /api/v1`;
  }
  if (status === 503) return `Prometheus is starting or unavailable: ${at} answered 503`;
  if (status === 502 || status === 504) {
    return `a proxy in front of ${at} answered ${status}: Prometheus is down or slow behind it`;
  }
  const excerpt = isHtml(body) ? 'an HTML page' : quoteExcerpt(body);
  return `${at} answered HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`;
}

/** A `status: "error"` answer (any HTTP status): keeps the API's errorType and text. */
export function apiError(t: RequestTarget, errorType: string, error: string, status?: number): PrometheusError {
  const init = { kind: 'api' as const, url: t.url, errorType, message: apiMessage(t, errorType, error) };
  return new PrometheusError(status === undefined ? init : { ...init, status });
}

function apiMessage(t: RequestTarget, errorType: string, error: string): string {
  const at = `Prometheus at ${t.baseUrl}`;
  switch (errorType) {
    case 'bad_data':
      return `${at} rejected the request (bad_data): ${error}`;
    case 'execution':
      return `${at} could not run the query (execution): ${error}`;
    case 'timeout':
      return `the query timed out inside ${at} (timeout): ${error}; shorten rateWindow or raise the query timeout of Prometheus`;
    case 'unavailable':
      return `Prometheus is starting or unavailable (unavailable): ${error}`;
    default:
      return `${at} answered with an error (${errorType || 'unknown'}): ${error}`;
  }
}

/** A 2xx answer that is not a usable Prometheus API body. */
export function parseError(t: RequestTarget, what: string, body?: string): PrometheusError {
  const message =
    body !== undefined && isHtml(body)
      ? `got an HTML page instead of JSON from ${t.url} (a login proxy, or prometheus.url pointing at a web page?)`
      : `unexpected answer from ${t.url}: ${what}`;
  return new PrometheusError({ kind: 'parse', url: t.url, message });
}

export function isHtml(body: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body)/i.test(body);
}

/** At most 120 characters of a body, quoted, on one line. */
export function quoteExcerpt(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return '';
  return JSON.stringify(oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine);
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

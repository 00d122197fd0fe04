/** Pure URL helpers for the Prometheus client: no fetch, no `window`. */

/**
 * Joins a base URL and an API path with exactly one slash between them. The base may be
 * absolute ("http://prom:9090", "http://host/prom/") or relative to the page ("/prometheus",
 * "./prom", "" = the page's own folder); a relative result is resolved by the browser's fetch.
 */
export function joinUrl(base: string, path: string): string {
  const cleanPath = path.replace(/^\/+/, '');
  if (base === '') return cleanPath;
  const cleanBase = base.replace(/\/+$/, '');
  return `${cleanBase}/${cleanPath}`;
}

export type ParamValue = string | number | readonly string[] | undefined;

/** `application/x-www-form-urlencoded` text of the params; undefined values are left out. */
export function encodeParams(params: Readonly<Record<string, ParamValue>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number') {
      search.append(key, String(value));
    } else {
      for (const v of value) search.append(key, v);
    }
  }
  return search.toString();
}

/** The URL with the encoded params appended as a query string (none when there are none). */
export function withQuery(url: string, encodedParams: string): string {
  if (encodedParams === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${encodedParams}`;
}

/**
 * The Prometheus web UI's graph page for an expression (works in the classic and the new UI),
 * ending at `endUnix` when given (a pinned moment), over `range` (a Prometheus duration).
 */
export function graphPageUrl(base: string, expr: string, options: { range?: string; endUnix?: number } = {}): string {
  const params: Record<string, ParamValue> = {
    'g0.expr': expr,
    'g0.tab': '0',
    'g0.range_input': options.range ?? '1h',
    'g0.end_input': options.endUnix === undefined ? undefined : new Date(options.endUnix * 1000).toISOString().slice(0, 19).replace('T', ' '),
  };
  return withQuery(joinUrl(base, 'graph'), encodeParams(params));
}

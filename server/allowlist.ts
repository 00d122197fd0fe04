/**
 * What the proxy forwards: the read API the app uses, nothing else. Decided on the raw path
 * (before any decoding or dot-segment cleaning), so "/api/v1/label/..%2f..%2fadmin" or
 * "/api/v1/query/../admin/tsdb/snapshot" can never reach another endpoint.
 */

export type Decision =
  /** Forward to `path` (relative to the upstream's base URL) with the request's query string. */
  | { readonly kind: 'forward'; readonly path: string }
  /** The Prometheus UI's graph page: redirect the viewer there (the app links to it). */
  | { readonly kind: 'graph' }
  | { readonly kind: 'refuse'; readonly status: 403 | 404 | 405; readonly allow?: readonly string[]; readonly message: string };

const READ_AND_POST = ['GET', 'POST'] as const;
const READ_ONLY = ['GET'] as const;

/** Endpoint -> methods Prometheus accepts there (POST where a long query may need a body). */
const ENDPOINTS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['query', READ_AND_POST],
  ['query_range', READ_AND_POST],
  ['series', READ_AND_POST],
  ['labels', READ_AND_POST],
  ['alerts', READ_ONLY],
  ['status/config', READ_ONLY],
  ['status/buildinfo', READ_ONLY],
]);

/** `label/<name>/values`; a label name in the URL is [a-zA-Z_][a-zA-Z0-9_]* (Prometheus 3 escapes others as U__...). */
const LABEL_VALUES = /^label\/([A-Za-z_][A-Za-z0-9_]*)\/values$/;

export const ALLOWED_ENDPOINTS: readonly string[] = [...ENDPOINTS.keys(), 'label/<name>/values'];

/**
 * `rest` is the raw path after /prometheus/<name> (e.g. "/api/v1/query"), without the query string.
 */
export function decide(method: string, rest: string): Decision {
  if (method === 'GET' && rest === '/graph') return { kind: 'graph' };
  const m = /^\/api\/v1\/([A-Za-z0-9_/]+)$/.exec(rest);
  const endpoint = m?.[1];
  let methods: readonly string[] | undefined;
  if (endpoint !== undefined) methods = LABEL_VALUES.test(endpoint) ? READ_ONLY : ENDPOINTS.get(endpoint);
  if (endpoint === undefined || methods === undefined) {
    return {
      kind: 'refuse',
      status: 403,
      message: `the proxy forwards only the read API the app uses (${ALLOWED_ENDPOINTS.map((e) => `/api/v1/${e}`).join(', ')}), not ${shorten(rest)}`,
    };
  }
  if (!methods.includes(method)) {
    return { kind: 'refuse', status: 405, allow: methods, message: `${method} is not forwarded for /api/v1/${endpoint} (only ${methods.join(', ')})` };
  }
  return { kind: 'forward', path: `api/v1/${endpoint}` };
}

function shorten(path: string): string {
  return JSON.stringify(path.length > 80 ? `${path.slice(0, 77)}...` : path);
}

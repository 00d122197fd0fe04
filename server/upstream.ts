/** One Prometheus the server forwards to, as config.json describes it (server-side settings included). */

export type UpstreamAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly username: string; readonly password: Secret }
  | { readonly kind: 'bearer'; readonly token: Secret };

/** A secret written in config.json, or the file that holds it (read at each request, so a rotated Secret applies). */
export type Secret = { readonly value: string } | { readonly file: string; readonly field: string };

export interface Upstream {
  /** The route: the browser reaches this server at /prometheus/<name>. */
  readonly name: string;
  /** Where it is configured, for messages: "prometheus", "datacenters[1].prometheus". */
  readonly field: string;
  /** Absolute http(s) base URL of the Prometheus HTTP API (without /api/v1), no trailing slash. */
  readonly url: string;
  readonly timeoutMs: number;
  readonly auth: UpstreamAuth;
  /** Extra headers, e.g. a tenant (X-Scope-OrgID); a Map, as the names come from a file. */
  readonly headers: ReadonlyMap<string, string>;
  readonly tls: { readonly caFile?: string; readonly insecureSkipVerify: boolean };
}

/** The browser's path for an upstream. */
export function routeOf(name: string): string {
  return `/prometheus/${name}`;
}

/**
 * The server's reading of config.json: the settings of each Prometheus that only the server
 * sees (credentials, headers, TLS), checked with messages that name the field, and the
 * config.json the browser gets instead, where each Prometheus is a path on this site
 * (/prometheus/<name>) and nothing secret is left. Pure: files are read elsewhere (secrets.ts).
 */
import { issuesToProblems } from '../src/config/errors.ts';
import { checkedString, durationMs, nonEmptyText } from '../src/config/fields.ts';
import type { ConfigProblem } from '../src/config/types.ts';
import { optional, record, refine, strictObject, string, union } from '../src/config/validate.ts';
import type { Issue, Report, Schema } from '../src/config/validate.ts';
import { routeOf } from './upstream.ts';
import type { Secret, Upstream, UpstreamAuth } from './upstream.ts';

/** The default prometheus.timeout, as the browser's schema has it. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * The browser waits this much longer than the server, so the server's answer (which names the
 * Prometheus that was slow) arrives before the browser gives up on its own.
 */
export const BROWSER_TIMEOUT_MARGIN_MS = 2_000;

const URL_EXPECTED = 'expected an absolute http(s) URL such as "http://prometheus:9090" (the server forwards to it)';

const upstreamUrl = refine(string(URL_EXPECTED), (s, report) => {
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    report({ message: URL_EXPECTED });
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') report({ message: URL_EXPECTED });
  // The value is not shown: it holds a password.
  else if (url.username !== '' || url.password !== '') report({ message: 'expected no credentials in the URL (use basicAuth)', showValue: false });
  else if (url.search !== '' || url.hash !== '') report({ message: 'expected a base URL without "?" or "#"' });
  else if (/\/api\/v1\/?$/.test(url.pathname)) report({ message: 'expected the base URL of Prometheus, without /api/v1' });
});

const filePath = nonEmptyText('expected the path of a file');

const basicAuth = refine(
  strictObject(
    {
      username: nonEmptyText('expected a user name'),
      password: optional(nonEmptyText('expected a password')),
      passwordFile: optional(filePath),
    },
    'expected {"username": "...", "passwordFile": "/run/secrets/prometheus-password"}',
  ),
  (auth, report) => {
    if (auth.password !== undefined && auth.passwordFile !== undefined) {
      report({ path: ['passwordFile'], message: 'expected either password or passwordFile, not both', showValue: false });
    } else if (auth.password === undefined && auth.passwordFile === undefined) {
      report({ path: ['passwordFile'], message: 'expected password or passwordFile', input: undefined });
    }
  },
);

/** Header names (RFC 9110 tokens) the server sets itself or that make no sense to send upstream. */
const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'host', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te',
  'trailer', 'accept', 'accept-encoding', 'expect', 'proxy-authorization', 'proxy-connection',
]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const headers = refine(
  record(
    checkedString('expected a header value (text)', (s) => (/[\r\n\0]/.test(s) ? 'expected a header value on one line' : null)),
    'expected an object of header names and values such as {"X-Scope-OrgID": "tenant-1"}',
  ),
  (value, report) => {
    for (const name of Object.keys(value)) {
      if (!TOKEN.test(name)) report({ path: [name], message: `expected a header name (letters, digits, "-"), not "${name}"`, showValue: false });
      else if (RESERVED_HEADERS.has(name.toLowerCase())) report({ path: [name], message: `expected a header the server does not set itself (not ${name})`, showValue: false });
    }
  },
);

const bool: Schema<boolean> = {
  run: (input) =>
    typeof input === 'boolean'
      ? { value: input, issues: [] }
      : { value: false, issues: [{ kind: 'type', path: [], message: 'expected true or false', input }] },
};

const tls = strictObject(
  {
    /** PEM file of the CA that signed the server's certificate (added to the system's). */
    caFile: optional(filePath),
    /** Skip verifying the certificate (labs only). */
    insecureSkipVerify: optional(bool),
  },
  'expected an object such as {"caFile": "/etc/ssl/prometheus-ca.pem"}',
);

const SERVER_FIELDS = {
  basicAuth: optional(basicAuth),
  bearerTokenFile: optional(filePath),
  headers: optional(headers),
  tls: optional(tls),
};
const SERVER_FIELD_NAMES: readonly string[] = Object.keys(SERVER_FIELDS);

type EntryFields = {
  url?: string;
  basicAuth?: { username: string; password?: string; passwordFile?: string };
  bearerTokenFile?: string;
  headers?: Record<string, string>;
  tls?: { caFile?: string; insecureSkipVerify?: boolean };
};

function checkEntry(entry: EntryFields, report: Report): void {
  if (entry.url === undefined && SERVER_FIELD_NAMES.some((f) => f in entry)) {
    report({ path: ['url'], message: URL_EXPECTED, input: undefined });
  }
  const auth = entry.basicAuth !== undefined || entry.bearerTokenFile !== undefined;
  if (entry.basicAuth !== undefined && entry.bearerTokenFile !== undefined) {
    report({ path: ['bearerTokenFile'], message: 'expected basicAuth or bearerTokenFile, not both', showValue: false });
  }
  for (const name of Object.keys(entry.headers ?? {})) {
    if (auth && name.toLowerCase() === 'authorization') {
      report({ path: ['headers', name], message: 'expected no Authorization header next to basicAuth or bearerTokenFile', showValue: false });
    }
  }
  if (entry.tls !== undefined && entry.url !== undefined && !entry.url.startsWith('https:')) {
    report({ path: ['tls'], message: 'expected an https:// url with tls settings', showValue: false });
  }
}

const mainPrometheus = refine(
  strictObject(
    { url: optional(upstreamUrl), timeout: optional(durationMs('10s')), ...SERVER_FIELDS },
    'expected an object such as {"url": "http://prometheus:9090", "basicAuth": {...}}',
  ),
  checkEntry,
);

const datacenterPrometheus = union(
  [
    upstreamUrl,
    refine(
      strictObject({ url: upstreamUrl, ...SERVER_FIELDS }, 'expected {"url": "http://prom-eu:9090", "basicAuth": {...}}'),
      checkEntry,
    ),
  ],
  'expected a URL or an object such as {"url": "http://prom-eu:9090", "basicAuth": {...}}',
);

/** Known fields per path, for "did you mean" hints (as src/config/schema.ts KNOWN_FIELDS). */
const KNOWN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  prometheus: ['url', 'timeout', ...SERVER_FIELD_NAMES],
  'datacenters[].prometheus': ['url', ...SERVER_FIELD_NAMES],
  'prometheus.basicAuth': ['username', 'password', 'passwordFile'],
  'datacenters[].prometheus.basicAuth': ['username', 'password', 'passwordFile'],
  'prometheus.tls': Object.keys(tls.shape),
  'datacenters[].prometheus.tls': Object.keys(tls.shape),
};

export interface PreparedConfig {
  /** config.json as the browser gets it: same-origin paths, no server-side settings. */
  readonly browserConfig: Record<string, unknown>;
  /** By route name ("default", "eu-west", ...). */
  readonly upstreams: ReadonlyMap<string, Upstream>;
}

export type Prepared = { readonly ok: true; readonly config: PreparedConfig } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A datacenter name usable as it is in a URL path; others get "datacenter-<index>". */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/**
 * Checks the server-side part of config.json (prometheus and datacenters[].prometheus) and
 * makes the browser's config. The rest of the file is left to the browser's schema, which the
 * caller runs on `browserConfig` (the paths of its problems are those of the file).
 */
export function prepareConfig(json: unknown): Prepared {
  if (!isObject(json)) {
    return { ok: false, problems: [{ path: '', message: 'expected a JSON object such as {"prometheus": {"url": "http://prometheus:9090"}}' }] };
  }
  const issues: Issue[] = [];
  const at = (path: readonly PropertyKey[], list: readonly Issue[]): Issue[] => list.map((i) => ({ ...i, path: [...path, ...i.path] }));

  const main = 'prometheus' in json ? mainPrometheus.run(json.prometheus) : undefined;
  if (main) issues.push(...at(['prometheus'], main.issues));
  const datacenters = Array.isArray(json.datacenters) ? (json.datacenters as unknown[]) : null;
  const own = new Map<number, EntryFields>();
  datacenters?.forEach((item, i) => {
    if (!isObject(item) || !('prometheus' in item)) return;
    const result = datacenterPrometheus.run(item.prometheus);
    issues.push(...at(['datacenters', i, 'prometheus'], result.issues));
    own.set(i, typeof result.value === 'string' ? { url: result.value } : (result.value as EntryFields));
  });
  if (issues.length > 0) return { ok: false, problems: issuesToProblems(issues, KNOWN_FIELDS) };

  const timeoutMs = main?.value.timeout ?? DEFAULT_TIMEOUT_MS;
  const upstreams = new Map<string, Upstream>();
  const browserConfig: Record<string, unknown> = { ...json };
  if (main?.value.url !== undefined) {
    upstreams.set('default', toUpstream('default', 'prometheus', main.value, timeoutMs));
    browserConfig.prometheus = { url: routeOf('default'), timeout: `${timeoutMs + BROWSER_TIMEOUT_MARGIN_MS}ms` };
  } else if (main !== undefined) {
    // No URL: every datacenter has its own (the browser's schema checks that); keep the timeout.
    browserConfig.prometheus = 'timeout' in (json.prometheus as object) ? { timeout: `${timeoutMs + BROWSER_TIMEOUT_MARGIN_MS}ms` } : {};
  }
  if (datacenters) {
    browserConfig.datacenters = datacenters.map((item, i) => {
      const entry = own.get(i);
      if (!isObject(item) || entry === undefined) return item;
      const wanted = typeof item.name === 'string' && SAFE_NAME.test(item.name) ? item.name : '';
      const name = wanted !== '' && !upstreams.has(wanted) ? wanted : `datacenter-${i}`;
      upstreams.set(name, toUpstream(name, `datacenters[${i}].prometheus`, entry, timeoutMs));
      return { ...item, prometheus: routeOf(name) };
    });
  }
  return { ok: true, config: { browserConfig, upstreams } };
}

function toUpstream(name: string, field: string, entry: EntryFields, timeoutMs: number): Upstream {
  const headerMap = new Map<string, string>();
  for (const [key, value] of Object.entries(entry.headers ?? {})) headerMap.set(key, value);
  const tlsSettings = entry.tls ?? {};
  return {
    name,
    field,
    url: (entry.url ?? '').replace(/\/+$/, ''),
    timeoutMs,
    auth: authOf(entry, field),
    headers: headerMap,
    tls: { ...(tlsSettings.caFile === undefined ? {} : { caFile: tlsSettings.caFile }), insecureSkipVerify: tlsSettings.insecureSkipVerify ?? false },
  };
}

function authOf(entry: EntryFields, field: string): UpstreamAuth {
  if (entry.basicAuth) {
    const { username, password, passwordFile } = entry.basicAuth;
    const secret: Secret = passwordFile !== undefined ? { file: passwordFile, field: `${field}.basicAuth.passwordFile` } : { value: password ?? '' };
    return { kind: 'basic', username, password: secret };
  }
  if (entry.bearerTokenFile !== undefined) return { kind: 'bearer', token: { file: entry.bearerTokenFile, field: `${field}.bearerTokenFile` } };
  return { kind: 'none' };
}

/**
 * Recognises the four traffic-map queries (`buildQuery` with the standard convention) and reads
 * their parameters back: the kind, the rate window, the latency quantile and the datacenters.
 * A query is accepted only if rebuilding it from those parameters gives the very same string,
 * so the simulated Prometheus can never drift from the app's query builder unnoticed.
 */
import { buildQuery } from '../conventions/queries.ts';
import { standardConvention } from '../conventions/standard.ts';
import type { QueryKind } from '../conventions/types.ts';
import { parseDurationMs } from '../prometheus/duration.ts';

export interface TrafficQuery {
  readonly kind: QueryKind;
  readonly rateWindow: string;
  readonly windowMs: number;
  /** The latency quantile; NaN for the rate queries. */
  readonly quantile: number;
  /** Only these values of the datacenter label; undefined = all datacenters. */
  readonly datacenters?: readonly string[];
  /** A rate query without status classes: one total per series (the baseline queries). */
  readonly total?: boolean;
  /** A view's datacenter: series with both ends in it come without datacenter labels (`elidesHome`). */
  readonly home?: string;
}

export type ParsedQuery = { readonly ok: true; readonly query: TrafficQuery } | { readonly ok: false; readonly error: string };

const c = standardConvention;
const METRIC_KINDS: ReadonlyMap<string, QueryKind> = new Map([
  [c.egressRequests, 'egressRate'],
  [c.ingressRequests, 'ingressRate'],
  [`${c.egressDuration}_bucket`, 'egressLatency'],
  [`${c.ingressDuration}_bucket`, 'ingressLatency'],
]);

/** metric name, optional selector (strings may hold braces), range. */
const SELECTOR = /([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[^}"]|"(?:[^"\\]|\\.)*")*\})?\[([^\]]*)\]/;
const QUANTILE = /^histogram_quantile\(([^,]+),/;
const DC_MATCHER = new RegExp(`^\\{${c.labels.datacenter}=~("(?:[^"\\\\]|\\\\.)*")\\}$`);

export function parseTrafficQuery(promql: string): ParsedQuery {
  const text = promql.trim();
  const unknown: ParsedQuery = {
    ok: false,
    error: `the simulated Prometheus only answers the traffic-map queries of the standard convention; got: ${clip(text)}`,
  };
  const selector = SELECTOR.exec(text);
  const kind = selector ? METRIC_KINDS.get(selector[1] ?? '') : undefined;
  if (!selector || !kind) return unknown;
  const rateWindow = selector[3] ?? '';
  const windowMs = parseDurationMs(rateWindow);
  if (windowMs === null || windowMs === 0) {
    return { ok: false, error: `1:1: parse error: bad duration syntax: ${JSON.stringify(rateWindow)}` };
  }
  let datacenters: readonly string[] | undefined;
  if (selector[2] !== undefined) {
    const literal = DC_MATCHER.exec(selector[2])?.[1];
    if (literal === undefined) return unknown;
    datacenters = splitAlternatives(unquote(literal));
  }
  const latency = kind === 'egressLatency' || kind === 'ingressLatency';
  const quantile = latency ? Number(QUANTILE.exec(text)?.[1]) : NaN;
  if (latency && Number.isNaN(quantile)) return unknown;
  const rebuilt = buildQuery(c, { rateWindow, latencyQuantile: latency ? quantile : 0.95, datacenters }, kind);
  if (rebuilt !== text) return unknown;
  return { ok: true, query: { kind, rateWindow, windowMs, quantile, ...(datacenters ? { datacenters } : {}) } };
}

/** The content of a double-quoted PromQL string literal. */
export function unquote(literal: string): string {
  const escapes: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };
  let out = '';
  for (let i = 1; i < literal.length - 1; i++) {
    const ch = literal[i] ?? '';
    if (ch === '\\') {
      const next = literal[++i] ?? '';
      out += escapes[next] ?? next;
    } else {
      out += ch;
    }
  }
  return out;
}

/** The literal values of a regex "a|b\.c" made of escaped literals joined with "|". */
function splitAlternatives(regex: string): readonly string[] {
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < regex.length; i++) {
    const ch = regex[i] ?? '';
    if (ch === '\\') current += regex[++i] ?? '';
    else if (ch === '|') {
      values.push(current);
      current = '';
    } else current += ch;
  }
  values.push(current);
  return values;
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

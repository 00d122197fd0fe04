/**
 * Recognises the details queries of one selected service or edge (`selectionQueries` with the
 * standard convention: rate, errors, latency quantile) and reads their spec back. As for the
 * refresh queries (query-parser.ts), a query is accepted only if rebuilding it from the spec gives
 * the very same string; anything else stays a `bad_data` for the simulated Prometheus.
 */
import { selectionQueries } from '../conventions/selection.ts';
import type { PeerSpec, SelectionSpec } from '../conventions/selection.ts';
import { standardConvention } from '../conventions/standard.ts';
import type { StatusClass } from '../graph/types.ts';
import { parseDurationMs } from '../prometheus/duration.ts';
import { unquote } from './query-parser.ts';

export interface SeriesSelectionQuery {
  readonly kind: 'rate' | 'errors' | 'latency';
  readonly spec: SelectionSpec;
  /** The error classes the errors query stands for ('none' last); [] for rate and latency. */
  readonly errorClasses: readonly StatusClass[];
  readonly rateWindow: string;
  readonly windowMs: number;
  /** The latency quantile; NaN for rate and errors. */
  readonly quantile: number;
  /** `offset` of a rate query (the baseline line), ms; absent = none. */
  readonly offsetMs?: number;
}

/** `vector(0)`: the errors query when no class counts as an error. */
export type SelectionQuery = SeriesSelectionQuery | { readonly kind: 'zero' };

export type ParsedSelection =
  | { readonly ok: true; readonly query: SelectionQuery }
  /** error undefined: not a selection query at all (the caller reports its own message). */
  | { readonly ok: false; readonly error?: string };

const c = standardConvention;
const L = c.labels;
const METRIC_SIDES: ReadonlyMap<string, { side: SelectionSpec['side']; latency: boolean }> = new Map([
  [c.egressRequests, { side: 'egress', latency: false }],
  [c.ingressRequests, { side: 'ingress', latency: false }],
  [`${c.egressDuration}_bucket`, { side: 'egress', latency: true }],
  [`${c.ingressDuration}_bucket`, { side: 'ingress', latency: true }],
]);
const STRING = '"(?:[^"\\\\]|\\\\.)*"';
/** The first selector: metric name, matchers (strings may hold braces), range. */
const SELECTOR = new RegExp(`([a-zA-Z_:][a-zA-Z0-9_:]*)\\{((?:[^}"]|${STRING})*)\\}\\[([^\\]]*)\\]`);
const MATCHER = new RegExp(`\\s*([a-zA-Z_][a-zA-Z0-9_]*)(=~|!=|!~|=)(${STRING})\\s*(?:,|$)`, 'y');
const STATUS = new RegExp(`${L.status}=~"\\[([0-9]*)\\]\\[0-9\\]\\[0-9\\]"`);
const QUANTILE = /^histogram_quantile\(([^,]+),/;
const OFFSET = /\] offset ([0-9a-z]+)\)\)$/;
const CLASSES: readonly StatusClass[] = ['1xx', '2xx', '3xx', '4xx', '5xx'];

export function parseSelectionQuery(promql: string): ParsedSelection {
  const text = promql.trim();
  // `vector(0)` holds no selector: whatever the spec, the builder writes it for no error class.
  if (text === selectionQueries(c, { side: 'egress', datacenter: '' }, '1m', []).errors) {
    return { ok: true, query: { kind: 'zero' } };
  }
  const selector = SELECTOR.exec(text);
  const metric = selector ? METRIC_SIDES.get(selector[1] ?? '') : undefined;
  const matchers = selector ? readMatchers(selector[2] ?? '') : undefined;
  // Not shaped like a selection query (e.g. a refresh query): leave the error to the caller.
  if (!selector || !metric || !matchers || !(matchers[0]?.label === L.datacenter && matchers[0].op === '=')) return { ok: false };
  const unknown: ParsedSelection = {
    ok: false,
    error: `the simulated Prometheus only answers the traffic-map queries of the standard convention; got: ${clip(text)}`,
  };
  const rateWindow = selector[3] ?? '';
  const windowMs = parseDurationMs(rateWindow);
  if (windowMs === null || windowMs === 0) {
    return { ok: false, error: `1:1: parse error: bad duration syntax: ${JSON.stringify(rateWindow)}` };
  }
  const spec = specOf(metric.side, matchers);
  if (!spec) return unknown;
  const base = { spec, rateWindow, windowMs };
  if (metric.latency) {
    const quantile = Number(QUANTILE.exec(text)?.[1]);
    if (Number.isNaN(quantile) || selectionQueries(c, spec, rateWindow, []).latency(quantile) !== text) return unknown;
    return { ok: true, query: { kind: 'latency', ...base, errorClasses: [], quantile } };
  }
  if (selectionQueries(c, spec, rateWindow, []).rate === text) {
    return { ok: true, query: { kind: 'rate', ...base, errorClasses: [], quantile: NaN } };
  }
  // The rate `offset` earlier (the details chart's baseline line).
  const offset = OFFSET.exec(text)?.[1];
  const offsetMs = offset === undefined ? null : parseDurationMs(offset);
  if (offset !== undefined && offsetMs !== null && selectionQueries(c, spec, rateWindow, []).rateAt(offset) === text) {
    return { ok: true, query: { kind: 'rate', ...base, errorClasses: [], quantile: NaN, offsetMs } };
  }
  const digits = STATUS.exec(text)?.[1];
  if (digits === undefined) return unknown;
  const classOf = (d: string): StatusClass | undefined => CLASSES.find((cls) => cls[0] === d);
  const candidates: readonly (readonly StatusClass[])[] = [
    // `rate - (non-errors or vector(0))`: the digits are the classes that are not errors.
    [...CLASSES.filter((cls) => !digits.includes(cls[0] ?? '')), 'none'],
    // `(errors or vector(0))`: the digits are the error classes, in the order written.
    [...digits].map(classOf).filter((cls) => cls !== undefined),
  ];
  const errorClasses = candidates.find((classes) => selectionQueries(c, spec, rateWindow, classes).errors === text);
  if (!errorClasses) return unknown;
  return { ok: true, query: { kind: 'errors', ...base, errorClasses, quantile: NaN } };
}

interface Matcher {
  readonly label: string;
  readonly op: string;
  /** The literal as written, quotes and escapes included. */
  readonly literal: string;
}

function readMatchers(body: string): readonly Matcher[] | undefined {
  const out: Matcher[] = [];
  MATCHER.lastIndex = 0;
  while (MATCHER.lastIndex < body.length) {
    const m = MATCHER.exec(body);
    if (!m) return undefined;
    out.push({ label: m[1] ?? '', op: m[2] ?? '', literal: m[3] ?? '' });
  }
  return out;
}

/**
 * The spec the matchers stand for. Loose on purpose (unknown labels are ignored, the internet
 * regex is not read): the rebuild comparison refuses whatever the builder would not write.
 */
function specOf(side: SelectionSpec['side'], matchers: readonly Matcher[]): SelectionSpec | undefined {
  const value = (label: string, op = '='): string | undefined => {
    const m = matchers.find((x) => x.label === label && x.op === op);
    return m ? unquote(m.literal) : undefined;
  };
  const datacenter = value(L.datacenter);
  if (datacenter === undefined) return undefined;
  const service = value(L.service);
  const peerService = value(L.peerService);
  const peerDatacenter = value(L.peerDatacenter);
  let peer: PeerSpec | undefined;
  if (peerService !== undefined) {
    peer = { kind: 'service', name: peerService, ...(peerDatacenter !== undefined ? { datacenter: peerDatacenter } : {}) };
  } else if (value(L.peerService, '=~') !== undefined) {
    peer = { kind: 'internet' };
  } else if (peerDatacenter !== undefined) {
    peer = { kind: 'datacenter', datacenter: peerDatacenter };
  }
  return { side, datacenter, ...(service !== undefined ? { service } : {}), ...(peer ? { peer } : {}) };
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

import type { StatusClass } from '../graph/types.ts';
import { escapeLabelValue, escapeRegex } from './promql.ts';
import { labelOf, metricOf } from './types.ts';
import type { Convention, ConventionSide } from './types.ts';

/**
 * The PromQL for the details of one selected service or edge: its rate, errors and latency
 * percentiles, as instant or range queries. A handful of queries for one selection, never one
 * per node; label values are escaped, never pasted.
 */

export type PeerSpec =
  /** `hosts`: the peer values the edge was read from, when the caller named the callee by host. */
  | { readonly kind: 'service'; readonly name: string; readonly datacenter?: string; readonly hosts?: readonly string[] }
  | { readonly kind: 'internet' }
  /** Every service of that datacenter (a `dc:` node of the datacenter view). */
  | { readonly kind: 'datacenter'; readonly datacenter: string; readonly hosts?: readonly string[] };

export interface SelectionSpec {
  /** Whose series to read: egress = what the caller counted, ingress = what the callee counted. */
  readonly side: 'egress' | 'ingress';
  readonly datacenter: string;
  /** The service exposing the series; absent = every service of the datacenter. */
  readonly service?: string;
  /** The other end; absent = every peer (a service's whole ingress or egress). */
  readonly peer?: PeerSpec;
}

export interface SelectionQueries {
  /** Requests per second. */
  readonly rate: string;
  /** Requests per second `offset` earlier (a PromQL duration): the baseline line of the details chart. */
  readonly rateAt: (offset: string) => string;
  /** Requests per second counted as errors (the configured error classes). */
  readonly errors: string;
  /** The latency quantile q, in seconds. */
  readonly latency: (q: number) => string;
}

export function selectionQueries(
  convention: Convention, spec: SelectionSpec, rateWindow: string, errorClasses: readonly StatusClass[],
): SelectionQueries {
  const side = spec.side === 'egress' ? convention.egress : convention.ingress;
  const matchers = selectionMatchers(convention, side, spec);
  const sel = (extra: readonly string[] = []) => `{${[...matchers, ...extra].join(', ')}}`;
  const requests = metricOf(convention, side.requests);
  const sum = (metric: string, extra: readonly string[] = []) => `sum(rate(${metric}${sel(extra)}[${rateWindow}]))`;
  const rate = sum(requests);
  return {
    rate,
    rateAt: (offset) => `sum(rate(${requests}${sel()}[${rateWindow}] offset ${offset}))`,
    errors: errorsQuery(convention, side, sum, rate, errorClasses),
    latency: (q) => {
      const expr = `histogram_quantile(${q}, sum by (le) (rate(${metricOf(convention, side.duration)}_bucket${sel()}[${rateWindow}])))`;
      return side.durationUnit === 'milliseconds' ? `${expr} / 1000` : expr;
    },
  };
}

function errorsQuery(
  convention: Convention, side: ConventionSide,
  sum: (metric: string, extra?: readonly string[]) => string, rate: string, errorClasses: readonly StatusClass[],
): string {
  const outcome = side.outcome;
  if (outcome.kind === 'failed-counter') return `(${sum(metricOf(convention, outcome.failedRequests))} or vector(0))`;
  if (outcome.failure) {
    return `(${sum(metricOf(convention, side.requests), [`${labelOf(convention, outcome.failure.role)}=${escapeLabelValue(outcome.failure.value)}`])} or vector(0))`;
  }
  const status = labelOf(convention, side.roles.status);
  const digits = (classes: readonly StatusClass[]) => classes.filter((c) => c !== 'none').map((c) => c[0]).join('');
  if (errorClasses.includes('none')) {
    // Errors = everything that is not an HTTP code of a non-error class ("0" = no response).
    const ok = digits((['1xx', '2xx', '3xx', '4xx', '5xx'] as const).filter((c) => !errorClasses.includes(c)));
    if (!ok) return rate;
    return `(${rate} - (${sum(metricOf(convention, side.requests), [`${status}=~"[${ok}][0-9][0-9]"`])} or vector(0)))`;
  }
  const bad = digits(errorClasses);
  if (!bad) return 'vector(0)';
  return `(${sum(metricOf(convention, side.requests), [`${status}=~"[${bad}][0-9][0-9]"`])} or vector(0))`;
}

/** The label matchers that select the spec's series on one side. */
export function selectionMatchers(convention: Convention, side: ConventionSide, spec: SelectionSpec): string[] {
  const r = side.roles;
  const out = side.select.map((m) => `${labelOf(convention, m.role)}=${escapeLabelValue(m.value)}`);
  out.push(`${labelOf(convention, r.datacenter)}=${escapeLabelValue(spec.datacenter)}`);
  if (spec.service !== undefined) out.push(...nameMatchers(convention, r.service, r.serviceNamespace, spec.service));
  const peer = spec.peer;
  if (!peer) return out;
  const peerDc = labelOf(convention, r.peerDatacenter);
  // The values the edge was read from, as they are (a namespace role would split them: then by name).
  if (peer.kind !== 'internet' && peer.hosts && peer.hosts.length > 0 && r.peerService && !labelOf(convention, r.peerNamespace)) {
    out.push(`${labelOf(convention, r.peerService)}=~${escapeLabelValue(peer.hosts.map(escapeRegex).join('|'))}`);
    return out;
  }
  if (peer.kind === 'internet') {
    const values = ['', ...convention.internetPeers].map(escapeRegex).join('|');
    if (r.peerService) out.push(`${labelOf(convention, r.peerService)}=~${escapeLabelValue(values)}`);
  } else if (peer.kind === 'datacenter') {
    if (peerDc) out.push(`${peerDc}=${escapeLabelValue(peer.datacenter)}`);
  } else {
    if (r.peerService) out.push(...nameMatchers(convention, r.peerService, r.peerNamespace, peer.name));
    if (peerDc && peer.datacenter !== undefined && peer.datacenter !== spec.datacenter) out.push(`${peerDc}=${escapeLabelValue(peer.datacenter)}`);
  }
  return out;
}

/**
 * A service name as the rows made it: `workload.namespace` when the convention has a namespace
 * role (namespaces hold no dots, so the last dot splits them), else the name itself.
 */
function nameMatchers(convention: Convention, role: string, namespaceRole: string | undefined, name: string): string[] {
  const label = labelOf(convention, role);
  const nsLabel = labelOf(convention, namespaceRole);
  const dot = name.lastIndexOf('.');
  if (nsLabel && dot > 0) {
    return [`${label}=${escapeLabelValue(name.slice(0, dot))}`, `${nsLabel}=${escapeLabelValue(name.slice(dot + 1))}`];
  }
  return [`${label}=${escapeLabelValue(name)}`];
}

/**
 * A metric convention, modelled as data: which series carry traffic and under which label names.
 * The graph code only sees the normalised rows the queries produce (`RateRow`, `LatencyRow`):
 * egress rows are the caller's view of a call, ingress rows the callee's view.
 *
 * A convention names its metrics and labels by *role* (`metrics.requests`, `labels.sourceWorkload`);
 * the config overrides the label name or metric name behind a role. Two `ConventionSide`s say how
 * the roles make the caller's view (egress) and the callee's view (ingress). One generic builder
 * (queries.ts) and one generic mapper (rows.ts) serve every preset; `outcome.kind` is the key that
 * picks the shape of the rate query.
 */

/** The label roles one side reads, each a key of `Convention.labels` (not a label name). */
export interface SideRoles {
  /** The service that the series speaks for (the caller on egress, the callee on ingress). */
  readonly service: string;
  /** Appended as `service.namespace` when the role's label name is not ''. */
  readonly serviceNamespace?: string;
  readonly datacenter: string;
  /** The other end. Absent: the series does not say who the peer is (callers unknown). */
  readonly peerService?: string;
  readonly peerNamespace?: string;
  /** The other end's datacenter; absent or '' = unknown (same datacenter when it is a known service). */
  readonly peerDatacenter?: string;
  /** The HTTP status code ("0", absent or not a code = no response). */
  readonly status?: string;
}

/** How a rate query finds the status class. */
export type Outcome =
  /** From a status code label; `failure` (a label role and value) marks failures whatever the code. */
  | { readonly kind: 'status-code'; readonly failure?: { readonly role: string; readonly value: string } }
  /** No status code: a counter of failed requests (a metric role) is "5xx", the rest "2xx". */
  | { readonly kind: 'failed-counter'; readonly failedRequests: string };

export interface ConventionSide {
  /** Metric role of the request counter (full name, e.g. `..._total` or `..._count`). */
  readonly requests: string;
  /** Metric role of the duration histogram (base name, without `_bucket`). */
  readonly duration: string;
  /** Unit of the histogram buckets; milliseconds are divided by 1000 in PromQL. */
  readonly durationUnit: 'seconds' | 'milliseconds';
  readonly outcome: Outcome;
  /** Fixed matchers selecting this side's series, e.g. `reporter="source"`: label role -> value. */
  readonly select: readonly { readonly role: string; readonly value: string }[];
  readonly roles: SideRoles;
  /** More label roles kept by `sum by` (needed by the row mapper, e.g. the connection type). */
  readonly keep?: readonly string[];
}

export interface Convention {
  /** The preset's name (`standard`, `istio`, ...). */
  readonly name: string;
  /** Metric role -> metric name; the roles the sides use as `duration` are histogram base names. */
  readonly metrics: Readonly<Record<string, string>>;
  /** Label role -> label name; '' = not used (only for namespace and peer-datacenter roles). */
  readonly labels: Readonly<Record<string, string>>;
  /** The caller's view. */
  readonly egress: ConventionSide;
  /** The callee's view. */
  readonly ingress: ConventionSide;
  /**
   * Peer-service values that mean "from outside, not a service of ours" on ingress
   * (an empty value always counts as outside too).
   */
  readonly internetPeers: readonly string[];
  /**
   * Edges with an uninstrumented end (OTel service graph): when the `role` label is `value`, the
   * caller is virtual if it is named `unnamedCaller`, else the callee is.
   */
  readonly virtualNode?: { readonly role: string; readonly value: string; readonly unnamedCaller: string };
  /**
   * Label values that mean "not known" (Istio's `unknown` cluster of a callee outside the mesh):
   * a peer datacenter with such a value reads as '' (outside every datacenter), not as a datacenter.
   */
  readonly unknownValues?: readonly string[];
  /**
   * The egress peer is the host the caller dialled (Micrometer `client_name`, OTel `server_address`),
   * not a service name: a host that maps to no service is a data notice (see `PeerResolver`).
   */
  readonly peersAreHosts?: true;
  /** Label roles whose name the config replaced (named in problem messages). */
  readonly overridden?: readonly string[];
  /**
   * A convention that reads answers rewritten from another's series (the view queries'
   * `viewConvention`): its roles that stand for the other's, so problems name the labels the
   * series have (`datacenter`, not `tm_dc`).
   */
  readonly rewrittenFrom?: { readonly convention: Convention; readonly roles: ReadonlyMap<string, string> };
  /**
   * View answers (`viewConvention`) of a datacenter, group or focus view: a series with neither
   * datacenter label has both ends in this datacenter (`elidesHome` in viewQueries.ts).
   */
  readonly homeDatacenter?: string;
}

/** The four queries one refresh runs, whatever the number of services. */
export type QueryKind = 'egressRate' | 'ingressRate' | 'egressLatency' | 'ingressLatency';

export const QUERY_KINDS: readonly QueryKind[] = ['egressRate', 'ingressRate', 'egressLatency', 'ingressLatency'];

export interface BuiltQuery {
  readonly kind: QueryKind;
  readonly promql: string;
}

/** The label the rate queries add, holding "1xx".."5xx"; absent when there was no response. */
export const STATUS_CLASS_LABEL = 'tm_class';

export interface QueryParams {
  /** Rate window, a Prometheus duration such as "1m". */
  readonly rateWindow: string;
  /** Latency quantile in (0, 1), e.g. 0.95. */
  readonly latencyQuantile: number;
  /** Restrict to these datacenters (label values, escaped by the builder); empty = all. */
  readonly datacenters?: readonly string[];
}

/** The side a query kind reads. */
export function sideOf(convention: Convention, kind: QueryKind): ConventionSide {
  return kind === 'egressRate' || kind === 'egressLatency' ? convention.egress : convention.ingress;
}

/** The label name behind a role ('' when the role is absent or unused). */
export function labelOf(convention: Convention, role: string | undefined): string {
  if (role === undefined || !Object.hasOwn(convention.labels, role)) return '';
  return convention.labels[role] ?? '';
}

/** The metric name behind a role ('' when unknown). */
export function metricOf(convention: Convention, role: string): string {
  return Object.hasOwn(convention.metrics, role) ? (convention.metrics[role] ?? '') : '';
}

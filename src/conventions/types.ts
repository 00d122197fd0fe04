/**
 * A metric convention, modelled as data: which series carry traffic and under which label names.
 * The graph code only sees the normalised rows the queries produce (see `QueryKind` and the
 * `out*` label names), so a new convention (Istio, Linkerd, OTel service graph, ...) is a new
 * `Convention` value plus, where its shape differs, its own query builder.
 */

/** The label names of one side of the traffic (what the service says about a request). */
export interface ConventionLabels {
  /** The service that exposes the series. */
  readonly service: string;
  /** The datacenter of the service that exposes the series. */
  readonly datacenter: string;
  /** The other end of the call: the caller (ingress) or the callee (egress). */
  readonly peerService: string;
  /** The datacenter of the other end; empty or absent when unknown or outside. */
  readonly peerDatacenter: string;
  /** The HTTP status code ("200", "503"; "0" when no response arrived). */
  readonly status: string;
}

export interface Convention {
  readonly name: string;
  /** Counter of requests received by a service, labelled by caller and status. */
  readonly ingressRequests: string;
  /** Histogram (base name, without `_bucket`) of the duration of received requests. */
  readonly ingressDuration: string;
  /** Counter of requests sent by a service, labelled by callee and status. */
  readonly egressRequests: string;
  /** Histogram (base name) of the duration of sent requests, as the caller saw it. */
  readonly egressDuration: string;
  readonly labels: ConventionLabels;
  /**
   * Peer-service values that mean "from outside, not a service of ours" on ingress
   * (an empty value always counts as outside too).
   */
  readonly internetPeers: readonly string[];
}

/** The four queries one refresh runs, whatever the number of services. */
export type QueryKind = 'egressRate' | 'ingressRate' | 'egressLatency' | 'ingressLatency';

export interface BuiltQuery {
  readonly kind: QueryKind;
  readonly promql: string;
}

/** The label the rate queries add, holding "1xx".."5xx"; absent when there was no response. */
export const STATUS_CLASS_LABEL = 'traffic_map_status_class';

export interface QueryParams {
  /** Rate window, a Prometheus duration such as "1m". */
  readonly rateWindow: string;
  /** Latency quantile in (0, 1), e.g. 0.95. */
  readonly latencyQuantile: number;
  /** Restrict to these datacenters (label values, escaped by the builder); empty = all. */
  readonly datacenters?: readonly string[];
}

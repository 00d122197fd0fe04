import type { RowSource } from './rowSource.ts';

/** The traffic graph: pure data built from query results, read by the renderer and the table. */

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx' | 'none';
export const STATUS_CLASSES: readonly StatusClass[] = ['1xx', '2xx', '3xx', '4xx', '5xx', 'none'];

export type Health = 'normal' | 'warning' | 'danger';

/** Node ids are unique within a view; they are also the names Vizceral shows. */
export type NodeId = string & { readonly __brand: 'NodeId' };
export type DatacenterId = string & { readonly __brand: 'DatacenterId' };

export const INTERNET = 'INTERNET' as NodeId;

/** No real rate (req/s) or latency (s) is this large; larger samples are bad data (and would overflow sums). */
export const MAX_SAMPLE = 1e15;

/** Request rate (req/s) per status class, error share and latency of one edge or node. */
export interface TrafficStats {
  /** Total requests per second. */
  readonly rate: number;
  /** Requests per second per status class ("none": no response). */
  readonly byClass: Readonly<Record<StatusClass, number>>;
  /** Share of rate counted as errors (see Thresholds.errorClasses), 0..1; NaN when rate is 0. */
  readonly errorShare: number;
  /** Latency at the configured quantile, in seconds; NaN when unknown. */
  readonly latency: number;
}

export type NodeKind =
  /** A service of ours in the view's datacenter. */
  | 'service'
  /** Traffic from outside: the internet, or callers that are not instrumented. */
  | 'internet'
  /** A datacenter in the global view. */
  | 'datacenter'
  /** A service of ours in another datacenter (its traffic crosses datacenters). */
  | 'remote'
  /** A callee that reports no metrics itself (a database, a payment provider). */
  | 'external'
  /** A group of services (a namespace, a team) in a datacenter or group view. */
  | 'group'
  /** The quieter nodes a capped view folds into one (`hidden` of them). */
  | 'more';

export interface TrafficNode {
  readonly id: NodeId;
  readonly kind: NodeKind;
  /** For 'remote' nodes and services: the datacenter the node lives in. */
  readonly datacenter?: DatacenterId;
  /** What the node receives (sum of its incoming edges). */
  readonly incoming: TrafficStats;
  /** What the node sends (sum of its outgoing edges). */
  readonly outgoing: TrafficStats;
  readonly health: Health;
  /** A short text for unhealthy nodes, e.g. "12.5% errors". */
  readonly notice?: string;
  /** The rule that coloured it, e.g. "latency 1.20 s ≥ danger 1 s (override payment-*)" (see graph/healthRules.ts). */
  readonly healthReason?: string;
  /** For 'more' nodes: how many nodes they stand for. */
  readonly hidden?: number;
  /** Firing alerts placed on this node (for groups and datacenters: rolled up from their services). */
  readonly alerts?: readonly FiringAlert[];
  /** The node's rate against the same moment in the past (config `baseline`); absent when off. */
  readonly baseline?: BaselineComparison;
}

export interface TrafficEdge {
  readonly source: NodeId;
  readonly target: NodeId;
  /** The caller's view (the callee's when the caller reports nothing); health is judged on it. */
  readonly stats: TrafficStats;
  readonly health: Health;
  readonly notice?: string;
  /** The rule that coloured it (the callee's rule: see graph/healthRules.ts). */
  readonly healthReason?: string;
  /** The callee's view of the same calls, when both ends report them. */
  readonly calleeView?: TrafficStats;
  /** Set when the two views differ by more than scrape noise. */
  readonly disagreement?: Disagreement;
  /**
   * The peer values the edge was read from, sorted, when the caller named the callee by host
   * (`orders.shop.svc.cluster.local`, `orders:8080`) rather than by its node's name.
   */
  readonly hosts?: readonly string[];
  /** Firing alerts placed on this edge. */
  readonly alerts?: readonly FiringAlert[];
  /** The edge's rate against the same moment in the past (config `baseline`); absent when off. */
  readonly baseline?: BaselineComparison;
}

/**
 * A firing alert as the map shows it (read from /api/v1/alerts or `ALERTS`; see src/alerts).
 * Annotations are text, never HTML; links are http(s) only or absent.
 */
export interface FiringAlert {
  /** `alertname`. */
  readonly name: string;
  /** The `severity` label as written ('' when absent), e.g. "critical", "warning", "page". */
  readonly severity: string;
  /** All labels, in a Map (label names such as `__proto__` are data). */
  readonly labels: ReadonlyMap<string, string>;
  readonly summary: string;
  readonly description: string;
  /** `runbook_url` when it is an http(s) URL. */
  readonly runbookUrl?: string;
  /** Since when it is active (unix seconds); null when unknown (read from `ALERTS`). */
  readonly since: number | null;
  /** The alert in Alertmanager or Prometheus (http(s)). */
  readonly link?: string;
}

/** A rate now against the same moment `offset` earlier. */
export interface BaselineComparison {
  /** The rate then (req/s); NaN when there is no data for then ("no baseline", never -100 %). */
  readonly rate: number;
  /** (now - then) / then, e.g. -0.82; NaN when there is no baseline (or then was 0). */
  readonly change: number;
  /** Outside the configured bounds (and above their minimum rate), else 'normal'; 'none' = no baseline. */
  readonly verdict: 'drop' | 'surge' | 'normal' | 'none';
}

/**
 * The caller and the callee tell different stories: requests that never arrived (refused
 * connections, a proxy or load balancer in between) or errors only the caller saw (timeouts).
 */
export interface Disagreement {
  readonly kind: 'missing-at-callee' | 'extra-errors-at-caller';
  /** One short sentence with both numbers, e.g. "callee saw 9.5 of 12 req/s". */
  readonly text: string;
}

export type ViewKind = 'global' | 'datacenter' | 'focus';

export interface TrafficView {
  readonly kind: ViewKind;
  /** '' for the global view; the datacenter otherwise. */
  readonly datacenter: string;
  /** For focus views: the focused service. */
  readonly focus?: NodeId;
  readonly nodes: readonly TrafficNode[];
  readonly edges: readonly TrafficEdge[];
}

/** Data problems are values, shown in the problems panel, never thrown. */
export type DataProblem =
  | {
    readonly kind: 'missing-label';
    readonly query: string;
    /** The label name. */
    readonly label: string;
    readonly count: number;
    readonly example: string;
    /** The role and convention behind the label, e.g. `service label "app" (convention istio, overridden)`. */
    readonly expected?: string;
  }
  | { readonly kind: 'bad-sample'; readonly query: string; readonly value: string; readonly count: number; readonly example: string }
  | { readonly kind: 'unknown-datacenter'; readonly datacenter: string; readonly count: number; readonly example: string }
  | { readonly kind: 'duplicate-series'; readonly query: string; readonly count: number; readonly example: string }
  | { readonly kind: 'capped'; readonly datacenter: string; readonly shown: number; readonly total: number }
  /** Peers that read as hosts but map to no service (no rule, no default): drawn as external. `hint`: a rule as JSON. */
  | { readonly kind: 'unresolved-peer'; readonly count: number; readonly examples: readonly string[]; readonly hint: string }
  /** Peer values two rules map to different services (the first rule wins); an example says which. */
  | { readonly kind: 'peer-rule-conflict'; readonly count: number; readonly examples: readonly string[] };

export interface TrafficGraph {
  readonly global: TrafficView;
  readonly datacenters: Readonly<Record<string, TrafficView>>;
  readonly problems: readonly DataProblem[];
}

export interface Thresholds {
  /** Error share (0..1) from which an edge or node is "warning". */
  readonly warning: number;
  /** Error share (0..1) from which an edge or node is "danger". */
  readonly danger: number;
  /** Status classes counted as errors. */
  readonly errorClasses: readonly StatusClass[];
  /** Below this rate (req/s) an edge is never marked unhealthy (one error in 3 requests is noise). */
  readonly minRate: number;
  /** Latency (seconds, at the configured quantile) from which it is "warning" / "danger"; absent: latency colours nothing. */
  readonly latency?: LatencyThresholds;
  /** Other thresholds for some services, groups or datacenters: the first that matches a node wins. */
  readonly overrides?: readonly ThresholdOverride[];
}

/** Latency limits in seconds; a limit left out never applies. */
export interface LatencyThresholds {
  readonly warning?: number;
  readonly danger?: number;
}

/**
 * Thresholds for the nodes a pattern names (`*`: any run of characters; every pattern given must
 * match); what it leaves out is the default's. See graph/healthRules.ts.
 */
export interface ThresholdOverride {
  /** The service (or external) name; a rule with `match` never applies to group or datacenter nodes. */
  readonly match?: string;
  /** The group: the group's node, and its services where their group is known. */
  readonly group?: string;
  /** The datacenter: its node, other-datacenter nodes, and everything in it. */
  readonly datacenter?: string;
  readonly warning?: number;
  readonly danger?: number;
  /** 'off': latency colours nothing here. */
  readonly latency?: LatencyThresholds | 'off';
}

/** One normalised row of a rate query: requests per second of one status class on one edge. */
export interface RateRow {
  readonly datacenter: string;
  readonly service: string;
  /** '' when the series had no peer (ingress from outside). */
  readonly peerService: string;
  /** '' when unknown or outside every datacenter. */
  readonly peerDatacenter: string;
  /** Ingress only: the series does not name its callers (a per-service total). */
  readonly peerUnknown?: true;
  readonly statusClass: StatusClass;
  readonly value: number;
}

/** One normalised row of a latency query: the quantile, in seconds, on one edge (NaN allowed). */
export interface LatencyRow {
  readonly datacenter: string;
  readonly service: string;
  readonly peerService: string;
  readonly peerDatacenter: string;
  readonly peerUnknown?: true;
  readonly value: number;
}

/**
 * Everything one refresh read, already normalised; input of `buildGraph`. Arrays of rows, or
 * sources that make each row as it is visited (see `RowSource`); each is visited twice at most.
 */
export interface TrafficInput {
  readonly egressRate: Rows<RateRow>;
  readonly ingressRate: Rows<RateRow>;
  readonly egressLatency: Rows<LatencyRow>;
  readonly ingressLatency: Rows<LatencyRow>;
}

/** Rows as an array (tests, fixtures) or as a source (the app's reads). */
export type Rows<R> = readonly R[] | RowSource<R>;

/** A config rule (config.json `peerRules`): a peer value matching `match` is `service` (in `datacenter`). */
export interface PeerRule {
  /** A JavaScript regular expression, tried on the whole peer value (anchor it with ^ and $). */
  readonly match: string;
  /** The service, with `$1`..`$9` (capture groups), `$0` (the whole match) and `$$` (a dollar). */
  readonly service: string;
  /** The datacenter, same syntax; absent = as for a peer named by its service. */
  readonly datacenter?: string;
}

export interface BuildParams {
  readonly thresholds: Thresholds;
  /** Known datacenters; undefined = accept every datacenter seen (discovery). */
  readonly datacenters?: readonly string[];
  /** Peer values on ingress that mean "from the internet". */
  readonly internetPeers: readonly string[];
  readonly maxNodesPerView: number;
  /** Rules mapping peer values (hosts) to services, tried in order (see `PeerResolver`); default none. */
  readonly peerRules?: readonly PeerRule[];
  /** Egress peers are hosts (see `Convention.peersAreHosts`): one that maps to no service is a notice. */
  readonly peersAreHosts?: boolean;
}

/**
 * What a convention exporter is: it registers one convention's metrics on a target's registry
 * and turns the simulation's counts into them. The simulation (simulation.ts) decides how many
 * requests each edge had per status code and latency bucket; the exporter only names and labels
 * them, so every convention counts exactly the same traffic.
 */
import type { SeriesTraffic } from '../../src/mocks/platform/model.ts';
import type { Peers } from './peers.ts';
import type { MetricSink } from './sink.ts';

/** egress = the caller's view of a call (the target is the caller), ingress = the callee's. */
export type Direction = 'egress' | 'ingress';

/** The requests of one series, one status code and one step of the simulation. */
export interface Counted {
  readonly direction: Direction;
  /** As the model labels it: `service` is the target's service, `peerService` the other end. */
  readonly series: SeriesTraffic;
  /** The HTTP status code, "0" when no response arrived (egress only). */
  readonly status: string;
  /** Whole requests. */
  readonly requests: number;
  /**
   * The same requests by latency bucket: `byBucket[b]` fell into (LATENCY_BUCKETS[b-1],
   * LATENCY_BUCKETS[b]] (the sink's buckets), the last entry above the last bound. Sums to `requests`.
   */
  readonly byBucket: readonly number[];
}

export interface Recorder {
  record(counted: Counted): void;
}

export interface TargetIdentity {
  readonly service: string;
  readonly datacenter: string;
}

/**
 * How callers name their callees, where the convention's peer is the host dialled (Micrometer,
 * OTel HTTP): `name`, the service's own name (default); `dns`, by DNS host as on Kubernetes
 * (see `dnsHostOf`).
 */
export type PeerNames = 'name' | 'dns';

export interface ExporterOptions {
  readonly peerNames?: PeerNames;
}

export interface Exporter {
  /** The preset name of src/config/presets.ts. */
  readonly convention: string;
  /**
   * The recorder of one service (or instance): its metric families come from `sink` (its own
   * prom-client registry, or a sink shared with the other services of its group); `peers`
   * describes the platform's services; `options` how clients name their callees.
   */
  create(sink: MetricSink, self: TargetIdentity, peers: Peers, options?: ExporterOptions): Recorder;
}

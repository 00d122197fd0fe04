/**
 * What a convention exporter is: it registers one convention's metrics on a target's registry
 * and turns the simulation's counts into them. The simulation (simulation.ts) decides how many
 * requests each edge had per status code and latency bucket; the exporter only names and labels
 * them, so every convention counts exactly the same traffic.
 */
import type { Registry } from 'prom-client';
import type { SeriesTraffic } from '../../src/mocks/platform/model.ts';

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
   * LATENCY_BUCKETS[b]], the last entry above the last bound. Sums to `requests`.
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
  /** Registers the metrics of one target (one service instance) on its own registry. */
  create(registry: Registry, self: TargetIdentity, options?: ExporterOptions): Recorder;
}

/**
 * The scrape targets of the simulator. On the demo platform: one per instrumented service and
 * datacenter (or one per instance, `instances: 'model'`, each with an equal share of the
 * service's traffic), each with its own prom-client registry and port, so Prometheus gives each
 * one its own `instance` label and a scrape can fail for one service alone. On a large platform
 * (`platform`, from src/mocks/platform/large.ts): one endpoint per group and datacenter (the
 * services without a group share one more), its services writing into one text sink
 * (exporters/textSink.ts) with the compact buckets: 2,000 ports a datacenter would cost
 * Prometheus a scrape loop each. Series follow one convention (simulator/exporters/), `standard`
 * by default.
 */
import { Registry } from 'prom-client';
import { DEMO_PLATFORM } from '../src/mocks/platform/platform.ts';
import type { Platform } from '../src/mocks/platform/platform.ts';
import { EXPORTERS } from './exporters/byConvention.ts';
import type { ExportedConvention } from './exporters/byConvention.ts';
import { peersOf } from './exporters/peers.ts';
import { promClientSink } from './exporters/sink.ts';
import { TextSink } from './exporters/textSink.ts';
import type { PeerNames, Recorder } from './exporters/types.ts';
import { COMPACT_BUCKETS } from './metrics.ts';

export type InstanceMode = 'one' | 'model';

/** What a /metrics endpoint serves: prom-client's registry or a text sink. */
export interface Exposition {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export interface SimTarget {
  /** "eu-west/checkout/0". */
  readonly id: string;
  readonly datacenter: string;
  readonly service: string;
  /** 0-based index among the service's instances in this datacenter. */
  readonly instance: number;
  /** How many instances share the service's traffic. */
  readonly instances: number;
  /** Where its series go: its own registry, or its group's sink (shared with the group's services). */
  readonly registry: Exposition;
  /** Writes the simulated requests into the registry in the simulator's convention. */
  readonly recorder: Recorder;
  /** The group whose endpoint serves it (large platforms; '' = the services without a group). */
  readonly group?: string;
}

export interface TargetOptions {
  readonly datacenters?: readonly string[];
  readonly instances?: InstanceMode;
  readonly convention?: ExportedConvention;
  /** Default: the demo's platform, one target per service. Another platform: one per group. */
  readonly platform?: Platform;
  /** The group of a service on `platform` ('' = none); absent: every service is its own target. */
  readonly groupOf?: (service: string) => string;
  /** How clients name their callees (Micrometer, OTel HTTP): by name (default) or by DNS host. */
  readonly peerNames?: PeerNames;
}

/** The targets of the given datacenters (all by default), in a stable order. */
export function createTargets(opts: TargetOptions = {}): SimTarget[] {
  const platform = opts.platform ?? DEMO_PLATFORM;
  const exporter = EXPORTERS[opts.convention ?? 'standard'];
  const peers = peersOf(platform);
  const wanted = opts.datacenters && opts.datacenters.length > 0 ? new Set(opts.datacenters) : null;
  const sinks = new Map<string, TextSink>();
  const out: SimTarget[] = [];
  for (const s of platform.services) {
    if (!s.instrumented || s.datacenter === '' || (wanted && !wanted.has(s.datacenter))) continue;
    const self = { service: s.name, datacenter: s.datacenter };
    if (opts.groupOf) {
      const group = opts.groupOf(s.name);
      const key = `${s.datacenter}/${group}`;
      let sink = sinks.get(key);
      if (!sink) sinks.set(key, (sink = new TextSink(COMPACT_BUCKETS)));
      out.push({
        id: `${s.datacenter}/${s.name}/0`, datacenter: s.datacenter, service: s.name, instance: 0, instances: 1, group,
        registry: sink, recorder: exporter.create(sink, self, peers, { peerNames: opts.peerNames ?? 'name' }),
      });
      continue;
    }
    const instances = opts.instances === 'model' ? Math.max(1, s.instances) : 1;
    for (let instance = 0; instance < instances; instance++) {
      const registry = new Registry();
      out.push({
        id: `${s.datacenter}/${s.name}/${instance}`, datacenter: s.datacenter, service: s.name, instance, instances,
        registry, recorder: exporter.create(promClientSink(registry), self, peers, { peerNames: opts.peerNames ?? 'name' }),
      });
    }
  }
  if (wanted) {
    const known = new Set(out.map((t) => t.datacenter));
    const unknown = [...wanted].filter((dc) => !known.has(dc));
    if (unknown.length > 0) throw new Error(`simulator: unknown datacenter(s) ${unknown.join(', ')} (known: ${platform.datacenters.join(', ')})`);
  }
  return out;
}

/** One /metrics endpoint: the targets writing into one registry or sink. */
export interface SimEndpoint {
  readonly datacenter: string;
  readonly registry: Exposition;
  readonly targets: readonly SimTarget[];
}

/** The endpoints of a list of targets, in the order of their first target. */
export function endpointsOf(targets: readonly SimTarget[]): SimEndpoint[] {
  const byRegistry = new Map<Exposition, SimTarget[]>();
  for (const t of targets) {
    const list = byRegistry.get(t.registry);
    if (list) list.push(t);
    else byRegistry.set(t.registry, [t]);
  }
  return [...byRegistry].map(([registry, list]) => ({ datacenter: list[0]?.datacenter ?? '', registry, targets: list }));
}

/** Targets by "datacenter/service", for routing the model's series to their reporters. */
export function targetsByService(targets: readonly SimTarget[]): ReadonlyMap<string, readonly SimTarget[]> {
  const out = new Map<string, SimTarget[]>();
  for (const t of targets) {
    const key = `${t.datacenter}/${t.service}`;
    const list = out.get(key);
    if (list) list.push(t);
    else out.set(key, [t]);
  }
  return out;
}

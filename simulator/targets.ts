/**
 * The scrape targets of the simulator: one per instrumented service and datacenter (or one per
 * instance, `instances: 'model'`, each with an equal share of the service's traffic). Every
 * target has its own prom-client registry and its own port, so Prometheus gives each one its own
 * `instance` label ("127.0.0.1:PORT") and a scrape can fail for one service alone. The registry
 * holds the series of one convention (simulator/exporters/), `standard` by default.
 */
import { Registry } from 'prom-client';
import { SERVICES } from '../src/mocks/platform/platform.ts';
import { EXPORTERS } from './exporters/byConvention.ts';
import type { ExportedConvention } from './exporters/byConvention.ts';
import type { PeerNames, Recorder } from './exporters/types.ts';

export type InstanceMode = 'one' | 'model';

export interface SimTarget {
  /** "eu-west/checkout/0". */
  readonly id: string;
  readonly datacenter: string;
  readonly service: string;
  /** 0-based index among the service's instances in this datacenter. */
  readonly instance: number;
  /** How many instances share the service's traffic. */
  readonly instances: number;
  readonly registry: Registry;
  /** Writes the simulated requests into the registry in the simulator's convention. */
  readonly recorder: Recorder;
}

/** The targets of the given datacenters (all by default), in a stable order. */
export function createTargets(
  opts: { datacenters?: readonly string[]; instances?: InstanceMode; convention?: ExportedConvention; peerNames?: PeerNames } = {},
): SimTarget[] {
  const exporter = EXPORTERS[opts.convention ?? 'standard'];
  const wanted = opts.datacenters && opts.datacenters.length > 0 ? new Set(opts.datacenters) : null;
  const out: SimTarget[] = [];
  for (const s of SERVICES) {
    if (!s.instrumented || s.datacenter === '' || (wanted && !wanted.has(s.datacenter))) continue;
    const instances = opts.instances === 'model' ? Math.max(1, s.instances) : 1;
    for (let instance = 0; instance < instances; instance++) {
      const registry = new Registry();
      out.push({
        id: `${s.datacenter}/${s.name}/${instance}`, datacenter: s.datacenter, service: s.name, instance, instances,
        registry, recorder: exporter.create(registry, { service: s.name, datacenter: s.datacenter }, { peerNames: opts.peerNames ?? 'name' }),
      });
    }
  }
  if (wanted) {
    const known = new Set(out.map((t) => t.datacenter));
    const unknown = [...wanted].filter((dc) => !known.has(dc));
    if (unknown.length > 0) throw new Error(`simulator: unknown datacenter(s) ${unknown.join(', ')} (known: ${[...new Set(SERVICES.map((s) => s.datacenter).filter(Boolean))].join(', ')})`);
  }
  return out;
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

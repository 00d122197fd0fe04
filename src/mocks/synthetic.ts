/**
 * A synthetic platform of any size, for benchmarks and the `synthetic:<n>` / `churn` demo
 * scenarios: `services` instrumented services spread round-robin over `datacenters`, each calling
 * `edgesPerService` others (one call in ten crosses to the next datacenter), the first service of
 * each datacenter taking traffic from the internet; or `datacenterSizes` services in each
 * datacenter (uneven datacenters: with the default group rule, names `<role>-<n>` fall into a
 * dozen groups, so a big datacenter is drawn as groups and a small one flat). Same snapshot shape as the demo platform
 * (platform/model.ts), so the simulated Prometheus answers it with real label sets.
 *
 *   syntheticModel(shape, churn?): TrafficModel
 *     churn.dropped(timeMs)   services (by name) absent from the snapshot at that time
 *     churn.failing(timeMs)   services answering 5xx to 30% of requests at that time
 */
import type { TrafficModel } from './evaluate.ts';
import { latencyDistribution } from './platform/latency.ts';
import type { PlatformSnapshot, SeriesTraffic } from './platform/model.ts';
import { INTERNET_PEER } from './platform/platform.ts';
import { unitHash } from './platform/random.ts';
import { answeredOnly } from './platform/status-codes.ts';
import type { StatusRates } from './platform/status-codes.ts';

export interface SyntheticShape {
  readonly services: number;
  readonly datacenters: number;
  readonly edgesPerService: number;
  /** Services in each datacenter, in order, instead of `services` spread round-robin over `datacenters`. */
  readonly datacenterSizes?: readonly number[];
  /** Only call services further down the list (a layered graph, as real platforms mostly are). */
  readonly acyclic?: boolean;
}

export interface SyntheticCall {
  readonly caller: string;
  readonly callerDc: string;
  readonly callee: string;
  readonly calleeDc: string;
  /** Requests per second at the daily mean. */
  readonly rate: number;
  readonly medianSeconds: number;
}

export interface SyntheticPlatform {
  readonly datacenters: readonly string[];
  /** Service names per datacenter, the entry (internet-facing) service first. */
  readonly services: ReadonlyMap<string, readonly string[]>;
  readonly calls: readonly SyntheticCall[];
}

export interface Churn {
  readonly dropped?: (timeMs: number) => ReadonlySet<string>;
  readonly failing?: (timeMs: number) => ReadonlySet<string>;
}

const DC_NAMES = ['eu-west', 'us-east', 'ap-south', 'sa-east', 'eu-north', 'us-west'];
const ROLES = ['api', 'orders', 'cart', 'search', 'pricing', 'users', 'auth', 'catalog', 'stock', 'billing', 'mail', 'reco'];

export function datacenterName(i: number): string {
  return DC_NAMES[i] ?? `dc-${i}`;
}

export function syntheticPlatform(shape: SyntheticShape): SyntheticPlatform {
  const sizes = shape.datacenterSizes;
  const dcs = Array.from({ length: sizes ? sizes.length : Math.max(1, shape.datacenters) }, (_, i) => datacenterName(i));
  const services = new Map<string, string[]>(dcs.map((dc) => [dc, []]));
  const add = (dc: string): void => {
    const list = services.get(dc) ?? [];
    const j = list.length;
    list.push(j === 0 ? 'edge-lb' : `${ROLES[j % ROLES.length]}-${String(j).padStart(4, '0')}`);
    services.set(dc, list);
  };
  if (sizes) {
    dcs.forEach((dc, d) => { for (let j = 0; j < (sizes[d] ?? 0); j++) add(dc); });
  } else {
    for (let i = 0; i < shape.services; i++) add(dcs[i % dcs.length] ?? '');
  }
  const calls: SyntheticCall[] = [];
  dcs.forEach((dc, d) => {
    const own = services.get(dc) ?? [];
    const next = services.get(dcs[(d + 1) % dcs.length] ?? '') ?? [];
    own.forEach((caller, j) => {
      for (let k = 1; k <= shape.edgesPerService; k++) {
        const crossDc = dcs.length > 1 && k === shape.edgesPerService && !shape.acyclic;
        const pool = crossDc ? next : own;
        let target = j + k;
        if (target >= pool.length) {
          if (shape.acyclic) break;
          target = 1 + (target % Math.max(1, pool.length - 1));
        }
        const callee = pool[target];
        if (callee === undefined || (callee === caller && !crossDc)) continue;
        const rate = 400 / (1 + (j % 20)) * (0.5 + unitHash('rate', dc, caller, k));
        calls.push({
          caller, callerDc: dc, callee, calleeDc: crossDc ? (dcs[(d + 1) % dcs.length] ?? dc) : dc,
          rate, medianSeconds: 0.002 + 0.05 * unitHash('lat', dc, caller, k),
        });
      }
    });
  });
  return { datacenters: dcs, services, calls };
}

/** The platform's traffic at a time: a slow daily wave, churn applied. */
export function syntheticModel(shape: SyntheticShape, churn: Churn = {}): TrafficModel {
  const platform = syntheticPlatform(shape);
  return (timeMs) => syntheticSnapshot(platform, timeMs, churn);
}

export function syntheticSnapshot(platform: SyntheticPlatform, timeMs: number, churn: Churn = {}): PlatformSnapshot {
  const dropped = churn.dropped?.(timeMs) ?? new Set<string>();
  const failing = churn.failing?.(timeMs) ?? new Set<string>();
  const wave = 0.8 + 0.2 * Math.sin((2 * Math.PI * timeMs) / 600_000);
  const egress: SeriesTraffic[] = [];
  const ingress: SeriesTraffic[] = [];
  for (const dc of platform.datacenters) {
    const entry = platform.services.get(dc)?.[0];
    if (!entry || dropped.has(entry)) continue;
    ingress.push(series(entry, dc, INTERNET_PEER, '', rates(2000 * wave, failing.has(entry), false), 0.01));
  }
  for (const call of platform.calls) {
    if (dropped.has(call.caller) || dropped.has(call.callee)) continue;
    const sent = rates(call.rate * wave, failing.has(call.callee), true);
    egress.push(series(call.caller, call.callerDc, call.callee, call.calleeDc, sent, call.medianSeconds));
    ingress.push(series(call.callee, call.calleeDc, call.caller, call.callerDc, answeredOnly(sent), call.medianSeconds));
  }
  return { timeMs, egress, ingress, incidents: [], faults: [] };
}

function rates(rate: number, failing: boolean, withNoResponse: boolean): StatusRates {
  const server = failing ? 0.3 : 0.001;
  const out: Record<string, number> = { '200': rate * (0.97 - server), '404': rate * 0.02, '503': rate * server };
  if (withNoResponse) out['0'] = rate * 0.01;
  return out;
}

function series(service: string, datacenter: string, peerService: string, peerDatacenter: string, ratesByStatus: StatusRates, medianSeconds: number): SeriesTraffic {
  return { service, datacenter, peerService, peerDatacenter, ratesByStatus, latency: latencyDistribution({ medianSeconds, sigma: 0.7 }) };
}

/**
 * The simulated platform's traffic: a pure, deterministic function of time (no DOM, no msw),
 * shared by the in-browser demo (MSW) and the Node traffic simulator (prom-client).
 *
 *   trafficAt(timeMs: number, opts?: TrafficOptions): PlatformSnapshot
 *     opts.seed      another deterministic world (default 1)
 *     opts.faults    forced faults, always at full strength (see incidents.ts `Fault`)
 *     opts.schedule  apply the scheduled incidents (default true)
 *     opts.cycleMs   length of the compressed "day" (default 10 minutes)
 *     opts.platform  the services and calls (default: the demo's, platform.ts; or large.ts)
 *
 *   snapshot.egress   one SeriesTraffic per (service = caller, datacenter, peerService = callee,
 *                     peerDatacenter) as the caller counts it: ratesByStatus includes "0" (no
 *                     response) and the latency includes the network and the timeouts. Calls to
 *                     uninstrumented callees (postgres, redis, payment-provider) appear only here.
 *   snapshot.ingress  one per (service = callee, ..., peerService = caller) as the callee counts
 *                     it: never a "0"; the internet (peer "internet", peer datacenter "") appears
 *                     only here, on the edge load balancers.
 *   series.ratesByStatus  req/s per status code; a counter grows by rate * dt.
 *   series.latency        latencyQuantile(q) and bucketFraction(le), seconds; LATENCY_BUCKETS.
 */
import { callGraph, nodeKey } from './call-graph.ts';
import type { CallGraph } from './call-graph.ts';
import { activeIncidents, faultEffects, incidentIntensity } from './incidents.ts';
import type { Fault, FaultEffects, Incident } from './incidents.ts';
import { latencyDistribution } from './latency.ts';
import type { LatencyDistribution } from './latency.ts';
import { DEMO_PLATFORM, INTERNET_PEER } from './platform.ts';
import type { CallDef, Platform } from './platform.ts';
import { DEFAULT_SEED, smoothNoise } from './random.ts';
import { answeredOnly, splitByCode } from './status-codes.ts';
import type { CallProfile, StatusRates } from './status-codes.ts';

export interface TrafficOptions {
  readonly seed?: number;
  readonly faults?: readonly Fault[];
  readonly schedule?: boolean;
  readonly cycleMs?: number;
  readonly platform?: Platform;
}

/** The traffic of one series family, labelled as the reporting service labels it. */
export interface SeriesTraffic {
  readonly service: string;
  readonly datacenter: string;
  readonly peerService: string;
  readonly peerDatacenter: string;
  readonly ratesByStatus: StatusRates;
  readonly latency: LatencyDistribution;
}

export interface PlatformSnapshot {
  readonly timeMs: number;
  readonly egress: readonly SeriesTraffic[];
  readonly ingress: readonly SeriesTraffic[];
  /** Scheduled incidents in effect (forced faults are in `faults`). */
  readonly incidents: readonly Incident[];
  readonly faults: readonly Fault[];
}

export const DEFAULT_CYCLE_MS = 10 * 60_000;

/** Seconds added by the network to what the caller measures. */
const NETWORK_SECONDS = { local: 0.0005, crossDc: 0.075, outside: 0.02 };
/** How much of a callee's trouble its callers pass on (errors, slowness). */
const PROPAGATION = 0.35;

const INTERNET_ENTRY = {
  clientErrorShare: 0.03, serverErrorShare: 0.001, medianSeconds: 0.012, sigma: 1.3, profile: 'web' as CallProfile,
};

export function trafficAt(timeMs: number, opts: TrafficOptions = {}): PlatformSnapshot {
  const seed = opts.seed ?? DEFAULT_SEED;
  const cycleMs = opts.cycleMs ?? DEFAULT_CYCLE_MS;
  const platform = opts.platform ?? DEMO_PLATFORM;
  const graph = callGraph(platform);
  const forced = opts.faults ?? [];
  const incidents = opts.schedule === false ? [] : activeIncidents(timeMs, seed, platform);
  const effects = faultEffects([
    ...forced.map((fault) => ({ fault, intensity: 1 })),
    ...incidents.map((i) => ({ fault: i.fault, intensity: incidentIntensity(i, timeMs) })),
  ]);
  const health = nodeHealth(effects, graph);
  const noise = (key: string, periodMs: number): number => smoothNoise(seed, key, timeMs, periodMs);
  const load = new Map<string, number>();
  const egress: SeriesTraffic[] = [];
  const ingress: SeriesTraffic[] = [];

  for (const { service, datacenter: dc, peakRate } of platform.entries) {
    const phase = 2 * Math.PI * (timeMs / cycleMs + (platform.cyclePhase.get(dc) ?? 0));
    const daily = 0.3 + 0.7 * (0.5 - 0.5 * Math.cos(phase));
    // The datacenter's internet traffic wanders as one.
    const rate = peakRate * daily * (1 + 0.06 * noise(`dc:${dc}`, 20_000)) * effects.trafficShare(service, dc);
    const key = `internet>${dc}/${service}`;
    const server = combine(INTERNET_ENTRY.serverErrorShare, health.failure(service, dc));
    const client = INTERNET_ENTRY.clientErrorShare * (1 + 0.3 * noise(`${key}:4xx`, 30_000)) * (1 - server);
    load.set(nodeKey(service, dc), (load.get(nodeKey(service, dc)) ?? 0) + rate);
    ingress.push({
      service, datacenter: dc, peerService: INTERNET_PEER, peerDatacenter: '',
      ratesByStatus: splitByCode(INTERNET_ENTRY.profile, {
        ok: rate * (1 - server - client), client: rate * client, server: rate * server, noResponse: 0,
      }),
      latency: latencyDistribution({
        medianSeconds: INTERNET_ENTRY.medianSeconds * health.slowdown(service, dc) * (1 + 0.08 * noise(`${key}:lat`, 25_000)),
        sigma: INTERNET_ENTRY.sigma,
      }),
    });
  }

  graph.ordered.forEach((call, i) => {
    const keys = graph.orderedKeys[i];
    if (!keys) return;
    // A traffic drop: the callee receives only a share of what its callers would send.
    const sent = (load.get(keys.caller) ?? 0) * call.fanout * (1 + 0.04 * noise(keys.key, 15_000)) * effects.trafficShare(call.callee, call.calleeDc);
    const crossing = call.callerDc !== call.calleeDc && call.calleeDc !== '';
    const lost = combine(call.noResponseShare, crossing ? effects.linkLoss(call.callerDc, call.calleeDc) : 0);
    const answered = sent * (1 - lost);
    const server = combine(call.serverErrorShare, health.failure(call.callee, call.calleeDc));
    const client = call.clientErrorShare * (1 + 0.3 * noise(keys.errorsKey, 30_000)) * (1 - server);
    const rates = splitByCode(call.profile, {
      ok: answered * (1 - server - client), client: answered * client, server: answered * server, noResponse: sent * lost,
    });
    const median = call.medianSeconds * health.slowdown(call.callee, call.calleeDc) * (1 + 0.08 * noise(keys.latencyKey, 25_000));
    load.set(keys.callee, (load.get(keys.callee) ?? 0) + answered);
    egress.push({
      service: call.caller, datacenter: call.callerDc, peerService: call.callee, peerDatacenter: call.calleeDc,
      ratesByStatus: rates,
      latency: latencyDistribution({
        medianSeconds: median + networkSeconds(call), sigma: call.sigma, timeoutShare: lost, timeoutSeconds: call.timeoutSeconds,
      }),
    });
    if (keys.calleeInstrumented) {
      ingress.push({
        service: call.callee, datacenter: call.calleeDc, peerService: call.caller, peerDatacenter: call.callerDc,
        ratesByStatus: answeredOnly(rates),
        latency: latencyDistribution({ medianSeconds: median, sigma: call.sigma }),
      });
    }
  });
  return { timeMs, egress, ingress, incidents, faults: forced };
}

/** Per-service failure share and slowdown, own faults plus a part of their callees' trouble. */
function nodeHealth(effects: FaultEffects, graph: CallGraph): {
  failure(service: string, dc: string): number;
  slowdown(service: string, dc: string): number;
} {
  const failures = new Map<string, number>();
  const slowdowns = new Map<string, number>();
  const failure = (service: string, dc: string): number => {
    const key = nodeKey(service, dc);
    const known = failures.get(key);
    if (known !== undefined) return known;
    let inherited = 0;
    for (const c of graph.callsFrom(service, dc)) {
      const loss = c.calleeDc !== dc && c.calleeDc !== '' ? effects.linkLoss(dc, c.calleeDc) : 0;
      inherited = Math.max(inherited, Math.min(1, c.fanout) * combine(failure(c.callee, c.calleeDc), loss));
    }
    const value = combine(effects.errorShare(service, dc), PROPAGATION * inherited);
    failures.set(key, value);
    return value;
  };
  const slowdown = (service: string, dc: string): number => {
    const key = nodeKey(service, dc);
    const known = slowdowns.get(key);
    if (known !== undefined) return known;
    let inherited = 0;
    for (const c of graph.callsFrom(service, dc)) {
      inherited = Math.max(inherited, Math.min(1, c.fanout) * (slowdown(c.callee, c.calleeDc) - 1));
    }
    const value = effects.latencyFactor(service, dc) * (1 + PROPAGATION * inherited);
    slowdowns.set(key, value);
    return value;
  };
  return { failure, slowdown };
}

function networkSeconds(call: CallDef): number {
  if (call.calleeDc === '') return NETWORK_SECONDS.outside;
  return call.callerDc === call.calleeDc ? NETWORK_SECONDS.local : NETWORK_SECONDS.crossDc;
}

/** The share hit by either of two independent causes. */
function combine(a: number, b: number): number {
  return 1 - (1 - clamp01(a)) * (1 - clamp01(b));
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/**
 * Faults of the simulated platform: a deterministic schedule of incidents (at most one per
 * `INCIDENT_SLOT_MS` window, starting and ending with a short ramp) and faults forced by the
 * caller (demo scenarios, tests). Both reduce to `FaultEffects` that the model applies.
 */
import { DEMO_PLATFORM } from './platform.ts';
import type { Platform, ServiceDef } from './platform.ts';
import { DEFAULT_SEED, generator, hash32 } from './random.ts';

export type Fault =
  /** The service answers 5xx to `share` (0..1) of its requests; `datacenter` absent = everywhere. */
  | { readonly kind: 'errors'; readonly service: string; readonly share: number; readonly datacenter?: string }
  /** The service is `factor` times slower (its callers are slowed down too, less). */
  | { readonly kind: 'latency'; readonly service: string; readonly factor: number; readonly datacenter?: string }
  /** Calls from `fromDc` to `toDc` get no response (timeouts); `share` defaults to 1 (all of them). */
  | { readonly kind: 'link-down'; readonly fromDc: string; readonly toDc: string; readonly share?: number }
  /** The service's incoming traffic falls to `share` (0..1) of normal (callers stop calling; what it calls falls too). */
  | { readonly kind: 'drop'; readonly service: string; readonly share: number; readonly datacenter?: string };

export interface Incident {
  readonly id: string;
  readonly fault: Fault;
  readonly startMs: number;
  readonly endMs: number;
  readonly description: string;
}

/** One incident at most per window of this length. */
export const INCIDENT_SLOT_MS = 4 * 60_000;
/** Incidents grow to full strength (and fade) over this long. */
export const INCIDENT_RAMP_MS = 15_000;

const INCIDENT_PROBABILITY = 0.75;
/** Of the scheduled incidents, this share is a traffic drop (seen against the baseline, not in error colours). */
const DROP_PROBABILITY = 0.2;

/** The scheduled incident of slot `slot` (= floor(timeMs / INCIDENT_SLOT_MS)), if any. */
export function scheduledIncident(slot: number, seed: number = DEFAULT_SEED, platform: Platform = DEMO_PLATFORM): Incident | undefined {
  const next = generator(hash32(seed, 'incident', slot));
  if (next() >= INCIDENT_PROBABILITY) return undefined;
  const startMs = slot * INCIDENT_SLOT_MS + Math.round(next() * 0.3 * INCIDENT_SLOT_MS);
  const endMs = startMs + Math.round(60_000 + next() * 90_000);
  const targets = faultTargets(platform);
  // Now and then the slot's incident is a traffic drop instead (its own draw: the others stay as they were).
  const drop = generator(hash32(seed, 'drop', slot));
  const fault = drop() < DROP_PROBABILITY && targets.drop.length > 0 ? drawDrop(drop, targets) : drawFault(next, targets);
  return { id: `incident-${slot}`, fault, startMs, endMs, description: describeFault(fault) };
}

/** Scheduled incidents overlapping [fromMs, toMs), oldest first. */
export function incidentsBetween(fromMs: number, toMs: number, seed: number = DEFAULT_SEED, platform: Platform = DEMO_PLATFORM): readonly Incident[] {
  const out: Incident[] = [];
  const last = Math.floor(toMs / INCIDENT_SLOT_MS);
  for (let slot = Math.floor(fromMs / INCIDENT_SLOT_MS); slot <= last; slot++) {
    const incident = scheduledIncident(slot, seed, platform);
    if (incident && incident.startMs < toMs && incident.endMs > fromMs) out.push(incident);
  }
  return out;
}

/** Scheduled incidents in effect at `timeMs`. */
export function activeIncidents(timeMs: number, seed: number = DEFAULT_SEED, platform: Platform = DEMO_PLATFORM): readonly Incident[] {
  const incident = scheduledIncident(Math.floor(timeMs / INCIDENT_SLOT_MS), seed, platform);
  return incident && timeMs >= incident.startMs && timeMs < incident.endMs ? [incident] : [];
}

/** 0..1: how strong the incident is at `timeMs` (ramps up after the start, down before the end). */
export function incidentIntensity(incident: Incident, timeMs: number): number {
  const fromStart = (timeMs - incident.startMs) / INCIDENT_RAMP_MS;
  const toEnd = (incident.endMs - timeMs) / INCIDENT_RAMP_MS;
  return Math.max(0, Math.min(1, fromStart, toEnd));
}

export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'errors':
      return `${fault.service}${where(fault.datacenter)} answers 5xx to ${Math.round(fault.share * 100)}% of requests`;
    case 'latency':
      return `${fault.service}${where(fault.datacenter)} is ${fault.factor.toFixed(1)}x slower`;
    case 'link-down':
      return `calls from ${fault.fromDc} to ${fault.toDc} time out (${Math.round((fault.share ?? 1) * 100)}%)`;
    case 'drop':
      return `${fault.service}${where(fault.datacenter)} receives ${Math.round(fault.share * 100)}% of its usual traffic`;
  }
}

/** What a set of faults (each at some intensity) does to the platform. */
export interface FaultEffects {
  /** Extra share (0..1) of requests to this service answered 5xx. */
  errorShare(service: string, datacenter: string): number;
  /** Multiplier (>= 1) of this service's own latency. */
  latencyFactor(service: string, datacenter: string): number;
  /** Share (0..1) of calls from one datacenter to another that get no response. */
  linkLoss(fromDc: string, toDc: string): number;
  /** Share (0..1) of its usual incoming traffic the service receives (1 = all of it). */
  trafficShare(service: string, datacenter: string): number;
}

export interface WeightedFault {
  readonly fault: Fault;
  readonly intensity: number;
}

export function faultEffects(faults: readonly WeightedFault[]): FaultEffects {
  const targets = (service: string, dc: string, f: { service: string; datacenter?: string }): boolean =>
    f.service === service && (f.datacenter === undefined || f.datacenter === dc);
  return {
    errorShare(service, dc) {
      let healthy = 1;
      for (const { fault, intensity } of faults) {
        if (fault.kind === 'errors' && targets(service, dc, fault)) healthy *= 1 - clamp01(fault.share) * intensity;
      }
      return 1 - healthy;
    },
    latencyFactor(service, dc) {
      let factor = 1;
      for (const { fault, intensity } of faults) {
        if (fault.kind === 'latency' && targets(service, dc, fault)) factor *= 1 + (Math.max(1, fault.factor) - 1) * intensity;
      }
      return factor;
    },
    linkLoss(fromDc, toDc) {
      let through = 1;
      for (const { fault, intensity } of faults) {
        if (fault.kind === 'link-down' && fault.fromDc === fromDc && fault.toDc === toDc) {
          through *= 1 - clamp01(fault.share ?? 1) * intensity;
        }
      }
      return 1 - through;
    },
    trafficShare(service, dc) {
      let share = 1;
      for (const { fault, intensity } of faults) {
        if (fault.kind === 'drop' && targets(service, dc, fault)) share *= 1 - (1 - clamp01(fault.share)) * intensity;
      }
      return share;
    },
  };
}

interface FaultTargets {
  readonly errors: readonly ServiceDef[];
  /** Services with callers (a drop of their traffic shows against the baseline). */
  readonly drop: readonly ServiceDef[];
  readonly latency: readonly ServiceDef[];
  readonly linkDcs: readonly string[];
}

const TARGETS = new WeakMap<Platform, FaultTargets>();

/** What scheduled incidents may hit on a platform (computed once per platform). */
function faultTargets(platform: Platform): FaultTargets {
  let targets = TARGETS.get(platform);
  if (!targets) {
    const services = platform.services;
    targets = {
      errors: services.filter((s) => s.kind === 'java' || s.kind === 'legacy' || s.kind === 'external' || s.kind === 'frontend'),
      drop: services.filter((s) => s.kind === 'java' || s.kind === 'frontend'),
      latency: services.filter((s) => s.kind === 'java' || s.kind === 'legacy' || s.kind === 'database'),
      linkDcs: [...new Set(services.map((s) => s.datacenter).filter((dc) => dc !== ''))],
    };
    TARGETS.set(platform, targets);
  }
  return targets;
}

function drawFault(next: () => number, targets: FaultTargets): Fault {
  const kind = next();
  if (kind < 0.45) {
    const target = pick(targets.errors, next);
    return { kind: 'errors', service: target.name, datacenter: target.datacenter, share: round2(0.1 + next() * 0.3) };
  }
  // A platform of one datacenter has no link to break: a slow service instead.
  if (kind < 0.8 || targets.linkDcs.length < 2) {
    const target = pick(targets.latency, next);
    return { kind: 'latency', service: target.name, datacenter: target.datacenter, factor: round2(3 + next() * 7) };
  }
  const from = pick(targets.linkDcs, next);
  const others = targets.linkDcs.filter((dc) => dc !== from);
  return { kind: 'link-down', fromDc: from, toDc: pick(others, next), share: round2(0.3 + next() * 0.5) };
}

function drawDrop(next: () => number, targets: FaultTargets): Fault {
  const target = pick(targets.drop, next);
  return { kind: 'drop', service: target.name, datacenter: target.datacenter, share: round2(0.05 + next() * 0.3) };
}

function pick<T>(items: readonly T[], next: () => number): T {
  const item = items[Math.floor(next() * items.length)] ?? items[0];
  if (item === undefined) throw new Error('incidents: nothing to pick from');
  return item;
}

function where(datacenter: string | undefined): string {
  return datacenter ? ` in ${datacenter}` : '';
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0));
}

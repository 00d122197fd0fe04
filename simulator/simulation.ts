/**
 * The running simulation: advances the platform model (src/mocks/platform/model.ts) and makes
 * each target's counters and histograms grow by rate * dt. Fractional requests are carried over
 * to the next step, so a counter's average growth is exactly the model's rate. Driven by a clock
 * the caller passes (`advance(nowMs)`), so unit tests need no timers.
 */
import { LATENCY_BUCKETS } from '../src/mocks/platform/latency.ts';
import { trafficAt } from '../src/mocks/platform/model.ts';
import type { PlatformSnapshot, SeriesTraffic } from '../src/mocks/platform/model.ts';
import { modelFaults } from './faults.ts';
import type { SimFault } from './faults.ts';
import { BUCKET_REPRESENTATIVES } from './metrics.ts';
import { targetsByService } from './targets.ts';
import type { SimTarget } from './targets.ts';

export interface SimulationOptions {
  readonly targets: readonly SimTarget[];
  /** Real time (ms) the simulation starts at; the first `advance` counts from here. */
  readonly startMs: number;
  /** Model time at the start (default: startMs, so incidents match the in-browser demo). */
  readonly modelStartMs?: number;
  /** How much faster than real time the model's day and incidents run (rates stay per second). */
  readonly speed?: number;
  /** Scheduled incidents on (default) or off (deterministic tests). */
  readonly schedule?: boolean;
  readonly seed?: number;
  readonly cycleMs?: number;
  readonly faults?: readonly SimFault[];
}

type Direction = 'egress' | 'ingress';

export class Simulation {
  private readonly reporters: ReadonlyMap<string, readonly SimTarget[]>;
  private readonly carry = new Map<string, number>();
  private lastMs: number;
  private faultList: readonly SimFault[];

  constructor(private readonly opts: SimulationOptions) {
    this.reporters = targetsByService(opts.targets);
    this.lastMs = opts.startMs;
    this.faultList = opts.faults ?? [];
  }

  get faults(): readonly SimFault[] {
    return this.faultList;
  }

  set faults(list: readonly SimFault[]) {
    this.faultList = [...list];
  }

  /** Model time at real time `nowMs`. */
  modelTime(nowMs: number): number {
    return (this.opts.modelStartMs ?? this.opts.startMs) + (nowMs - this.opts.startMs) * (this.opts.speed ?? 1);
  }

  /** The model's traffic at real time `nowMs`, with the current faults. */
  snapshot(nowMs: number): PlatformSnapshot {
    return trafficAt(this.modelTime(nowMs), {
      faults: modelFaults(this.faultList),
      schedule: this.opts.schedule ?? true,
      ...(this.opts.seed !== undefined ? { seed: this.opts.seed } : {}),
      ...(this.opts.cycleMs !== undefined ? { cycleMs: this.opts.cycleMs } : {}),
    });
  }

  /** Counts the requests of (lastMs, nowMs] at the rates of `nowMs`. */
  advance(nowMs: number): void {
    const dtSeconds = (nowMs - this.lastMs) / 1000;
    if (!(dtSeconds > 0.001)) return;
    this.lastMs = nowMs;
    const snap = this.snapshot(nowMs);
    for (const series of snap.egress) this.count('egress', series, dtSeconds);
    for (const series of snap.ingress) this.count('ingress', series, dtSeconds);
  }

  private count(direction: Direction, series: SeriesTraffic, dtSeconds: number): void {
    const reporters = this.reporters.get(`${series.datacenter}/${series.service}`);
    if (!reporters) return;
    const labels = {
      service: series.service, datacenter: series.datacenter,
      peer_service: series.peerService, peer_datacenter: series.peerDatacenter,
    };
    const edge = `${direction}|${series.peerDatacenter}/${series.peerService}`;
    for (const target of reporters) {
      const m = target.metrics;
      const counter = direction === 'egress' ? m.egressRequests : m.ingressRequests;
      const histogram = direction === 'egress' ? m.egressDuration : m.ingressDuration;
      const share = 1 / target.instances;
      let total = 0;
      for (const [status, rate] of Object.entries(series.ratesByStatus)) {
        const n = this.take(`${target.id}|${edge}|${status}`, rate * share * dtSeconds);
        if (n > 0) counter.inc({ ...labels, status }, n);
        total += rate * share * dtSeconds;
      }
      // The histogram counts the same requests, spread over the buckets by the model's CDF.
      let below = 0;
      for (let b = 0; b <= LATENCY_BUCKETS.length; b++) {
        const le = LATENCY_BUCKETS[b] ?? Infinity;
        const upTo = series.latency.bucketFraction(le);
        const n = this.take(`${target.id}|${edge}|le${b}`, total * Math.max(0, upTo - below));
        below = Math.max(below, upTo);
        const value = BUCKET_REPRESENTATIVES[b] ?? 20;
        for (let i = 0; i < n; i++) histogram.observe(labels, value);
      }
    }
  }

  /** The whole requests of `expected` plus what was carried over; keeps the fraction. */
  private take(key: string, expected: number): number {
    const due = (this.carry.get(key) ?? 0) + (Number.isFinite(expected) && expected > 0 ? expected : 0);
    const whole = Math.floor(due);
    this.carry.set(key, due - whole);
    return whole;
  }
}

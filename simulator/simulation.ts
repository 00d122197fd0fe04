/**
 * The running simulation: advances the platform model (src/mocks/platform/model.ts) and makes
 * each target's counters and histograms grow by rate * dt, per status code and latency bucket;
 * the target's exporter (simulator/exporters/) names and labels them in its convention. Fractional requests are carried over
 * to the next step, so a counter's average growth is exactly the model's rate. Driven by a clock
 * the caller passes (`advance(nowMs)`), so unit tests need no timers.
 */
import { LATENCY_BUCKETS } from '../src/mocks/platform/latency.ts';
import { trafficAt } from '../src/mocks/platform/model.ts';
import type { PlatformSnapshot, SeriesTraffic } from '../src/mocks/platform/model.ts';
import type { Platform } from '../src/mocks/platform/platform.ts';
import { modelFaults } from './faults.ts';
import type { SimFault } from './faults.ts';
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
  /** Default: the demo's platform. */
  readonly platform?: Platform;
  /** The histogram bounds the targets expose, seconds (default LATENCY_BUCKETS). */
  readonly buckets?: readonly number[];
}

type Direction = 'egress' | 'ingress';

export class Simulation {
  private readonly reporters: ReadonlyMap<string, readonly SimTarget[]>;
  /**
   * Per target and edge (one string key), per status: the fraction of a request carried over
   * (see `take`) and what each latency bucket is owed (see `spread`).
   */
  private readonly edges = new Map<string, Map<string, { carry: number; readonly owed: number[] }>>();
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
      ...(this.opts.platform ? { platform: this.opts.platform } : {}),
    });
  }

  /** Counts the requests of (lastMs, nowMs] at the rates of `nowMs`. */
  advance(nowMs: number): void {
    const step = this.stepInSlices(nowMs, Infinity);
    while (!step.next().done) { /* all at once */ }
  }

  /**
   * `advance` in slices: the model's snapshot first (one piece), then the counting, pausing
   * (`yield`) after every `slice` series so that the caller can serve scrapes in between
   * (simulator/start.ts). The interval counted is fixed when it starts; a scrape between slices
   * sees some series counted up to `nowMs` and others not yet, each still a counter that only grows.
   */
  *stepInSlices(nowMs: number, slice: number): Generator<void, void, void> {
    const dtSeconds = (nowMs - this.lastMs) / 1000;
    if (!(dtSeconds > 0.001)) return;
    this.lastMs = nowMs;
    const snap = this.snapshot(nowMs);
    let n = 0;
    for (const series of snap.egress) {
      this.count('egress', series, dtSeconds);
      if (++n % slice === 0) yield;
    }
    for (const series of snap.ingress) {
      this.count('ingress', series, dtSeconds);
      if (++n % slice === 0) yield;
    }
  }

  private count(direction: Direction, series: SeriesTraffic, dtSeconds: number): void {
    const reporters = this.reporters.get(`${series.datacenter}/${series.service}`);
    if (!reporters) return;
    const edge = `${direction}|${series.peerDatacenter}/${series.peerService}`;
    // The model's latency CDF as shares per bucket (the last one above the last bound).
    const bounds = this.opts.buckets ?? LATENCY_BUCKETS;
    const shares: number[] = [];
    let below = 0;
    for (let b = 0; b <= bounds.length; b++) {
      const upTo = series.latency.bucketFraction(bounds[b] ?? Infinity);
      shares.push(Math.max(0, upTo - below));
      below = Math.max(below, upTo);
    }
    for (const target of reporters) {
      const share = 1 / target.instances;
      const edgeKey = `${target.id}|${edge}`;
      let statuses = this.edges.get(edgeKey);
      if (!statuses) this.edges.set(edgeKey, (statuses = new Map()));
      for (const status in series.ratesByStatus) {
        let state = statuses.get(status);
        if (!state) statuses.set(status, (state = { carry: 0, owed: new Array<number>(shares.length).fill(0) }));
        const requests = take(state, (series.ratesByStatus[status] ?? 0) * share * dtSeconds);
        if (requests <= 0) continue;
        // The same requests over the latency buckets, exactly `requests` of them.
        target.recorder.record({ direction, series, status, requests, byBucket: spread(state.owed, requests, shares) });
      }
    }
  }
}

/**
 * Splits `n` whole requests over buckets by `shares`, exactly n in all: each bucket gets its
 * due (plus what earlier steps owe it) rounded down, the rest goes to the largest remainders;
 * what was rounded away is carried over, so each bucket's long-run count follows its share.
 */
function spread(owed: number[], n: number, shares: readonly number[]): number[] {
  const due = shares.map((s, b) => n * s + (owed[b] ?? 0));
  const out = due.map((d) => Math.max(0, Math.floor(d)));
  let left = n - out.reduce((a, b) => a + b, 0);
  const byRemainder = due.map((_, b) => b).sort((a, b) => ((due[b] ?? 0) - (out[b] ?? 0)) - ((due[a] ?? 0) - (out[a] ?? 0)));
  for (let i = 0; left > 0; i++, left--) {
    const b = byRemainder[i % byRemainder.length] ?? 0;
    out[b] = (out[b] ?? 0) + 1;
  }
  for (let i = byRemainder.length - 1; left < 0; i = (i - 1 + byRemainder.length) % byRemainder.length) {
    const b = byRemainder[i] ?? 0;
    if ((out[b] ?? 0) > 0) {
      out[b] = (out[b] ?? 0) - 1;
      left++;
    }
  }
  for (let b = 0; b < due.length; b++) owed[b] = Math.max(-2, Math.min(2, (due[b] ?? 0) - (out[b] ?? 0)));
  return out;
}

/** The whole requests of `expected` plus what was carried over; keeps the fraction. */
function take(state: { carry: number }, expected: number): number {
  const due = state.carry + (Number.isFinite(expected) && expected > 0 ? expected : 0);
  const whole = Math.floor(due);
  state.carry = due - whole;
  return whole;
}

/**
 * `startSimulator(opts)`: the platform model behind real /metrics endpoints, one per simulated
 * service (or instance), plus a control endpoint. Used by `npm run simulate` and the real-server
 * e2e tests. Ports: `port` 0 (default) takes free ports; otherwise control = port, targets =
 * port + 1, port + 2, ... in a stable order.
 *
 * `large: { services, groups }` serves a generated platform instead (src/mocks/platform/large.ts):
 * `services` per datacenter in `groups` groups, one endpoint per group and datacenter.
 */
import type { Server } from 'node:http';
import { largePlatform } from '../src/mocks/platform/large.ts';
import type { LargePlatform } from '../src/mocks/platform/large.ts';
import type { ExportedConvention } from './exporters/byConvention.ts';
import { peersOf } from './exporters/peers.ts';
import type { PeerNames } from './exporters/types.ts';
import type { SimFault } from './faults.ts';
import { closeServer, controlServer, listen, targetServer } from './http.ts';
import type { TargetInfo } from './http.ts';
import { COMPACT_BUCKETS } from './metrics.ts';
import { Simulation } from './simulation.ts';
import { createTargets, endpointsOf } from './targets.ts';
import type { InstanceMode } from './targets.ts';

export interface LargeOptions {
  /** Services per datacenter. */
  readonly services: number;
  readonly groups: number;
  /** Default 5. */
  readonly callsPerService?: number;
}

/**
 * On a large platform the counters grow every 10 s, scraped or not, and a scrape never waits for
 * them: a step computes the whole platform (about 0.5 to 1 s of CPU at 2,000 services x 2
 * datacenters, bench/simulator.bench.ts), and 80 scrapes queued behind it would time out.
 */
export const LARGE_TICK_MS = 10_000;
export const LARGE_CATCH_UP_MS = Infinity;
/**
 * Series counted between two pauses of a timer's step (scrapes are served in the pauses): the
 * model's snapshot is one piece (about half of a step), the counting about 10 ms per slice.
 */
export const STEP_SLICE = 1000;

export interface SimulatorOptions {
  readonly port?: number;
  readonly host?: string;
  /** Serve only these datacenters' services (default: all). */
  readonly datacenters?: readonly string[];
  readonly instances?: InstanceMode;
  /** The convention preset whose series every target exposes (default `standard`). */
  readonly convention?: ExportedConvention;
  /** How callers name callees in Micrometer and OTel HTTP series: by service name (default) or DNS host. */
  readonly peerNames?: PeerNames;
  readonly speed?: number;
  readonly schedule?: boolean;
  readonly seed?: number;
  readonly faults?: readonly SimFault[];
  /** How often the counters grow, ms (they also catch up on every scrape); default 250. */
  readonly tickMs?: number;
  /**
   * A scrape brings the counters up to now only when they are at least this old, ms (default 0:
   * always). Many simulators in one process (one per convention) save most of their work with
   * a fraction of `tickMs`.
   */
  readonly scrapeCatchUpMs?: number;
  /** A generated large platform instead of the demo's (same seed as the model's). */
  readonly large?: LargeOptions;
}

export interface RunningSimulator {
  readonly targets: readonly TargetInfo[];
  readonly controlUrl: string;
  readonly simulation: Simulation;
  /** The generated platform, when `large` was given. */
  readonly platform?: LargePlatform;
  setFaults(faults: readonly SimFault[]): void;
  getFaults(): readonly SimFault[];
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const base = opts.port ?? 0;
  const platform = opts.large ? largePlatform({ ...opts.large, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) }) : undefined;
  const targets = createTargets({
    ...(opts.datacenters ? { datacenters: opts.datacenters } : {}), instances: opts.instances ?? 'one',
    ...(opts.convention ? { convention: opts.convention } : {}),
    ...(platform ? { platform, groupOf: (service: string) => platform.groupOf.get(service) ?? '' } : {}),
    ...(opts.peerNames ? { peerNames: opts.peerNames } : {}),
  });
  // Faults may name a service by its Istio or Linkerd workload name (without the group prefix).
  const peers = peersOf(platform);
  const resolve = (faults: readonly SimFault[]): SimFault[] =>
    faults.map((f) => ('service' in f ? { ...f, service: peers.modelName(f.service) } : f));
  const simulation = new Simulation({
    targets, startMs: Date.now(), speed: opts.speed ?? 1, schedule: opts.schedule ?? true,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}), faults: resolve(opts.faults ?? []),
    ...(platform ? { platform, buckets: COMPACT_BUCKETS } : {}),
  });
  const tickMs = opts.tickMs ?? (platform ? LARGE_TICK_MS : 250);
  const scrapeCatchUpMs = opts.scrapeCatchUpMs ?? (platform ? LARGE_CATCH_UP_MS : 0);
  let caughtUp = 0;
  // A timer's step runs in slices (scrapes are served between them); anything else that must
  // count up to now first finishes a step under way.
  let sliced: Generator<void, void, void> | null = null;
  const finishSliced = (): void => {
    const step = sliced;
    sliced = null;
    if (step) while (!step.next().done) { /* the rest at once */ }
  };
  const catchUp = (): void => {
    finishSliced();
    caughtUp = Date.now();
    simulation.advance(caughtUp);
  };
  const tick = (): void => {
    if (sliced) return; // the previous step is still under way
    caughtUp = Date.now();
    const step = simulation.stepInSlices(caughtUp, STEP_SLICE);
    sliced = step;
    const next = (): void => {
      if (sliced !== step) return; // finished by catchUp, or closed
      if (step.next().done) sliced = null;
      else setImmediate(next);
    };
    next();
  };
  const catchUpForScrape = (): void => {
    if (Date.now() - caughtUp >= scrapeCatchUpMs) catchUp();
  };
  const getFaults = (): readonly SimFault[] => simulation.faults;
  const setFaults = (faults: readonly SimFault[]): void => {
    catchUp(); // the time before the change is counted with the old faults
    simulation.faults = resolve(faults);
  };

  const servers: Server[] = [];
  const infos: TargetInfo[] = [];
  try {
    for (const [i, endpoint] of endpointsOf(targets).entries()) {
      const { server, port } = await listen(targetServer(endpoint, getFaults, catchUpForScrape), base === 0 ? 0 : base + 1 + i, host);
      servers.push(server);
      const first = endpoint.targets[0];
      const group = platform ? { group: first?.group ?? '', services: endpoint.targets.length } : {};
      infos.push({
        dc: endpoint.datacenter, service: platform ? '' : first?.service ?? '', instance: first?.instance ?? 0, ...group,
        url: `http://${host}:${port}/metrics`, address: `${host}:${port}`,
      });
    }
    const control = await listen(controlServer({ targets: () => infos, getFaults, setFaults }), base, host);
    servers.push(control.server);
    const timer = setInterval(tick, tickMs);
    timer.unref();
    return {
      targets: infos, controlUrl: `http://${host}:${control.port}`, simulation, setFaults, getFaults,
      ...(platform ? { platform } : {}),
      close: async () => {
        clearInterval(timer);
        sliced = null;
        await Promise.all(servers.map(closeServer));
      },
    };
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    throw err;
  }
}

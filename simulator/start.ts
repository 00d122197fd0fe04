/**
 * `startSimulator(opts)`: the platform model behind real /metrics endpoints, one per simulated
 * service (or instance), plus a control endpoint. Used by `npm run simulate` and the real-server
 * e2e tests. Ports: `port` 0 (default) takes free ports; otherwise control = port, targets =
 * port + 1, port + 2, ... in a stable order.
 */
import type { Server } from 'node:http';
import type { ExportedConvention } from './exporters/byConvention.ts';
import type { PeerNames } from './exporters/types.ts';
import type { SimFault } from './faults.ts';
import { closeServer, controlServer, listen, targetServer } from './http.ts';
import type { TargetInfo } from './http.ts';
import { Simulation } from './simulation.ts';
import { createTargets } from './targets.ts';
import type { InstanceMode } from './targets.ts';

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
}

export interface RunningSimulator {
  readonly targets: readonly TargetInfo[];
  readonly controlUrl: string;
  readonly simulation: Simulation;
  setFaults(faults: readonly SimFault[]): void;
  getFaults(): readonly SimFault[];
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const base = opts.port ?? 0;
  const targets = createTargets({
    ...(opts.datacenters ? { datacenters: opts.datacenters } : {}), instances: opts.instances ?? 'one',
    ...(opts.convention ? { convention: opts.convention } : {}),
    ...(opts.peerNames ? { peerNames: opts.peerNames } : {}),
  });
  const simulation = new Simulation({
    targets, startMs: Date.now(), speed: opts.speed ?? 1, schedule: opts.schedule ?? true,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}), faults: opts.faults ?? [],
  });
  let caughtUp = 0;
  const catchUp = (): void => {
    caughtUp = Date.now();
    simulation.advance(caughtUp);
  };
  const catchUpForScrape = (): void => {
    if (Date.now() - caughtUp >= (opts.scrapeCatchUpMs ?? 0)) catchUp();
  };
  const getFaults = (): readonly SimFault[] => simulation.faults;
  const setFaults = (faults: readonly SimFault[]): void => {
    catchUp(); // the time before the change is counted with the old faults
    simulation.faults = faults;
  };

  const servers: Server[] = [];
  const infos: TargetInfo[] = [];
  try {
    for (const [i, target] of targets.entries()) {
      const { server, port } = await listen(targetServer(target, getFaults, catchUpForScrape), base === 0 ? 0 : base + 1 + i, host);
      servers.push(server);
      infos.push({
        dc: target.datacenter, service: target.service, instance: target.instance,
        url: `http://${host}:${port}/metrics`, address: `${host}:${port}`,
      });
    }
    const control = await listen(controlServer({ targets: () => infos, getFaults, setFaults }), base, host);
    servers.push(control.server);
    const timer = setInterval(catchUp, opts.tickMs ?? 250);
    timer.unref();
    return {
      targets: infos, controlUrl: `http://${host}:${control.port}`, simulation, setFaults, getFaults,
      close: async () => {
        clearInterval(timer);
        await Promise.all(servers.map(closeServer));
      },
    };
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    throw err;
  }
}

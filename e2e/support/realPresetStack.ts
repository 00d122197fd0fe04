/**
 * Every convention preset against one real Prometheus: one simulator process per preset (each
 * exposing that preset's series, see simulator/exporters/), all scraped by the same Prometheus in
 * one job per preset. The presets' metric names differ, so their series never mix. The built app is
 * served once, under /<preset>/, each with a config.json naming its convention.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DNS_PEER_RULES } from '../../simulator/exporters/peers.ts';
import type { PeerNames } from '../../simulator/exporters/types.ts';
import type { TargetInfo } from '../../simulator/http.ts';
import { presetRows } from './realPresetTruth.ts';
import type { PresetName } from './realPresetTruth.ts';
import { startPrometheus } from './realServers.ts';
import type { RealServer } from './realServers.ts';
import { DATACENTERS, stackBasics } from './realStack.ts';
import { startStaticServer } from './staticServer.ts';

/** A simulator running in its own process. */
export interface PresetSimulator {
  readonly controlUrl: string;
  readonly targets: readonly TargetInfo[];
  close(): Promise<void>;
}

/** Starts `e2e/support/realPresetSimulator.ts <preset>` and waits for its targets. */
export function startPresetSimulator(preset: PresetName, timeoutMs = 30_000, peerNames: PeerNames = 'name'): Promise<PresetSimulator> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/support/realPresetSimulator.ts', preset, peerNames], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const close = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  // A crashed test run must not leave simulators behind.
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => { void close(); fail(new Error(`${preset} simulator: no targets after ${timeoutMs} ms`)); }, timeoutMs);
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`${preset} simulator exited (${code}) before listening`)); });
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      const { controlUrl, targets } = JSON.parse(line) as { controlUrl: string; targets: TargetInfo[] };
      ok({ controlUrl, targets, close });
    });
  });
}

export interface PresetStack {
  readonly sims: ReadonlyMap<PresetName, PresetSimulator>;
  readonly server: RealServer;
  /** The app reading `preset`, e.g. http://127.0.0.1:1234/istio/ */
  appUrl(preset: PresetName): string;
  readonly rateWindow: string;
  close(): Promise<void>;
}

/**
 * `peerNames: 'dns'`: Micrometer and OTel HTTP clients name callees by DNS host, and the app's
 * config has the rules that need (`DNS_PEER_RULES`). Name and DNS simulators of one preset write
 * the same metrics: they need stacks of their own.
 */
export async function startPresetStack(presets: readonly PresetName[], opts: { scrapeInterval?: string; rateWindow?: string; peerNames?: PeerNames } = {}): Promise<PresetStack> {
  const { root, scrapeInterval, rateWindow, closers, close } = stackBasics(opts);
  try {
    const sims = new Map<PresetName, PresetSimulator>();
    const started = await Promise.allSettled(presets.map((preset) => startPresetSimulator(preset, 30_000, opts.peerNames)));
    for (const [i, result] of started.entries()) {
      if (result.status === 'fulfilled') {
        closers.push(() => result.value.close());
        sims.set(presets[i] as PresetName, result.value);
      }
    }
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const jobs = presets.map((preset) => ({ name: `simulator-${preset}`, targets: sims.get(preset)?.targets.map((t) => t.address) ?? [] }));
    const server = await startPrometheus({ targets: [], jobs, scrapeInterval });
    closers.push(() => server.close());
    const config = (preset: PresetName) => ({
      title: `Traffic Map (${preset})`,
      prometheus: { url: server.url, timeout: '10s' },
      datacenters: [...DATACENTERS],
      convention: preset,
      rateWindow,
      refreshInterval: 'auto',
      ...(opts.peerNames === 'dns' ? { peerRules: DNS_PEER_RULES } : {}),
    });
    const app = await startStaticServer({
      root,
      mounts: presets.map((p) => `/${p}/`),
      overrides: Object.fromEntries(presets.map((p) => [`/${p}/config.json`, JSON.stringify(config(p))])),
    });
    closers.push(app.close);
    return { sims, server, rateWindow, appUrl: (preset) => `${app.url}/${preset}/`, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/** Waits until every preset's own truth query has rates in both datacenters (two scrapes in). */
export async function waitForPresetData(stack: PresetStack, presets: readonly PresetName[], timeoutMs = 30_000, peerNames: PeerNames = 'name'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const preset of presets) {
    for (;;) {
      const rows = await presetRows(preset, stack.server.url, Date.now() / 1000, stack.rateWindow, peerNames).catch(() => []);
      const dcs = new Set(rows.filter((r) => r.side === 'egress').map((r) => r.dc));
      if (DATACENTERS.every((dc) => dcs.has(dc))) break;
      if (Date.now() > deadline) throw new Error(`${preset}: no rates after ${timeoutMs} ms`);
      await new Promise((ok) => setTimeout(ok, 500));
    }
  }
}

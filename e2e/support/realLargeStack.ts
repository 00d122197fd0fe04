/**
 * A large platform on real servers, for the scale spec (e2e/real/scale.spec.ts) and the cost
 * benchmark (bench/prometheus-cost.ts): the simulator's generated platform (`--services N
 * --groups G`, standard convention, no scheduled incidents) in a process of its own (a counter
 * step holds its event loop for most of a second; in the test's process it would hold the test),
 * Debian's Prometheus scraping its targets every 10 s (optionally with rule files), and the built
 * app served with a generated config.json. `close()` stops everything that was started.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeOnExit, spawnLogged } from './realProcess.ts';
import type { Spawned } from './realProcess.ts';
import { startPrometheus } from './realServers.ts';
import type { RealServer } from './realServers.ts';
import { instantQuery } from './realTruth.ts';
import { startStaticServer } from './staticServer.ts';

export interface LargeSimulator {
  readonly controlUrl: string;
  /** host:port of each target (one per group and datacenter). */
  readonly targets: readonly { readonly dc: string; readonly group?: string; readonly address: string }[];
  readonly logFile: string;
  close(): Promise<void>;
}

export interface LargeShape {
  readonly services: number;
  readonly groups: number;
  readonly seed?: number;
}

/** `npm run simulate -- --port 0 --services N --groups G --schedule off` as a child process. */
export async function startLargeSimulator(shape: LargeShape, dir: string, timeoutMs = 120_000): Promise<LargeSimulator> {
  const args = [
    '--import', 'tsx', 'simulator/main.ts', '--port', '0', '--schedule', 'off',
    '--services', String(shape.services), '--groups', String(shape.groups),
    ...(shape.seed !== undefined ? ['--seed', String(shape.seed)] : []),
  ];
  const proc = spawnLogged(process.execPath, args, join(dir, 'simulator.log'));
  try {
    const controlUrl = await waitForLine(proc, /control: (http:\/\/[0-9.:]+)\//, timeoutMs);
    const res = await fetch(`${controlUrl}/targets`, { signal: AbortSignal.timeout(10_000) });
    const targets = (await res.json()) as LargeSimulator['targets'];
    return { controlUrl, targets, logFile: proc.logFile, close: () => proc.stop() };
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

async function waitForLine(proc: Spawned, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = pattern.exec(proc.logTail(50));
    if (m?.[1]) return m[1];
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) throw new Error(`the simulator exited:\n${proc.logTail()}`);
    if (Date.now() > deadline) throw new Error(`the simulator did not start in ${timeoutMs} ms:\n${proc.logTail()}`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
}

export interface LargeStackOptions extends LargeShape {
  /** Default "10s" (also the scrape timeout). */
  readonly scrapeInterval?: string;
  /** Rule files (YAML text) Prometheus loads. */
  readonly ruleFiles?: readonly string[];
  /** How often they are evaluated (default: the scrape interval). */
  readonly evaluationInterval?: string;
  /** Serve dist/ (TM_REAL_DIST) with this config.json; absent: no app. */
  readonly appConfig?: (prometheusUrl: string) => Record<string, unknown>;
}

export interface LargeStack {
  readonly sim: LargeSimulator;
  readonly server: RealServer;
  /** The app's URL, when `appConfig` was given. */
  readonly appUrl: string;
  readonly dir: string;
  close(): Promise<void>;
}

export async function startLargeStack(opts: LargeStackOptions): Promise<LargeStack> {
  const dir = mkdtempSync(join(tmpdir(), 'traffic-map-large-'));
  removeOnExit(dir);
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    const results = await Promise.allSettled(closers.reverse().map((c) => c()));
    closers.length = 0;
    rmSync(dir, { recursive: true, force: true });
    removeOnExit(dir, false);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  try {
    const sim = await startLargeSimulator(opts, dir);
    closers.push(() => sim.close());
    const interval = opts.scrapeInterval ?? '10s';
    const rules = (opts.ruleFiles ?? []).map((text, i) => {
      const file = join(dir, `rules-${i}.yml`);
      writeFileSync(file, text);
      return file;
    });
    const server = await startPrometheus({
      targets: [],
      configYaml: [
        'global:',
        `  scrape_interval: ${interval}`,
        `  scrape_timeout: ${interval}`,
        `  evaluation_interval: ${opts.evaluationInterval ?? interval}`,
        ...(rules.length > 0 ? ['rule_files:', ...rules.map((f) => `  - ${JSON.stringify(f)}`)] : []),
        'scrape_configs:',
        '  - job_name: traffic-simulator',
        '    static_configs:',
        '      - targets:',
        ...sim.targets.map((t) => `          - "${t.address}"`),
        '',
      ].join('\n'),
    });
    closers.push(() => server.close());
    let appUrl = '';
    if (opts.appConfig) {
      const app = await startStaticServer({ root: process.env.TM_REAL_DIST ?? 'dist', overrides: { '/config.json': JSON.stringify(opts.appConfig(server.url)) } });
      closers.push(app.close);
      appUrl = app.url;
    }
    return { sim, server, appUrl, dir, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/**
 * Waits until every target was scraped successfully at least `scrapes` times in a row within the
 * last `window` (so every busy series has a rate over it), and returns how long that took.
 */
export async function waitForScrapes(server: { readonly url: string }, targets: number, window: string, scrapes: number, timeoutMs: number): Promise<number> {
  const started = Date.now();
  const promql = `count(min_over_time(up[${window}]) == 1 and count_over_time(up[${window}]) >= ${scrapes})`;
  for (;;) {
    const result = await instantQuery(server.url, promql, Date.now() / 1000).catch(() => []);
    if ((result[0]?.value ?? 0) >= targets) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${server.url}: fewer than ${targets} targets scraped ${scrapes} times after ${timeoutMs} ms (${result[0]?.value ?? 0})`);
    await new Promise((ok) => setTimeout(ok, 2000));
  }
}

/** Scrape health of the job: targets up, and the mean and worst scrape duration over `window`. */
export async function scrapeHealth(server: { readonly url: string }, window: string): Promise<{ up: number; targets: number; meanSeconds: number; maxSeconds: number }> {
  const at = Date.now() / 1000;
  const one = async (q: string): Promise<number> => (await instantQuery(server.url, q, at))[0]?.value ?? NaN;
  const [up, targets, meanSeconds, maxSeconds] = await Promise.all([
    one('sum(up)'), one('count(up)'),
    one(`avg(avg_over_time(scrape_duration_seconds[${window}]))`), one(`max(max_over_time(scrape_duration_seconds[${window}]))`),
  ]);
  return { up, targets, meanSeconds, maxSeconds };
}

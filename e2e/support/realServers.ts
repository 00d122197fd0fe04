/**
 * Real Prometheus and VictoriaMetrics for the e2e tests, from the Debian packages
 * (scripts/install-system-deps.sh): each on a free loopback port with a temporary data dir and
 * a generated scrape config. `stop()` + `start()` restart a server on the same port with the
 * same data (an outage); `close()` always kills the process and removes the dir.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, removeOnExit, spawnLogged, waitReady } from './realProcess.ts';
import type { Spawned } from './realProcess.ts';

export interface ScrapeOptions {
  /** host:port of each target (path /metrics), in the job "traffic-simulator". */
  readonly targets: readonly string[];
  /** More jobs (e.g. one simulator per convention), each with its own `job` label. */
  readonly jobs?: readonly ScrapeJob[];
  /** Prometheus duration, e.g. "2s". Also the scrape timeout. */
  readonly scrapeInterval?: string;
  /** Keep this port (default: a free one). */
  readonly port?: number;
  /** Prometheus only: basic auth on every endpoint (`--web.config.file`), the password's bcrypt hash. */
  readonly basicAuth?: { readonly username: string; readonly password: string; readonly bcryptHash: string };
  /** Prometheus only: `--web.cors.origin` (default ".*", every origin). */
  readonly corsOrigin?: string;
  /** Prometheus only: more flags, e.g. --web.enable-admin-api. */
  readonly extraArgs?: readonly string[];
  /** A whole prometheus.yml instead of the generated one (e.g. a federating server). */
  readonly configYaml?: string;
}

export interface RealServer {
  readonly kind: 'prometheus' | 'victoria-metrics';
  /** Base URL of the Prometheus HTTP API (without /api/v1). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly running: boolean;
  /** Stops the process (data kept). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data; waits until ready. */
  start(): Promise<void>;
  /** Stops it and removes its directory; safe to call twice. */
  close(): Promise<void>;
}

export interface ScrapeJob {
  readonly name: string;
  readonly targets: readonly string[];
}

/** The scrape config both servers read (VictoriaMetrics accepts the Prometheus format). */
export function scrapeConfigYaml(targets: readonly string[], scrapeInterval: string, jobs: readonly ScrapeJob[] = []): string {
  const all = [...(targets.length > 0 || jobs.length === 0 ? [{ name: 'traffic-simulator', targets }] : []), ...jobs];
  return [
    'global:',
    `  scrape_interval: ${scrapeInterval}`,
    `  scrape_timeout: ${scrapeInterval}`,
    'scrape_configs:',
    ...all.flatMap((job) => [
      `  - job_name: ${job.name}`,
      '    static_configs:',
      '      - targets:',
      ...job.targets.map((t) => `          - "${t}"`),
    ]),
    '',
  ].join('\n');
}

export function startPrometheus(opts: ScrapeOptions): Promise<RealServer> {
  const auth = opts.basicAuth;
  return startServer('prometheus', opts, (dir, port): Launch => {
    if (auth) writeFileSync(join(dir, 'web.yml'), `basic_auth_users:\n  ${JSON.stringify(auth.username)}: ${JSON.stringify(auth.bcryptHash)}\n`);
    return {
      command: process.env.PROMETHEUS_BIN ?? 'prometheus',
      args: [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        // ".*" is the default already, said out loud: the app is a page on another origin.
        `--web.cors.origin=${opts.corsOrigin ?? '.*'}`,
        '--storage.tsdb.retention.time=1d',
        '--log.level=warn',
        ...(auth ? [`--web.config.file=${join(dir, 'web.yml')}`] : []),
        ...(opts.extraArgs ?? []),
      ],
      ready: `http://127.0.0.1:${port}/-/ready`,
      readyHeaders: auth ? { authorization: basicAuthHeader(auth.username, auth.password) } : {},
    };
  });
}

export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export function startVictoriaMetrics(opts: ScrapeOptions): Promise<RealServer> {
  return startServer('victoria-metrics', opts, (dir, port) => ({
    command: process.env.VICTORIA_METRICS_BIN ?? 'victoria-metrics',
    args: [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${join(dir, 'data')}`,
      `-promscrape.config=${join(dir, 'prometheus.yml')}`,
      // By default the last 30 s are hidden from queries ("latency offset") and results are
      // cached: both would make the app and the test see different data at the same time.
      '-search.latencyOffset=1s',
      '-search.disableCache',
      '-retentionPeriod=1d',
      '-loggerLevel=WARN',
    ],
    ready: `http://127.0.0.1:${port}/health`,
  }));
}

interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly ready: string;
  readonly readyHeaders?: Readonly<Record<string, string>>;
}

async function startServer(kind: RealServer['kind'], opts: ScrapeOptions, launch: (dir: string, port: number) => Launch): Promise<RealServer> {
  const dir = mkdtempSync(join(tmpdir(), `traffic-map-${kind}-`));
  removeOnExit(dir);
  writeFileSync(join(dir, 'prometheus.yml'), opts.configYaml ?? scrapeConfigYaml(opts.targets, opts.scrapeInterval ?? '2s', opts.jobs));
  const port = opts.port ?? (await freePort());
  const how = launch(dir, port);
  let proc: Spawned | null = null;
  let closed = false;
  const start = async (): Promise<void> => {
    if (closed) throw new Error(`${kind} on port ${port} was closed`);
    if (proc && proc.child.exitCode === null && proc.child.signalCode === null) return;
    proc = spawnLogged(how.command, how.args, join(dir, `${kind}.log`));
    await waitReady(how.ready, proc, 30_000, how.readyHeaders);
  };
  const stop = async (): Promise<void> => {
    const p = proc;
    proc = null;
    if (p) await p.stop();
  };
  try {
    await start();
  } catch (err) {
    await stop();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    kind, url: `http://127.0.0.1:${port}`, port, dataDir: dir,
    get running() { return proc !== null; },
    start, stop,
    close: async () => {
      closed = true;
      await stop();
      rmSync(dir, { recursive: true, force: true });
      removeOnExit(dir, false);
    },
  };
}

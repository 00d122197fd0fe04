/**
 * Federation, the architecture Traffic Map comes from: one Prometheus per datacenter scraping
 * its own datacenter's simulator targets, and a global Prometheus federating both
 * (`/federate`, `honor_labels: true`). The app reads the global one only; the truth is the same
 * PromQL on the per-datacenter servers. `close()` stops everything that was started.
 */
import { startSimulator } from '../../simulator/start.ts';
import type { RunningSimulator } from '../../simulator/start.ts';
import { DATACENTERS, stackBasics } from './realStack.ts';
import { startPrometheus } from './realServers.ts';
import type { RealServer } from './realServers.ts';
import { instantQuery } from './realTruth.ts';
import { parseDurationMs } from '../../src/prometheus/duration.ts';
import { startStaticServer } from './staticServer.ts';

export interface FederationStack {
  readonly sim: RunningSimulator;
  /** One Prometheus per datacenter, in DATACENTERS order. */
  readonly perDatacenter: readonly RealServer[];
  /** The global Prometheus federating the per-datacenter ones. */
  readonly global: RealServer;
  /** The app at the global Prometheus, with `queryDelay` as configured (see `appUrlWith`). */
  readonly appUrl: string;
  /** The same build with another config.json: `/<name>/` for each entry of `alsoWith`. */
  appUrlWith(name: string): string;
  readonly rateWindow: string;
  readonly scrapeIntervalMs: number;
  close(): Promise<void>;
}

export interface FederationOptions {
  readonly scrapeInterval?: string;
  readonly rateWindow?: string;
  /** `queryDelay` of the main app (absent: the default). */
  readonly queryDelay?: string;
  /** More mounts of the same build, each with its own `queryDelay`, e.g. { 'no-delay': '0s' }. */
  readonly alsoWith?: Readonly<Record<string, string>>;
}

/** The global server's config: every series of the simulator's job from each per-datacenter server. */
export function federationYaml(perDatacenter: readonly string[], scrapeInterval: string): string {
  return [
    'global:',
    `  scrape_interval: ${scrapeInterval}`,
    `  scrape_timeout: ${scrapeInterval}`,
    'scrape_configs:',
    '  - job_name: federate',
    '    honor_labels: true',
    '    metrics_path: /federate',
    '    params:',
    "      'match[]': ['{job=\"traffic-simulator\"}']",
    '    static_configs:',
    '      - targets:',
    ...perDatacenter.map((t) => `          - "${t}"`),
    '',
  ].join('\n');
}

export async function startFederationStack(opts: FederationOptions = {}): Promise<FederationStack> {
  const { root, scrapeInterval, rateWindow, closers, close } = stackBasics(opts);
  try {
    const sim = await startSimulator({ schedule: false, tickMs: 250 });
    closers.push(() => sim.close());
    const perDatacenter: RealServer[] = [];
    for (const dc of DATACENTERS) {
      const server = await startPrometheus({ targets: sim.targets.filter((t) => t.dc === dc).map((t) => t.address), scrapeInterval });
      closers.push(() => server.close());
      perDatacenter.push(server);
    }
    const global = await startPrometheus({
      targets: [], configYaml: federationYaml(perDatacenter.map((s) => `127.0.0.1:${s.port}`), scrapeInterval),
    });
    closers.push(() => global.close());
    const config = (queryDelay: string | undefined) => JSON.stringify({
      title: 'Traffic Map (federation)',
      prometheus: { url: global.url, timeout: '5s' },
      datacenters: [...DATACENTERS],
      rateWindow,
      refreshInterval: 'auto',
      ...(queryDelay === undefined ? {} : { queryDelay }),
    });
    const extra = Object.entries(opts.alsoWith ?? {});
    const app = await startStaticServer({
      root,
      mounts: extra.map(([name]) => `/${name}/`),
      overrides: {
        '/config.json': config(opts.queryDelay),
        ...Object.fromEntries(extra.map(([name, delay]) => [`/${name}/config.json`, config(delay)])),
      },
    });
    closers.push(app.close);
    return {
      sim, perDatacenter, global, appUrl: app.url, appUrlWith: (name) => `${app.url}/${name}`, rateWindow,
      scrapeIntervalMs: parseDurationMs(scrapeInterval) ?? 2_000, close,
    };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/**
 * Waits until the global server has a rate for every edge the per-datacenter servers have, and
 * until every one of those series is older than a rate window plus two scrape intervals. Before
 * that, a series' first sample lies inside the window, and rate() extrapolates from it: the
 * global server's first federated sample comes one to two intervals after the per-datacenter
 * one's, so young series read differently on the two (not the lag the app corrects).
 */
export async function waitForFederatedData(stack: FederationStack, timeoutMs = 80_000): Promise<void> {
  const edges = 'datacenter, service, peer_datacenter, peer_service';
  const count = `count(count by (${edges}) (rate(traffic_egress_requests_total[${stack.rateWindow}])))`;
  const windowMs = parseDurationMs(stack.rateWindow) ?? 30_000;
  const series = `count(count by (${edges}) (traffic_egress_requests_total))`;
  const oldSeries = `count(count by (${edges}) (traffic_egress_requests_total offset ${(windowMs + 2 * stack.scrapeIntervalMs) / 1000}s))`;
  const deadline = Date.now() + timeoutMs;
  const value = async (url: string, query: string, now: number): Promise<number> =>
    (await instantQuery(url, query, now).catch(() => []))[0]?.value ?? 0;
  for (;;) {
    const now = Date.now() / 1000;
    const local = await Promise.all(stack.perDatacenter.map((s) => value(s.url, count, now)));
    const global = await value(stack.global.url, count, now);
    const want = local.reduce((sum, r) => sum + r, 0);
    const [all, old] = await Promise.all([value(stack.global.url, series, now), value(stack.global.url, oldSeries, now)]);
    if (want > 0 && global === want && all > 0 && old === all) return;
    if (Date.now() > deadline) {
      throw new Error(`${stack.global.url}: ${global} of ${want} edges federated, ${old} of ${all} edges older than a rate window, after ${timeoutMs} ms`);
    }
    await new Promise((ok) => setTimeout(ok, 500));
  }
}

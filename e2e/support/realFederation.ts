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
    return { sim, perDatacenter, global, appUrl: app.url, appUrlWith: (name) => `${app.url}/${name}`, rateWindow, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/** Waits until the global server has a rate for every edge the per-datacenter servers have. */
export async function waitForFederatedData(stack: FederationStack, timeoutMs = 40_000): Promise<void> {
  const edges = 'datacenter, service, peer_datacenter, peer_service';
  const count = `count(count by (${edges}) (rate(traffic_egress_requests_total[${stack.rateWindow}])))`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = Date.now() / 1000;
    const local = await Promise.all(stack.perDatacenter.map((s) => instantQuery(s.url, count, now).catch(() => [])));
    const global = await instantQuery(stack.global.url, count, now).catch(() => []);
    const want = local.reduce((sum, r) => sum + (r[0]?.value ?? 0), 0);
    if (want > 0 && global[0]?.value === want) return;
    if (Date.now() > deadline) throw new Error(`${stack.global.url}: ${global[0]?.value ?? 0} of ${want} edges federated after ${timeoutMs} ms`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
}

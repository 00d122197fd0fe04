/**
 * One real-server test setup: the traffic simulator, one or more real servers scraping it, and
 * the built app (dist/) served with a generated config.json pointing at them. `close()` stops
 * everything that was started, whatever failed.
 */
import { existsSync } from 'node:fs';
import { startSimulator } from '../../simulator/start.ts';
import type { RunningSimulator } from '../../simulator/start.ts';
import { startPrometheus, startVictoriaMetrics } from './realServers.ts';
import { instantQuery } from './realTruth.ts';
import type { RealServer } from './realServers.ts';
import { startStaticServer } from './staticServer.ts';

export type Topology = 'prometheus' | 'victoria-metrics' | 'prometheus-per-datacenter';

export interface StackOptions {
  readonly topology: Topology;
  /** Scrape interval of the servers (the app's refresh with "auto"); default "2s". */
  readonly scrapeInterval?: string;
  readonly rateWindow?: string;
  readonly refreshInterval?: string;
  /** More fields of config.json (e.g. a short `baseline`). */
  readonly config?: Readonly<Record<string, unknown>>;
}

export interface RealStack {
  readonly sim: RunningSimulator;
  /** One server, or one per datacenter in DATACENTERS order. */
  readonly servers: readonly RealServer[];
  readonly appUrl: string;
  readonly rateWindow: string;
  close(): Promise<void>;
}

export const DATACENTERS = ['eu-west', 'us-east'] as const;

/**
 * What every real-server stack starts with: the built app (checked), the timing defaults, and a
 * list of closers run in reverse, all of them even when one fails.
 */
export function stackBasics(opts: { scrapeInterval?: string; rateWindow?: string }) {
  const root = process.env.TM_REAL_DIST ?? 'dist';
  if (!existsSync(`${root}/index.html`)) throw new Error(`${root}/ is missing: run "npm run build" before the real-server tests`);
  const closers: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    const results = await Promise.allSettled(closers.reverse().map((c) => c()));
    closers.length = 0;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  return { root, scrapeInterval: opts.scrapeInterval ?? '2s', rateWindow: opts.rateWindow ?? '30s', closers, close };
}

export async function startStack(opts: StackOptions): Promise<RealStack> {
  const { root, scrapeInterval, rateWindow, closers, close } = stackBasics(opts);
  try {
    const sim = await startSimulator({ schedule: false, tickMs: 250 });
    closers.push(() => sim.close());
    const addresses = (dc?: string): string[] => sim.targets.filter((t) => !dc || t.dc === dc).map((t) => t.address);
    const servers: RealServer[] = [];
    const keep = (s: RealServer): RealServer => {
      closers.push(() => s.close());
      servers.push(s);
      return s;
    };
    if (opts.topology === 'prometheus-per-datacenter') {
      for (const dc of DATACENTERS) keep(await startPrometheus({ targets: addresses(dc), scrapeInterval }));
    } else {
      const start = opts.topology === 'prometheus' ? startPrometheus : startVictoriaMetrics;
      keep(await start({ targets: addresses(), scrapeInterval }));
    }
    const [first] = servers;
    const config = {
      title: `Traffic Map (${opts.topology})`,
      prometheus: { url: first?.url ?? '', timeout: '5s' },
      datacenters: opts.topology === 'prometheus-per-datacenter'
        ? DATACENTERS.map((name, i) => ({ name, prometheus: servers[i]?.url ?? '' }))
        : [...DATACENTERS],
      rateWindow,
      refreshInterval: opts.refreshInterval ?? 'auto',
      ...opts.config,
    };
    const app = await startStaticServer({ root, overrides: { '/config.json': JSON.stringify(config) } });
    closers.push(app.close);
    return { sim, servers, appUrl: app.url, rateWindow, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/** Waits until every server answers a rate over the window for every edge, both directions (two scrapes in). */
export async function waitForData(stack: { readonly servers: readonly { readonly url: string }[]; readonly rateWindow: string }, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Every edge has a rate (two samples in the window), not just some: right after start-up,
  // edges of targets scraped once would be missing from the first tables. Counted per edge, not
  // per series: series of a status code seen for the first time keep appearing with one sample.
  const edges = 'datacenter, service, peer_datacenter, peer_service';
  const complete = (metric: string): string =>
    `count(count by (${edges}) (rate(${metric}[${stack.rateWindow}]))) == count(count by (${edges}) (${metric}))`;
  const promql = `${complete('traffic_egress_requests_total')} and ${complete('traffic_ingress_requests_total')}`;
  for (const server of stack.servers) {
    for (;;) {
      const result = await instantQuery(server.url, promql, Date.now() / 1000).catch(() => []);
      if (result.length > 0) break;
      if (Date.now() > deadline) throw new Error(`${server.url}: no rates after ${timeoutMs} ms`);
      await new Promise((ok) => setTimeout(ok, 500));
    }
  }
}

import type { AppConfig } from '../../config/types.ts';

/** One Prometheus to ask, and which datacenters it answers for (null: all it has). */
export interface ServerPlan {
  readonly url: string;
  readonly datacenters: readonly string[] | null;
}

/**
 * Which servers one refresh asks: the global Prometheus (or Thanos, Mimir, VictoriaMetrics) for
 * every datacenter without its own, and each datacenter's own Prometheus. Pure.
 */
export function planServers(config: AppConfig): ServerPlan[] {
  if (config.datacenters.mode === 'discover') return [{ url: config.prometheus.url, datacenters: null }];
  const own = config.datacenters.list.filter((dc) => dc.prometheusUrl);
  if (own.length === 0) return [{ url: config.prometheus.url, datacenters: null }];
  const byUrl = new Map<string, string[]>();
  for (const dc of config.datacenters.list) {
    const url = dc.prometheusUrl ?? config.prometheus.url;
    if (!url) continue;
    const list = byUrl.get(url);
    if (list) list.push(dc.name);
    else byUrl.set(url, [dc.name]);
  }
  return [...byUrl].map(([url, datacenters]) => ({ url, datacenters }));
}

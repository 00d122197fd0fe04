import type { StatusClass } from '../graph/types.ts';

/** What a config gets for every field it leaves out. */
export const DEFAULTS = {
  title: 'Traffic Map',
  prometheusTimeoutMs: 10_000,
  rateWindow: '1m',
  latencyQuantile: 0.95,
  refreshInterval: 'auto',
  /** Used by refreshInterval "auto" when Prometheus does not report its scrape interval. */
  refreshFallbackMs: 15_000,
  queryDelay: 'auto',
  warning: 0.01,
  danger: 0.05,
  errorClasses: ['5xx', 'none'] as readonly StatusClass[],
  minRate: 0.05,
  maxNodesPerView: 80,
} as const;

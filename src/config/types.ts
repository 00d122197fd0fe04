import type { BaselineSettings } from '../baseline/settings.ts';
import type { Convention } from '../conventions/types.ts';
import type { AlertsConfig } from './alerts.ts';
import type { Grouping } from '../graph/scope.ts';
import type { NameRewrite } from '../graph/displayNames.ts';
import type { PeerRule, Thresholds } from '../graph/types.ts';
import type { ToolTemplates } from './toolLinks.ts';

/** A datacenter and, optionally, the Prometheus that holds its metrics (one per datacenter). */
export interface DatacenterConfig {
  readonly name: string;
  /** Base URL of this datacenter's own Prometheus; absent = the global `prometheus.url`. */
  readonly prometheusUrl?: string;
}

export type RefreshConfig =
  /** The scrape interval Prometheus reports in /api/v1/status/config, else `fallbackMs`. */
  | { readonly mode: 'auto'; readonly fallbackMs: number }
  | { readonly mode: 'fixed'; readonly intervalMs: number };

export type QueryDelayConfig =
  /** Measured on each server (see src/app/data/queryDelay.ts): 0 where it scrapes its targets itself. */
  | { readonly mode: 'auto' }
  | { readonly mode: 'fixed'; readonly ms: number };

/** The validated runtime config (public/config.json), with defaults filled in. */
export interface AppConfig {
  readonly title: string;
  readonly prometheus: {
    /** Base URL of the Prometheus HTTP API (without /api/v1), absolute or relative to the page. */
    readonly url: string;
    readonly timeoutMs: number;
  };
  /** Listed datacenters, or discovered from the values of the convention's datacenter label. */
  readonly datacenters:
    | { readonly mode: 'listed'; readonly list: readonly DatacenterConfig[] }
    | { readonly mode: 'discover' };
  readonly convention: Convention;
  /** PromQL rate window, e.g. "1m". */
  readonly rateWindow: string;
  /** Read the recorded series of `npm run rules` (made at `rateWindow`) instead of the raw ones. */
  readonly recordingRules: boolean;
  /** Latency quantile shown on nodes and edges, e.g. 0.95. */
  readonly latencyQuantile: number;
  readonly refresh: RefreshConfig;
  /** How far behind now the live map is evaluated (federation delivers samples late). */
  readonly queryDelay: QueryDelayConfig;
  readonly thresholds: Thresholds;
  readonly links: {
    /** URL template with {service} and {datacenter} placeholders (values URL-encoded). */
    readonly dashboard?: string;
    /** Trace and log searches for services and edges (see config/toolLinks.ts). */
    readonly traces?: ToolTemplates;
    readonly logs?: ToolTemplates;
  };
  /** Views with more nodes than this show the busiest ones and say so. */
  readonly maxNodesPerView: number;
  /** Where groups come from, and when a datacenter is drawn as groups. */
  readonly grouping: Grouping;
  /** Rewrites of the labels on the map, in order (regex `match` -> `replace`); [] = none. */
  readonly displayName: readonly NameRewrite[];
  /** Rules mapping peer values (hosts) to services, tried in order (see graph/peerResolver.ts). */
  readonly peerRules: readonly PeerRule[];
  /** Firing alerts on the map (config `alerts`). */
  readonly alerts: AlertsConfig;
  /** Each rate against the same moment `offset` earlier (src/baseline); absent = off. */
  readonly baseline?: BaselineSettings;
}

/** One thing wrong with a config file: the field (dotted path, "" = the whole file) and why. */
export interface ConfigProblem {
  /** e.g. "thresholds.danger", "datacenters[1].prometheus"; "" for the file as a whole. */
  readonly path: string;
  /** Says the expected form and shows the bad value, shortened. */
  readonly message: string;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: AppConfig }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

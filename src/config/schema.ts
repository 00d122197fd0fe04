import { DURATION, parseDurationMs } from '../prometheus/duration.ts';
import { ALERTS_FIELDS, alertsSchema, toAlertsConfig } from './alerts.ts';
import { CONVENTION_FIELDS, conventionSchema } from './convention.ts';
import { DEFAULTS } from './defaults.ts';
import {
  checkedString,
  duration,
  durationMs,
  isPositiveDuration,
  nonEmptyText,
  nonNegative,
  numberIn,
  positiveInteger,
  prometheusUrl,
  share,
  statusClass,
} from './fields.ts';
import { BASELINE_FIELDS, baselineSchema, toBaseline } from './baseline.ts';
import { GROUP_BY_FIELDS, groupBySchema, hasNamespaces, toGrouping } from './grouping.ts';
import { regexOrNull } from '../graph/displayNames.ts';
import { checkLinkTemplate } from './links.ts';
import { PEER_RULE_FIELDS, peerRulesSchema } from './peerRules.ts';
import { TOOL_TEMPLATE_FIELDS, toToolTemplates, toolTemplatesSchema } from './toolLinks.ts';
import { THRESHOLD_RULE_FIELDS, latencySeconds, latencyThresholdsSchema, overridesSchema, toOverrides } from './thresholdRules.ts';
import { DEFAULT_PRESET, PRESETS } from './presets.ts';
import type { AppConfig, DatacenterConfig } from './types.ts';
import { array, boolean, literal, optional, refine, strictObject, transform, union } from './validate.ts';
import type { Report, ShapeOutput } from './validate.ts';

const prometheusSchema = strictObject(
  {
    /** Base URL of the Prometheus HTTP API (without /api/v1), absolute or relative to the page. */
    url: optional(prometheusUrl),
    /** Timeout of each request, a duration; default "10s". */
    timeout: optional(durationMs('10s')),
  },
  'expected an object such as {"url": "http://prometheus:9090"}',
);

const datacenterName = nonEmptyText('expected a datacenter name (a value of the datacenter label)');

const datacenterItem = union(
  [
    datacenterName,
    strictObject(
      {
        /** The value of the datacenter label. */
        name: datacenterName,
        /** This datacenter's own Prometheus; default: the global prometheus.url. */
        prometheus: optional(prometheusUrl),
      },
      'expected {"name": "eu-west", "prometheus": "http://prom-eu:9090"}',
    ),
  ],
  'expected a datacenter name or {"name": ..., "prometheus": ...}',
);

const datacentersSchema = union(
  [
    literal('discover', 'expected "discover"'),
    array(datacenterItem, 'expected a list of datacenters', { count: 1, message: 'expected at least one datacenter, or "discover"' }),
  ],
  'expected "discover" or a list of datacenters such as ["eu-west", "us-east"]',
);

const thresholdsSchema = strictObject(
  {
    /** Error share (0..1] from which an edge or node is "warning"; default 0.01. */
    warning: optional(share),
    /** Error share (0..1] from which it is "danger"; above warning; default 0.05. */
    danger: optional(share),
    /** Status classes counted as errors ("1xx".."5xx", "none" = no response); default ["5xx", "none"]. */
    errorClasses: optional(array(statusClass, 'expected a list such as ["5xx", "none"]')),
    /** Below this rate (req/s) nothing is marked unhealthy; default 0.05. */
    minRate: optional(nonNegative),
    /** Latency limits {warning, danger} (durations, at latencyQuantile); default none. */
    latency: optional(latencyThresholdsSchema),
    /** Other thresholds by service, group or datacenter pattern; the first that matches wins; default []. */
    overrides: optional(overridesSchema),
  },
  'expected an object such as {"warning": 0.01, "danger": 0.05}',
);

const linksSchema = strictObject(
  {
    /** http(s) URL template with {service} and {datacenter} placeholders (values URL-encoded). */
    dashboard: optional(checkedString('expected an http(s) URL template with {service} and {datacenter}', checkLinkTemplate)),
    /** Trace search: a template for services and edges, or {service, edge} (see toolLinks.ts). */
    traces: optional(toolTemplatesSchema),
    /** Log search, the same way. */
    logs: optional(toolTemplatesSchema),
  },
  'expected an object such as {"dashboard": "https://grafana/d/x?var-service={service}"}',
);

const QUERY_DELAY_EXPECTED = 'expected "auto" or a duration such as "30s" ("0s": no delay)';
const REWRITE_EXAMPLE = '{"match": "^(.*)\\\\.svc\\\\.cluster\\\\.local$", "replace": "$1"}';

/** One rewrite of the labels on the map: the first match of a regex, replaced ($1 ... are its groups). */
const rewriteSchema = strictObject(
  {
    match: checkedString('expected a regular expression such as "^(.*)\\\\.svc\\\\.cluster\\\\.local$"', (s) => {
      if (s === '') return 'expected a regular expression that is not empty';
      return regexOrNull(s) ? null : `expected a valid regular expression (JavaScript, Unicode mode): ${regexError(s)}`;
    }),
    replace: checkedString('expected the replacement text, such as "$1"'),
  },
  `expected an object such as ${REWRITE_EXAMPLE}`,
);

const ROOT_SHAPE = {
  /** Shown in the header and the browser tab; default "Traffic Map". */
  title: optional(nonEmptyText('expected a non-empty title')),
  /** The Prometheus to query. Only `url` is required (unless every datacenter has its own). */
  prometheus: optional(prometheusSchema),
  /** A list of datacenters (names, or {name, prometheus}), or "discover"; default "discover". */
  datacenters: optional(datacentersSchema),
  /** Metric convention: a preset name, or {preset, metrics, labels, internetPeers}; default "standard". */
  convention: optional(conventionSchema),
  /** Read the series of `npm run rules` instead of rate() over the raw series; default false. */
  recordingRules: optional(boolean('expected true (read the series the recording rules of `npm run rules` record) or false')),
  /** PromQL rate window, a duration; default "1m". */
  rateWindow: optional(duration('1m')),
  /** Latency quantile shown on nodes and edges, between 0 and 1; default 0.95. */
  latencyQuantile: optional(numberIn(0, 1, { minOpen: true, maxOpen: true })),
  /** "auto" (the scrape interval Prometheus reports, else 15s) or a duration; default "auto". */
  refreshInterval: optional(
    transform(
      checkedString('expected "auto" or a duration such as "15s"', (s) =>
        s === 'auto' || isPositiveDuration(s) ? null : 'expected "auto" or a duration such as "15s"',
      ),
      (s) => (s === 'auto' ? s : (parseDurationMs(s) ?? 0)),
    ),
  ),
  /** "auto" (measured per server: 0 unless samples arrive late, as through federation) or a duration, "0s" = none; default "auto". */
  queryDelay: optional(
    transform(
      checkedString(QUERY_DELAY_EXPECTED, (s) =>
        s === 'auto' || (DURATION.test(s) && parseDurationMs(s) !== null) ? null : QUERY_DELAY_EXPECTED,
      ),
      (s) => (s === 'auto' ? s : (parseDurationMs(s) ?? 0)),
    ),
  ),
  /** Health colouring of edges and nodes. */
  thresholds: optional(thresholdsSchema),
  /** Links to other tools. */
  links: optional(linksSchema),
  /** Views with more nodes show the busiest ones and say so; default 80. */
  maxNodesPerView: optional(positiveInteger(80)),
  /** Where a service's group comes from ("auto", "off", "namespace", {"rule"}, {"label", "peerLabel"}); default "auto". */
  groupBy: optional(groupBySchema),
  /** Rewrites of the labels on the map, in order (house naming schemes); default none. */
  displayName: optional(array(rewriteSchema, `expected a list of rewrites such as [${REWRITE_EXAMPLE}]`)),
  /** Rules mapping peer values (hosts) to services, tried in order: [{match, service, datacenter?}]; default []. */
  peerRules: optional(peerRulesSchema),
  /** Firing alerts on the map: "off", or {serviceLabels, datacenterLabels, link}; default on. */
  alerts: optional(alertsSchema),
  /** Each rate against the same moment earlier: "7d", "1d", a duration, "off", or {offset, drop, surge, minRate}; default "7d". */
  baseline: optional(baselineSchema),
};

/** The known field names per object path ("[]" for list items), for "did you mean" hints. */
export const KNOWN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(ROOT_SHAPE),
  prometheus: Object.keys(prometheusSchema.shape),
  'datacenters[]': ['name', 'prometheus'],
  thresholds: Object.keys(thresholdsSchema.shape),
  links: Object.keys(linksSchema.shape),
  'links.traces': TOOL_TEMPLATE_FIELDS,
  'links.logs': TOOL_TEMPLATE_FIELDS,
  groupBy: GROUP_BY_FIELDS,
  'displayName[]': Object.keys(rewriteSchema.shape),
  'peerRules[]': PEER_RULE_FIELDS,
  alerts: ALERTS_FIELDS,
  ...THRESHOLD_RULE_FIELDS,
  baseline: BASELINE_FIELDS,
  ...CONVENTION_FIELDS,
};

type ConfigInput = ShapeOutput<typeof ROOT_SHAPE>;

/** public/config.json: validated, cross-checked, and turned into an `AppConfig` with defaults. */
export const configSchema = transform(
  refine(strictObject(ROOT_SHAPE, 'expected a JSON object such as {"prometheus": {"url": "http://prometheus:9090"}}'), crossCheck),
  toAppConfig,
);

/** Checks of one field against another, run unless a field has the wrong type. */
function crossCheck(input: ConfigInput, report: Report): void {
  if (input.prometheus?.url === undefined && !everyDatacenterHasPrometheus(input)) {
    report({
      path: ['prometheus', 'url'],
      message: 'expected the URL of Prometheus (required unless every datacenter has its own "prometheus")',
      input: undefined,
    });
  }
  if (Array.isArray(input.datacenters)) {
    const names = input.datacenters.map((d) => (typeof d === 'string' ? d : d.name));
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i) {
        report({ path: ['datacenters', i], message: 'expected each datacenter once (a duplicate)', input: name });
      }
    });
  }
  if (input.groupBy === 'namespace' && !hasNamespaces(input.convention ?? PRESETS[DEFAULT_PRESET])) {
    report({ path: ['groupBy'], message: 'expected a convention with namespace labels for "namespace" (istio, linkerd), or {"rule": ...} / {"label": ...}', input: input.groupBy });
  }
  const warning = input.thresholds?.warning ?? DEFAULTS.warning;
  const danger = input.thresholds?.danger ?? DEFAULTS.danger;
  if (warning >= danger) {
    const field = input.thresholds?.danger === undefined ? 'warning' : 'danger';
    report({
      path: ['thresholds', field],
      message: `expected thresholds.warning (${warning}) below thresholds.danger (${danger})`,
      input: field === 'danger' ? danger : warning,
    });
  }
}

function everyDatacenterHasPrometheus(input: ConfigInput): boolean {
  const list = input.datacenters;
  return Array.isArray(list) && list.every((d) => typeof d !== 'string' && d.prometheus !== undefined);
}

function toAppConfig(input: ConfigInput): AppConfig {
  const list: DatacenterConfig[] | null = Array.isArray(input.datacenters)
    ? input.datacenters.map((d) =>
        typeof d === 'string' ? { name: d } : d.prometheus === undefined ? { name: d.name } : { name: d.name, prometheusUrl: d.prometheus },
      )
    : null;
  // Every datacenter has its own Prometheus: the first one also serves as the default.
  const url = input.prometheus?.url ?? list?.[0]?.prometheusUrl ?? '';
  const refresh = input.refreshInterval ?? DEFAULTS.refreshInterval;
  const queryDelay = input.queryDelay ?? DEFAULTS.queryDelay;
  const dashboard = input.links?.dashboard;
  return {
    title: input.title?.trim() ?? DEFAULTS.title,
    prometheus: { url, timeoutMs: input.prometheus?.timeout ?? DEFAULTS.prometheusTimeoutMs },
    datacenters: list ? { mode: 'listed', list } : { mode: 'discover' },
    convention: input.convention ?? PRESETS[DEFAULT_PRESET],
    rateWindow: input.rateWindow ?? DEFAULTS.rateWindow,
    recordingRules: input.recordingRules ?? false,
    latencyQuantile: input.latencyQuantile ?? DEFAULTS.latencyQuantile,
    refresh: refresh === 'auto' ? { mode: 'auto', fallbackMs: DEFAULTS.refreshFallbackMs } : { mode: 'fixed', intervalMs: refresh },
    queryDelay: queryDelay === 'auto' ? { mode: 'auto' } : { mode: 'fixed', ms: queryDelay },
    thresholds: {
      warning: input.thresholds?.warning ?? DEFAULTS.warning,
      danger: input.thresholds?.danger ?? DEFAULTS.danger,
      errorClasses: [...new Set(input.thresholds?.errorClasses ?? DEFAULTS.errorClasses)],
      minRate: input.thresholds?.minRate ?? DEFAULTS.minRate,
      ...(input.thresholds?.latency ? { latency: latencySeconds(input.thresholds.latency) } : {}),
      ...(input.thresholds?.overrides?.length ? { overrides: toOverrides(input.thresholds.overrides) } : {}),
    },
    links: {
      ...(dashboard === undefined ? {} : { dashboard }),
      ...(input.links?.traces === undefined ? {} : { traces: toToolTemplates(input.links.traces) }),
      ...(input.links?.logs === undefined ? {} : { logs: toToolTemplates(input.links.logs) }),
    },
    maxNodesPerView: input.maxNodesPerView ?? DEFAULTS.maxNodesPerView,
    grouping: toGrouping(input.groupBy, input.convention ?? PRESETS[DEFAULT_PRESET]),
    displayName: input.displayName ?? [],
    peerRules: input.peerRules ?? [],
    alerts: toAlertsConfig(input.alerts),
    ...baselineOf(input),
  };
}

function baselineOf(input: ConfigInput): Pick<AppConfig, 'baseline'> {
  const baseline = toBaseline(input.baseline);
  return baseline ? { baseline } : {};
}

function regexError(source: string): string {
  try {
    new RegExp(source, 'u');
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

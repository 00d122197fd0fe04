import type { LatencyThresholds, ThresholdOverride } from '../graph/types.ts';
import { durationMs, nonEmptyText, share } from './fields.ts';
import { array, literal, optional, refine, strictObject, union } from './validate.ts';
import type { Report, ShapeOutput } from './validate.ts';

/**
 * config.json `thresholds.latency` and `thresholds.overrides`: latency limits next to the error-share
 * ones, and other limits for the services, groups or datacenters a pattern names (graph/healthRules.ts).
 */

const LATENCY_EXAMPLE = '{"warning": "300ms", "danger": "1s"}';
const OVERRIDE_EXAMPLE = '{"match": "payment-*", "danger": 0.01, "latency": {"danger": "1s"}}';

const latencyObject = strictObject(
  {
    /** From this latency (at `latencyQuantile`) an edge or node is "warning", a duration. */
    warning: optional(durationMs('300ms')),
    /** From this latency it is "danger", a duration. */
    danger: optional(durationMs('1s')),
  },
  `expected an object such as ${LATENCY_EXAMPLE}`,
);

/** Both limits in one object must be in order; at least one is given. Values in ms here. */
const latencySchema = refine(latencyObject, (l, report) => {
  if (l.warning === undefined && l.danger === undefined) {
    report({ message: `expected "warning", "danger" or both, such as ${LATENCY_EXAMPLE}` });
  } else if (l.warning !== undefined && l.danger !== undefined && l.warning >= l.danger) {
    report({ path: ['danger'], message: `expected "danger" above "warning" (${l.warning} ms)`, input: `${l.danger} ms` });
  }
});

/** `thresholds.latency`. */
export const latencyThresholdsSchema = latencySchema;

const pattern = (what: string) => nonEmptyText(`expected a pattern of ${what} names ("*": any characters), such as "payment-*"`);

const overrideObject = strictObject(
  {
    /** Service (or external) names; `*` is any run of characters. */
    match: optional(pattern('service')),
    /** Group names: the group's node, and its services where their group is known. */
    group: optional(pattern('group')),
    /** Datacenter names: its node, other-datacenter nodes, everything in it. */
    datacenter: optional(pattern('datacenter')),
    warning: optional(share),
    danger: optional(share),
    /** Latency limits here, or "off". */
    latency: optional(union([literal('off', 'expected "off"'), latencySchema], `expected "off" or an object such as ${LATENCY_EXAMPLE}`)),
  },
  `expected an override such as ${OVERRIDE_EXAMPLE}`,
);

type OverrideInput = ShapeOutput<typeof overrideObject.shape>;

function checkOverride(o: OverrideInput, report: Report): void {
  if (o.match === undefined && o.group === undefined && o.datacenter === undefined) {
    report({ message: 'expected "match", "group" or "datacenter" (which nodes the override is for)', showValue: false });
  }
  if (o.warning === undefined && o.danger === undefined && o.latency === undefined) {
    report({ message: 'expected "warning", "danger" or "latency" (what the override changes)', showValue: false });
  }
  if (o.warning !== undefined && o.danger !== undefined && o.warning >= o.danger) {
    report({ path: ['danger'], message: `expected "danger" above "warning" (${o.warning})`, input: o.danger });
  }
}

/** `thresholds.overrides`: tried in order, the first whose patterns all match a node wins. */
export const overridesSchema = array(refine(overrideObject, checkOverride), `expected a list of overrides such as [${OVERRIDE_EXAMPLE}]`);

export const THRESHOLD_RULE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'thresholds.latency': Object.keys(latencyObject.shape),
  'thresholds.overrides[]': Object.keys(overrideObject.shape),
  'thresholds.overrides[].latency': Object.keys(latencyObject.shape),
};

/** Validated latency limits (ms) in seconds, as the graph reads latencies. */
export function latencySeconds(l: { warning?: number | undefined; danger?: number | undefined }): LatencyThresholds {
  return {
    ...(l.warning !== undefined ? { warning: l.warning / 1000 } : {}),
    ...(l.danger !== undefined ? { danger: l.danger / 1000 } : {}),
  };
}

/** Validated overrides as the graph reads them (latencies in seconds, fields left out absent). */
export function toOverrides(list: readonly OverrideInput[]): ThresholdOverride[] {
  return list.map((o) => ({
    ...(o.match !== undefined ? { match: o.match } : {}),
    ...(o.group !== undefined ? { group: o.group } : {}),
    ...(o.datacenter !== undefined ? { datacenter: o.datacenter } : {}),
    ...(o.warning !== undefined ? { warning: o.warning } : {}),
    ...(o.danger !== undefined ? { danger: o.danger } : {}),
    ...(o.latency === 'off' ? { latency: 'off' as const } : o.latency !== undefined ? { latency: latencySeconds(o.latency) } : {}),
  }));
}

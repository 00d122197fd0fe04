import { checkAlertLinkTemplate } from '../alerts/links.ts';
import { DEFAULT_DATACENTER_LABELS, DEFAULT_SERVICE_LABELS } from '../alerts/locate.ts';
import { isLabelName } from '../conventions/promql.ts';
import { checkedString } from './fields.ts';
import { array, literal, optional, strictObject, union } from './validate.ts';
import type { Output } from './validate.ts';

/**
 * config.json `alerts`: firing alerts on the map. "off", or which labels name a service and a
 * datacenter (besides the convention's own label roles) and the alert's link.
 */

/** The alerts settings the app uses, defaults filled in. */
export interface AlertsConfig {
  readonly enabled: boolean;
  /** Labels whose value is a service name, tried after the convention's roles. */
  readonly serviceLabels: readonly string[];
  /** Labels whose value is a datacenter, tried in order. */
  readonly datacenterLabels: readonly string[];
  /** URL template of an alert's link ({alertname}, {matchers}); absent: its ALERTS series in Prometheus. */
  readonly link?: string;
}

const LABEL = 'expected a label name such as "service"';
const labelName = checkedString(LABEL, (s) => (isLabelName(s) ? null : LABEL));
const LINK_EXAMPLE = 'https://alertmanager.example/#/alerts?filter={matchers}';

const alertsObject = strictObject(
  {
    /** Labels naming a service; default ["service", "app", "workload"]. */
    serviceLabels: optional(array(labelName, 'expected a list of label names such as ["service", "app"]')),
    /** Labels naming a datacenter; default ["datacenter", "cluster", "dc"]. */
    datacenterLabels: optional(array(labelName, 'expected a list of label names such as ["datacenter", "cluster"]')),
    /** The alert's link: an http(s) URL template with {alertname} and {matchers} (URL-encoded). */
    link: optional(checkedString(`expected an http(s) URL template such as "${LINK_EXAMPLE}"`, checkAlertLinkTemplate)),
  },
  `expected "off" or an object such as {"serviceLabels": ["service"], "link": "${LINK_EXAMPLE}"}`,
);

export const alertsSchema = union(
  [literal('off', 'expected "off"'), alertsObject],
  `expected "off" or an object such as {"serviceLabels": ["service"], "datacenterLabels": ["cluster"], "link": "${LINK_EXAMPLE}"}`,
);

export const ALERTS_FIELDS = Object.keys(alertsObject.shape);

export function toAlertsConfig(input: Output<typeof alertsSchema> | undefined): AlertsConfig {
  if (input === 'off') return { enabled: false, serviceLabels: [], datacenterLabels: [] };
  return {
    enabled: true,
    serviceLabels: input?.serviceLabels ?? DEFAULT_SERVICE_LABELS,
    datacenterLabels: input?.datacenterLabels ?? DEFAULT_DATACENTER_LABELS,
    ...(input?.link ? { link: input.link } : {}),
  };
}

import { escapeLabelValue, isLabelName } from '../conventions/promql.ts';
import { graphPageUrl } from '../prometheus/url.ts';
import type { FiringAlert } from '../graph/types.ts';
import { httpUrlOrNull } from './parse.ts';

/**
 * The alert's own link: the config's template (`alerts.link`, e.g. an Alertmanager filter), else
 * the Prometheus graph page of its `ALERTS` series on the server it was read from. Placeholders:
 * `{alertname}` and `{matchers}` (every label as `{name="value",…}`), URL-encoded. Only http(s).
 */

const PLACEHOLDER = /\{([^{}]*)\}/g;
export const LINK_PLACEHOLDERS: readonly string[] = ['alertname', 'matchers'];

/** Why a link template is unusable, or null. */
export function checkAlertLinkTemplate(template: string): string | null {
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((n) => !LINK_PLACEHOLDERS.includes(n));
  if (unknown.length > 0) return `expected only the placeholders {alertname} and {matchers}, not ${unknown.map((n) => `{${n}}`).join(', ')}`;
  return httpUrlOrNull(template.replace(PLACEHOLDER, 'x')) ? null : 'expected an absolute http:// or https:// URL template';
}

/** `{alertname="X",severity="page",…}`: the alert's labels as matchers (Alertmanager's filter syntax, PromQL's too). */
export function alertMatchers(alert: FiringAlert): string {
  const names = [...alert.labels.keys()].filter(isLabelName).sort((a, b) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return `{${names.map((n) => `${n}=${escapeLabelValue(alert.labels.get(n) ?? '')}`).join(',')}}`;
}

/**
 * The alert with its `link`: from the template, else the graph page of `ALERTS{…}` on `serverUrl`
 * (absolute; a relative server URL gives no link here), at `pinnedTime` when given.
 */
export function withAlertLink(alert: FiringAlert, template: string | undefined, serverUrl: string, pinnedTime: number | null): FiringAlert {
  let link: string | null;
  if (template !== undefined && template !== '') {
    link = httpUrlOrNull(template.replace(PLACEHOLDER, (whole, name: string) => {
      if (name === 'alertname') return encodeURIComponent(alert.name);
      if (name === 'matchers') return encodeURIComponent(alertMatchers(alert));
      return whole;
    }));
  } else {
    link = httpUrlOrNull(graphPageUrl(serverUrl, `ALERTS${alertMatchers(alert)}`, { range: '6h', ...(pinnedTime === null ? {} : { endUnix: pinnedTime }) }));
  }
  return link ? { ...alert, link } : alert;
}

import { checkedString } from './fields.ts';
import { isHttpUrl } from './links.ts';
import { optional, strictObject, union } from './validate.ts';
import type { Schema } from './validate.ts';

/**
 * config.json `links.traces` and `links.logs`: URL templates for a trace search and a log search of
 * a service or an edge (Tempo, Jaeger, Loki, Kibana ...), shown in the details panel. Values are
 * URL-encoded; a result that is not an absolute http(s) URL never becomes a link.
 *
 * Placeholders: {service}, {datacenter}, {from} and {to} (the hour up to the moment shown, in
 * milliseconds since 1970: Jaeger wants microseconds, write `{from}000`); for edges also {source}
 * and {target} ({service} is then the caller).
 */

/** The templates of one tool: for a service's node and for an edge; either may be absent. */
export interface ToolTemplates {
  readonly service?: string;
  readonly edge?: string;
}

const SERVICE_PLACEHOLDERS = ['service', 'datacenter', 'from', 'to'] as const;
const EDGE_PLACEHOLDERS = [...SERVICE_PLACEHOLDERS, 'source', 'target'] as const;
const PLACEHOLDER = /\{([^{}]*)\}/g;

/** What fills a template: `source`/`target` for edges only. */
export interface LinkValues {
  readonly service: string;
  readonly datacenter: string;
  readonly source?: string;
  readonly target?: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/** Why a template is unusable (unknown placeholders, not an absolute http(s) URL), or null. */
export function checkToolTemplate(template: string, kind: 'service' | 'edge'): string | null {
  const allowed: readonly string[] = kind === 'edge' ? EDGE_PLACEHOLDERS : SERVICE_PLACEHOLDERS;
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    const forEdges = kind === 'service' && unknown.every((n) => n === 'source' || n === 'target');
    return `expected only the placeholders ${allowed.map((n) => `{${n}}`).join(', ')}, not ${unknown.map((n) => `{${n}}`).join(', ')}`
      + (forEdges ? ' ({source} and {target} are for edges: {"service": ..., "edge": ...})' : '');
  }
  return isHttpUrl(fill(template, { service: 'x', datacenter: 'x', source: 'x', target: 'x', fromMs: 0, toMs: 0 })) ? null : 'expected an absolute http:// or https:// URL template';
}

/** The URL of a template for these values; null without a template or when the result is not http(s). */
export function toolLink(template: string | undefined, values: LinkValues): string | null {
  if (template === undefined || template === '') return null;
  const url = fill(template, values);
  return isHttpUrl(url) ? url : null;
}

/** Each placeholder by name (a switch: the names come from the config, and are no object keys). */
function fill(template: string, v: LinkValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    switch (name) {
      case 'service': return encodeURIComponent(v.service);
      case 'datacenter': return encodeURIComponent(v.datacenter);
      case 'source': return v.source === undefined ? whole : encodeURIComponent(v.source);
      case 'target': return v.target === undefined ? whole : encodeURIComponent(v.target);
      case 'from': return String(Math.round(v.fromMs));
      case 'to': return String(Math.round(v.toMs));
      default: return whole;
    }
  });
}

const EXAMPLE = '"https://jaeger/search?service={service}&start={from}000"';

const template = (kind: 'service' | 'edge') =>
  checkedString(`expected an http(s) URL template such as ${EXAMPLE}`, (s) => checkToolTemplate(s, kind));

const templatesObject = strictObject(
  { service: optional(template('service')), edge: optional(template('edge')) },
  'expected {"service": "https://...{service}", "edge": "https://...{source}...{target}"}',
);

/** One template for services and edges (on an edge {service} is the caller), or one of each. */
export const toolTemplatesSchema: Schema<string | { service?: string | undefined; edge?: string | undefined }> = union(
  [template('service'), templatesObject],
  `expected a URL template such as ${EXAMPLE}, or {"service": ..., "edge": ...}`,
);

export const TOOL_TEMPLATE_FIELDS = Object.keys(templatesObject.shape);

export function toToolTemplates(value: string | { service?: string | undefined; edge?: string | undefined }): ToolTemplates {
  if (typeof value === 'string') return { service: value, edge: value };
  return { ...(value.service !== undefined ? { service: value.service } : {}), ...(value.edge !== undefined ? { edge: value.edge } : {}) };
}

/** The links of a selection, in the panel's order: traces, then logs. */
export function selectionToolLinks(
  tools: { readonly traces?: ToolTemplates; readonly logs?: ToolTemplates },
  values: LinkValues,
  kind: 'service' | 'edge',
): { readonly name: 'Traces' | 'Logs'; readonly url: string }[] {
  const out: { name: 'Traces' | 'Logs'; url: string }[] = [];
  const traces = toolLink(tools.traces?.[kind], values);
  if (traces) out.push({ name: 'Traces', url: traces });
  const logs = toolLink(tools.logs?.[kind], values);
  if (logs) out.push({ name: 'Logs', url: logs });
  return out;
}

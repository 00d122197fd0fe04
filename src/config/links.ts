/** Links from the map to other tools: URL templates with {service} and {datacenter}. */

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN_PLACEHOLDERS: ReadonlySet<string> = new Set(['service', 'datacenter']);

/**
 * Why a dashboard link template is unusable, or null when it is fine: it must be an absolute
 * http(s) URL, and its only placeholders are {service} and {datacenter}.
 */
export function checkLinkTemplate(template: string): string | null {
  const unknown = [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1] ?? '')
    .filter((name) => !KNOWN_PLACEHOLDERS.has(name));
  if (unknown.length > 0) {
    return `expected only the placeholders {service} and {datacenter}, not ${unknown.map((n) => `{${n}}`).join(', ')}`;
  }
  return isHttpUrl(fill(template, 'x', 'x')) ? null : 'expected an absolute http:// or https:// URL template';
}

/**
 * The dashboard URL for a service, with the values URL-encoded; null when there is no template
 * or the result is not an http(s) URL (so a `javascript:` template can never become a link).
 */
export function dashboardLink(template: string | undefined, service: string, datacenter: string): string | null {
  if (template === undefined || template === '') return null;
  const url = fill(template, service, datacenter);
  return isHttpUrl(url) ? url : null;
}

function fill(template: string, service: string, datacenter: string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (name === 'service') return encodeURIComponent(service);
    if (name === 'datacenter') return encodeURIComponent(datacenter);
    return whole;
  });
}

export function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text.trim())) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Small, pure helpers to write PromQL safely. Label values are data: always go through these. */

/** Escapes a label value for a double-quoted PromQL string literal. */
export function escapeLabelValue(value: string): string {
  let out = '';
  for (const ch of value) {
    switch (ch) {
      case '\\': out += '\\\\'; break;
      case '"': out += '\\"'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\t': out += '\\t'; break;
      default: out += ch;
    }
  }
  return `"${out}"`;
}

/** Escapes a string so that it matches literally inside a PromQL (RE2) regular expression. */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

export function isMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/**
 * A matcher `label=~"a|b"` restricting a label to a set of literal values, or '' for no values.
 */
export function oneOfMatcher(label: string, values: readonly string[]): string {
  if (values.length === 0) return '';
  const alternatives = values.map(escapeRegex).join('|');
  return `${label}=~${escapeLabelValue(alternatives)}`;
}

export { DURATION } from '../prometheus/duration.ts';

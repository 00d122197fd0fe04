import type { FiringAlert } from '../graph/types.ts';

/**
 * How loud an alert's `severity` label is: 2 (critical, page, error…), 1 (warning…), 0 (info,
 * none, anything else). The label is free text; these are the common spellings.
 */
export type SeverityLevel = 0 | 1 | 2;

const LOUD: ReadonlySet<string> = new Set(['critical', 'crit', 'page', 'error', 'high', 'emergency', 'alert', 'fatal', 'p1', 'sev1', 'major']);
const WARN: ReadonlySet<string> = new Set(['warning', 'warn', 'medium', 'minor', 'p2', 'p3', 'sev2', 'sev3']);

export function severityLevel(severity: string): SeverityLevel {
  const s = severity.trim().toLowerCase();
  if (LOUD.has(s)) return 2;
  if (WARN.has(s)) return 1;
  return 0;
}

/** Loudest first, then by name, then by when it started (oldest first). */
export function compareAlerts(a: FiringAlert, b: FiringAlert): number {
  return severityLevel(b.severity) - severityLevel(a.severity)
    || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
    || sinceOrder(a.since) - sinceOrder(b.since);
}

function sinceOrder(since: number | null): number {
  return since ?? Number.MAX_VALUE;
}

import type { FiringAlert } from '../graph/types.ts';

/**
 * Firing alerts as the map reads them: the `data` of `/api/v1/alerts` (live), or the samples of
 * `ALERTS{alertstate="firing"}` at a pinned moment (a past view: Prometheus keeps no annotations
 * and no start time in that series). Pure; never throws. Annotations are text, never HTML; they
 * are cut to a length a panel can show; links are kept only when they are http(s).
 */

/** The longest summary shown (characters); longer ones end with "…". */
export const MAX_SUMMARY = 300;
/** The longest description shown (characters). */
export const MAX_DESCRIPTION = 2_000;
/** The longest label value kept (characters): a label is data, but not a novel. */
export const MAX_LABEL = 500;
/** The most alerts one answer is read for (a runaway rule must not freeze the page). */
export const MAX_ALERTS = 5_000;

/** The query of a past view: the alerts that were firing at the evaluation time. */
export const PAST_ALERTS_QUERY = 'ALERTS{alertstate="firing"}';

export interface ParsedAlerts {
  readonly alerts: readonly FiringAlert[];
  /** Entries that could not be read (no labels, no alertname), or left out over MAX_ALERTS. */
  readonly skipped: number;
}

/** `data` of /api/v1/alerts: `{ alerts: [{ labels, annotations, state, activeAt, value }] }`. Only `firing` ones. */
export function parseAlertsApi(data: unknown): ParsedAlerts {
  const list = isRecord(data) && Array.isArray(data.alerts) ? (data.alerts as unknown[]) : [];
  const alerts: FiringAlert[] = [];
  let skipped = 0;
  for (const entry of list) {
    if (!isRecord(entry) || entry.state !== 'firing') continue;
    const labels = labelMap(entry.labels);
    const name = labels?.get('alertname');
    if (!labels || !name || alerts.length >= MAX_ALERTS) {
      skipped++;
      continue;
    }
    const annotations = labelMap(entry.annotations, MAX_DESCRIPTION) ?? new Map<string, string>();
    const runbook = httpUrlOrNull(annotations.get('runbook_url') ?? '');
    alerts.push({
      name,
      severity: labels.get('severity') ?? '',
      labels,
      summary: cut(annotations.get('summary') ?? '', MAX_SUMMARY),
      description: cut(annotations.get('description') ?? annotations.get('message') ?? '', MAX_DESCRIPTION),
      ...(runbook ? { runbookUrl: runbook } : {}),
      since: activeAt(entry.activeAt),
    });
  }
  return { alerts, skipped };
}

/** Samples of `ALERTS{alertstate="firing"}`: labels only (`alertstate` dropped); no annotations, no start. */
export function parseAlertsSeries(samples: readonly { readonly metric?: unknown }[]): ParsedAlerts {
  const alerts: FiringAlert[] = [];
  let skipped = 0;
  for (const s of samples) {
    const labels = labelMap(s.metric);
    if (labels && labels.get('alertstate') !== undefined && labels.get('alertstate') !== 'firing') continue;
    labels?.delete('__name__');
    labels?.delete('alertstate');
    const name = labels?.get('alertname');
    if (!labels || !name || alerts.length >= MAX_ALERTS) {
      skipped++;
      continue;
    }
    alerts.push({ name, severity: labels.get('severity') ?? '', labels, summary: '', description: '', since: null });
  }
  return { alerts, skipped };
}

/** A string-to-string Map of an object's own string fields (values cut to `max`); null when not an object. */
function labelMap(value: unknown, max = MAX_LABEL): Map<string, string> | null {
  if (!isRecord(value)) return null;
  const map = new Map<string, string>();
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v === 'string') map.set(key, cut(v, max));
  }
  return map;
}

/** The text cut to `max` characters (by code point, never inside a surrogate pair), "…" when cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars: string[] = [];
  for (const ch of text) {
    if (chars.length === max) return `${chars.slice(0, max - 1).join('')}…`;
    chars.push(ch);
  }
  return text;
}

/** The URL when it is an absolute http(s) URL, else null (`javascript:`, `data:`, relative paths). */
export function httpUrlOrNull(text: string): string | null {
  const t = text.trim();
  if (!/^https?:\/\//i.test(t)) return null;
  try {
    const url = new URL(t);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** `activeAt` (RFC 3339) as unix seconds; null when absent or not a date (Go's zero time is absent). */
function activeAt(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms > 0 ? ms / 1000 : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

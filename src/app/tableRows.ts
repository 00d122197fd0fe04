import type { BaselineComparison, TrafficView } from '../graph/types.ts';

export interface EdgeRow {
  readonly source: string;
  readonly target: string;
  readonly rate: number;
  readonly errorShare: number;
  readonly latency: number;
  readonly health: string;
  /** Why the callee's count differs from the caller's, when it does. */
  readonly disagreement?: string;
  /** The rate against the baseline (config `baseline`), when on. */
  readonly baseline?: BaselineComparison;
  /** The baseline's change, for sorting (NaN: none; sorts last). */
  readonly change: number;
}

export type SortKey = 'source' | 'target' | 'rate' | 'errorShare' | 'latency' | 'change';
export interface Sort { readonly key: SortKey; readonly descending: boolean }

/** The rows of the table view, sorted; NaN sorts last whatever the direction. */
export function edgeRows(view: TrafficView, sort: Sort): EdgeRow[] {
  const rows = view.edges.map((e) => ({
    source: e.source, target: e.target, rate: e.stats.rate, errorShare: e.stats.errorShare, latency: e.stats.latency, health: e.health,
    ...(e.disagreement ? { disagreement: e.disagreement.text } : {}),
    ...(e.baseline ? { baseline: e.baseline } : {}), change: e.baseline?.change ?? NaN,
  }));
  return rows.sort((a, b) => compare(a[sort.key], b[sort.key], sort.descending) || a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
}

function compare(a: string | number, b: string | number, descending: boolean): number {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) === Number.isNaN(b) ? 0 : Number.isNaN(a) ? 1 : -1;
    return descending ? b - a : a - b;
  }
  const c = String(a).localeCompare(String(b));
  return descending ? -c : c;
}

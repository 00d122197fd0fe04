import type { BaselineComparison } from '../graph/types.ts';
import { baselinePhrase, formatChange } from './settings.ts';

/**
 * What the map, the table and the details say of a comparison, e.g. "▼ −82 % vs last week". The
 * marks ▼ (drop) and ▲ (surge) are the baseline's own: error notices carry none.
 */
export const DROP_MARK = '\u25BC';
export const SURGE_MARK = '\u25B2';

/** The text of a comparison: "▼ −82 % vs last week", "▲ from 0 vs yesterday", "−12 % vs 3h ago", "no baseline". */
export function baselineText(b: BaselineComparison, offset: string): string {
  if (b.verdict === 'none') return 'no baseline';
  const phrase = baselinePhrase(offset);
  const mark = b.verdict === 'drop' ? `${DROP_MARK} ` : b.verdict === 'surge' ? `${SURGE_MARK} ` : '';
  const change = Number.isFinite(b.change) ? formatChange(b.change) : 'from 0';
  return `${mark}${change} ${phrase}`;
}

/** A notice for the map: drops are danger (traffic that stopped arriving), surges a warning; nothing else. */
export function baselineNotice(b: BaselineComparison | undefined, offset: string | undefined): { readonly title: string; readonly severity: 1 | 2 } | undefined {
  if (!b || offset === undefined || (b.verdict !== 'drop' && b.verdict !== 'surge')) return undefined;
  return { title: baselineText(b, offset), severity: b.verdict === 'drop' ? 2 : 1 };
}

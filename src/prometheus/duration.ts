/** A Prometheus duration such as 30s, 1m, 1h30m. */
export const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

/**
 * Milliseconds in a Prometheus duration ("15s", "1m30s", "500ms"), or null when the text is
 * not one. Prometheus' own rules: a year is 365 days, a week 7 days.
 */
export function parseDurationMs(text: string): number | null {
  if (!DURATION.test(text)) return null;
  let total = 0;
  for (const match of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) {
    const amount = Number(match[1]);
    const unit = UNIT_MS[match[2] ?? ''];
    if (unit === undefined) return null;
    total += amount * unit;
  }
  return Number.isSafeInteger(total) ? total : null;
}

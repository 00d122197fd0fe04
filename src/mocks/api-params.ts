/**
 * Parsing of Prometheus HTTP API parameters the way Prometheus does: times as unix seconds or
 * RFC 3339, steps as seconds or durations, durations such as "1m" or "1h30m".
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000,
};

/** A Prometheus duration ("30s", "1h30m") in ms, or undefined when it is not one. */
export function parseDurationMs(text: string): number | undefined {
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) {
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
  }
  return total;
}

/** A time parameter (unix seconds, possibly fractional, or RFC 3339) in ms. */
export function parseTimeMs(text: string): number | undefined {
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** A step parameter (seconds, possibly fractional, or a duration) in ms. */
export function parseStepMs(text: string): number | undefined {
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  return parseDurationMs(text);
}

/** A sample value as Prometheus writes it: "NaN", "+Inf", "-Inf" or a decimal number. */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/**
 * Parsing of Prometheus HTTP API parameters the way Prometheus does: times as unix seconds or
 * RFC 3339, steps as seconds or durations such as "15s".
 */
import { parseDurationMs } from '../prometheus/duration.ts';

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
  return parseDurationMs(text) ?? undefined;
}

/** A sample value as Prometheus writes it: "NaN", "+Inf", "-Inf" or a decimal number. */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

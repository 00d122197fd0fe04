import * as z from 'zod';
import './zodSetup.ts';
import { DURATION, isLabelName, isMetricName } from '../conventions/promql.ts';
import { STATUS_CLASSES } from '../graph/types.ts';
import type { StatusClass } from '../graph/types.ts';
import { parseDurationMs } from '../prometheus/duration.ts';
import { isHttpUrl } from './links.ts';

/**
 * Field schemas for config.json. Every failure of a field carries one message that starts with
 * "expected ..." (the expected form); errors.ts adds the path and the bad value.
 */

/** A string that passes `check`; `check` returns the reason it fails, or null. */
export function checkedString(expected: string, check: (s: string) => string | null = () => null) {
  return z.string({ error: expected }).superRefine((value, ctx) => {
    const why = check(value);
    if (why !== null) ctx.addIssue({ code: 'custom', message: why, input: value });
  });
}

export function nonEmptyText(expected: string) {
  return checkedString(expected, (s) => (s.trim() === '' ? expected : null));
}

/** A Prometheus duration longer than zero, kept as written (e.g. for PromQL). */
export function duration(example: string) {
  const expected = durationText(example);
  return checkedString(expected, (s) => (isPositiveDuration(s) ? null : expected));
}

export function durationText(example: string): string {
  return `expected a duration such as "${example}" (a number and ms, s, m, h, d, w or y)`;
}

export function isPositiveDuration(s: string): boolean {
  return DURATION.test(s) && (parseDurationMs(s) ?? 0) > 0;
}

/** A duration field converted to milliseconds. */
export function durationMs(example: string) {
  return duration(example).transform((s) => parseDurationMs(s) ?? 0);
}

const URL_EXPECTED =
  'expected an http(s) URL such as "http://prometheus:9090" or a path on this site such as "/prometheus"';

/** The base URL of a Prometheus: absolute http(s), or a path on this site such as "/prometheus". */
export const prometheusUrl = checkedString(URL_EXPECTED, (s) => {
  if (!isHttpUrl(s) && !/^(\/|\.\.?\/)/.test(s)) return URL_EXPECTED;
  if (/\/api\/v1\/?$/.test(s)) return 'expected the base URL of Prometheus, without /api/v1';
  return null;
});

export function numberIn(min: number, max: number, opts: { minOpen?: boolean; maxOpen?: boolean } = {}) {
  const excluded = [opts.minOpen ? String(min) : null, opts.maxOpen ? String(max) : null].filter((x) => x !== null);
  const note = excluded.length === 0 ? '' : ` (${excluded.join(' and ')} excluded)`;
  const expected = `expected a number between ${min} and ${max}${note}`;
  return z.number({ error: expected }).refine(
    (n) => Number.isFinite(n) && (opts.minOpen ? n > min : n >= min) && (opts.maxOpen ? n < max : n <= max),
    { error: expected },
  );
}

/** An error share: 0 < x <= 1. */
export const share = numberIn(0, 1, { minOpen: true });

export function positiveInteger(example: number) {
  const expected = `expected a whole number of at least 1, such as ${example}`;
  return z.number({ error: expected }).refine((n) => Number.isSafeInteger(n) && n >= 1, { error: expected });
}

export const nonNegative = z
  .number({ error: 'expected a number of 0 or more' })
  .refine((n) => Number.isFinite(n) && n >= 0, { error: 'expected a number of 0 or more' });

const STATUS_CLASS_TEXT = STATUS_CLASSES.map((c) => `"${c}"`).join(', ');
export const statusClass = checkedString(`expected one of ${STATUS_CLASS_TEXT}`, (s) =>
  (STATUS_CLASSES as readonly string[]).includes(s) ? null : `expected one of ${STATUS_CLASS_TEXT}`,
).transform((s) => s as StatusClass);

export const metricName = checkedString(
  'expected a metric name (letters, digits, _ and :, not starting with a digit)',
  (s) => (isMetricName(s) ? null : 'expected a metric name (letters, digits, _ and :, not starting with a digit)'),
);

/** A histogram metric: its base name, as histogram_quantile needs `<name>_bucket`. */
export const histogramName = metricName.superRefine((s, ctx) => {
  if (s.endsWith('_bucket')) {
    ctx.addIssue({ code: 'custom', message: 'expected the histogram base name, without _bucket', input: s });
  }
});

export const labelName = checkedString(
  'expected a label name (letters, digits and _, not starting with a digit)',
  (s) => (isLabelName(s) ? null : 'expected a label name (letters, digits and _, not starting with a digit)'),
);

import { DURATION } from '../conventions/promql.ts';
import { STATUS_CLASSES } from '../graph/types.ts';
import type { StatusClass } from '../graph/types.ts';
import { parseDurationMs } from '../prometheus/duration.ts';
import { isHttpUrl } from './links.ts';
import { number, refine, string, transform } from './validate.ts';
import type { Schema } from './validate.ts';

/**
 * Field schemas for config.json. Every failure of a field carries one message that starts with
 * "expected ..." (the expected form); errors.ts adds the path and the bad value.
 */

/** A string that passes `check`; `check` returns the reason it fails, or null. */
export function checkedString(expected: string, check: (s: string) => string | null = () => null): Schema<string> {
  return refine(string(expected), (value, report) => {
    const why = check(value);
    if (why !== null) report({ message: why });
  });
}

export function nonEmptyText(expected: string): Schema<string> {
  return checkedString(expected, (s) => (s.trim() === '' ? expected : null));
}

/** A Prometheus duration longer than zero, kept as written (e.g. for PromQL). */
export function duration(example: string): Schema<string> {
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
export function durationMs(example: string): Schema<number> {
  return transform(duration(example), (s) => parseDurationMs(s) ?? 0);
}

const URL_EXPECTED =
  'expected an http(s) URL such as "http://prometheus:9090" or a path on this site such as "/prometheus"';

/** The base URL of a Prometheus: absolute http(s), or a path on this site such as "/prometheus". */
export const prometheusUrl = checkedString(URL_EXPECTED, (s) => {
  if (!isHttpUrl(s) && !/^(\/|\.\.?\/)/.test(s)) return URL_EXPECTED;
  if (/\/api\/v1\/?$/.test(s)) return 'expected the base URL of Prometheus, without /api/v1';
  return null;
});

/** A number that passes `test`; one message for both failures, as the expected form is the same. */
function checkedNumber(expected: string, test: (n: number) => boolean): Schema<number> {
  return refine(number(expected), (n, report) => {
    if (!test(n)) report({ message: expected });
  });
}

export function numberIn(min: number, max: number, opts: { minOpen?: boolean; maxOpen?: boolean } = {}): Schema<number> {
  const excluded = [opts.minOpen ? String(min) : null, opts.maxOpen ? String(max) : null].filter((x) => x !== null);
  const note = excluded.length === 0 ? '' : ` (${excluded.join(' and ')} excluded)`;
  return checkedNumber(
    `expected a number between ${min} and ${max}${note}`,
    (n) => (opts.minOpen ? n > min : n >= min) && (opts.maxOpen ? n < max : n <= max),
  );
}

/** An error share: 0 < x <= 1. */
export const share = numberIn(0, 1, { minOpen: true });

export function positiveInteger(example: number): Schema<number> {
  return checkedNumber(`expected a whole number of at least 1, such as ${example}`, (n) => Number.isSafeInteger(n) && n >= 1);
}

export const nonNegative = checkedNumber('expected a number of 0 or more', (n) => n >= 0);

const STATUS_CLASS_TEXT = STATUS_CLASSES.map((c) => `"${c}"`).join(', ');
export const statusClass = transform(
  checkedString(`expected one of ${STATUS_CLASS_TEXT}`, (s) =>
    (STATUS_CLASSES as readonly string[]).includes(s) ? null : `expected one of ${STATUS_CLASS_TEXT}`,
  ),
  (s) => s as StatusClass,
);

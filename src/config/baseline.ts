import { DEFAULT_BASELINE } from '../baseline/settings.ts';
import type { BaselineSettings } from '../baseline/settings.ts';
import { checkedString, durationText, isPositiveDuration, nonNegative, numberIn } from './fields.ts';
import { number, optional, refine, strictObject, union } from './validate.ts';
import type { Output } from './validate.ts';

/**
 * config.json `baseline`: each rate against the same moment earlier (issue #16).
 *   "7d" (default), "1d", any Prometheus duration, or "off";
 *   {"offset": "7d", "drop": -0.5, "surge": 1, "minRate": 1} to set the bounds too.
 */
const OFFSET_EXPECTED = `${durationText('7d').replace('expected ', 'expected "off" or ')}`;

const offset = checkedString(OFFSET_EXPECTED, (s) => (s === 'off' || isPositiveDuration(s) ? null : OFFSET_EXPECTED));

const surge = refine(number('expected a number above 0, such as 1 (+100 %)'), (n, report) => {
  if (!(n > 0) || !Number.isFinite(n)) report({ message: 'expected a number above 0, such as 1 (+100 %)' });
});

export const BASELINE_EXAMPLE = '{"offset": "7d", "drop": -0.5, "surge": 1, "minRate": 1}';

const baselineObject = strictObject(
  {
    /** How far back: a duration such as "7d" or "1d", or "off"; default "7d". */
    offset: optional(offset),
    /** A change at or below this is a drop, between -1 and 0 (excluded); default -0.5 (−50 %). */
    drop: optional(numberIn(-1, 0, { minOpen: true, maxOpen: true })),
    /** A change at or above this is a surge, above 0; default 1 (+100 %). */
    surge: optional(surge),
    /** Req/s a drop needs then (a surge now) to count, so small edges do not flap; default 1. */
    minRate: optional(nonNegative),
  },
  `expected an object such as ${BASELINE_EXAMPLE}`,
);

export const baselineSchema = union(
  [offset, baselineObject],
  `expected "7d", "1d", another duration, "off", or ${BASELINE_EXAMPLE}`,
);

export const BASELINE_FIELDS = Object.keys(baselineObject.shape);

/** The settings a config asks for; undefined when off. */
export function toBaseline(input: Output<typeof baselineSchema> | undefined): BaselineSettings | undefined {
  if (input === undefined) return DEFAULT_BASELINE;
  const fields = typeof input === 'string' ? { offset: input } : input;
  const offsetText = fields.offset ?? DEFAULT_BASELINE.offset;
  if (offsetText === 'off') return undefined;
  return {
    offset: offsetText,
    drop: fields.drop ?? DEFAULT_BASELINE.drop,
    surge: fields.surge ?? DEFAULT_BASELINE.surge,
    minRate: fields.minRate ?? DEFAULT_BASELINE.minRate,
  };
}

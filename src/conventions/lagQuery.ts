import { escapeLabelValue, oneOfMatcher } from './promql.ts';
import { labelOf, metricOf } from './types.ts';
import type { Convention } from './types.ts';

/**
 * How far behind the evaluation time a server's newest data is, in seconds: the age of the
 * oldest "latest sample" among the series of the convention's egress request counter, the
 * series every refresh reads. `time()` is the evaluation time the caller sends (the browser's
 * clock), so a clock ahead of the server's counts as lag too. Federation (`/federate`), remote
 * write and sidecars deliver samples with their original timestamps, later: the age grows by
 * that delay. One sample per series is touched; the answer is one number (empty: no series).
 */
export function lagQuery(convention: Convention, datacenters: readonly string[] | null): string {
  const side = convention.egress;
  const matchers = side.select.map((m) => `${labelOf(convention, m.role)}=${escapeLabelValue(m.value)}`);
  const restrict = oneOfMatcher(labelOf(convention, side.roles.datacenter), datacenters ?? []);
  if (restrict) matchers.push(restrict);
  const selector = matchers.length > 0 ? `{${matchers.join(', ')}}` : '';
  return `time() - min(timestamp(${metricOf(convention, side.requests)}${selector}))`;
}

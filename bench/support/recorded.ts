/**
 * Synthetic recorded Prometheus answers: the four queries of one refresh (standard convention)
 * answered by the simulated Prometheus over a synthetic platform, as the JSON bodies the API
 * sends, with the label sets real answers carry (sorted, status_class, empty values dropped).
 */
import { buildQueries } from '../../src/conventions/queries.ts';
import { standardConvention } from '../../src/conventions/standard.ts';
import type { QueryKind } from '../../src/conventions/types.ts';
import { instantQuery } from '../../src/mocks/prometheus-api.ts';
import { cachedModel } from '../../src/mocks/snapshot-cache.ts';
import { datacenterName, syntheticModel } from '../../src/mocks/synthetic.ts';
import type { SyntheticShape } from '../../src/mocks/synthetic.ts';

export const QUERY_PARAMS = { rateWindow: '1m', latencyQuantile: 0.95 } as const;
/** A fixed evaluation time: the same bodies on every run. */
export const EVAL_TIME_MS = 1_700_000_000_000;

export interface RecordedAnswer {
  readonly kind: QueryKind;
  readonly promql: string;
  readonly body: string;
}

export function benchShape(services: number): SyntheticShape {
  return { services, datacenters: 4, edgesPerService: 10 };
}

export const BENCH_DATACENTERS: readonly string[] = [0, 1, 2, 3].map(datacenterName);

export function recordAnswers(shape: SyntheticShape): readonly RecordedAnswer[] {
  const model = cachedModel(syntheticModel(shape));
  return buildQueries(standardConvention, QUERY_PARAMS).map(({ kind, promql }) => {
    const answer = instantQuery(promql, EVAL_TIME_MS, model);
    if (answer.httpStatus !== 200) throw new Error(`the simulated Prometheus refused ${kind}: ${JSON.stringify(answer.body)}`);
    return { kind, promql, body: JSON.stringify(answer.body) };
  });
}

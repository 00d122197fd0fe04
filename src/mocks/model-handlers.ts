/**
 * The simulated Prometheus over any traffic model (the synthetic platforms of synthetic.ts), as
 * scenario overrides: the same query evaluation as the happy path (handlers.ts), another model.
 * `timeScale` makes model time run faster than the clock from the first query on, so a demo
 * refreshing every 200 ms meets a new platform shape every few refreshes (the `churn` scenario).
 */
import { http } from 'msw';
import type { HttpHandler } from 'msw';
import { parseTimeMs } from './api-params.ts';
import type { TrafficModel } from './evaluate.ts';
import { requestParams, respond } from './handlers.ts';
import { queryFromParams, queryRangeFromParams, success } from './prometheus-api.ts';
import { cachedModel } from './snapshot-cache.ts';

export interface ModelHandlerOptions {
  /** Model seconds per clock second (default 1). */
  readonly timeScale?: number;
  readonly now?: () => number;
}

/**
 * Snapshots each handler set keeps: the scrape times of one evaluation (a rate window samples up
 * to 4, shared by the queries of one refresh and by consecutive points of a range query) and the
 * next. More buys nothing (a range query's 241 points scan through any small LRU) and is held as
 * long as the page lives, by every scenario ever used: 64 churn snapshots were 4.2 MB of a soak's
 * heap (docs/PERFORMANCE.md).
 */
export const MODEL_SNAPSHOT_CAPACITY = 8;

export function createModelHandlers(model: TrafficModel, options: ModelHandlerOptions = {}): HttpHandler[] {
  const cached = cachedModel(model, MODEL_SNAPSHOT_CAPACITY);
  const now = options.now ?? Date.now;
  const scale = options.timeScale ?? 1;
  let origin: number | undefined;
  const warp = (timeMs: number): number => {
    origin ??= timeMs;
    return origin + (timeMs - origin) * scale;
  };
  const query = async ({ request }: { request: Request }) => {
    const params = await requestParams(request);
    const time = params.get('time');
    // An unparsable time is left for queryFromParams to refuse.
    const timeMs = time ? parseTimeMs(time) : now();
    if (timeMs !== undefined) params.set('time', String(warp(timeMs) / 1000));
    return respond(queryFromParams(params, warp(now()), cached));
  };
  const queryRange = async ({ request }: { request: Request }) => respond(queryRangeFromParams(await requestParams(request), cached));
  return [
    http.get('*/api/v1/query', query),
    http.post('*/api/v1/query', query),
    http.get('*/api/v1/query_range', queryRange),
    http.post('*/api/v1/query_range', queryRange),
    // Synthetic platforms fire no alerts (the demo platform's are in handlers.ts).
    http.get('*/api/v1/alerts', () => respond(success({ alerts: [] }))),
  ];
}

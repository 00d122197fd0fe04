/**
 * The one happy-path set of MSW handlers for the simulated Prometheus, matching any origin (and
 * any path prefix before /api/v1): used by the demo (browser.ts), Vitest (node.ts) and Playwright.
 * Failures and fault injections are overrides in scenarios.ts, applied with `.use()`.
 */
import { http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import type { TrafficModel } from './evaluate.ts';
import { trafficAt } from './platform/model.ts';
import type { TrafficOptions } from './platform/model.ts';
import { queryFromParams, queryRangeFromParams, withWarnings } from './prometheus-api.ts';
import type { ApiAnswer } from './prometheus-api.ts';
import { buildInfo, labelValues, statusConfig } from './prometheus-meta.ts';
import { cachedModel } from './snapshot-cache.ts';
import { PAST_ALERTS_QUERY } from '../alerts/parse.ts';
import { parseTimeMs } from './api-params.ts';
import { firingAlertsAt } from './platform/alerts.ts';
import { success } from './prometheus-api.ts';

export interface HandlerOptions {
  /** Options of the platform model (seed, forced faults, schedule on/off). */
  readonly traffic?: TrafficOptions;
  /** The evaluation time when a query has no `time` parameter (default Date.now). */
  readonly now?: () => number;
  /** Warnings added to every successful query answer. */
  readonly warnings?: readonly string[];
}

export function createHandlers(options: HandlerOptions = {}): HttpHandler[] {
  const model: TrafficModel = cachedModel((timeMs) => trafficAt(timeMs, options.traffic));
  const now = options.now ?? Date.now;
  const warnings = options.warnings ?? [];
  const query = async ({ request }: { request: Request }): Promise<Response> => {
    const params = await requestParams(request);
    // A past view's alerts: the ALERTS series of the demo's alerts at that moment.
    if (params.get('query') === PAST_ALERTS_QUERY) return respond(pastAlerts(params, now(), options.traffic));
    return respond(withWarnings(queryFromParams(params, now(), model), warnings));
  };
  const queryRange = async ({ request }: { request: Request }): Promise<Response> =>
    respond(withWarnings(queryRangeFromParams(await requestParams(request), model), warnings));
  return [
    http.get('*/api/v1/query', query),
    http.post('*/api/v1/query', query),
    http.get('*/api/v1/query_range', queryRange),
    http.post('*/api/v1/query_range', queryRange),
    http.get('*/api/v1/status/config', () => respond(statusConfig())),
    http.get('*/api/v1/status/buildinfo', () => respond(buildInfo())),
    http.get('*/api/v1/alerts', () => respond(success({ alerts: firingAlertsAt(now(), options.traffic) }))),
    http.get('*/api/v1/label/:name/values', ({ params }) => respond(labelValues(String(params['name'] ?? '')))),
  ];
}

/** `ALERTS{alertstate="firing"}` at the query's time: one sample per firing alert. */
function pastAlerts(params: URLSearchParams, nowMs: number, traffic: TrafficOptions | undefined) {
  const time = params.get('time');
  const timeMs = time ? (parseTimeMs(time) ?? nowMs) : nowMs;
  const result = firingAlertsAt(timeMs, traffic).map((a) => ({ metric: { __name__: 'ALERTS', ...a.labels, alertstate: 'firing' }, value: [timeMs / 1000, '1'] }));
  return success({ resultType: 'vector', result });
}

/** The happy path: the live platform with its scheduled incidents. */
export const handlers: readonly HttpHandler[] = createHandlers();

/** URL parameters merged with a form-encoded body (the body wins, as in Prometheus). */
export async function requestParams(request: Request): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(request.url).search);
  const type = request.headers.get('content-type') ?? '';
  if (request.method === 'POST' && type.includes('application/x-www-form-urlencoded')) {
    const body = new URLSearchParams(await request.text());
    for (const name of new Set(body.keys())) params.set(name, body.get(name) ?? '');
  }
  return params;
}

export function respond(answer: ApiAnswer): Response {
  return HttpResponse.json(answer.body, { status: answer.httpStatus });
}

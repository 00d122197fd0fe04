import { delay, http, HttpResponse } from 'msw';
import type { HttpResponseResolver, JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusClient } from './client.ts';
import { PrometheusError } from './errors.ts';

const BASE = 'http://prometheus.test:9090';
const QUERY = `${BASE}/api/v1/query`;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = (timeoutMs = 2000) => createPrometheusClient({ baseUrl: BASE, timeoutMs });

const vector = {
  status: 'success',
  data: {
    resultType: 'vector',
    result: [{ metric: { service: 'api', datacenter: 'eu' }, value: [1700000000.5, '12.5'] }],
  },
};
const matrix = {
  status: 'success',
  data: { resultType: 'matrix', result: [{ metric: {}, values: [[1700000000, 'NaN'], [1700000015, '+Inf']] }] },
};

async function failure(promise: Promise<unknown>): Promise<PrometheusError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof PrometheusError) return e;
    throw new Error(`expected a PrometheusError, got ${String(e)}`, { cause: e });
  }
  throw new Error('expected the call to fail');
}

describe('query success', () => {
  const cases: { desc: string; body: JsonBodyType; resultType: string; warnings: string[]; infos: string[] }[] = [
    { desc: 'vector', body: vector, resultType: 'vector', warnings: [], infos: [] },
    { desc: 'matrix with NaN and +Inf kept as strings', body: matrix, resultType: 'matrix', warnings: [], infos: [] },
    {
      desc: 'warnings and infos kept',
      body: { ...vector, warnings: ['results truncated'], infos: ['PromQL info: metric might not be a counter'] },
      resultType: 'vector',
      warnings: ['results truncated'],
      infos: ['PromQL info: metric might not be a counter'],
    },
    { desc: 'scalar', body: { status: 'success', data: { resultType: 'scalar', result: [1, '2'] } }, resultType: 'scalar', warnings: [], infos: [] },
  ];
  it.each(cases)('$desc', async ({ body, resultType, warnings, infos }) => {
    server.use(http.post(QUERY, () => HttpResponse.json(body)));
    const answer = await client().query('up');
    expect(answer.data.resultType).toBe(resultType);
    expect(answer.warnings).toEqual(warnings);
    expect(answer.infos).toEqual(infos);
  });

  it('POSTs the PromQL form-encoded, with time', async () => {
    let seen: { type: string | null; form: Record<string, string> } | undefined;
    server.use(
      http.post(QUERY, async ({ request }) => {
        seen = { type: request.headers.get('content-type'), form: Object.fromEntries(new URLSearchParams(await request.text())) };
        return HttpResponse.json(vector);
      }),
    );
    const promql = 'sum by (service) (rate(x{a="b&c=d"}[1m]))';
    await client().query(promql, { time: 1700000000 });
    expect(seen).toEqual({ type: 'application/x-www-form-urlencoded', form: { query: promql, time: '1700000000' } });
  });

  it('queryRange POSTs start, end and step', async () => {
    let form: Record<string, string> = {};
    server.use(
      http.post(`${BASE}/api/v1/query_range`, async ({ request }) => {
        form = Object.fromEntries(new URLSearchParams(await request.text()));
        return HttpResponse.json(matrix);
      }),
    );
    const answer = await client().queryRange('up', { start: 100, end: 200, step: '15s' });
    expect(answer.data.resultType).toBe('matrix');
    expect(form).toEqual({ query: 'up', start: '100', end: '200', step: '15s' });
  });
});

type Resolver = HttpResponseResolver;
const text = (body: string, status: number, type = 'text/plain') =>
  new HttpResponse(body, { status, headers: { 'Content-Type': type } });

describe('queryRead', () => {
  // A reader that reads an answer it knows (by a marker in its text) and declines the others.
  const reader = (text: string) => (text.includes('"api"') ? { length: text.length } : null);
  const cases: { desc: string; status: number; body: JsonBodyType; read: boolean; resultType?: string; kind?: string }[] = [
    { desc: 'an answer the reader reads: its value, no warnings', status: 200, body: vector, read: true },
    { desc: 'an answer the reader declines: parsed and checked as by query', status: 200, body: matrix, read: false, resultType: 'matrix' },
    { desc: 'an error answer is never offered to the reader', status: 400, body: { status: 'error', errorType: 'bad_data', error: 'in "api"' }, read: false, kind: 'api' },
    { desc: 'an HTTP error with a body the reader would read is still an error', status: 503, body: vector, read: false, kind: 'http' },
  ];
  it.each(cases)('$desc', async ({ status, body, read, resultType, kind }) => {
    let seen = '';
    server.use(http.post(QUERY, async ({ request }) => {
      seen = new URLSearchParams(await request.text()).get('query') ?? '';
      return HttpResponse.json(body, { status });
    }));
    const pending = client().queryRead('sum(up)', reader, { time: 1700000000 });
    if (kind) {
      expect((await failure(pending)).kind).toBe(kind);
      return;
    }
    const answer = await pending;
    expect(seen).toBe('sum(up)');
    expect(answer.warnings).toEqual([]);
    if (read) expect(answer.data).toEqual({ resultType: 'read', value: { length: JSON.stringify(body).length } });
    else expect(answer.data.resultType).toBe(resultType);
  });
});

describe('query failures', () => {
  const cases: { desc: string; resolver: Resolver; kind: string; status?: number; errorType?: string; message: RegExp }[] = [
    {
      desc: 'status error on 200',
      resolver: () => HttpResponse.json({ status: 'error', errorType: 'execution', error: 'boom' }),
      kind: 'api', errorType: 'execution', message: /could not run the query \(execution\): boom/,
    },
    {
      desc: '400 bad_data JSON',
      resolver: () => HttpResponse.json({ status: 'error', errorType: 'bad_data', error: 'parse error at char 5' }, { status: 400 }),
      kind: 'api', status: 400, errorType: 'bad_data', message: /rejected the request \(bad_data\): parse error at char 5/,
    },
    {
      desc: '422 execution JSON',
      resolver: () => HttpResponse.json({ status: 'error', errorType: 'execution', error: 'many-to-many matching' }, { status: 422 }),
      kind: 'api', status: 422, errorType: 'execution', message: /many-to-many matching/,
    },
    {
      desc: '503 timeout JSON',
      resolver: () => HttpResponse.json({ status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' }, { status: 503 }),
      kind: 'api', status: 503, errorType: 'timeout', message: /timed out inside Prometheus/,
    },
    {
      desc: '503 text while starting',
      resolver: () => text('Service Unavailable', 503),
      kind: 'http', status: 503, message: /Prometheus is starting or unavailable/,
    },
    { desc: '401', resolver: () => text('Unauthorized', 401), kind: 'http', status: 401, message: /^not authorised: Prometheus at http:\/\/prometheus.test:9090 answered 401; configure access/ },
    { desc: '403', resolver: () => text('Forbidden', 403), kind: 'http', status: 403, message: /not authorised.*answered 403.*CORS\/cookies/ },
    { desc: '404', resolver: () => text('404 page not found', 404), kind: 'http', status: 404, message: /not found \(404\).*without \/api\/v1/ },
    { desc: '500 with a short text', resolver: () => text('oops', 500), kind: 'http', status: 500, message: /answered HTTP 500: "oops"/ },
    {
      desc: 'HTML page (login proxy)',
      resolver: () => text('<!DOCTYPE html><html><body>Sign in</body></html>', 200, 'text/html'),
      kind: 'parse', message: /got an HTML page instead of JSON/,
    },
    { desc: 'truncated JSON', resolver: () => text('{"status":"success","data":{"resultType":"vec', 200, 'application/json'), kind: 'parse', message: /malformed JSON/ },
    { desc: 'text/plain body', resolver: () => text('Prometheus is not ready', 200), kind: 'parse', message: /text instead of JSON: "Prometheus is not ready"/ },
    { desc: 'empty body', resolver: () => text('', 200), kind: 'parse', message: /empty body/ },
    { desc: 'JSON but not the API envelope', resolver: () => HttpResponse.json({ hello: 'world' }), kind: 'parse', message: /not a Prometheus API answer/ },
    {
      desc: 'unknown resultType',
      resolver: () => HttpResponse.json({ status: 'success', data: { resultType: 'table', result: [] } }),
      kind: 'parse', message: /unknown resultType "table"/,
    },
    {
      desc: 'sample value is a number, not a string',
      resolver: () => HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, 2] }] } }),
      kind: 'parse', message: /vector series 0 has no valid "value"/,
    },
    { desc: 'network failure', resolver: () => HttpResponse.error(), kind: 'network', message: /cannot reach Prometheus at http:\/\/prometheus.test:9090 \(down, wrong URL or CORS\)/ },
  ];
  it.each(cases)('$desc', async ({ resolver, kind, status, errorType, message }) => {
    server.use(http.post(QUERY, resolver));
    const e = await failure(client().query('up'));
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(e.errorType).toBe(errorType);
    expect(e.message).toMatch(message);
    expect(e.url).toBe(QUERY);
  });
});

describe('timeout and cancellation', () => {
  it('times out with kind timeout', async () => {
    server.use(http.post(QUERY, async () => { await delay(1000); return HttpResponse.json(vector); }));
    const e = await failure(client(50).query('up'));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/did not answer within 50 ms/);
  });

  it('a caller abort is kind aborted, not timeout', async () => {
    server.use(http.post(QUERY, async () => { await delay(1000); return HttpResponse.json(vector); }));
    const controller = new AbortController();
    const pending = client(5000).query('up', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await failure(pending)).kind).toBe('aborted');
  });

  it('an already aborted signal fails without a request', async () => {
    // No handler: a request would fail the test through onUnhandledRequest.
    const e = await failure(client().query('up', { signal: AbortSignal.abort() }));
    expect(e.kind).toBe('aborted');
  });
});

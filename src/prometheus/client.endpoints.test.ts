import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPrometheusClient } from './client.ts';

const BASE = 'http://prometheus.test:9090';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = (baseUrl = BASE) => createPrometheusClient({ baseUrl, timeoutMs: 2000 });
const configAnswer = (yaml: string) => HttpResponse.json({ status: 'success', data: { yaml } });

describe('scrapeInterval', () => {
  const cases: { desc: string; answer: () => Response; expected: number | null }[] = [
    {
      desc: 'plain 15s',
      answer: () => configAnswer('global:\n  scrape_interval: 15s\n  scrape_timeout: 10s\nscrape_configs:\n- job_name: x\n  scrape_interval: 5s\n'),
      expected: 15_000,
    },
    { desc: 'single-quoted with a comment', answer: () => configAnswer("global:\n  scrape_interval: '30s' # half a minute\n"), expected: 30_000 },
    { desc: 'double-quoted compound', answer: () => configAnswer('global:\n    evaluation_interval: 1m\n    scrape_interval: "1m30s"\n'), expected: 90_000 },
    { desc: 'global without scrape_interval -> 1m', answer: () => configAnswer('global:\n  evaluation_interval: 30s\nrule_files: []\n'), expected: 60_000 },
    { desc: 'no global block -> 1m', answer: () => configAnswer('scrape_configs:\n- job_name: a\n  scrape_interval: 5s\n'), expected: 60_000 },
    { desc: 'only a job sets it -> 1m', answer: () => configAnswer('global:\n  external_labels:\n    scrape_interval: 7s\nscrape_configs:\n- scrape_interval: 5s\n'), expected: 60_000 },
    { desc: 'not a duration -> null', answer: () => configAnswer('global:\n  scrape_interval: soon\n'), expected: null },
    { desc: '404 (not served) -> null', answer: () => new HttpResponse('404 page not found', { status: 404 }), expected: null },
    { desc: '405 -> null', answer: () => new HttpResponse('', { status: 405 }), expected: null },
  ];
  it.each(cases)('$desc', async ({ answer, expected }) => {
    server.use(http.get(`${BASE}/api/v1/status/config`, answer));
    expect(await client().scrapeInterval()).toBe(expected);
  });

  it('other failures throw', async () => {
    server.use(http.get(`${BASE}/api/v1/status/config`, () => new HttpResponse('no', { status: 403 })));
    await expect(client().scrapeInterval()).rejects.toMatchObject({ kind: 'http', status: 403 });
  });
});

describe('labelValues and buildInfo', () => {
  it('GETs label values with match[] and an encoded label', async () => {
    let url: URL | undefined;
    server.use(
      http.get(`${BASE}/api/v1/label/:label/values`, ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ status: 'success', data: ['eu-west', 'us-east'] });
      }),
    );
    const answer = await client().labelValues('datacenter', { match: ['a{x="1"}', 'b'] });
    expect(answer.data).toEqual(['eu-west', 'us-east']);
    expect(url?.pathname).toBe('/api/v1/label/datacenter/values');
    expect(url?.searchParams.getAll('match[]')).toEqual(['a{x="1"}', 'b']);
  });

  it('rejects label values that are not strings', async () => {
    server.use(http.get(`${BASE}/api/v1/label/dc/values`, () => HttpResponse.json({ status: 'success', data: [1] })));
    await expect(client().labelValues('dc')).rejects.toMatchObject({ kind: 'parse' });
  });

  it('reads buildinfo', async () => {
    server.use(
      http.get(`${BASE}/api/v1/status/buildinfo`, () =>
        HttpResponse.json({ status: 'success', data: { version: '3.5.0', revision: 'abc', goVersion: 'go1.24' } }),
      ),
    );
    expect((await client().buildInfo()).data.version).toBe('3.5.0');
  });
});

describe('base URLs', () => {
  const cases: { desc: string; base: string; expected: string }[] = [
    { desc: 'no trailing slash', base: BASE, expected: `${BASE}/api/v1/query` },
    { desc: 'trailing slash', base: `${BASE}/`, expected: `${BASE}/api/v1/query` },
    { desc: 'sub-path with trailing slash', base: `${BASE}/prometheus/`, expected: `${BASE}/prometheus/api/v1/query` },
    { desc: 'sub-path without trailing slash', base: `${BASE}/prometheus`, expected: `${BASE}/prometheus/api/v1/query` },
  ];
  it.each(cases)('$desc', async ({ base, expected }) => {
    let seen = '';
    server.use(
      http.post(expected, ({ request }) => {
        seen = request.url;
        return HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [] } });
      }),
    );
    await client(base).query('up');
    expect(seen).toBe(expected);
  });

  it('uses the injected fetch and headers', async () => {
    const calls: { url: string; headers: Headers }[] = [];
    const fakeFetch: typeof fetch = async (input, init) => {
      calls.push({ url: String(input), headers: new Headers(init?.headers) });
      return new Response(JSON.stringify({ status: 'success', data: [] }), { status: 200 });
    };
    const c = createPrometheusClient({ baseUrl: '/prometheus/', timeoutMs: 1000, fetch: fakeFetch, headers: { 'X-Scope-OrgID': 'team-a' } });
    await c.labelValues('service');
    expect(calls[0]?.url).toBe('/prometheus/api/v1/label/service/values');
    expect(calls[0]?.headers.get('X-Scope-OrgID')).toBe('team-a');
  });
});

describe('alerts', () => {
  it('GETs /api/v1/alerts and returns its data', async () => {
    const alerts = [{ labels: { alertname: 'A' }, annotations: {}, state: 'firing', activeAt: '2026-12-05T21:00:00Z', value: '1' }];
    server.use(http.get(`${BASE}/api/v1/alerts`, () => HttpResponse.json({ status: 'success', data: { alerts } })));
    expect((await client().alerts()).data.alerts).toEqual(alerts);
  });
  const failures = [
    { desc: 'not served (a store without rules)', answer: () => new HttpResponse('404 page not found', { status: 404 }), kind: 'http' },
    { desc: 'data without an alert list', answer: () => HttpResponse.json({ status: 'success', data: { groups: [] } }), kind: 'parse' },
  ];
  it.each(failures)('$desc: a typed error', async ({ answer, kind }) => {
    server.use(http.get(`${BASE}/api/v1/alerts`, answer));
    await expect(client().alerts()).rejects.toMatchObject({ kind });
  });
});

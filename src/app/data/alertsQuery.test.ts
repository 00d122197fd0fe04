import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/parse.ts';
import type { AppConfig } from '../../config/types.ts';
import type { PrometheusClient } from '../../prometheus/client.ts';
import { alertsOptions } from './alertsQuery.ts';
import type { Servers } from './trafficQueries.ts';

function config(extra: Record<string, unknown> = {}): AppConfig {
  const r = parseConfig({ prometheus: { url: 'http://prom-a:9090' }, ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

interface Calls { alerts: number; queries: { promql: string; time: number | undefined }[] }

/** A client that answers /api/v1/alerts and ALERTS queries (or fails), counting the calls. */
function fakeClient(calls: Calls, fail = false): PrometheusClient {
  const entry = { labels: { alertname: 'HighErrorRate', service: 'checkout' }, annotations: { summary: 's', runbook_url: 'javascript:x' }, state: 'firing', activeAt: '2026-12-05T21:00:00Z' };
  return {
    alerts: async () => {
      calls.alerts++;
      if (fail) throw new Error('404 page not found');
      return { data: { alerts: [entry, { ...entry, state: 'pending' }] }, warnings: [], infos: [] };
    },
    query: async (promql, options) => {
      calls.queries.push({ promql, time: options?.time });
      if (fail) throw new Error('down');
      return { data: { resultType: 'vector', result: [{ metric: { __name__: 'ALERTS', alertname: 'Old', alertstate: 'firing' }, value: [1, '1'] }] }, warnings: [], infos: [] };
    },
    queryRead: () => Promise.reject(new Error('unused')),
    queryRange: () => Promise.reject(new Error('unused')),
    scrapeInterval: () => Promise.reject(new Error('unused')),
    labelValues: () => Promise.reject(new Error('unused')),
    buildInfo: () => Promise.reject(new Error('unused')),
  };
}

function servers(...list: { url: string; dcs: string[] | null; client: PrometheusClient }[]): Servers {
  return { list: list.map((s) => ({ plan: { url: s.url, datacenters: s.dcs }, client: s.client })) };
}

async function run(cfg: AppConfig, s: Servers, pinned: number | null) {
  return new QueryClient().fetchQuery(alertsOptions(cfg, s, 2_000, pinned));
}

describe('alertsOptions', () => {
  it('live: one /api/v1/alerts per server, firing only, with the server datacenters and links', async () => {
    const a: Calls = { alerts: 0, queries: [] };
    const b: Calls = { alerts: 0, queries: [] };
    const read = await run(config(), servers({ url: 'http://prom-a:9090', dcs: ['eu'], client: fakeClient(a) }, { url: 'http://prom-b:9090', dcs: ['us'], client: fakeClient(b) }), null);
    expect([a.alerts, a.queries.length, b.alerts, b.queries.length]).toEqual([1, 0, 1, 0]);
    expect(read.source).toBe('api');
    expect(read.alerts.map((x) => [x.alert.name, x.serverDatacenters])).toEqual([['HighErrorRate', ['eu']], ['HighErrorRate', ['us']]]);
    expect(read.alerts[0]?.alert.runbookUrl).toBeUndefined();
    expect(read.alerts[0]?.alert.link).toMatch(/^http:\/\/prom-a:9090\/graph\?g0\.expr=ALERTS/);
  });

  it('pinned: one ALERTS query per server at that time, no annotations', async () => {
    const a: Calls = { alerts: 0, queries: [] };
    const read = await run(config({ alerts: { link: 'https://am.example/#/alerts?filter={alertname}' } }), servers({ url: 'http://prom-a:9090', dcs: null, client: fakeClient(a) }), 1_765_000_000);
    expect(a).toEqual({ alerts: 0, queries: [{ promql: 'ALERTS{alertstate="firing"}', time: 1_765_000_000 }] });
    expect(read.source).toBe('series');
    expect(read.alerts.map((x) => [x.alert.name, x.alert.summary, x.alert.since, x.alert.link])).toEqual([['Old', '', null, 'https://am.example/#/alerts?filter=Old']]);
  });

  it('one server failing: the others\' alerts, and the failure said', async () => {
    const read = await run(config(), servers({ url: 'http://a', dcs: ['eu'], client: fakeClient({ alerts: 0, queries: [] }, true) }, { url: 'http://b', dcs: ['us'], client: fakeClient({ alerts: 0, queries: [] }) }), null);
    expect(read.alerts).toHaveLength(1);
    expect(read.failures).toEqual([{ url: 'http://a', message: expect.stringContaining('404') as unknown as string }]);
  });

  it('every server failing: an error (the map goes on: the header says "alerts unavailable")', async () => {
    await expect(run(config(), servers({ url: 'http://a', dcs: null, client: fakeClient({ alerts: 0, queries: [] }, true) }), null)).rejects.toThrow(/404/);
  });

  it('"off": the query is disabled', () => {
    expect(alertsOptions(config({ alerts: 'off' }), servers(), 2_000, null).enabled).toBe(false);
  });
});

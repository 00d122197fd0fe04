import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatProblem, parseConfig } from '../config/parse.ts';
import { server } from '../mocks/node.ts';
import { startReads } from './App.tsx';

// The reads a cold link starts before the page renders (App.tsx `startReads`), against the demo's simulated Prometheus.

function configWith(extra: Record<string, unknown>) {
  const parsed = parseConfig({ prometheus: { url: 'http://prometheus.test' }, datacenters: ['eu-west', 'us-east'], ...extra });
  if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
  return parsed.config;
}

/** The scope keys of the traffic reads in the client (`scopeKey` text, `\0` shown as `/`). */
function trafficScopes(reads: ReturnType<typeof startReads>): string[] {
  return reads.client.getQueryCache().findAll({ queryKey: ['traffic'] }).map((q) => String(q.queryKey[9]).replaceAll('\u0000', '/'));
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('startReads: the view read before the page renders', () => {
  const cases: { desc: string; search: string; extra?: Record<string, unknown>; at_once: string[]; after_list: string[] }[] = [
    { desc: 'the global view: at once', search: '', at_once: ['global'], after_list: ['global'] },
    { desc: 'a focus: at once', search: '?dc=eu-west&service=checkout', at_once: ['focus/eu-west/checkout'], after_list: ['focus/eu-west/checkout'] },
    { desc: 'a datacenter whose size decides: when the list is in (a small one, flat)', search: '?dc=eu-west', at_once: [], after_list: ['datacenter/eu-west/flat'] },
    { desc: 'a datacenter whose size decides: when the list is in (over maxNodesPerView, grouped)', search: '?dc=eu-west', extra: { maxNodesPerView: 5 }, at_once: [], after_list: ['datacenter/eu-west/grouped'] },
  ];
  it.each(cases)('$desc', async ({ search, extra, at_once, after_list }) => {
    const reads = startReads(configWith(extra ?? {}), search);
    expect(trafficScopes(reads)).toEqual(at_once);
    await vi.waitFor(() => expect(trafficScopes(reads)).toEqual(after_list));
    reads.client.clear();
  });

  // The order the reads are started in is the order their requests take the browser's six
  // connections to a server: the view's six queries before the list and the scrape interval.
  const orders: { desc: string; search: string; first: string[] }[] = [
    { desc: 'a group: the view first', search: '?dc=eu-west&group=payments', first: ['traffic', 'services', 'refresh-interval'] },
    { desc: 'a focus: the view first', search: '?dc=eu-west&service=checkout', first: ['traffic', 'services', 'refresh-interval'] },
    { desc: 'the global view: the view first', search: '', first: ['traffic', 'services', 'refresh-interval'] },
    { desc: 'a datacenter whose size decides: the list first (the view waits for it)', search: '?dc=eu-west', first: ['services', 'refresh-interval'] },
  ];
  it.each(orders)('reads started in order: $desc', ({ search, first }) => {
    const reads = startReads(configWith({}), search);
    expect(reads.client.getQueryCache().getAll().map((q) => String(q.queryKey[0]))).toEqual(first);
    reads.client.clear();
  });

  it('a datacenter whose list fails: no view read (the page shows the failure)', async () => {
    server.use(http.post('*/api/v1/query', () => HttpResponse.json({ status: 'error', errorType: 'internal', error: 'boom' }, { status: 500 })));
    const reads = startReads(configWith({}), '?dc=eu-west');
    await vi.waitFor(() => expect(reads.client.getQueryCache().findAll({ queryKey: ['services'] })[0]?.state.status).toBe('error'));
    expect(trafficScopes(reads)).toEqual([]);
    reads.client.clear();
  });
});

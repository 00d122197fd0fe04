import { QueryClient } from '@tanstack/react-query';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatProblem, parseConfig } from '../../config/parse.ts';
import { server } from '../../mocks/node.ts';
import { createServers, SERVICE_LIST_EMPTY_RETRY_MS, SERVICE_LIST_INTERVAL_MS, SERVICE_LIST_RETRY_MS, serviceListRefetchMs, trafficOptions } from './trafficQueries.ts';

// The evaluation time the refresh sends, against the demo's simulated Prometheus.

const NOW_MS = Date.UTC(2025, 0, 1, 12, 0, 0, 400);
const parsed = parseConfig({ prometheus: { url: 'http://prometheus.test' }, datacenters: ['eu-west', 'us-east'] });
if (!parsed.ok) throw new Error(parsed.problems.map(formatProblem).join('\n'));
const config = parsed.config;
let times: Promise<string | null>[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.events.removeAllListeners();
  server.resetHandlers();
  times = [];
  vi.useRealTimers();
});
afterAll(() => server.close());

describe('trafficOptions: the evaluation time', () => {
  it.each([
    { desc: 'live, not delayed: now', pinned: null, delayMs: 0, want: Math.floor(NOW_MS / 1000) },
    { desc: 'live, delayed 4 s: now - 4 s', pinned: null, delayMs: 4000, want: Math.floor(NOW_MS / 1000) - 4 },
    { desc: 'pinned: the moment as is, whatever the delay', pinned: 1_735_725_000, delayMs: 4000, want: 1_735_725_000 },
  ])('$desc', async ({ pinned, delayMs, want }) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW_MS);
    server.events.on('request:start', ({ request }) => {
      times.push(request.clone().text().then((body) => new URLSearchParams(body).get('time')));
    });
    const read = await new QueryClient().fetchQuery(trafficOptions(config, createServers(config), 5000, pinned, delayMs, { level: 'global' }));
    expect(read.time).toBe(want);
    const sent = await Promise.all(times);
    // Four queries and the two of the baseline (7d by default), all at the same time: the baseline's offset is in its PromQL.
    expect(sent).toHaveLength(6);
    expect(new Set(sent)).toEqual(new Set([String(want)]));
    expect(read.warnings).toEqual([]);
    expect(read.baseline?.offset).toBe('7d');
    expect(read.baseline?.ingressRate.size).toBeGreaterThan(0);
  });

  it('a change of delay is a new read (part of the key); a pinned moment ignores it', () => {
    const servers = createServers(config);
    const key = (pinned: number | null, delayMs: number) => JSON.stringify(trafficOptions(config, servers, 5000, pinned, delayMs, { level: 'global' }).queryKey);
    expect(key(null, 0)).not.toBe(key(null, 4000));
    expect(key(1_735_725_000, 0)).toBe(key(1_735_725_000, 4000));
  });
});

describe('serviceListRefetchMs', () => {
  const list = (entries: [string, string[]][]) => ({ services: new Map(entries.map(([dc, names]) => [dc, new Map(names.map((n) => [n, n]))])) });
  it.each([
    { desc: 'a list with services: every few minutes', failed: false, data: list([['eu-west', ['checkout']]]), want: SERVICE_LIST_INTERVAL_MS },
    { desc: 'a failed read: sooner', failed: true, data: list([['eu-west', ['checkout']]]), want: SERVICE_LIST_RETRY_MS },
    { desc: 'no datacenter at all (Prometheus without data yet): soonest', failed: false, data: list([]), want: SERVICE_LIST_EMPTY_RETRY_MS },
    { desc: 'datacenters without a service: soonest', failed: false, data: list([['eu-west', []]]), want: SERVICE_LIST_EMPTY_RETRY_MS },
    { desc: 'one datacenter empty, another not: every few minutes', failed: false, data: list([['eu-west', []], ['us-east', ['a']]]), want: SERVICE_LIST_INTERVAL_MS },
    { desc: 'not read yet', failed: false, data: undefined, want: SERVICE_LIST_INTERVAL_MS },
  ])('$desc', ({ failed, data, want }) => {
    expect(serviceListRefetchMs(failed, data)).toBe(want);
  });
});

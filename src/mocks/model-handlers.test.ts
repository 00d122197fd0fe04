import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildQuery } from '../conventions/queries.ts';
import { standardConvention } from '../conventions/standard.ts';
import type { TrafficModel } from './evaluate.ts';
import { createModelHandlers } from './model-handlers.ts';
import { server } from './node.ts';
import { syntheticModel } from './synthetic.ts';

const BASE = 'http://prometheus.test';
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const EGRESS_RATE = buildQuery(standardConvention, { rateWindow: '1m', latencyQuantile: 0.95 }, 'egressRate');

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('createModelHandlers: snapshots kept', () => {
  const model = syntheticModel({ services: 4, datacenters: 1, edgesPerService: 1 });
  const counted = (): { model: TrafficModel; calls: () => number } => {
    let calls = 0;
    return { model: (t) => { calls++; return model(t); }, calls: () => calls };
  };
  const query = async (timeMs: number): Promise<void> => {
    const response = await fetch(`${BASE}/api/v1/query?${new URLSearchParams({ query: EGRESS_RATE, time: String(timeMs / 1000) })}`);
    expect(response.status).toBe(200);
  };

  it.each([
    { desc: 'the same moment again is answered from the kept snapshots', times: [T0, T0], calls: 4 },
    { desc: 'a moment whose window overlaps the last one computes only the new scrape times', times: [T0, T0 + 15_000], calls: 5 },
    { desc: 'after more moments than the capacity, the first one is computed again (bounded)', times: [T0, T0 + 3_600_000, T0 + 7_200_000, T0 + 10_800_000, T0], calls: 20 },
  ])('$desc', async ({ times, calls }) => {
    const counter = counted();
    server.use(...createModelHandlers(counter.model));
    for (const t of times) await query(t);
    expect(counter.calls()).toBe(calls);
  });
});

import { describe, expect, it } from 'vitest';
import { combineDelays, delayFromLags, evaluationTime, MAX_QUERY_DELAY_MS, needsAnotherReading } from './queryDelay.ts';

// Lags as read in e2e/real/federation.spec.ts (2 s scrapes): a per-datacenter Prometheus 0.0-2.0 s
// (its oldest target is at most one interval old), the global one federating it 2.2-3.9 s.
describe('delayFromLags', () => {
  it.each([
    { desc: 'no reading', lags: [], intervalMs: 2000, want: 0 },
    { desc: 'no series (NaN): nothing to measure', lags: [NaN], intervalMs: 2000, want: 0 },
    { desc: 'a direct scrape: the oldest target one interval old', lags: [1.99], intervalMs: 2000, want: 0 },
    { desc: 'a direct scrape still committing a slow target', lags: [2.4], intervalMs: 2000, want: 0 },
    { desc: 'just beyond 1.25 intervals: late samples', lags: [2.51], intervalMs: 2000, want: 4000 },
    { desc: 'federation at its least lag: rounded up to two intervals', lags: [2.6], intervalMs: 2000, want: 4000 },
    { desc: 'federation at its most lag', lags: [3.88], intervalMs: 2000, want: 4000 },
    { desc: 'the largest reading counts', lags: [1.2, 4.1, 2.0], intervalMs: 2000, want: 6000 },
    { desc: 'NaN readings are ignored', lags: [NaN, 3], intervalMs: 2000, want: 4000 },
    { desc: '15 s scrapes federated every 15 s', lags: [24], intervalMs: 15_000, want: 30_000 },
    { desc: 'VictoriaMetrics hiding its last 30 s (-search.latencyOffset)', lags: [31], intervalMs: 15_000, want: 45_000 },
    { desc: 'a browser clock 10 s ahead of the server lags too', lags: [11], intervalMs: 2000, want: 12_000 },
    { desc: 'clamped: Prometheus does not look back further', lags: [3600], intervalMs: 15_000, want: MAX_QUERY_DELAY_MS },
    { desc: 'negative lag (a browser clock behind): none', lags: [-20], intervalMs: 2000, want: 0 },
    { desc: 'no interval known: none', lags: [30], intervalMs: 0, want: 0 },
  ])('$desc', ({ lags, intervalMs, want }) => {
    expect(delayFromLags(lags, intervalMs)).toBe(want);
  });
});

describe('needsAnotherReading', () => {
  it.each([
    { desc: 'looks direct: read again', lags: [1.5], want: true },
    { desc: 'two direct-looking readings: once more', lags: [1.5, 0.4], want: true },
    { desc: 'three readings: enough', lags: [1.5, 0.4, 1.9], want: false },
    { desc: 'a lagging reading is enough', lags: [3.1], want: false },
    { desc: 'no series: nothing more to learn', lags: [NaN], want: false },
  ])('$desc', ({ lags, want }) => {
    expect(needsAnotherReading(lags, 2000)).toBe(want);
  });
});

describe('evaluationTime', () => {
  const NOW = Date.UTC(2025, 0, 1, 12, 0, 0, 700);
  it.each([
    { desc: 'live, no delay: now, whole seconds', pinned: null, delayMs: 0, want: NOW / 1000 - 0.7 },
    { desc: 'live, delayed 4 s', pinned: null, delayMs: 4000, want: NOW / 1000 - 0.7 - 4 },
    { desc: 'live, 1.5 s: rounded down (never later than asked)', pinned: null, delayMs: 1500, want: NOW / 1000 - 0.7 - 1 },
    { desc: 'a pinned moment is read as it is', pinned: 1_700_000_000, delayMs: 4000, want: 1_700_000_000 },
    { desc: 'a negative delay counts as none', pinned: null, delayMs: -5000, want: NOW / 1000 - 0.7 },
  ])('$desc', ({ pinned, delayMs, want }) => {
    expect(evaluationTime(NOW, pinned, delayMs)).toBe(want);
  });
});

describe('combineDelays', () => {
  it.each([
    { desc: 'the largest server delay', servers: [{ url: 'a', lagS: 1, ms: 0 }, { url: 'g', lagS: 3, ms: 4000 }], want: { ms: 4000, source: 'measured' } },
    { desc: 'a failed server adds nothing', servers: [{ url: 'a', lagS: 1, ms: 0 }, { url: 'b', lagS: NaN, ms: 0, error: 'down' }], want: { ms: 0, source: 'measured' } },
    { desc: 'none measured', servers: [{ url: 'b', lagS: NaN, ms: 0, error: 'down' }], want: { ms: 0, source: 'not-measured' } },
    { desc: 'no servers', servers: [], want: { ms: 0, source: 'not-measured' } },
  ])('$desc', ({ servers, want }) => {
    expect(combineDelays(servers)).toMatchObject(want);
  });
});

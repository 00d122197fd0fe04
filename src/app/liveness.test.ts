import { describe, expect, it } from 'vitest';
import { formatAge, liveness } from './liveness.ts';
import type { Liveness, LivenessInput } from './liveness.ts';

const NOW = 1_700_000_000_000;
const INTERVAL = 10_000;

/** `dataAgo`/`errorAgo`: ms before NOW; null = never. */
function input(dataAgo: number | null, errorAgo: number | null, errorMessage?: string): LivenessInput {
  return {
    now: NOW,
    dataUpdatedAt: dataAgo === null ? 0 : NOW - dataAgo,
    errorUpdatedAt: errorAgo === null ? 0 : NOW - errorAgo,
    ...(errorMessage === undefined ? {} : { errorMessage }),
    intervalMs: INTERVAL,
  };
}

describe('liveness', () => {
  const cases: { desc: string; input: LivenessInput; want: Liveness }[] = [
    { desc: 'loading: nothing yet', input: input(null, null), want: { kind: 'loading' } },
    { desc: 'failed: the first read failed, no data yet', input: input(null, 1000, 'Prometheus at x answered 503'), want: { kind: 'failed', message: 'Prometheus at x answered 503' } },
    { desc: 'failed, however long ago the error was', input: input(null, 10 * INTERVAL, 'down'), want: { kind: 'failed', message: 'down' } },
    { desc: 'loading: an error time without a message is not a failure', input: input(null, 1000), want: { kind: 'loading' } },
    { desc: 'live: fresh data', input: input(3000, null), want: { kind: 'live', ageMs: 3000 } },
    { desc: 'live: just arrived', input: input(0, null), want: { kind: 'live', ageMs: 0 } },
    { desc: 'live: recovered (the error is older than the data)', input: input(3000, 8000, 'old error'), want: { kind: 'live', ageMs: 3000 } },
    { desc: 'live: error and data at the same instant', input: input(3000, 3000, 'same time'), want: { kind: 'live', ageMs: 3000 } },
    { desc: 'live: a clock behind the data gives age 0, never negative', input: input(-5000, null), want: { kind: 'live', ageMs: 0 } },
    { desc: 'failing: the last refresh failed, data still recent', input: input(15_000, 2000, 'timeout'), want: { kind: 'failing', ageMs: 15_000, message: 'timeout' } },
    { desc: 'failing: the error came right after the data', input: input(1000, 999, 'boom'), want: { kind: 'failing', ageMs: 1000, message: 'boom' } },
    { desc: 'stale: no error, no new data (a hung request)', input: input(25_000, null), want: { kind: 'stale', ageMs: 25_000 } },
    { desc: 'stale: an old, recovered error is not shown', input: input(25_000, 30_000, 'old error'), want: { kind: 'stale', ageMs: 25_000 } },
    { desc: 'stale with the error that keeps it stale', input: input(25_000, 1000, 'timeout'), want: { kind: 'stale', ageMs: 25_000, message: 'timeout' } },
    // Boundaries: stale strictly after two refresh intervals.
    { desc: 'exactly 2 intervals old is still live', input: input(2 * INTERVAL, null), want: { kind: 'live', ageMs: 2 * INTERVAL } },
    { desc: 'exactly 2 intervals old and failing is failing, not stale', input: input(2 * INTERVAL, 1, 'x'), want: { kind: 'failing', ageMs: 2 * INTERVAL, message: 'x' } },
    { desc: '2 intervals + 1 ms is stale', input: input(2 * INTERVAL + 1, null), want: { kind: 'stale', ageMs: 2 * INTERVAL + 1 } },
    { desc: '2 intervals + 1 ms and failing is stale with the message', input: input(2 * INTERVAL + 1, 1, 'x'), want: { kind: 'stale', ageMs: 2 * INTERVAL + 1, message: 'x' } },
    // A new read (another view, or a new query delay) with the last map still on screen.
    { desc: 'the new read is loading, the last map shown: loading', input: { ...input(null, null), shownUpdatedAt: NOW - 3000 }, want: { kind: 'loading' } },
    { desc: 'the new read failed, the last map shown: failing by that map\'s age', input: { ...input(null, 1000, 'down'), shownUpdatedAt: NOW - 3000 }, want: { kind: 'failing', ageMs: 3000, message: 'down' } },
    { desc: 'the new read failed, the last map old: stale', input: { ...input(null, 1000, 'down'), shownUpdatedAt: NOW - 3 * INTERVAL }, want: { kind: 'stale', ageMs: 3 * INTERVAL, message: 'down' } },
    { desc: 'the new read failed and nothing is shown: failed', input: { ...input(null, 1000, 'down'), shownUpdatedAt: 0 }, want: { kind: 'failed', message: 'down' } },
    { desc: 'the read\'s own data wins over the shown one', input: { ...input(2000, null), shownUpdatedAt: NOW - 9000 }, want: { kind: 'live', ageMs: 2000 } },
  ];
  it.each(cases)('$desc', ({ input: i, want }) => {
    // toStrictEqual: a stale state without an error has no `message` key at all.
    expect(liveness(i)).toStrictEqual(want);
  });

  const PIN = 1_790_000_000;
  it.each([
    { desc: 'pinned: old data is the point, never stale', input: { ...input(10 * INTERVAL, null), pinnedTime: PIN }, want: { kind: 'pinned', time: PIN } },
    { desc: 'pinned: fresh data', input: { ...input(1000, null), pinnedTime: PIN }, want: { kind: 'pinned', time: PIN } },
    { desc: 'pinned: a recovered error is not shown', input: { ...input(1000, 5000, 'old'), pinnedTime: PIN }, want: { kind: 'pinned', time: PIN } },
    { desc: 'pinned: a failed read of the pinned moment says so', input: { ...input(10 * INTERVAL, 1000, 'timeout'), pinnedTime: PIN }, want: { kind: 'failing', ageMs: 10 * INTERVAL, message: 'timeout' } },
    { desc: 'pinned: nothing read yet is loading', input: { ...input(null, null), pinnedTime: PIN }, want: { kind: 'loading' } },
    { desc: 'pinned: the first read failed', input: { ...input(null, 1000, 'down'), pinnedTime: PIN }, want: { kind: 'failed', message: 'down' } },
    { desc: 'pinnedTime null is live', input: { ...input(25_000, null), pinnedTime: null }, want: { kind: 'stale', ageMs: 25_000 } },
    { desc: 'pinned: another moment on screen while this one loads is loading', input: { ...input(null, null), pinnedTime: PIN, shownUpdatedAt: NOW - 1000 }, want: { kind: 'loading' } },
    { desc: 'pinned: another moment on screen, this one failed: failing', input: { ...input(null, 500, 'down'), pinnedTime: PIN, shownUpdatedAt: NOW - 1000 }, want: { kind: 'failing', ageMs: 1000, message: 'down' } },
  ] satisfies { desc: string; input: LivenessInput; want: Liveness }[])('$desc', ({ input: i, want }) => {
    expect(liveness(i)).toStrictEqual(want);
  });

  it('a longer interval moves the stale boundary', () => {
    expect(liveness({ ...input(25_000, null), intervalMs: 15_000 }).kind).toBe('live');
    expect(liveness({ ...input(30_001, null), intervalMs: 15_000 }).kind).toBe('stale');
  });
});

describe('formatAge', () => {
  it.each([
    { desc: 'zero', ms: 0, want: '0 s' },
    { desc: 'under half a second rounds down', ms: 499, want: '0 s' },
    { desc: 'half a second rounds up', ms: 500, want: '1 s' },
    { desc: 'seconds', ms: 42_000, want: '42 s' },
    { desc: 'just under a minute', ms: 59_499, want: '59 s' },
    { desc: '59.5 s rounds to a whole minute, not "60 s"', ms: 59_500, want: '1 min 0 s' },
    { desc: 'minutes and seconds', ms: 61_000, want: '1 min 1 s' },
    { desc: 'just under an hour', ms: 3_599_000, want: '59 min 59 s' },
    { desc: 'rounding up to the hour', ms: 3_599_500, want: '1 h 0 min' },
    { desc: 'hours and minutes (seconds dropped)', ms: 2 * 3_600_000 + 5 * 60_000 + 59_000, want: '2 h 5 min' },
    { desc: 'more than a day stays in hours', ms: 25 * 3_600_000 + 60_000, want: '25 h 1 min' },
  ])('$desc', ({ ms, want }) => {
    expect(formatAge(ms)).toBe(want);
  });
});

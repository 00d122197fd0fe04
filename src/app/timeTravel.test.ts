import { describe, expect, it } from 'vitest';
import { dateFieldDue, fromLocalInput, toLocalInput } from './timeTravel.ts';

describe('dateFieldDue', () => {
  const cases: { desc: string; firstMapDrawn: boolean; view: 'map' | 'table'; liveness: string; due: boolean }[] = [
    { desc: 'not before the first map', firstMapDrawn: false, view: 'map', liveness: 'loading', due: false },
    { desc: 'not while the first answers are in and the map is being laid out', firstMapDrawn: false, view: 'map', liveness: 'live', due: false },
    { desc: 'once the first map is drawn', firstMapDrawn: true, view: 'map', liveness: 'live', due: true },
    { desc: 'at once in the table view (no map to wait for)', firstMapDrawn: false, view: 'table', liveness: 'loading', due: true },
    { desc: 'when Prometheus failed before any data (no map will come)', firstMapDrawn: false, view: 'map', liveness: 'failed', due: true },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      expect(dateFieldDue(c)).toBe(c.due);
    });
  }
});

describe('toLocalInput / fromLocalInput', () => {
  it('round-trips a unix time through the date field value', () => {
    for (const unix of [0, 1_764_000_000, 1_800_000_001]) expect(fromLocalInput(toLocalInput(unix))).toBe(unix);
  });
  it('refuses what is not a date field value', () => {
    for (const value of ['', '2026-11-25', '2026-11-25 08:40', 'yesterday']) expect(fromLocalInput(value)).toBeNull();
  });
});

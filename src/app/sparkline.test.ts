import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline.ts';

const g = { width: 100, height: 10, tStart: 0, tEnd: 100 };

describe('sparklinePath', () => {
  const cases = [
    { desc: 'a rising line from bottom left to top right', points: [{ t: 0, v: 0 }, { t: 50, v: 5 }, { t: 100, v: 10 }], geometry: g, expected: 'M0,10L50,5L100,0' },
    { desc: 'NaN breaks the line', points: [{ t: 0, v: 1 }, { t: 50, v: NaN }, { t: 100, v: 1 }], geometry: g, expected: 'M0,0M100,0' },
    { desc: 'a missing sample (gap in time) breaks the line', points: [{ t: 0, v: 1 }, { t: 10, v: 1 }, { t: 20, v: 1 }, { t: 60, v: 1 }, { t: 70, v: 1 }], geometry: g, expected: 'M0,0L10,0L20,0M60,0L70,0' },
    { desc: 'a shared y maximum scales both series alike', points: [{ t: 0, v: 1 }, { t: 100, v: 1 }], geometry: { ...g, yMax: 2 }, expected: 'M0,5L100,5' },
    { desc: 'all zero stays on the baseline', points: [{ t: 0, v: 0 }, { t: 100, v: 0 }], geometry: g, expected: 'M0,10L100,10' },
    { desc: 'no points, no path', points: [], geometry: g, expected: '' },
    { desc: 'an empty time span, no path', points: [{ t: 5, v: 1 }], geometry: { ...g, tEnd: 0 }, expected: '' },
  ];
  for (const c of cases) it(c.desc, () => expect(sparklinePath(c.points, c.geometry)).toBe(c.expected));
});

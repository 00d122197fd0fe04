// @vitest-environment jsdom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectInert, textOf } from '../__fixtures__/dom.ts';
import { HOSTILE } from '../__fixtures__/graph.ts';
import type { Liveness } from '../liveness.ts';
import { Banner } from './Banner.tsx';

afterEach(cleanup);

const LAST_GOOD = Date.UTC(2025, 0, 1, 12, 0, 0);
const AT = new Date(LAST_GOOD).toLocaleTimeString();

describe('Banner', () => {
  it.each([
    { desc: 'loading', liveness: { kind: 'loading' } as Liveness },
    { desc: 'live', liveness: { kind: 'live', ageMs: 1000 } as Liveness },
  ])('nothing while $desc', ({ liveness }) => {
    const { container } = render(<Banner liveness={liveness} lastGoodAt={LAST_GOOD} onBackToLive={vi.fn()} />);
    expect(container.innerHTML).toBe('');
  });

  const cases: { desc: string; liveness: Liveness; lastGoodAt: number; cls: string; has: string[]; hasNot: string[] }[] = [
    {
      desc: 'failed: no data at all',
      liveness: { kind: 'failed', message: 'Prometheus at http://p answered 503' },
      lastGoodAt: 0,
      cls: 'banner--danger',
      has: ['No data: Prometheus at http://p answered 503', 'Retrying every refresh.'],
      hasNot: ['STALE', 'last good graph'],
    },
    {
      desc: 'failing: the last refresh failed, the last good graph stays',
      liveness: { kind: 'failing', ageMs: 15_000, message: 'timeout' },
      lastGoodAt: LAST_GOOD,
      cls: 'banner--warning',
      has: ['Refresh failed: timeout', `Showing the last good graph from ${AT} (15 s ago)`, 'Retrying every refresh.'],
      hasNot: ['STALE', 'No new data'],
    },
    {
      desc: 'stale without an error (a hung request)',
      liveness: { kind: 'stale', ageMs: 95_000 },
      lastGoodAt: LAST_GOOD,
      cls: 'banner--danger',
      has: ['STALE', 'No new data.', `from ${AT} (1 min 35 s ago)`],
      hasNot: ['Refresh failed'],
    },
    {
      desc: 'stale with the error',
      liveness: { kind: 'stale', ageMs: 2 * 3_600_000, message: 'cannot reach Prometheus' },
      lastGoodAt: LAST_GOOD,
      cls: 'banner--danger',
      has: ['STALE', 'Refresh failed: cannot reach Prometheus', '(2 h 0 min ago)'],
      hasNot: ['No new data'],
    },
  ];
  it.each(cases)('$desc', ({ liveness, lastGoodAt, cls, has, hasNot }) => {
    const { container } = render(<Banner liveness={liveness} lastGoodAt={lastGoodAt} onBackToLive={vi.fn()} />);
    const banner = container.querySelector('[data-testid="banner"]');
    expect(banner?.getAttribute('role')).toBe('alert');
    expect(banner?.classList.contains(cls)).toBe(true);
    const text = textOf(container);
    for (const part of has) expect(text).toContain(part);
    for (const part of hasNot) expect(text).not.toContain(part);
  });

  it('pinned: a calm past-view notice with the moment and a way back to live', () => {
    const onBackToLive = vi.fn();
    const { container, getByRole } = render(<Banner liveness={{ kind: 'pinned', time: 1_790_000_000 }} lastGoodAt={LAST_GOOD} onBackToLive={onBackToLive} />);
    const banner = container.querySelector('[data-testid="banner"]');
    expect(banner?.getAttribute('role')).toBe('status');
    expect(banner?.classList.contains('banner--danger')).toBe(false);
    expect(textOf(container)).toContain('PAST VIEW');
    expect(textOf(container)).toContain('(2026-09-21T14:13:20Z); not refreshing.');
    expect(container.querySelector('time')?.getAttribute('datetime')).toBe('2026-09-21T14:13:20Z');
    expect(textOf(container)).not.toContain('STALE');
    fireEvent.click(getByRole('button', { name: 'Back to live' }));
    expect(onBackToLive).toHaveBeenCalledOnce();
  });

  it.each([
    { desc: 'failed', liveness: { kind: 'failed', message: HOSTILE.img } as Liveness },
    { desc: 'failing', liveness: { kind: 'failing', ageMs: 1, message: HOSTILE.script } as Liveness },
    { desc: 'stale', liveness: { kind: 'stale', ageMs: 1, message: HOSTILE.js } as Liveness },
  ])('an error message with markup is text ($desc)', ({ liveness }) => {
    const { container } = render(<Banner liveness={liveness} lastGoodAt={LAST_GOOD} onBackToLive={vi.fn()} />);
    expect(textOf(container)).toContain('message' in liveness ? liveness.message : '');
    expectInert(container);
  });
});

// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './ErrorBoundary.tsx';

let fail = true;
function Flaky() {
  if (fail) throw new Error('boom <img src=x onerror=alert(1)>');
  return <p>map</p>;
}

describe('ErrorBoundary', () => {
  afterEach(() => { vi.useRealTimers(); vi.restoreAllMocks(); });

  it('shows what failed instead of a blank page, and recovers by itself', () => {
    vi.useFakeTimers();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fail = true;
    const { container } = render(<ErrorBoundary retryMs={1000}><Flaky /></ErrorBoundary>);
    expect(screen.getByTestId('crash').textContent).toContain('boom <img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
    fail = false;
    act(() => { vi.advanceTimersByTime(1000); });
    expect(screen.getByText('map')).toBeTruthy();
  });
});

// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { smallGraph } from '../app/__fixtures__/graph.ts';
import type { MapHit, MapRenderer } from './renderer.ts';
import { toVizceralTraffic } from './traffic.ts';
import type { VizNode } from './traffic.ts';
import { FIRST_FRAME_MARK, LAYOUT_WAIT_MS, TrafficMap } from './TrafficMap.tsx';
import { fakeIntersection, placeAt, setVisibility } from './__fixtures__/shownSignals.ts';

afterEach(cleanup);

/** A renderer that records its calls; `drawn()` plays Vizceral's viewUpdated. */
function fakeRenderer() {
  const calls: string[] = [];
  let updated: (() => void) | undefined;
  const renderer: MapRenderer = {
    updateData: vi.fn(() => { calls.push('updateData'); }),
    setView: vi.fn((view: readonly string[], highlight?: MapHit) => {
      const h = highlight ? (highlight.type === 'node' ? highlight.name : `${highlight.source}->${highlight.target}`) : '';
      calls.push(`setView ${view.join('/')}${h ? ` ${h}` : ''}`);
    }),
    onClick: () => {},
    onUpdated: (h) => { updated = h; },
    onViewChanged: () => {},
    render: vi.fn(() => { calls.push('render'); }),
    nodePosition: () => null,
    dispose: vi.fn(() => { calls.push('dispose'); }),
  };
  return { renderer, calls, drawn: () => act(() => updated?.()), factory: vi.fn(() => Promise.resolve(renderer)) };
}

const traffic = (updated: number, focus?: string): VizNode => toVizceralTraffic(smallGraph(), {
  errorClasses: ['5xx', 'none'], updated, ...(focus ? { focus: { datacenter: 'eu', service: focus } } : {}),
});
const mapOf = (container: HTMLElement): HTMLElement => container.querySelector('[data-testid="map"]') as HTMLElement;

/** Runs `body` with setTimeout and clearTimeout faked (the LAYOUT_WAIT_MS timer), the real ones after. */
async function withFakeTimeouts(body: () => Promise<void>): Promise<void> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    await body();
  } finally {
    vi.useRealTimers();
  }
}

/** The animation frames requested and not cancelled, oldest first. */
let frames: FrameRequestCallback[] = [];
beforeEach(() => {
  frames = [];
  const requested = new Map<number, FrameRequestCallback>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => { frames.push(cb); requested.set(next, cb); return next++; });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => {
    const cb = requested.get(id);
    requested.delete(id);
    if (cb && frames.includes(cb)) frames.splice(frames.indexOf(cb), 1);
  });
  return () => { vi.unstubAllGlobals(); };
});

describe('TrafficMap', () => {
  it('creates the renderer before the first data, and neither feeds nor draws it until the data comes', async () => {
    const fake = fakeRenderer();
    const { container } = render(<TrafficMap traffic={undefined} view={['eu']} onClick={() => {}} createRenderer={fake.factory} />);
    await act(async () => {});
    expect(fake.factory).toHaveBeenCalledTimes(1);
    expect(fake.calls).toEqual([]);
    expect(frames).toHaveLength(0);
    expect(mapOf(container).getAttribute('data-map-ready')).toBe('false');
  });

  it('is ready ("drawn with data") only after the renderer laid out a view with data', async () => {
    const fake = fakeRenderer();
    const onFirstMap = vi.fn();
    const props = { view: ['eu'], onClick: () => {}, createRenderer: fake.factory, onFirstMap };
    const { container, rerender } = render(<TrafficMap traffic={undefined} {...props} />);
    await act(async () => {});
    rerender(<TrafficMap traffic={traffic(1)} {...props} />);
    expect(fake.calls).toEqual(['updateData', 'setView eu']);
    expect(frames, 'no frame before the layout').toHaveLength(0);
    expect(mapOf(container).getAttribute('data-map-ready')).toBe('false');
    expect(onFirstMap).not.toHaveBeenCalled();
    fake.drawn();
    expect(frames, 'drawing starts with the first laid-out view').toHaveLength(1);
    expect(mapOf(container).getAttribute('data-map-ready')).toBe('true');
    expect(mapOf(container).getAttribute('data-map-updates')).toBe('1');
    expect(onFirstMap).toHaveBeenCalledTimes(1);
  });

  describe('the first laid-out view', () => {
    const marks = () => performance.getEntriesByName(FIRST_FRAME_MARK).length;
    afterEach(() => { performance.clearMarks(FIRST_FRAME_MARK); setVisibility('visible'); });

    it('is drawn at once when the map is shown (not an animation frame later), and marked once', async () => {
      const fake = fakeRenderer();
      const { container } = render(<TrafficMap traffic={traffic(1)} view={['eu']} onClick={() => {}} createRenderer={fake.factory} />);
      placeAt(mapOf(container), { left: 0, top: 60, width: 800, height: 600 });
      await act(async () => {});
      expect(fake.calls).toEqual(['updateData', 'setView eu']);
      const canvas = mapOf(container).querySelector('canvas') as HTMLCanvasElement;
      expect(canvas.style.visibility, 'the canvas is hidden until its first frame').toBe('hidden');
      fake.drawn();
      expect(fake.calls, 'drawn in the task that laid it out').toEqual(['updateData', 'setView eu', 'render']);
      expect(canvas.style.visibility).toBe('');
      expect(marks()).toBe(1);
      frames.shift()?.(16);
      fake.drawn();
      frames.shift()?.(32);
      expect(fake.calls.filter((c) => c === 'render'), 'then once per animation frame, a later layout not drawn at once').toHaveLength(3);
      expect(marks(), 'one mark per map').toBe(1);
    });

    const notShown: { desc: string; hide: (map: HTMLElement) => void }[] = [
      { desc: 'out of the viewport', hide: (map) => placeAt(map, { left: 0, top: 900, width: 800, height: 600 }) },
      { desc: 'in a hidden tab', hide: (map) => { placeAt(map, { left: 0, top: 60, width: 800, height: 600 }); setVisibility('hidden'); } },
    ];
    for (const c of notShown) {
      it(`is not drawn at once ${c.desc}: the first frame drawn when shown is marked`, async () => {
        const intersection = fakeIntersection();
        const fake = fakeRenderer();
        const { container } = render(<TrafficMap traffic={traffic(1)} view={['eu']} onClick={() => {}} createRenderer={fake.factory} />);
        c.hide(mapOf(container));
        await act(async () => {});
        fake.drawn();
        expect(fake.calls).toEqual(['updateData', 'setView eu']);
        expect(marks()).toBe(0);
        setVisibility('visible');
        intersection.report(true);
        frames.shift()?.(16);
        expect(fake.calls.filter((call) => call === 'render').length).toBeGreaterThan(0);
        expect(marks()).toBe(1);
      });
    }

    it('a frame drawn before any layout (LAYOUT_WAIT_MS overdue) is not marked; the first laid-out one is', () => withFakeTimeouts(async () => {
      const fake = fakeRenderer();
      render(<TrafficMap traffic={traffic(1)} view={['eu']} onClick={() => {}} createRenderer={fake.factory} />);
      await act(async () => {});
      act(() => { vi.advanceTimersByTime(LAYOUT_WAIT_MS); });
      frames.shift()?.(16);
      expect(fake.calls.at(-1)).toBe('render');
      expect(marks()).toBe(0);
      fake.drawn();
      frames.shift()?.(32);
      expect(marks()).toBe(1);
    }));
  });

  it('skips updateData when a refresh changes nothing the map shows, not when it does', async () => {
    const fake = fakeRenderer();
    const props = { view: ['eu'], onClick: () => {}, createRenderer: fake.factory };
    const { rerender } = render(<TrafficMap traffic={traffic(1)} {...props} />);
    await act(async () => {});
    expect(fake.calls).toEqual(['updateData', 'setView eu']);
    rerender(<TrafficMap traffic={traffic(2)} {...props} />);
    rerender(<TrafficMap traffic={traffic(3)} {...props} />);
    expect(fake.calls).toEqual(['updateData', 'setView eu']);
    rerender(<TrafficMap traffic={traffic(4, 'api')} {...props} />);
    expect(fake.calls).toEqual(['updateData', 'setView eu', 'updateData', 'setView eu']);
  });

  it('a view or highlight change sets the view, without handing the data again', async () => {
    const fake = fakeRenderer();
    const props = { traffic: traffic(1), onClick: () => {}, createRenderer: fake.factory };
    const { rerender } = render(<TrafficMap view={['eu']} {...props} />);
    await act(async () => {});
    rerender(<TrafficMap view={['eu', 'api']} {...props} />);
    rerender(<TrafficMap view={['eu', 'api']} {...props} />);
    rerender(<TrafficMap view={['eu', 'api']} highlight={{ type: 'connection', source: 'web', target: 'api' }} {...props} />);
    rerender(<TrafficMap view={['eu', 'api']} highlight={{ type: 'connection', source: 'web', target: 'api' }} {...props} />);
    expect(fake.calls).toEqual(['updateData', 'setView eu', 'setView eu/api', 'setView eu/api web->api']);
  });

  it('draws anyway when no layout comes within LAYOUT_WAIT_MS of the data', () => withFakeTimeouts(async () => {
    const fake = fakeRenderer();
    render(<TrafficMap traffic={traffic(1)} view={['eu']} onClick={() => {}} createRenderer={fake.factory} />);
    await act(async () => {});
    expect(fake.calls).toEqual(['updateData', 'setView eu']);
    act(() => { vi.advanceTimersByTime(LAYOUT_WAIT_MS - 1); });
    expect(frames).toHaveLength(0);
    act(() => { vi.advanceTimersByTime(1); });
    expect(frames).toHaveLength(1);
  }));

  it('draws one frame per animation frame once laid out, and nothing after unmount', async () => {
    const fake = fakeRenderer();
    const { unmount } = render(<TrafficMap traffic={traffic(1)} view={['eu']} onClick={() => {}} createRenderer={fake.factory} />);
    await act(async () => {});
    fake.drawn();
    frames.shift()?.(16);
    frames.shift()?.(32);
    expect(fake.calls.filter((c) => c === 'render')).toHaveLength(2);
    unmount();
    expect(fake.calls.at(-1)).toBe('dispose');
  });

  it('draws nothing while the map is out of the viewport or the tab is hidden, and draws at once when shown again', async () => {
    const intersection = fakeIntersection();
    const fake = fakeRenderer();
    const { container } = render(<TrafficMap traffic={traffic(1)} view={['eu']} onClick={() => {}} createRenderer={fake.factory} />);
    await act(async () => {});
    fake.drawn();
    expect(intersection.observed()).toEqual([mapOf(container)]);
    const renders = () => fake.calls.filter((c) => c === 'render').length;
    frames.shift()?.(16);
    expect(renders()).toBe(1);

    intersection.report(false);
    expect(frames, 'the frame requested is cancelled, no other requested while offscreen').toHaveLength(0);
    expect(renders(), 'nothing drawn while offscreen').toBe(1);
    intersection.report(true);
    expect(renders(), 'one frame at once when back in the viewport').toBe(2);
    frames.shift()?.(48);
    expect(renders()).toBe(3);

    setVisibility('hidden');
    try {
      expect(frames, 'no frame requested while the tab is hidden').toHaveLength(0);
      expect(renders()).toBe(3);
    } finally {
      setVisibility('visible');
    }
    expect(renders(), 'one frame at once when the tab is shown').toBe(4);
    frames.shift()?.(64);
    expect(renders()).toBe(5);
  });

  it('reports a renderer that cannot be created (work waiting for the first map goes ahead)', async () => {
    const onFirstMap = vi.fn();
    const { container } = render(<TrafficMap traffic={undefined} view={[]} onClick={() => {}} createRenderer={() => Promise.reject(new Error('no WebGL'))} onFirstMap={onFirstMap} />);
    await act(async () => {});
    expect(container.textContent).toContain('The map cannot be drawn here (no WebGL)');
    expect(onFirstMap).toHaveBeenCalledTimes(1);
  });

  it('when the renderer throws on new data, the map keeps the last good graph and says so; good data clears it', async () => {
    const fake = fakeRenderer();
    const bad = traffic(2, 'api');
    (fake.renderer.updateData as ReturnType<typeof vi.fn>).mockImplementation((t: VizNode) => {
      fake.calls.push(t === bad ? 'updateData bad' : 'updateData');
      if (t === bad) throw new TypeError('n.updatePosition is not a function');
    });
    const props = { view: ['eu'], onClick: () => {}, createRenderer: fake.factory };
    const { container, rerender } = render(<TrafficMap traffic={traffic(1)} {...props} />);
    await act(async () => {});
    rerender(<TrafficMap traffic={bad} {...props} />);
    expect(fake.calls).toEqual(['updateData', 'setView eu', 'updateData bad', 'updateData', 'setView eu']);
    expect(container.querySelector('[data-testid="map-failure"]')?.textContent).toContain('n.updatePosition is not a function');
    expect(mapOf(container)).not.toBeNull();
    // The same failing data is not handed again; other data is, and clears the message.
    rerender(<TrafficMap traffic={bad} {...props} />);
    expect(fake.calls).toHaveLength(5);
    rerender(<TrafficMap traffic={traffic(3)} {...props} />);
    expect(fake.calls.slice(5)).toEqual(['updateData', 'setView eu']);
    expect(container.querySelector('[data-testid="map-failure"]')).toBeNull();
  });

  it('a frame that throws shows the message instead of breaking the page', async () => {
    const fake = fakeRenderer();
    (fake.renderer.render as ReturnType<typeof vi.fn>).mockImplementation(() => { throw new Error('boom'); });
    const { container } = render(<TrafficMap traffic={traffic(1)} view={['eu']} onClick={() => {}} createRenderer={fake.factory} />);
    await act(async () => {});
    setVisibility('visible');
    fake.drawn();
    await act(async () => { frames.splice(0).forEach((f) => f(16)); });
    expect(container.querySelector('[data-testid="map-failure"]')?.textContent).toContain('boom');
  });
});

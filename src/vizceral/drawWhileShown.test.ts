// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { drawWhileShown, isShown } from './drawWhileShown.ts';
import { fakeIntersection, placeAt, setVisibility } from './__fixtures__/shownSignals.ts';

let frames: Map<number, FrameRequestCallback>;
let nextId: number;
/** Runs the callbacks requested for the next animation frame, as the browser does. */
const tick = (time: number) => {
  const due = [...frames.values()];
  frames.clear();
  due.forEach((cb) => cb(time));
};
let intersection: ReturnType<typeof fakeIntersection>;
beforeEach(() => {
  frames = new Map();
  nextId = 1;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => { frames.set(nextId, cb); return nextId++; });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => { frames.delete(id); });
  intersection = fakeIntersection();
});
afterEach(() => {
  setVisibility('visible');
  vi.unstubAllGlobals();
});

describe('drawWhileShown', () => {
  const cases: { desc: string; hide: () => void; show: () => void }[] = [
    { desc: 'scrolled out of the viewport', hide: () => intersection.report(false), show: () => intersection.report(true) },
    { desc: 'the tab hidden', hide: () => setVisibility('hidden'), show: () => setVisibility('visible') },
  ];
  it.each(cases)('$desc: no draw and no frame requested meanwhile; one draw at once on return, then one per frame', ({ hide, show }) => {
    const draw = vi.fn();
    const element = document.createElement('div');
    const stop = drawWhileShown(element, draw);
    expect(intersection.observed()).toEqual([element]);
    expect(draw).not.toHaveBeenCalled();
    tick(16);
    tick(32);
    expect(draw.mock.calls).toEqual([[16], [32]]);

    hide();
    expect(frames.size, 'no frame requested while not shown').toBe(0);
    tick(48);
    expect(draw).toHaveBeenCalledTimes(2);

    show();
    expect(draw, 'one frame at once').toHaveBeenCalledTimes(3);
    tick(64);
    tick(80);
    expect(draw.mock.calls.slice(3)).toEqual([[64], [80]]);
    stop();
    expect(frames.size).toBe(0);
    expect(intersection.observed()).toEqual([]);
  });

  it('stays stopped until both are true again: back in the viewport but the tab still hidden', () => {
    const draw = vi.fn();
    drawWhileShown(document.createElement('div'), draw);
    intersection.report(false);
    setVisibility('hidden');
    intersection.report(true);
    expect(frames.size).toBe(0);
    setVisibility('visible');
    expect(draw).toHaveBeenCalledTimes(1);
    expect(frames.size).toBe(1);
  });

  it('the observer\'s first report (intersecting) neither draws at once nor doubles the loop', () => {
    const draw = vi.fn();
    drawWhileShown(document.createElement('div'), draw);
    intersection.report(true);
    expect(draw).not.toHaveBeenCalled();
    expect(frames.size).toBe(1);
  });

  it('starts hidden: nothing until the tab is shown', () => {
    setVisibility('hidden');
    const draw = vi.fn();
    drawWhileShown(document.createElement('div'), draw);
    expect(frames.size).toBe(0);
    setVisibility('visible');
    expect(draw).toHaveBeenCalledTimes(1);
  });

  it('without IntersectionObserver the element counts as in the viewport', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const draw = vi.fn();
    drawWhileShown(document.createElement('div'), draw);
    tick(16);
    expect(draw).toHaveBeenCalledTimes(1);
  });
});

describe('isShown (a frame that cannot wait for the IntersectionObserver)', () => {
  // jsdom's window is 1024 x 768.
  const cases: { desc: string; box: { left: number; top: number; width: number; height: number }; visibility: DocumentVisibilityState; shown: boolean }[] = [
    { desc: 'in the viewport', box: { left: 0, top: 60, width: 800, height: 600 }, visibility: 'visible', shown: true },
    { desc: 'partly in the viewport (scrolled half away)', box: { left: 0, top: -300, width: 800, height: 600 }, visibility: 'visible', shown: true },
    { desc: 'below the viewport', box: { left: 0, top: 800, width: 800, height: 600 }, visibility: 'visible', shown: false },
    { desc: 'above the viewport', box: { left: 0, top: -700, width: 800, height: 600 }, visibility: 'visible', shown: false },
    { desc: 'right of the viewport', box: { left: 1100, top: 0, width: 800, height: 600 }, visibility: 'visible', shown: false },
    { desc: 'no box (display: none)', box: { left: 0, top: 0, width: 0, height: 0 }, visibility: 'visible', shown: false },
    { desc: 'in the viewport of a hidden tab', box: { left: 0, top: 60, width: 800, height: 600 }, visibility: 'hidden', shown: false },
  ];
  for (const c of cases) {
    it(c.desc, () => {
      const element = document.createElement('div');
      placeAt(element, c.box);
      setVisibility(c.visibility);
      expect(isShown(element)).toBe(c.shown);
    });
  }
});

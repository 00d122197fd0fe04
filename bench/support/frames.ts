/**
 * Frame rates read from a page that keeps `window.__frames`, `window.__draws` (WebGL draw calls)
 * and `window.__frameTimes` (the render benchmark's counters), and the map-offscreen state.
 */
import type { Page } from '@playwright/test';

export interface Rate { frames: number; draws: number; seconds: number; fps: number }
export type Evaluate = <T>(expression: string) => Promise<T>;
const READ = `(() => { const t = performance.now(); return { frames: window.__frames, draws: window.__draws, t, times: window.__frameTimes.splice(0) }; })()`;

/**
 * Frames and draw calls over `seconds`; `fps` from the frames' own times (frames between the
 * first and the last one of the window, over that time), 0 when fewer than 2 frames.
 */
export async function rate(evaluate: Evaluate, seconds: number): Promise<Rate> {
  type Reading = { frames: number; draws: number; t: number; times: number[] };
  const a = await evaluate<Reading>(READ);
  await new Promise((ok) => setTimeout(ok, seconds * 1000));
  const b = await evaluate<Reading>(READ);
  const times = b.times.filter((t) => t > a.t && t <= b.t);
  const span = times.length >= 2 ? ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000 : 0;
  return { frames: b.frames - a.frames, draws: b.draws - a.draws, seconds: (b.t - a.t) / 1000, fps: span > 0 ? (times.length - 1) / span : 0 };
}
export const onPage = (page: Page): Evaluate => <T>(expression: string) => page.evaluate(expression) as Promise<T>;
export const perSecond = (r: Rate) => ({ frames: r.frames / r.seconds, draws: r.draws / r.seconds });

/** A not-visible state: its rate, what the page said about it, and the frames drawn once shown again. */
export interface Quiet { rate: Rate; state: string; resumed: number }

/**
 * The map scrolled out of the viewport as a user would: the page made taller than the window
 * (a spacer under the app) and scrolled to its end. `state` is what an IntersectionObserver of
 * the benchmark's own says about the map.
 */
export async function offscreen(page: Page, seconds: number): Promise<Quiet> {
  const intersecting = () => page.evaluate(() => new Promise<string>((ok) => {
    const map = document.querySelector('[data-testid="map"]');
    if (!map) { ok('no map'); return; }
    const io = new IntersectionObserver((entries) => { io.disconnect(); ok(entries.at(-1)?.isIntersecting ? 'intersecting' : 'not intersecting'); });
    io.observe(map);
  }));
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.id = 'bench-spacer';
    spacer.style.height = '200vh';
    document.body.appendChild(spacer);
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
  await page.waitForTimeout(500);
  const state = `map ${await intersecting()}, scrollY ${await page.evaluate(() => window.scrollY)}`;
  const quiet = await rate(onPage(page), seconds);
  await page.evaluate(() => { window.scrollTo(0, 0); document.getElementById('bench-spacer')?.remove(); });
  const back = await rate(onPage(page), 2);
  return { rate: quiet, state: `${state}; back: map ${await intersecting()}`, resumed: back.frames };
}

/** Quartiles by linear interpolation. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return (sorted[lo] ?? NaN) + ((sorted[Math.ceil(at)] ?? NaN) - (sorted[lo] ?? NaN)) * (at - lo);
}

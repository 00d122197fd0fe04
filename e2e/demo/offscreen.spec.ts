import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { openMap } from '../support/demoPage.ts';

/** The map's renderer, with its render calls counted (the map's draw loop calls it once per frame). */
async function countRenders(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { __trafficMapRenderer: { render(t: number): void }; __renders: number };
    const renderer = w.__trafficMapRenderer;
    const render = renderer.render.bind(renderer);
    w.__renders = 0;
    renderer.render = (t) => { w.__renders++; render(t); };
  });
  return () => page.evaluate(() => (window as unknown as { __renders: number }).__renders);
}

/** Whether the map element intersects the viewport, as an IntersectionObserver of the test's own reports it. */
const mapIntersects = (page: Page) => page.evaluate(() => new Promise<boolean>((ok) => {
  const io = new IntersectionObserver((entries) => { io.disconnect(); ok(entries.at(-1)?.isIntersecting ?? false); });
  io.observe(document.querySelector('[data-testid="map"]') as Element);
}));

/** Lets the page run `n` animation frames of its own. */
const animationFrames = (page: Page, n: number) => page.evaluate((count) => new Promise<void>((ok) => {
  let left = count;
  const tick = () => { if (--left <= 0) ok(); else requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
}), n);

test('the map draws nothing while scrolled out of the viewport, and draws again when scrolled back', async ({ page }) => {
  await openMap(page, '?dc=eu-west');
  const renders = await countRenders(page);
  await expect.poll(renders, { message: 'drawing while shown' }).toBeGreaterThan(2);

  // A page taller than the window (the app embedded above other content), scrolled to its end.
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.id = 'spacer';
    spacer.style.height = '200vh';
    document.body.appendChild(spacer);
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
  expect(await mapIntersects(page)).toBe(false);
  await animationFrames(page, 2);
  const before = await renders();
  await animationFrames(page, 30);
  expect(await renders(), 'no render in 30 animation frames of the page').toBe(before);

  await page.evaluate(() => window.scrollTo(0, 0));
  expect(await mapIntersects(page)).toBe(true);
  await expect.poll(renders, { message: 'drawing again once back in the viewport' }).toBeGreaterThan(before + 2);
});

import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export function demoUrl(path = ''): string {
  const base = process.env.TM_DEMO_URL;
  if (!base) throw new Error('TM_DEMO_URL is not set: the global setup serves the demo build');
  return `${base}/${path}`;
}

/** Opens the demo and waits until the renderer drew the view with data (an event, not a frame count). */
export async function openMap(page: Page, query = ''): Promise<void> {
  await page.addInitScript(() => window.localStorage.setItem('traffic-map.demo.scenario', 'calm'));
  await page.goto(demoUrl(query));
  await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
  await expect(page.getByTestId('map')).not.toHaveAttribute('data-map-updates', '0');
}

/** Share of canvas pixels that differ from the background: drawn right after a forced render. */
export async function drawnShare(page: Page): Promise<number> {
  return page.evaluate(() => {
    const w = window as unknown as { __trafficMapRenderer?: { render(t: number): void } };
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas');
    if (!canvas || !w.__trafficMapRenderer) return 0;
    w.__trafficMapRenderer.render(performance.now());
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const ctx = copy.getContext('2d');
    if (!ctx || copy.width === 0 || copy.height === 0) return 0;
    ctx.drawImage(canvas, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    let differing = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - r0!) + Math.abs(data[i + 1]! - g0!) + Math.abs(data[i + 2]! - b0!) > 30) differing++;
    }
    return differing / (data.length / 4);
  });
}

/** Screen position of a node of the current view, once the zoom animation has settled. */
export async function nodePoint(page: Page, name: string): Promise<{ x: number; y: number }> {
  const read = () => page.evaluate((n) => {
    const w = window as unknown as { __trafficMapRenderer?: { nodePosition(name: string): { x: number; y: number } | null } };
    return w.__trafficMapRenderer?.nodePosition(n) ?? null;
  }, name);
  let last: { x: number; y: number } | null = null;
  await expect.poll(async () => {
    const p = await read();
    const settled = p !== null && last !== null && Math.abs(p.x - last.x) < 1 && Math.abs(p.y - last.y) < 1;
    last = p;
    return settled;
  }, { intervals: [300] }).toBe(true);
  const box = await page.getByTestId('map').boundingBox();
  if (!box || !last) throw new Error(`node ${name} not found on the map`);
  const point = last as { x: number; y: number };
  return { x: box.x + point.x, y: box.y + point.y };
}

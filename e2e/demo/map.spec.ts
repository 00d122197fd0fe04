import { expect, test } from '@playwright/test';
import { FIRST_FRAME_MARK } from '../../src/vizceral/firstFrameMark.ts';
import { isSoftwareRenderer } from '../../src/vizceral/firstFrameWarmUp.ts';
import { drawnShare, nodePoint, openMap } from '../support/demoPage.ts';

test('the global map is drawn, not blank', async ({ page }) => {
  await openMap(page);
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', '');
  await expect.poll(() => drawnShare(page)).toBeGreaterThan(0.01);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
});

test('dc and service in the URL open the focus view of that service', async ({ page }) => {
  await openMap(page, '?dc=eu-west&service=checkout');
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', 'eu-west/checkout');
  await expect(page.getByRole('navigation', { name: 'Breadcrumbs' })).toContainText('checkout');
  await expect(page.getByTestId('details')).toContainText('checkout');
  await expect.poll(() => drawnShare(page)).toBeGreaterThan(0.01);
});

test('clicking through the map: datacenter, then service, then back', async ({ page }) => {
  await openMap(page);
  const dc = await nodePoint(page, 'eu-west');
  await page.mouse.click(dc.x, dc.y);
  await expect(page).toHaveURL(/[?&]dc=eu-west/);
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', 'eu-west');

  const service = await nodePoint(page, 'checkout');
  await page.mouse.click(service.x, service.y);
  await expect(page).toHaveURL(/[?&]service=checkout/);
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', 'eu-west/checkout');
  await expect(page.getByTestId('details')).toContainText('checkout');

  await page.goBack();
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', 'eu-west');
  await page.getByRole('button', { name: 'Global' }).click();
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', '');
  expect(new URL(page.url()).search).toBe('');
});

test('a refresh updates the map in place: same view, no new renderer', async ({ page }) => {
  await openMap(page, '?dc=eu-west');
  const map = page.getByTestId('map');
  const canvas = await map.locator('canvas').elementHandle();
  const before = Number(await map.getAttribute('data-map-updates'));
  // The demo refreshes every scrape interval (5 s): wait for two more renderer updates.
  await expect.poll(async () => Number(await map.getAttribute('data-map-updates')), { timeout: 30_000 }).toBeGreaterThan(before + 1);
  await expect(map).toHaveAttribute('data-renderer-view', 'eu-west');
  expect(await canvas?.evaluate((c) => c.isConnected)).toBe(true);
});

test('the map is mounted before the data, and data-map-ready means drawn with data', async ({ page }) => {
  // Every state of the map element the page went through, from the first one.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __mapStates: string[] }).__mapStates = seen;
    new MutationObserver(() => {
      const map = document.querySelector('[data-testid="map"]');
      const state = map ? `${map.getAttribute('data-map-ready')}/${map.getAttribute('data-map-updates')}/${map.querySelector('canvas') ? 'canvas' : '-'}` : 'none';
      if (seen.at(-1) !== state) seen.push(state);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await openMap(page, '?dc=eu-west');
  const states = await page.evaluate(() => (window as unknown as { __mapStates: string[] }).__mapStates);
  // Mounted (its canvas there, the renderer being created) while the first answers were read...
  expect(states).toContain('false/0/canvas');
  // ...and never "ready" before a laid-out view with data.
  expect(states.filter((s) => s.startsWith('true/0'))).toEqual([]);
  await expect.poll(() => drawnShare(page)).toBeGreaterThan(0.01);
});

test('the canvas stays hidden until its first frame, drawn (and marked) as soon as the view is laid out; the date field comes after', async ({ page }) => {
  // The canvas's visibility at each change, and when the map first said "ready".
  await page.addInitScript(() => {
    const w = window as unknown as { __canvasStates: string[]; __readyAt?: number; __dateFieldTypes: string[] };
    w.__canvasStates = [];
    w.__dateFieldTypes = [];
    new MutationObserver(() => {
      const map = document.querySelector('[data-testid="map"]');
      const canvas = map?.querySelector('canvas');
      const state = canvas ? (canvas.style.visibility || 'visible') : 'none';
      if (state !== 'none' && w.__canvasStates.at(-1) !== state) w.__canvasStates.push(state);
      if (w.__readyAt === undefined && map?.getAttribute('data-map-ready') === 'true') w.__readyAt = performance.now();
      const field = document.querySelector<HTMLInputElement>('input[aria-label="Go to time"]');
      if (field && w.__dateFieldTypes.at(-1) !== field.type) w.__dateFieldTypes.push(field.type);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'data-map-ready', 'type'] });
  });
  await openMap(page, '?dc=eu-west&service=checkout');
  const seen = await page.evaluate((mark) => {
    const w = window as unknown as { __canvasStates: string[]; __readyAt?: number; __dateFieldTypes: string[] };
    return { states: w.__canvasStates, readyAt: w.__readyAt, dateFieldTypes: w.__dateFieldTypes, marks: performance.getEntriesByName(mark).map((m) => m.startTime) };
  }, FIRST_FRAME_MARK);
  expect(seen.states).toEqual(['hidden', 'visible']);
  expect(seen.marks).toHaveLength(1);
  expect(seen.readyAt).toBeDefined();
  expect(seen.marks[0], 'the first frame is drawn before the page reports the map ready').toBeLessThanOrEqual(seen.readyAt ?? 0);
  await expect.poll(() => drawnShare(page)).toBeGreaterThan(0.01);
  // The toolbar's date field (costly to create) comes after the first map; a stand-in before.
  await expect(page.getByLabel('Go to time')).toHaveAttribute('type', 'datetime-local');
  expect(await page.evaluate(() => (window as unknown as { __dateFieldTypes: string[] }).__dateFieldTypes)).toEqual(['text', 'datetime-local']);
});

test('every layout runs on the page\'s thread (our positions through Vizceral\'s ring layout): no layout worker, at the first view or after', async ({ page }) => {
  // Every Blob URL the page makes: whether a worker was started from it, and whether it was revoked.
  await page.addInitScript(() => {
    type Blob = { url: string; at: number; worker: boolean; revoked: boolean };
    const w = window as unknown as { __blobs: Blob[] };
    w.__blobs = [];
    const create = URL.createObjectURL.bind(URL);
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.createObjectURL = (object) => {
      const url = create(object);
      w.__blobs.push({ url, at: performance.now(), worker: false, revoked: false });
      return url;
    };
    URL.revokeObjectURL = (url) => {
      const blob = w.__blobs.find((b) => b.url === url);
      if (blob) blob.revoked = true;
      revoke(url);
    };
    const Original = window.Worker;
    window.Worker = function (url: string | URL, options?: WorkerOptions) {
      const blob = w.__blobs.find((b) => b.url === String(url));
      if (blob) blob.worker = true;
      return new Original(url, options);
    } as unknown as typeof Worker;
  });
  const blobs = () => page.evaluate(() => (window as unknown as { __blobs: { url: string; at: number; worker: boolean; revoked: boolean }[] }).__blobs);
  await openMap(page, '?dc=eu-west&service=checkout');
  const stats = () => page.evaluate(() => (window as unknown as { __trafficMapRenderer: { stats(): { workers: number } } }).__trafficMapRenderer.stats());
  // A new shape (the datacenter's view) is laid out on the page too (src/vizceral/layout.ts).
  const updates = Number(await page.getByTestId('map').getAttribute('data-map-updates'));
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('button', { name: 'eu-west' }).click();
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', 'eu-west');
  await expect.poll(async () => Number(await page.getByTestId('map').getAttribute('data-map-updates'))).toBeGreaterThan(updates);
  await expect.poll(() => drawnShare(page)).toBeGreaterThan(0.01);
  expect((await blobs()).filter((b) => b.worker)).toHaveLength(0);
  expect((await stats()).workers).toBe(0);
});

test('the map is multisampled unless WebGL runs on a software rasterizer (SwiftShader here)', async ({ page }) => {
  await openMap(page, '?dc=eu-west');
  const seen = await page.evaluate(() => {
    const probe = document.createElement('canvas').getContext('webgl');
    const debug = probe?.getExtension('WEBGL_debug_renderer_info');
    const name = probe && debug ? String(probe.getParameter(debug.UNMASKED_RENDERER_WEBGL)) : '';
    // The map canvas's context, as made: getContext returns the existing one.
    const map = document.querySelector<HTMLCanvasElement>('[data-testid="map"] canvas')?.getContext('webgl');
    const stats = (window as unknown as { __trafficMapRenderer: { stats(): { antialias: boolean } } }).__trafficMapRenderer.stats();
    return { name, antialias: map?.getContextAttributes()?.antialias, reported: stats.antialias };
  });
  const software = isSoftwareRenderer(seen.name);
  expect(seen.name).not.toBe('');
  expect(seen.antialias).toBe(!software);
  expect(seen.reported).toBe(!software);
  await expect.poll(() => drawnShare(page)).toBeGreaterThan(0.01);
});

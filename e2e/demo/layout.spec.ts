import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startStaticServer } from '../support/staticServer.ts';
import { edgesThroughNodes, overlaps } from '../../src/vizceral/layoutOverlaps.ts';
import type { DrawnView } from '../../src/vizceral/layoutOverlaps.ts';

/*
 * No node or label over another, read from the renderer (where Vizceral draws each node's circle
 * and label, projected to the screen: the renderer's layoutBoxes() hook), for the `large` demo
 * scenario (400 services a datacenter) with maxNodesPerView 60, on a 1366×768 laptop.
 */

let server: { url: string; close: () => Promise<void> };

test.beforeAll(async () => {
  const config = { ...(JSON.parse(readFileSync('dist-demo/config.json', 'utf8')) as object), maxNodesPerView: 60 };
  server = await startStaticServer({
    root: 'dist-demo',
    mounts: ['/flat/'],
    overrides: { '/config.json': JSON.stringify(config), '/flat/config.json': JSON.stringify({ ...config, groupBy: 'off' }) },
  });
});
test.afterAll(async () => { await server?.close(); });

test.use({ viewport: { width: 1366, height: 768 } });

async function openLarge(page: Page, path: string): Promise<void> {
  await page.addInitScript(() => window.localStorage.setItem('traffic-map.demo.scenario', 'large'));
  await page.goto(`${server.url}${path}`);
  await expect(page.getByTestId('map')).not.toHaveAttribute('data-map-updates', '0', { timeout: 30_000 });
}

/** What is drawn where, once two reads a moment apart agree (the zoom into the view has ended). */
async function settledView(page: Page): Promise<DrawnView> {
  const read = () => page.evaluate(() => (window as unknown as { __trafficMapRenderer: { layoutBoxes(): unknown } }).__trafficMapRenderer.layoutBoxes()) as Promise<DrawnView>;
  let last: DrawnView | null = null;
  await expect.poll(async () => {
    const now = await read();
    const same = last !== null && now.nodes.length > 0 && now.nodes.length === last.nodes.length
      && now.nodes.every((n, i) => Math.abs(n.x - last!.nodes[i]!.x) < 0.5 && Math.abs(n.y - last!.nodes[i]!.y) < 0.5);
    last = now;
    return same;
  }, { intervals: [500], timeout: 30_000 }).toBe(true);
  return last!;
}

test('a 60-node datacenter view: every node and label clear of the others, on screen', async ({ page }) => {
  await openLarge(page, '/flat/?dc=eu-west');
  const view = await settledView(page);
  expect(view.nodes).toHaveLength(60);
  expect(view.nodes.filter((n) => n.label)).toHaveLength(60);
  expect(overlaps(view)).toEqual([]);
});

test('a group view: every node and label clear of the others', async ({ page }) => {
  await openLarge(page, '/?dc=eu-west&group=payments');
  const view = await settledView(page);
  expect(view.nodes.length).toBeGreaterThan(30);
  expect(overlaps(view)).toEqual([]);
});

test('global view with two datacenters: the line between them does not cross the internet', async ({ page }) => {
  await openLarge(page, '/');
  const view = await settledView(page);
  expect(view.nodes.map((n) => n.name).sort()).toEqual(['INTERNET', 'eu-west', 'us-east']);
  const dcToDc = view.edges.filter((e) => e.source !== 'INTERNET' && e.target !== 'INTERNET');
  expect(dcToDc.length).toBeGreaterThan(0);
  expect(edgesThroughNodes({ ...view, edges: dcToDc })).toEqual([]);
  expect(overlaps(view)).toEqual([]);
});

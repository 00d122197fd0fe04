import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { demoUrl, drawnShare } from '../support/demoPage.ts';

/** Find and Hide expressions in the toolbar: the table and the map change, the URL keeps them, a bad one is pointed at. */

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('traffic-map.demo.scenario', 'calm'));
});

/** The row classes Find sets (a class list: "not-found" is not "found"). */
const FOUND = /(^|\s)found(\s|$)/;
const NOT_FOUND = /(^|\s)not-found(\s|$)/;
const edgeRows = (page: Page) => page.locator('[data-testid="edges-table"] tbody tr');
const nodeRow = (page: Page, id: string) => page.locator('[data-testid="nodes-table"] tbody tr').filter({ has: page.locator(`td.name[title="${id}"]`) });
const pairs = (page: Page) => edgeRows(page).evaluateAll((rs) => rs.map((r) => [r.getAttribute('data-source'), r.getAttribute('data-target'), r.className]));

async function apply(page: Page, label: 'Find' | 'Hide', text: string): Promise<void> {
  const field = page.getByLabel(`${label} expression`);
  await field.fill(text);
  await field.press('Enter');
}

async function foundOnMap(page: Page): Promise<{ lit: string[]; dimmed: string[] }> {
  return page.evaluate(() => (window as unknown as { __trafficMapRenderer: { foundDimming(): { lit: string[]; dimmed: string[] } } }).__trafficMapRenderer.foundDimming());
}

test('hide and find change the table and the map, live in the URL, and a bad expression is pointed at', async ({ page }) => {
  await page.goto(demoUrl('?dc=eu-west&view=table'));
  await expect(edgeRows(page).first()).toBeVisible();
  const all = await edgeRows(page).count();
  await expect(nodeRow(page, 'checkout')).toHaveCount(1);

  await apply(page, 'Hide', 'name = checkout');
  await expect.poll(() => edgeRows(page).count()).toBeLessThan(all);
  for (const [s, t] of await pairs(page)) expect([s, t]).not.toContain('checkout');
  await expect(nodeRow(page, 'checkout')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('hide')).toBe('name = checkout');

  await apply(page, 'Find', 'NAME = cart OR name=pricing');
  await expect(page.getByLabel('Find expression')).toHaveValue('name = cart or name = pricing'); // its canonical text
  await expect(nodeRow(page, 'cart')).toHaveClass(FOUND);
  await expect(nodeRow(page, 'pricing')).toHaveClass(FOUND);
  await expect(nodeRow(page, 'edge-lb')).toHaveClass(NOT_FOUND);
  const marked = await pairs(page);
  for (const [s, t, cls] of marked) expect(FOUND.test(cls ?? '')).toBe([s, t].includes('cart') || [s, t].includes('pricing'));
  expect(marked.some(([, , cls]) => FOUND.test(cls ?? ''))).toBe(true);
  expect(new URL(page.url()).searchParams.get('find')).toBe('name = cart or name = pricing');

  // The link reopens the same view.
  await page.reload();
  await expect(edgeRows(page).first()).toBeVisible();
  await expect(page.getByLabel('Hide expression')).toHaveValue('name = checkout');
  await expect(page.getByLabel('Find expression')).toHaveValue('name = cart or name = pricing');
  await expect(nodeRow(page, 'checkout')).toHaveCount(0);
  await expect(nodeRow(page, 'cart')).toHaveClass(FOUND);

  // The map: found nodes lit, the rest dimmed, checkout not drawn.
  await page.keyboard.press('t');
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  await expect.poll(async () => (await foundOnMap(page)).lit).toEqual(['cart', 'pricing']);
  const onMap = await foundOnMap(page);
  expect(onMap.dimmed).toContain('edge-lb');
  expect(onMap.dimmed).not.toContain('checkout');
  // Hovering a node highlights its neighbours (Vizceral's own); leaving it, Find's dimming is back.
  const box = await map.boundingBox();
  const at = await page.evaluate(() => (window as unknown as { __trafficMapRenderer: { nodePosition(n: string): { x: number; y: number } | null } }).__trafficMapRenderer.nodePosition('edge-lb'));
  if (!box || !at) throw new Error('the map or edge-lb is not drawn');
  await page.mouse.move(box.x + at.x, box.y + at.y);
  await expect.poll(async () => (await foundOnMap(page)).lit).toContain('edge-lb');
  await page.mouse.move(box.x + 5, box.y + box.height - 5);
  expect((await foundOnMap(page)).lit).toEqual(['cart', 'pricing']); // at once, not at the next refresh

  // A bad Find: an inline message at its column, the last good Find still applied, the map still drawn.
  await apply(page, 'Find', 'errors > 5');
  const error = page.getByTestId('find-error');
  await expect(error).toContainText('column 10: expected a share: 5% or 0.05');
  await expect(error).toContainText('Still applied: name = cart or name = pricing');
  await expect(error.locator('mark')).toHaveText('5');
  await expect(page.getByLabel('Find expression')).toHaveAttribute('aria-invalid', 'true');
  expect(new URL(page.url()).searchParams.get('find')).toBe('name = cart or name = pricing');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  expect(await drawnShare(page)).toBeGreaterThan(0.01);
  expect((await foundOnMap(page)).lit).toEqual(['cart', 'pricing']);

  // Fixed, it applies and the message goes; cleared, the map is lit again.
  await apply(page, 'Find', 'errors > 5%');
  await expect(error).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('find')).toBe('errors > 5%');
  await apply(page, 'Find', '');
  await expect.poll(async () => (await foundOnMap(page)).dimmed).toEqual([]);
  expect(new URL(page.url()).searchParams.has('find')).toBe(false);
});

test('a link with an expression that does not parse shows the whole map and says what is wrong', async ({ page }) => {
  await page.goto(demoUrl(`?dc=eu-west&hide=${encodeURIComponent('latency > 500 or')}`));
  await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
  await expect(page.getByTestId('hide-error')).toContainText('Hide: column 11: expected a duration with its unit: 500ms or 500s, found "500". Nothing is hidden by it.');
  expect(await drawnShare(page)).toBeGreaterThan(0.01);
  await page.keyboard.press('t');
  await expect(nodeRow(page, 'checkout')).toHaveCount(1);
});

test('in kiosk mode there are no fields, and the expressions of the URL still apply', async ({ page }) => {
  await page.goto(demoUrl(`?dc=eu-west&view=table&kiosk=1&hide=${encodeURIComponent('name = checkout')}&find=${encodeURIComponent('name = cart')}`));
  await expect(edgeRows(page).first()).toBeVisible();
  await expect(page.getByLabel('Hide expression')).toHaveCount(0);
  await expect(nodeRow(page, 'checkout')).toHaveCount(0);
  await expect(nodeRow(page, 'cart')).toHaveClass(FOUND);
});

/**
 * The baseline against a real Prometheus (Debian's) scraping the traffic simulator every 2 s, with
 * a one-minute offset: right after start there is no data a minute back ("no baseline", never
 * −100 %); once the simulator has run for longer than the offset plus the rate window, the drop
 * fault switched on through the simulator's control endpoint shows on the dropped service.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startStack, waitForData } from '../support/realStack.ts';
import type { RealStack } from '../support/realStack.ts';

const OFFSET = '1m';
const OFFSET_MS = 60_000;
const WINDOW_MS = 30_000;
const SCRAPE_MS = 2_000;
/** A drop shows once more than half the rate window is dropped (−50 %), one scrape and two refreshes later; plus slack. */
const DROP_BOUND_MS = WINDOW_MS + SCRAPE_MS + 2 * 2_000 + 4_000;

test.describe.configure({ mode: 'serial' });

let stack: RealStack;
let startedAt = 0;
/** When every edge had data (unix s): a minute before it, Prometheus holds nothing. */
let dataReadyAt = 0;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  stack = await startStack({
    topology: 'prometheus', scrapeInterval: '2s', rateWindow: '30s',
    config: { baseline: { offset: OFFSET, drop: -0.5, surge: 1, minRate: 0.5 } },
  });
  startedAt = Date.now();
  await waitForData(stack);
  dataReadyAt = Math.floor(Date.now() / 1000);
});

test.afterAll(async () => {
  await stack?.close();
});

/** The baseline cell of a node (nodes table) or an edge (edges table): its verdict and text. */
async function baselineOf(page: Page, what: { node: string } | { source: string; target: string }) {
  const row = 'node' in what
    ? page.locator(`[data-testid="nodes-table"] tr[data-node="${what.node}"]`)
    : page.locator(`[data-testid="edges-table"] tr[data-source="${what.source}"][data-target="${what.target}"]`);
  const cell = row.locator('[data-baseline]');
  if ((await cell.count()) === 0) return null;
  return { verdict: await cell.getAttribute('data-baseline'), text: (await cell.textContent()) ?? '' };
}

test('no data a minute back: every node and edge says "no baseline", never -100 %', async ({ page }) => {
  // Pinned at the moment the data was complete (the stack started under a minute before it: the
  // wait for data gives up after 30 s), so a minute back there is nothing, however long the run.
  await page.goto(`${stack.appUrl}/?view=table&dc=eu-west&time=${dataReadyAt}`);
  await expect(page.locator('[data-testid="edges-table"] tbody tr').first()).toBeVisible();
  await expect(page.getByRole('button', { name: `vs ${OFFSET} ago` })).toBeVisible();
  const cells = page.locator('[data-baseline]');
  expect(await cells.count()).toBeGreaterThan(10);
  const verdicts = new Set(await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-baseline'))));
  expect([...verdicts]).toEqual(['none']);
  const texts = new Set(await cells.allTextContents());
  expect([...texts]).toEqual(['no baseline']);
  await expect(page.locator('main')).not.toContainText('100 %');
});

test('a traffic drop of checkout shows as a drop against a minute ago, in the table and the details', async ({ page }) => {
  test.setTimeout(OFFSET_MS + WINDOW_MS + 3 * DROP_BOUND_MS);
  // Data a whole rate window long, a minute back: the comparison has a baseline.
  const ready = startedAt + OFFSET_MS + WINDOW_MS + 2 * SCRAPE_MS;
  await page.waitForTimeout(Math.max(0, ready - Date.now()));
  await page.goto(`${stack.appUrl}/?view=table&dc=eu-west`);
  await expect.poll(async () => (await baselineOf(page, { node: 'checkout' }))?.verdict, { timeout: 20_000 }).toBe('normal');

  const dropped = Date.now();
  const res = await fetch(`${stack.sim.controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ kind: 'drop', service: 'checkout', datacenter: 'eu-west', share: 0.1 }) });
  expect(res.status).toBe(200);
  await expect.poll(async () => (await baselineOf(page, { node: 'checkout' }))?.verdict, { timeout: DROP_BOUND_MS, intervals: [250] }).toBe('drop');
  console.log(`drop after ${Date.now() - dropped} ms (bound ${DROP_BOUND_MS} ms)`);
  const node = await baselineOf(page, { node: 'checkout' });
  expect(node?.text).toMatch(/^▼ −\d+ % vs 1m ago$/);
  // The edge from its caller too.
  await expect.poll(async () => (await baselineOf(page, { source: 'frontend-ssr', target: 'checkout' }))?.verdict, { timeout: DROP_BOUND_MS }).toBe('drop');
  // A service the drop does not reach stays normal.
  expect((await baselineOf(page, { node: 'search' }))?.verdict).toBe('normal');

  // The details of the edge: the comparison, and the chart's second line (the rate a minute back).
  await page.locator('[data-testid="edges-table"] tr[data-source="frontend-ssr"][data-target="checkout"]').click();
  await expect(page.getByTestId('baseline-note')).toHaveAttribute('data-baseline', 'drop');
  await expect(page.getByTestId('baseline-note')).toContainText('vs 1m ago');
  await expect(page.getByTestId('chart-baseline')).toHaveAttribute('d', /^M.+L/);
  await fetch(`${stack.sim.controlUrl}/faults`, { method: 'DELETE' });
});

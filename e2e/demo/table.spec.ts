import { expect, test } from '@playwright/test';
import { demoUrl } from '../support/demoPage.ts';

test('the table view lists the datacenter edges with numbers', async ({ page }) => {
  await page.goto(demoUrl('?dc=eu-west&view=table'));
  const table = page.getByTestId('edges-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();
  for (const [source, target] of [['INTERNET', 'edge-lb'], ['frontend-ssr', 'checkout'], ['checkout', 'payment-provider'], ['dc:us-east', 'inventory']] as const) {
    const row = table.locator(`tr[data-source="${source}"][data-target="${target}"]`);
    await expect(row, `${source} -> ${target}`).toHaveCount(1);
    expect(Number(await row.getAttribute('data-rate'))).toBeGreaterThan(0);
    await expect(row.locator('td').nth(2)).toHaveText(/\d.*\/s/);
  }
  // Sorting by requests, descending by default: the first row is the busiest.
  const rates = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-rate'))));
  expect(rates).toEqual([...rates].sort((a, b) => b - a));
  await page.getByRole('button', { name: /^Source/ }).click();
  const sources = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-source') ?? ''));
  expect(sources).toEqual([...sources].sort((a, b) => a.localeCompare(b)));
});

test('selecting an edge in the table shows its details and lands in the URL', async ({ page }) => {
  await page.goto(demoUrl('?dc=eu-west&view=table'));
  await page.locator('tr[data-source="frontend-ssr"][data-target="checkout"]').click();
  await expect(page).toHaveURL(/edge=frontend-ssr/);
  await expect(page.getByTestId('details')).toContainText('frontend-ssr → checkout');
  await expect(page.getByTestId('details')).toContainText('Rate');
  await page.reload();
  await expect(page.getByTestId('details')).toContainText('frontend-ssr → checkout');
});

/**
 * The app against VictoriaMetrics (Debian's single-node binary) scraping the simulator itself
 * (-promscrape.config). Its /api/v1/status/config answers without a CORS header, so the
 * browser cannot read the scrape interval: refreshInterval "auto" falls back to 15 s and says so.
 */
import { expect, test } from '@playwright/test';
import { expectTableMatchesPromQL } from '../support/realChecks.ts';
import { latestViewAnswerCheck } from '../support/realViewAnswers.ts';
import { DATACENTERS, startStack, waitForData } from '../support/realStack.ts';
import type { RealStack } from '../support/realStack.ts';

test.describe.configure({ mode: 'serial' });

let stack: RealStack;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  stack = await startStack({ topology: 'victoria-metrics', scrapeInterval: '2s', rateWindow: '30s' });
  await waitForData(stack);
});

test.afterAll(async () => {
  await stack?.close();
});

for (const dc of DATACENTERS) {
  test(`every edge rate of ${dc} matches MetricsQL at the same evaluation time`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`${stack.appUrl}/?view=table&dc=${dc}`);
    await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
    await expect(page.getByTestId('freshness')).toContainText('(fallback)');
    await expectTableMatchesPromQL(page, [stack.servers[0]?.url ?? ''], dc, stack.rateWindow);
  });
}

for (const dc of DATACENTERS) {
  test(`the rate and latency of every pair of nodes of ${dc}, flat and by group, are those of its series in plain MetricsQL`, async () => {
    const { compared, problems, readFromText, answers } = await latestViewAnswerCheck(stack.servers[0]?.url ?? '', dc, stack.rateWindow);
    expect(problems).toEqual([]);
    expect(compared).toBeGreaterThan(40);
    // Whichever way each answer was read (from its text, or parsed): the same rows (in problems above).
    test.info().annotations.push({ type: 'read from text', description: `${readFromText} of ${answers}` });
  });
}

/**
 * The large platform on a real Prometheus: the simulator's generated services in groups in each of
 * two datacenters (standard convention, one target per group and datacenter), Debian's
 * Prometheus scraping them every 10 s, the app (dist/) with a 1 m rate window and
 * `maxNodesPerView: 80` (the issue's cap: a datacenter is drawn as its groups, and a large group
 * folds its quieter nodes into "…N more", whose edges must be the sums of theirs). Each level's table (global, a
 * datacenter, a group, the focus of the quietest service) must match, edge by edge, the calls
 * read with our own PromQL and summed in the test by the nodes of that level
 * (e2e/support/realScaleTruth.ts), at the table's evaluation time: within 2 %, or 0.001 req/s
 * (a sixteenth of one request in the window) on quiet edges.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectTableMatches } from '../support/realChecks.ts';
import { scrapeHealth, startLargeStack, waitForScrapes } from '../support/realLargeStack.ts';
import type { LargeStack } from '../support/realLargeStack.ts';
import { foldedLike, groupOfName, levelRates } from '../support/realScaleTruth.ts';
import type { Level } from '../support/realScaleTruth.ts';
import { instantQuery, placedEdges, readEdgesTable } from '../support/realTruth.ts';
import type { TableSnapshot } from '../support/realTruth.ts';

/**
 * Services per datacenter and groups. The issue's target is 2,000 x 40 (`TM_SCALE_SERVICES=2000
 * TM_SCALE_GROUPS=40`); by default 400 x 12, because on the shared 2-core machine (load average
 * 10-20) the 2,000 run's view queries outlived the app's timeout and scrapes failed (README, "scale").
 */
const SERVICES = Number(process.env.TM_SCALE_SERVICES ?? 400);
const GROUPS = Number(process.env.TM_SCALE_GROUPS ?? 12);
const WINDOW = '1m';
const DC = 'eu-west';
/** Whole requests over a 1 m window are 0.0167 req/s apart: far below that, the same samples. */
const ABSOLUTE = 0.001;

test.describe.configure({ mode: 'serial' });

let stack: LargeStack;

test.beforeAll(async () => {
  // Start-up: the platform is generated (a few seconds), then every target scraped 3 times.
  test.setTimeout(360_000);
  stack = await startLargeStack({
    services: SERVICES, groups: GROUPS, scrapeInterval: '10s',
    appConfig: (url) => ({
      // The raw queries of a view take seconds at this size (docs/PERFORMANCE.md, bench/prometheus-cost.ts):
      // a refresh every 30 s (not the scrape interval) and a 120 s timeout, so reads do not pile up on 2 busy cores.
      title: `Traffic Map (${SERVICES} services x 2)`, prometheus: { url, timeout: '120s' }, datacenters: ['eu-west', 'us-east'],
      rateWindow: WINDOW, refreshInterval: '30s', queryDelay: '0s', maxNodesPerView: 80,
    }),
  });
  const waited = await waitForScrapes(stack.server, stack.sim.targets.length, WINDOW, 3, 300_000);
  console.log(`${stack.sim.targets.length} targets scraped 3 times after ${(waited / 1000).toFixed(0)} s`);
});

test.afterAll(async () => {
  if (!stack) return;
  console.log(`scrapes over the last 5 m: ${JSON.stringify(await scrapeHealth(stack.server, '5m').catch((e: unknown) => String(e)))}`);
  const log = (() => { try { return readFileSync(join(stack.server.dataDir, 'prometheus.log'), 'utf8').trim(); } catch { return ''; } })();
  if (log) console.log(`prometheus.log (warnings and errors):\n${log.split('\n').slice(-20).join('\n')}`);
  await stack.close();
});

async function openTable(page: Page, query: string): Promise<void> {
  await page.goto(`${stack.appUrl}/?view=table${query}`);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live', { timeout: 240_000 }).catch(async (err: unknown) => {
    console.log(`banner: ${await page.getByTestId('banner').innerText({ timeout: 1000 }).catch(() => '(none)')}`);
    throw err;
  });
  await expect(page.locator('[data-testid="edges-table"] tbody tr').first()).toBeVisible({ timeout: 240_000 });
}

async function expectLevel(page: Page, view: Level, label: string, minRows: number): Promise<void> {
  let folded: readonly string[] = [];
  const truthAt = async (time: number, table: TableSnapshot) => {
    // A view over maxNodesPerView folds its quieter nodes into "…N more": the truth is folded alike.
    const f = foldedLike(levelRates(await placedEdges([stack.server.url], time, WINDOW), view), table.rows.map((r) => r.edge));
    folded = f.folded;
    return f.truth;
  };
  await expectTableMatches(page, label, truthAt, 3, { minRows, absolute: ABSOLUTE, refreshTimeoutMs: 270_000 });
  const table = await readEdgesTable(page);
  console.log(`${label}: ${table.rows.length} edges match PromQL${folded.length > 0 ? `, ${folded.length} quieter nodes folded (${folded.slice(0, 5).join(', ')}${folded.length > 5 ? ', …' : ''})` : ''}`);
}

/**
 * The service of `dc` with the least traffic received that still has some, from PromQL; `grouped`:
 * among the services named `<group>-<thing>` (a legacy service such as `mainframe` is a group of its own).
 */
async function quietestService(grouped = false): Promise<{ service: string; rate: number }> {
  const q = `bottomk(1, sum by (service) (rate(traffic_ingress_requests_total{datacenter="${DC}"${grouped ? ', service=~"[^-]+-.+"' : ''}}[${WINDOW}])) > 0)`;
  const [row] = await instantQuery(stack.server.url, q, Date.now() / 1000);
  if (!row?.metric.service) throw new Error(`no quiet service in ${DC}`);
  return { service: row.metric.service, rate: row.value };
}

test('global view: datacenter to datacenter and internet traffic match PromQL', async ({ page }) => {
  test.setTimeout(900_000);
  await openTable(page, '');
  await expectLevel(page, { level: 'global' }, 'global', 3);
  const table = await readEdgesTable(page);
  expect(table.rows.map((r) => r.edge)).toEqual(expect.arrayContaining(['eu-west -> us-east', 'us-east -> eu-west', 'INTERNET -> eu-west']));
});

test(`datacenter view of ${DC}, drawn as groups, matches PromQL summed by group`, async ({ page }) => {
  test.setTimeout(900_000);
  await openTable(page, `&dc=${DC}`);
  await expectLevel(page, { level: 'datacenter', dc: DC }, `${DC} (groups)`, GROUPS);
  const table = await readEdgesTable(page);
  // Its nodes are groups, not services.
  expect(table.rows.some((r) => r.edge.startsWith('payments -> ') || r.edge.endsWith(' -> payments'))).toBe(true);
  expect(table.rows.filter((r) => /-\d+( |$)/.test(r.edge))).toEqual([]);
});

test('the group of the quietest grouped service, and the quietest service\'s focus, match PromQL', async ({ page }) => {
  test.setTimeout(1_200_000);
  const quiet = await quietestService();
  // The group view of a group of many services: the quietest service's, unless that one is alone in its group.
  const inGroup = await quietestService(true);
  const group = groupOfName(inGroup.service);
  console.log(`quietest service of ${DC}: ${quiet.service} (${quiet.rate.toFixed(4)} req/s received); of a group: ${inGroup.service}, group ${group}`);

  await openTable(page, `&dc=${DC}&group=${encodeURIComponent(group)}`);
  await expectLevel(page, { level: 'group', dc: DC, group }, `${DC} group ${group}`, 10);

  await openTable(page, `&dc=${DC}&service=${encodeURIComponent(quiet.service)}`);
  await expectLevel(page, { level: 'focus', dc: DC, service: quiet.service }, `${DC} focus ${quiet.service}`, 1);
  const table = await readEdgesTable(page);
  expect(table.rows.every((r) => r.edge.startsWith(`${quiet.service} -> `) || r.edge.endsWith(` -> ${quiet.service}`))).toBe(true);
});

/**
 * Firing alerts on the map, against a real Prometheus (Debian's 2.42) that scrapes the traffic
 * simulator every second and evaluates a rule file every second: `HighErrorRate` fires for a
 * service whose 5xx share over 10 s is above 20 % for 2 s. The simulator's errors fault drives it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startSimulator } from '../../simulator/start.ts';
import { startPrometheus } from '../support/realServers.ts';
import { stackBasics } from '../support/realStack.ts';
import { startStaticServer } from '../support/staticServer.ts';

const REFRESH_MS = 2_000;
/**
 * Two refreshes, plus 4 s of slack as in prometheus.spec.ts (a read and a render on 2 shared
 * cores: one run in four, right after a build, took longer than 2 s of slack).
 */
const TWO_REFRESHES_MS = 2 * REFRESH_MS + 4_000;
const RUNBOOK = 'https://runbooks.example.com/high-error-rate';

const RULES = `groups:
  - name: traffic-map-e2e
    interval: 1s
    rules:
      - alert: HighErrorRate
        expr: |
          sum by (service, datacenter) (rate(traffic_ingress_requests_total{status=~"5.."}[10s]))
            / sum by (service, datacenter) (rate(traffic_ingress_requests_total[10s])) > 0.2
        for: 2s
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.service }} answers 5xx to {{ $value | humanizePercentage }} of requests"
          description: "<b>not bold</b> The error share of {{ $labels.service }} in {{ $labels.datacenter }} is above 20 %."
          runbook_url: ${RUNBOOK}
      - alert: NoLabels
        expr: vector(1)
        labels:
          severity: info
        annotations:
          summary: "names no service"
          runbook_url: "javascript:alert(1)"
`;

let closeAll: () => Promise<void> = async () => undefined;
let appUrl = '';
let promUrl = '';
let controlUrl = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(60_000);
  const { root, closers, close } = stackBasics({});
  closeAll = close;
  const rulesDir = mkdtempSync(join(tmpdir(), 'traffic-map-rules-'));
  closers.push(async () => rmSync(rulesDir, { recursive: true, force: true }));
  writeFileSync(join(rulesDir, 'rules.yml'), RULES);
  const sim = await startSimulator({ schedule: false, tickMs: 250, datacenters: ['eu-west'] });
  closers.push(() => sim.close());
  controlUrl = sim.controlUrl;
  const prom = await startPrometheus({
    targets: [],
    configYaml: [
      'global:', '  scrape_interval: 1s', '  scrape_timeout: 1s', '  evaluation_interval: 1s',
      `rule_files:`, `  - ${JSON.stringify(join(rulesDir, 'rules.yml'))}`,
      'scrape_configs:', '  - job_name: traffic-simulator', '    static_configs:', '      - targets:',
      ...sim.targets.map((t) => `          - "${t.address}"`), '',
    ].join('\n'),
  });
  closers.push(() => prom.close());
  promUrl = prom.url;
  const config = {
    title: 'Traffic Map (alerts)',
    prometheus: { url: prom.url, timeout: '5s' },
    datacenters: ['eu-west'],
    rateWindow: '10s',
    refreshInterval: `${REFRESH_MS / 1000}s`,
    alerts: { link: 'https://alertmanager.example/#/alerts?filter={matchers}' },
  };
  const app = await startStaticServer({ root, overrides: { '/config.json': JSON.stringify(config) } });
  closers.push(app.close);
  appUrl = app.url;
});

test.afterAll(async () => {
  await fetch(`${controlUrl}/faults`, { method: 'DELETE' }).catch(() => undefined);
  await closeAll();
});

/** The names of the alerts Prometheus has firing (its own API, the truth). */
async function firing(): Promise<string[]> {
  const res = await fetch(`${promUrl}/api/v1/alerts`);
  const body = await res.json() as { data: { alerts: { labels: Record<string, string>; state: string }[] } };
  return body.data.alerts.filter((a) => a.state === 'firing').map((a) => `${a.labels.alertname}:${a.labels.service ?? ''}`).sort();
}

/** The notice titles the renderer holds for a node of the current view. */
function notices(page: Page, node: string): Promise<string[] | null> {
  return page.evaluate((n) => {
    const w = window as unknown as { __trafficMapRenderer?: { nodeNotices?(name: string): string[] | null } };
    return w.__trafficMapRenderer?.nodeNotices?.(n) ?? null;
  }, node);
}

test('an alert that fires for one service shows on its node and in its details, and leaves when it resolves', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${appUrl}/?dc=eu-west`);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live', { timeout: 30_000 });
  // Before the fault: only the alert that names no service, in its own panel.
  await expect.poll(firing, { timeout: 20_000 }).toEqual(['NoLabels:']);
  await expect(page.getByTestId('alert-count')).toHaveAttribute('data-count', '1', { timeout: TWO_REFRESHES_MS });
  await expect.poll(() => notices(page, 'checkout')).toEqual([]);
  const unplaced = page.getByTestId('unplaced-alerts');
  await unplaced.locator('summary').click();
  await expect(unplaced.getByTestId('alert')).toHaveAttribute('data-alertname', 'NoLabels');
  await expect(unplaced).toContainText('its labels name no service or datacenter');
  // A javascript: runbook is no link; the alert's own link is the configured Alertmanager one.
  await expect(unplaced.getByRole('link', { name: 'Runbook' })).toHaveCount(0);
  await expect(unplaced.getByRole('link', { name: 'Open alert' })).toHaveAttribute('href', /^https:\/\/alertmanager\.example\/#\/alerts\?filter=%7Balertname%3D%22NoLabels%22/);

  const res = await fetch(`${controlUrl}/faults`, { method: 'POST', body: JSON.stringify({ kind: 'errors', service: 'checkout', datacenter: 'eu-west', share: 0.5 }) });
  expect(res.status).toBe(200);
  const faulted = Date.now();
  await expect.poll(firing, { timeout: 30_000, intervals: [250] }).toEqual(['HighErrorRate:checkout', 'NoLabels:']);
  const fired = Date.now();
  console.log(`Prometheus fired HighErrorRate ${fired - faulted} ms after the fault`);
  await expect.poll(() => notices(page, 'checkout'), { timeout: TWO_REFRESHES_MS, intervals: [100] }).toContain('alert HighErrorRate (critical)');
  console.log(`on the node ${Date.now() - fired} ms after it fired (bound ${TWO_REFRESHES_MS} ms)`);
  await expect(page.getByTestId('alert-count')).toHaveAttribute('data-count', '2');
  // No other node carries it.
  expect(await notices(page, 'frontend-ssr')).not.toContain('alert HighErrorRate (critical)');

  await page.goto(`${appUrl}/?dc=eu-west&service=checkout`);
  const details = page.getByTestId('details-alerts');
  await expect(details.getByTestId('alert')).toHaveAttribute('data-alertname', 'HighErrorRate', { timeout: 30_000 });
  await expect(details).toContainText('critical');
  await expect(details).toContainText(/checkout answers 5xx to \d+(\.\d+)?% of requests/);
  await expect(details).toContainText('<b>not bold</b> The error share of checkout in eu-west');
  await expect(details.locator('b')).toHaveCount(0);
  await expect(details).toContainText(/since \d+ s ago/);
  await expect(details.getByRole('link', { name: 'Runbook' })).toHaveAttribute('href', RUNBOOK);
  await expect(details.getByRole('link', { name: 'Open alert' })).toHaveAttribute('href', /filter=%7Balertname%3D%22HighErrorRate%22%2Cdatacenter%3D%22eu-west%22%2Cservice%3D%22checkout%22/);

  await fetch(`${controlUrl}/faults`, { method: 'DELETE' });
  const cleared = Date.now();
  await expect.poll(firing, { timeout: 30_000, intervals: [250] }).toEqual(['NoLabels:']);
  const resolved = Date.now();
  console.log(`Prometheus resolved it ${resolved - cleared} ms after the fault was cleared`);
  await expect(details).toHaveCount(0, { timeout: TWO_REFRESHES_MS });
  await expect(page.getByTestId('alert-count')).toHaveAttribute('data-count', '1');
  console.log(`gone from the details ${Date.now() - resolved} ms after it resolved (bound ${TWO_REFRESHES_MS} ms)`);
  await expect.poll(() => notices(page, 'checkout')).not.toContain('alert HighErrorRate (critical)');
});

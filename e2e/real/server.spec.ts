/**
 * `npm start` as SREs deploy it: a real Prometheus (Debian's) behind basic auth (a bcrypt hash
 * in --web.config.file) that sends no CORS headers, and the app served by the production server
 * with the acceptance contract's config.json (url + basicAuth.passwordFile). The browser reaches
 * Prometheus only through the server's proxy, and never sees the credentials.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Request } from '@playwright/test';
import bcrypt from 'bcryptjs';
import { startSimulator } from '../../simulator/start.ts';
import type { RunningSimulator } from '../../simulator/start.ts';
import { drawnShare } from '../support/demoPage.ts';
import { startAppServer } from '../support/realAppServer.ts';
import type { AppServer } from '../support/realAppServer.ts';
import { expectTableMatchesPromQL } from '../support/realChecks.ts';
import { removeOnExit } from '../support/realProcess.ts';
import { basicAuthHeader, startPrometheus } from '../support/realServers.ts';
import type { RealServer } from '../support/realServers.ts';
import { stackBasics, waitForData } from '../support/realStack.ts';

const REFRESH_MS = 2_000;
const USERNAME = 'traffic-map';
// A fresh password each run: whatever the page sees is searched for it.
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;

test.describe.configure({ mode: 'serial' });

let sim: RunningSimulator;
let prom: RealServer;
let app: AppServer;
let dir = '';
const basics = stackBasics({});
const proxyUrl = (): string => `${app.url}/prometheus/default`;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  dir = mkdtempSync(join(tmpdir(), 'traffic-map-server-e2e-'));
  removeOnExit(dir);
  basics.closers.push(async () => { rmSync(dir, { recursive: true, force: true }); removeOnExit(dir, false); });
  sim = await startSimulator({ schedule: false, tickMs: 250 });
  basics.closers.push(() => sim.close());
  prom = await startPrometheus({
    targets: sim.targets.map((t) => t.address),
    scrapeInterval: '2s',
    basicAuth: { username: USERNAME, password: PASSWORD, bcryptHash: bcrypt.hashSync(PASSWORD, 8) },
    // No browser origin is allowed: the page could not ask Prometheus itself.
    corsOrigin: 'https://nobody\\.invalid',
    // Enabled on purpose: the proxy, not Prometheus, must be what refuses them.
    extraArgs: ['--web.enable-admin-api', '--web.enable-lifecycle'],
  });
  basics.closers.push(() => prom.close());
  writeFileSync(join(dir, 'password'), `${PASSWORD}\n`);
  writeFileSync(join(dir, 'config.json'), JSON.stringify({
    title: 'Traffic Map (npm start)',
    prometheus: { url: prom.url, timeout: '5s', basicAuth: { username: USERNAME, passwordFile: join(dir, 'password') } },
    datacenters: ['eu-west', 'us-east'],
    rateWindow: basics.rateWindow,
    refreshInterval: 'auto',
  }));
  app = await startAppServer({ configFile: join(dir, 'config.json'), logDir: dir });
  basics.closers.push(() => app.close());
  await waitForData({ servers: [{ url: proxyUrl() }], rateWindow: basics.rateWindow });
});

test.afterAll(async () => {
  await basics.close();
});

test('Prometheus itself wants the password and allows no browser origin', async () => {
  const anonymous = await fetch(`${prom.url}/api/v1/query?query=up`);
  expect(anonymous.status).toBe(401);
  const cors = await fetch(`${prom.url}/api/v1/query?query=up`, { headers: { authorization: basicAuthHeader(USERNAME, PASSWORD), origin: app.url } });
  expect(cors.status).toBe(200);
  expect(cors.headers.get('access-control-allow-origin')).toBeNull();
});

test('through npm start the map and the table are drawn; no request from the page carries the credentials', async ({ page }) => {
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  let configText = '';
  page.on('response', async (r) => { if (new URL(r.url()).pathname === '/config.json') configText = await r.text(); });

  await page.goto(`${app.url}/?dc=eu-west`);
  await expect(page.getByTestId('map')).toHaveAttribute('data-map-ready', 'true');
  await expect(page.getByTestId('map')).toHaveAttribute('data-renderer-view', 'eu-west');
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
  await expect.poll(() => drawnShare(page)).toBeGreaterThan(0.01);
  await page.screenshot({ path: test.info().outputPath('map-through-npm-start.png') });

  await page.goto(`${app.url}/?view=table&dc=eu-west`);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
  await expect(page.getByTestId('freshness')).toContainText('every 2 s');
  await expectTableMatchesPromQL(page, [proxyUrl()], 'eu-west', basics.rateWindow);

  expect(JSON.parse(configText)).toMatchObject({ prometheus: { url: '/prometheus/default' } });
  for (const secret of [PASSWORD, 'basicAuth', 'passwordFile', dir, prom.url, String(prom.port)]) {
    expect(configText, `config.json holds ${secret}`).not.toContain(secret);
  }
  const api = requests.filter((r) => new URL(r.url()).pathname.startsWith('/prometheus/default/api/v1/'));
  expect(api.length).toBeGreaterThan(4);
  for (const r of requests) {
    const headers = await r.allHeaders();
    const seen = `${r.url()}\n${JSON.stringify(headers)}\n${r.postData() ?? ''}`;
    expect(new URL(r.url()).origin, r.url()).toBe(app.url);
    expect(headers.authorization, r.url()).toBeUndefined();
    expect(seen).not.toContain(PASSWORD);
    expect(seen).not.toContain(Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64'));
  }
});

test('the admin API, lifecycle, federation and remote write are refused by the proxy', async () => {
  // Enabled on Prometheus (answers with the password), refused through the proxy.
  const direct = await fetch(`${prom.url}/api/v1/admin/tsdb/clean_tombstones`, { method: 'POST', headers: { authorization: basicAuthHeader(USERNAME, PASSWORD) } });
  expect(direct.status).toBe(204);
  for (const [method, path] of [
    ['POST', '/api/v1/admin/tsdb/delete_series?match[]=up'], ['POST', '/api/v1/admin/tsdb/snapshot'], ['POST', '/-/quit'],
    ['GET', '/federate?match[]=up'], ['POST', '/api/v1/write'], ['GET', '/api/v1/label/..%2f..%2fadmin/values'],
  ] as const) {
    const res = await fetch(`${proxyUrl()}${path}`, { method });
    expect(res.status, path).toBe(403);
    expect(await res.json(), path).toMatchObject({ status: 'error', errorType: 'forbidden' });
  }
  expect(prom.running).toBe(true);
  const still = await fetch(`${proxyUrl()}/api/v1/query?query=count(up)`);
  expect(await still.json()).toMatchObject({ status: 'success' });
});

test('Prometheus down: the app\'s banner, the last table kept; back: live again without a reload', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${app.url}/?view=table&dc=eu-west`);
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live');
  const rows = page.locator('[data-testid="edges-table"] tbody tr');
  const before = await rows.count();
  expect(before).toBeGreaterThan(10);

  await prom.stop();
  await expect(page.getByTestId('banner')).toBeVisible({ timeout: 2 * REFRESH_MS + 1_000 });
  await expect(page.getByTestId('banner')).toContainText('cannot reach Prometheus "default"');
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', /failing|stale/);
  await expect(rows).toHaveCount(before);
  const ready = await fetch(`${app.url}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ ready: false, prometheus: [{ name: 'default', ok: false }] });

  await prom.start();
  await expect(page.getByTestId('freshness')).toHaveAttribute('data-liveness', 'live', { timeout: 4 * REFRESH_MS });
  await expect(page.getByTestId('banner')).toHaveCount(0);
  expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
});

test('a slow upstream hits the proxy\'s timeout: an API timeout error, shown in the banner', async ({ page }) => {
  // A Prometheus that never answers (it only holds the connection).
  const slow: Server = createServer(() => undefined);
  await new Promise<void>((ok) => slow.listen(0, '127.0.0.1', ok));
  const address = slow.address();
  const slowUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  let slowApp: AppServer | undefined;
  try {
    writeFileSync(join(dir, 'slow.json'), JSON.stringify({
      prometheus: { url: slowUrl, timeout: '1s' }, datacenters: ['eu-west'], refreshInterval: '2s',
    }));
    slowApp = await startAppServer({ configFile: join(dir, 'slow.json'), logDir: dir, name: 'slow-app' });
    const started = Date.now();
    const res = await fetch(`${slowApp.url}/prometheus/default/api/v1/query?query=up`);
    const took = Date.now() - started;
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({ status: 'error', errorType: 'timeout', error: 'Prometheus "default" (prometheus) did not answer the proxy within 1 s (prometheus.timeout)' });
    expect(took).toBeGreaterThanOrEqual(1_000);
    // The browser waits 2 s longer than the proxy: the proxy's answer is the one it shows.
    expect(took).toBeLessThan(3_000);

    await page.goto(`${slowApp.url}/?view=table&dc=eu-west`);
    await expect(page.getByTestId('banner')).toContainText('did not answer the proxy within 1 s');
    expect(slowApp.logTail(50)).toMatch(/"status":504,.*"upstream":"default","upstreamError":"timeout"/);
  } finally {
    await slowApp?.close();
    await new Promise<void>((ok) => { slow.close(() => ok()); slow.closeAllConnections(); });
  }
});

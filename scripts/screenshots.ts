/**
 * Takes the README/docs screenshots of the demo build: `npm run screenshots` (builds the demo
 * first). Writes docs/screenshot-*.png with Debian's Chromium, as the tests do. Pass a name to
 * take one: `npx tsx scripts/screenshots.ts focus`.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startStaticServer } from '../e2e/support/staticServer.ts';

interface Shot {
  readonly name: string;
  readonly query: string;
  readonly width: number;
  readonly height: number;
  /** Demo scenario (src/mocks/scenarios.ts). */
  readonly scenario: string;
  readonly wait: string;
}

const MAP = '[data-map-updates]:not([data-map-updates="0"])';
const TABLE = '[data-testid="edges-table"] tbody tr';
const SHOTS: readonly Shot[] = [
  { name: 'global', query: '', width: 1600, height: 900, scenario: 'incident:dc-link-down', wait: MAP },
  { name: 'datacenter', query: '?dc=eu-west', width: 1600, height: 900, scenario: 'incident:checkout-errors', wait: MAP },
  { name: 'focus', query: '?dc=eu-west&service=checkout', width: 1600, height: 900, scenario: 'incident:checkout-errors', wait: MAP },
  { name: 'table', query: '?dc=eu-west&view=table', width: 1600, height: 900, scenario: 'incident:checkout-errors', wait: TABLE },
  { name: 'kiosk-4k', query: '?dc=eu-west&kiosk=1', width: 3840, height: 2160, scenario: 'incident:checkout-errors', wait: MAP },
  { name: 'find', query: `?dc=eu-west&find=${encodeURIComponent('errors > 1% or name = checkout*')}&hide=${encodeURIComponent('rate < 1')}`, width: 1600, height: 900, scenario: 'incident:checkout-errors', wait: MAP },
  { name: 'expression-error', query: `?dc=eu-west&find=${encodeURIComponent('errors > 5 or alerts')}&hide=${encodeURIComponent('rate < 1')}`, width: 1600, height: 900, scenario: 'incident:checkout-errors', wait: MAP },
  // Under /thresholds/: latency limits and an override for check* (THRESHOLDS_CONFIG below); the panel names the rule.
  { name: 'health-rule', query: 'thresholds/?dc=eu-west&service=checkout', width: 1600, height: 900, scenario: 'calm', wait: '[data-testid="health-rule"]' },
  { name: 'baseline', query: '?dc=eu-west', width: 1600, height: 900, scenario: 'incident:checkout-drop', wait: MAP },
  { name: 'baseline-details', query: '?dc=eu-west&edge=frontend-ssr%20-%3E%20checkout', width: 1600, height: 900, scenario: 'incident:checkout-drop', wait: '[data-testid="chart-baseline"]' },
  { name: 'laptop', query: '?dc=eu-west&service=checkout', width: 1366, height: 768, scenario: 'incident:checkout-errors', wait: MAP },
  // Firing alerts: the demo fires HighErrorRate for checkout in each datacenter in this scenario.
  { name: 'alerts', query: '?dc=eu-west', width: 1600, height: 900, scenario: 'incident:checkout-errors', wait: MAP },
  { name: 'alerts-details', query: '?dc=eu-west&service=checkout', width: 1600, height: 900, scenario: 'incident:checkout-errors', wait: '[data-testid="details-alerts"]' },
];

const demoConfig = JSON.parse(readFileSync('dist-demo/config.json', 'utf8')) as { thresholds: object; links: object };
const THRESHOLDS_CONFIG = {
  ...demoConfig,
  thresholds: { ...demoConfig.thresholds, latency: { warning: '300ms', danger: '1s' }, overrides: [{ match: 'check*', latency: { warning: '200ms', danger: '400ms' } }] },
  links: { ...demoConfig.links, traces: 'https://jaeger.example/search?service={service}&start={from}000&end={to}000' },
};

const only = process.argv[2];
const server = await startStaticServer({ root: 'dist-demo', mounts: ['/thresholds/'], overrides: { '/thresholds/config.json': JSON.stringify(THRESHOLDS_CONFIG) } });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  for (const shot of SHOTS) {
    if (only && shot.name !== only) continue;
    const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height } });
    await page.addInitScript((scenario) => window.localStorage.setItem('traffic-map.demo.scenario', scenario), shot.scenario);
    await page.goto(`${server.url}/${shot.query}`);
    await page.waitForSelector(shot.wait, { timeout: 30_000 });
    await page.waitForTimeout(Number(process.env.SHOT_SETTLE_MS ?? 5000));
    const file = `docs/screenshot-${shot.name}.png`;
    await page.screenshot({ path: file });
    await page.close();
    console.log('wrote', file);
  }
} finally {
  await browser.close();
  await server.close();
}

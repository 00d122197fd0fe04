/**
 * Headless Chromium (Debian's, the e2e flags) on a build served by the e2e static server, with
 * a CDP session for heap, DOM and GC. For the render, first-map and soak benchmarks.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.ts';
import { startStaticServer } from '../../e2e/support/staticServer.ts';

export const DEMO_ROOT = 'dist-demo';
export const VIEWPORT = { width: 1600, height: 900 } as const;

export interface Session {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly cdp: CDPSession;
  readonly url: string;
  close(): Promise<void>;
}

/** The demo config with `changes` applied, as the static server's /config.json. */
export function demoConfig(changes: Record<string, unknown>): string {
  return JSON.stringify({
    title: 'Traffic Map',
    prometheus: { url: 'http://127.0.0.1:9090', timeout: '10s' },
    datacenters: ['eu-west', 'us-east'],
    refreshInterval: 'auto',
    ...changes,
  });
}

export async function openSession(options: { root?: string; overrides?: Record<string, string>; scenario?: string; extraArgs?: string[] } = {}): Promise<Session> {
  const root = options.root ?? DEMO_ROOT;
  if (!existsSync(`${root}/index.html`)) throw new Error(`${root}/ is not built: run \`npx vite build --mode demo --outDir dist-demo\` first`);
  const server = await startStaticServer({ root, overrides: options.overrides ?? {} });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', ...(options.extraArgs ?? [])],
  });
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  if (options.scenario) {
    await page.addInitScript((name) => window.localStorage.setItem('traffic-map.demo.scenario', name), options.scenario);
  }
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  const cdp = await context.newCDPSession(page);
  return {
    browser, context, page, cdp, url: server.url,
    close: async () => { await browser.close(); await server.close(); },
  };
}

/** Waits until the map is drawn with data (the renderer reported a laid-out view). */
export async function waitForMap(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => {
    const map = document.querySelector('[data-testid="map"]');
    return map?.getAttribute('data-map-ready') === 'true' && map.getAttribute('data-map-updates') !== '0';
  }, undefined, { timeout });
}

export interface MemorySample {
  readonly heapUsed: number;
  readonly domNodes: number;
  readonly listeners: number;
  readonly geometries: number;
  readonly textures: number;
  readonly programs: number;
  readonly graphs: number;
  /** Layouts Vizceral's kept graphs cache (positions per node and edge set). */
  readonly layouts: number;
  readonly workers: number;
}

/** Heap after two full GCs, DOM counters, and what the map's renderer holds. */
export async function sampleMemory(page: Page, cdp: CDPSession): Promise<MemorySample> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const gl = await page.evaluate(() => {
    const hook = window as unknown as { __trafficMapRenderer?: { stats?: () => Record<string, number> } };
    return hook.__trafficMapRenderer?.stats?.() ?? null;
  });
  if (!gl) throw new Error('window.__trafficMapRenderer.stats() is missing: is the map shown?');
  return {
    heapUsed: heap.usedSize, domNodes: dom.nodes, listeners: dom.jsEventListeners,
    geometries: gl['geometries'] ?? NaN, textures: gl['textures'] ?? NaN, programs: gl['programs'] ?? NaN,
    graphs: gl['graphs'] ?? NaN, layouts: gl['cachedLayouts'] ?? NaN, workers: gl['workers'] ?? NaN,
  };
}

/** Navigates inside the app (history + popstate, as Back does): no reload, the heap stays. */
export async function navigate(page: Page, search: string): Promise<void> {
  await page.evaluate((s) => {
    window.history.pushState(null, '', `${window.location.pathname}${s}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, search);
}

/**
 * Init-script text that runs `wrap` (the source of a `(renderer) => void` function) once on each
 * renderer the app exposes as `window.__trafficMapRenderer`, before the app uses it: how the
 * benchmarks time or count the map's calls without a build of their own.
 */
export function onEachRenderer(wrap: string): string {
  return `(() => {
  const wrap = ${wrap};
  const wrapped = new WeakSet();
  let hooked;
  Object.defineProperty(window, '__trafficMapRenderer', {
    configurable: true,
    get() { return hooked; },
    set(renderer) {
      hooked = renderer;
      if (!renderer || wrapped.has(renderer)) return;
      wrapped.add(renderer);
      wrap(renderer);
    },
  });
})();`;
}

import type { Page } from '@playwright/test';
import { DC, startHostilePrometheus } from './hostilePrometheus.ts';
import type { HostilePrometheus } from './hostilePrometheus.ts';
import { startStaticServer } from './staticServer.ts';

/** The production build (no MSW) served with the documented CSP, reading the fake Prometheus. */
export interface HostileApp {
  readonly url: string;
  readonly prometheus: HostilePrometheus;
  close(): Promise<void>;
}

export const DASHBOARD = 'https://grafana.example/d/svc?var-service={service}&var-datacenter={datacenter}';

export async function startHostileApp(root = 'dist', datacenters: readonly string[] = [DC]): Promise<HostileApp> {
  const prometheus = await startHostilePrometheus();
  const config = {
    title: 'Traffic Map (hostile)',
    prometheus: { url: prometheus.url, timeout: '2s' },
    datacenters,
    refreshInterval: '1s',
    links: { dashboard: DASHBOARD },
  };
  const app = await startStaticServer({ root, overrides: { '/config.json': JSON.stringify(config) } });
  return {
    url: app.url,
    prometheus,
    close: async () => { await app.close(); await prometheus.close(); },
  };
}

/** Collects CSP violations (DOM events and console reports) from before the first script runs. */
export async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => { if (/Content[- ]Security[- ]Policy/i.test(m.text())) console.push(m.text()); });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile.replace(/^.*\//, '')}:${e.lineNumber}:${e.columnNumber}`));
  });
  return async () => [...console, ...await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])];
}

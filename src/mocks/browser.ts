/**
 * The demo's simulated Prometheus in the browser: an MSW service worker answering /api/v1 with
 * the happy-path handlers, and `window.__trafficMapDemo` to switch scenarios at runtime
 * (end-to-end tests, or anyone from the console). The first scenario comes from
 * localStorage['traffic-map.demo.scenario'] when set.
 */
import { setupWorker } from 'msw/browser';
import { handlers } from './handlers.ts';
import { applyScenario, DEFAULT_SCENARIO, SCENARIO_NAMES } from './scenarios.ts';

export const SCENARIO_STORAGE_KEY = 'traffic-map.demo.scenario';

export interface DemoControl {
  setScenario(name: string): void;
  readonly scenarios: readonly string[];
}

declare global {
  interface Window {
    __trafficMapDemo?: DemoControl;
  }
}

export async function startDemoWorker(): Promise<void> {
  const worker = setupWorker(...handlers);
  // The worker hands each answer over twice: to the page's fetch, and a copy of its body, as a
  // transferred stream, for MSW's response events. Nothing here reads those copies, and each one
  // kept its MessagePort and stream (and the worker its buffered tee) alive: 4 a refresh in the
  // soak (docs/PERFORMANCE.md). Cancelling a copy frees both ends.
  const discard = ({ response }: { response: Response }): void => { response.body?.cancel().catch(() => {}); };
  worker.events.on('response:mocked', discard);
  worker.events.on('response:bypass', discard);
  await worker.start({
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: './mockServiceWorker.js' },
    quiet: true,
  });
  const control: DemoControl = {
    setScenario: (name) => applyScenario(worker, name),
    scenarios: SCENARIO_NAMES,
  };
  window.__trafficMapDemo = control;
  const initial = storedScenario();
  if (initial && initial !== DEFAULT_SCENARIO) {
    try {
      control.setScenario(initial);
    } catch (e) {
      console.warn(`traffic-map demo: ${e instanceof Error ? e.message : String(e)} (from localStorage '${SCENARIO_STORAGE_KEY}')`);
    }
  }
}

function storedScenario(): string | null {
  try {
    return window.localStorage.getItem(SCENARIO_STORAGE_KEY);
  } catch {
    // Storage can be disabled (privacy settings, sandboxed frames): no stored scenario then.
    return null;
  }
}

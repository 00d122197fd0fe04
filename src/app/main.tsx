import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from '../config/load.ts';
import { loadVizceral } from '../vizceral/loadVizceral.ts';
import { createVizceralRenderer } from '../vizceral/vizceralRenderer.ts';
import { App, startReads } from './App.tsx';
import { ConfigErrorPage } from './components/ConfigErrorPage.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import './styles.css';

const CONFIG_URL = './config.json';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    // The config does not go through the demo's service worker: both start at once.
    const config = loadConfig(CONFIG_URL);
    // The renderer's chunk (preloaded by index.html) runs while the config is fetched: the main
    // thread has nothing else to do then, and the map needs it soon after. A failure shows where
    // the map would be, when it is created.
    loadVizceral().catch(() => {});
    if (__DEMO__) {
      const { startDemoWorker } = await import('../mocks/browser.ts');
      await startDemoWorker();
    }
    const result = await config;
    root.render(
      <StrictMode>
        <ErrorBoundary>
          {result.ok
            // The first reads go out now, not after the page's first render.
            ? <App config={result.config} reads={startReads(result.config, window.location.search)} createRenderer={createVizceralRenderer} {...(__DEMO__ ? { sourceLabel: 'simulated Prometheus (demo)' } : {})} />
            : <ConfigErrorPage problems={result.problems} url={CONFIG_URL} />}
        </ErrorBoundary>
      </StrictMode>,
    );
  } catch (e) {
    root.render(<ConfigErrorPage problems={[{ path: '', message: `the app could not start: ${e instanceof Error ? e.message : String(e)}` }]} url={CONFIG_URL} />);
  }
}

void start();

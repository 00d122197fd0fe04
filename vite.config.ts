/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { lazyCanvases } from './scripts/vizceralCanvases.ts';
import { exposeLayoutWorkerSource } from './scripts/vizceralLayoutWorker.ts';

/**
 * Preloads the renderer's lazy chunk with the page (`<link rel="modulepreload">`: fetched and
 * compiled, not run): main.tsx runs it while the config is fetched, so the first map does not
 * wait for its download.
 */
function preloadVizceral(): Plugin {
  return {
    name: 'traffic-map:preload-vizceral',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) => {
        const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'vizceral');
        return chunk ? [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` }, injectTo: 'head' }] : [];
      },
    },
  };
}

/**
 * Vizceral's webpack bundle finds the global object with `Function("return this")()` once
 * `this` is undefined (it is, in the strict ES module Vite makes of it): under the documented
 * CSP that is a reported 'unsafe-eval' violation on every page load. `globalThis` says the same.
 */
const noEvalGlobal = {
  name: 'traffic-map:no-eval-global',
  transform(code: string, id: string) {
    if (!id.includes('/node_modules/vizceral/')) return null;
    return { code: code.replace(/(?:new )?Function\((["'`])return this\1\)\(\)/g, 'globalThis'), map: null };
  },
};

/** Vizceral's layout worker script as an exported function, for the first layout on the page and the spare workers (scripts/vizceralLayoutWorker.ts). */
const vizceralLayoutWorker = {
  name: 'traffic-map:vizceral-layout-worker',
  transform(code: string, id: string) {
    if (!/\/node_modules\/vizceral\/dist\/vizceral\.js(\?|$)/.test(id)) return null;
    // And with canvases that get their pixels when drawn on (scripts/vizceralCanvases.ts).
    return { code: lazyCanvases(exposeLayoutWorkerSource(code)), map: null };
  },
};

// The app is a static build: `public/config.json` is fetched at start, so one build serves
// every deployment. `--mode demo` turns on the in-browser simulated Prometheus (MSW).

export default defineConfig(({ mode }) => ({
  plugins: [react(), noEvalGlobal, vizceralLayoutWorker, preloadVizceral()],
  base: './',
  define: {
    __DEMO__: JSON.stringify(mode === 'demo'),
  },
  build: {
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'server/**/*.test.ts', 'simulator/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
  },
}));

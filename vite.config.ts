/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is a static build: `public/config.json` is fetched at start, so one build serves
// every deployment. `--mode demo` turns on the in-browser simulated Prometheus (MSW).
export default defineConfig(({ mode }) => ({
  plugins: [react()],
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
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'simulator/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20000,
  },
}));

import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

/*
 * The import direction of ../shared/STYLE.md, enforced: the pure core (prometheus, conventions,
 * graph) never imports React, the renderer or the app; vizceral/ only reads graph/; mocks/ never
 * reaches into the app.
 */
const zones = [
  { target: './src/prometheus', from: ['./src/config', './src/conventions', './src/graph', './src/vizceral', './src/app', './src/mocks'] },
  { target: './src/graph', from: ['./src/config', './src/prometheus', './src/conventions', './src/vizceral', './src/app', './src/mocks', './src/baseline'] },
  // The baseline comparison (issue #16) is pure like the graph it reads.
  { target: './src/baseline', from: ['./src/config', './src/prometheus', './src/conventions', './src/vizceral', './src/app', './src/mocks'] },
  { target: './src/conventions', from: ['./src/config', './src/vizceral', './src/app', './src/mocks'] },
  { target: './src/config', from: ['./src/vizceral', './src/app', './src/mocks'] },
  { target: './src/alerts', from: ['./src/config', './src/vizceral', './src/app', './src/mocks'] },
  { target: './src/vizceral', from: ['./src/config', './src/prometheus', './src/conventions', './src/app', './src/mocks'] },
  { target: './src/mocks', from: ['./src/app', './src/vizceral'] },
  // The server (npm start) reuses the config's schema, never the page's code; the page never imports the server.
  { target: './server', from: ['./src/app', './src/vizceral', './src/mocks', './src/graph'] },
  { target: './src', from: ['./server'] },
];

export default tseslint.config(
  { ignores: ['dist', 'dist-demo', 'dist-server', 'node_modules', 'public/mockServiceWorker.js', 'test-results', 'playwright-report', '.tmp', '.scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Pure modules must not reach for browser globals that tie them to a page.
      'no-restricted-imports': ['error', { paths: [{ name: 'vizceral', message: 'Only src/vizceral/vizceralRenderer.ts loads Vizceral (lazily).' }] }],
    },
  },
  {
    // Tests and golden fixtures drive the real path through several layers on purpose.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/__fixtures__/**'],
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
  {
    files: ['src/graph/**/*.ts', 'src/conventions/**/*.ts', 'src/prometheus/**/*.ts', 'src/alerts/**/*.ts', 'src/baseline/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', '@tanstack/*', 'vizceral', 'msw', 'msw/*'], message: 'The pure core stays framework-free (STYLE.md).' }] }],
    },
  },
);

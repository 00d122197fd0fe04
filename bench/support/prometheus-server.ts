/**
 * The demo's simulated Prometheus as an HTTP server in its own process (the demo handlers,
 * through MSW's `getResponse`), for benchmarks of the production build: queries are evaluated
 * outside the page, as a real server would, and outside the process driving the browser.
 *
 *   const server = await startPrometheusProcess('calm');  ...  server.url  ...  await server.close();
 *
 * Run directly (`tsx bench/support/prometheus-server.ts <scenario>`), it prints its URL and serves.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { getResponse } from 'msw';
import { handlers } from '../../src/mocks/handlers.ts';
import { scenarios } from '../../src/mocks/scenarios.ts';

export async function startPrometheusProcess(scenario: string): Promise<{ url: string; close(): Promise<void> }> {
  const child = fork(fileURLToPath(import.meta.url), [scenario], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const url = await new Promise<string>((ok, fail) => {
    child.once('message', (m) => ok(String(m)));
    child.once('exit', (code) => fail(new Error(`the simulated Prometheus exited (${code})`)));
  });
  return { url, close: () => new Promise<void>((ok) => { child.once('exit', () => ok()); child.kill(); }) };
}

async function serve(scenario: string): Promise<void> {
  const list = [...(scenarios.find((s) => s.name === scenario)?.handlers ?? []), ...handlers];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST' };
        if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) });
        const response = await getResponse(list, request);
        if (!response) { res.writeHead(404, cors); res.end('not found'); return; }
        res.writeHead(response.status, { ...Object.fromEntries(response.headers), ...cors });
        res.end(Buffer.from(await response.arrayBuffer()));
      })();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  if (process.send) process.send(url);
  else console.log(url);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serve(process.argv[2] ?? 'calm');

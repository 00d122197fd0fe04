/**
 * The demo's simulated Prometheus as an HTTP server in its own process (the demo handlers,
 * through MSW's `getResponse`), for benchmarks of the production build: queries are evaluated
 * outside the page, as a real server would, and outside the process driving the browser.
 *
 *   const server = await startPrometheusProcess('calm');  ...  server.url  ...  await server.close();
 *
 * Every answer says what it cost the server: a `Server-Timing` header `<kind>;dur=<ms>;desc=<cached|evaluated>`
 * (answer-cache.ts), readable by the page (`Timing-Allow-Origin: *`).
 *
 * Warming (answer-cache.ts): the server records the instant queries pages send with a `time`;
 * `server.warm()` asks them again for the next few seconds of the clock and keeps the answers, so
 * the next page's same queries are answered at once (`server.reset()` forgets both).
 *
 * Run directly (`tsx bench/support/prometheus-server.ts <scenario>`), it prints its URL and serves.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { getResponse } from 'msw';
import { handlers, requestParams } from '../../src/mocks/handlers.ts';
import { scenarios } from '../../src/mocks/scenarios.ts';
import { AnswerCache, answerKey, atTime, queryKind, serverTiming, warmSeconds } from './answer-cache.ts';
import type { CachedAnswer, RecordedQuery } from './answer-cache.ts';

/** What one `warm()` did: passes over the recorded queries until one found every answer kept. */
export interface WarmResult {
  readonly ms: number;
  readonly passes: number;
  /** Answers evaluated (the rest were kept from before). */
  readonly evaluated: number;
  readonly queries: number;
}

export interface PrometheusProcess {
  readonly url: string;
  close(): Promise<void>;
  /** Forgets the recorded queries and the kept answers. */
  reset(): Promise<void>;
  /** Evaluates the recorded queries for each whole second from now to `spanS` seconds on (again while the clock moves on). */
  warm(spanS?: number): Promise<WarmResult>;
}

type Order = { readonly type: 'reset' } | { readonly type: 'warm'; readonly spanS: number };
type Command = Order & { readonly id: number };

export async function startPrometheusProcess(scenario: string): Promise<PrometheusProcess> {
  const child = fork(fileURLToPath(import.meta.url), [scenario], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const url = await new Promise<string>((ok, fail) => {
    child.once('message', (m) => ok(String(m)));
    child.once('exit', (code) => fail(new Error(`the simulated Prometheus exited (${code})`)));
  });
  let nextId = 0;
  const ask = <T>(command: Order): Promise<T> => new Promise<T>((ok) => {
    const id = ++nextId;
    const onMessage = (m: unknown): void => {
      if (typeof m === 'object' && m !== null && (m as { id?: unknown }).id === id) {
        child.off('message', onMessage);
        ok((m as { result: T }).result);
      }
    };
    child.on('message', onMessage);
    child.send({ ...command, id });
  });
  return {
    url,
    close: () => new Promise<void>((ok) => { child.once('exit', () => ok()); child.kill(); }),
    reset: () => ask<undefined>({ type: 'reset' }),
    warm: (spanS = 4) => ask<WarmResult>({ type: 'warm', spanS }),
  };
}

async function serve(scenario: string): Promise<void> {
  const list = [...(scenarios.find((s) => s.name === scenario)?.handlers ?? []), ...handlers];
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST', 'timing-allow-origin': '*' };
  const cache = new AnswerCache();
  const recorded = new Map<string, RecordedQuery>();

  /** The scenario's answer to a request, evaluated now. */
  const evaluate = async (request: Request): Promise<CachedAnswer | null> => {
    const params = await requestParams(request.clone());
    const response = await getResponse(list, request);
    if (!response) return null;
    return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()), timeS: Number(params.get('time') ?? NaN) };
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const started = performance.now();
        if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
        const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) });
        const path = new URL(request.url).pathname;
        const params = await requestParams(request.clone());
        const key = answerKey(path, params);
        if (key !== null) {
          const noTime = [...params.entries()].filter(([name]) => name !== 'time');
          recorded.set(`${path}?${new URLSearchParams(noTime).toString()}`, { path, params: noTime });
        }
        const kept = key === null ? undefined : cache.get(key);
        const answer = kept ?? await evaluate(request);
        if (!answer) { res.writeHead(404, cors); res.end('not found'); return; }
        const timing = serverTiming(path.endsWith('/query') ? queryKind(params.get('query') ?? '') : 'other', performance.now() - started, kept !== undefined);
        res.writeHead(answer.status, { ...answer.headers, ...cors, 'server-timing': timing });
        res.end(answer.body);
      })();
    });
  });

  const warm = async (spanS: number): Promise<WarmResult> => {
    const started = performance.now();
    let passes = 0;
    let evaluated = 0;
    for (;;) {
      passes++;
      let found = 0;
      const now = Date.now();
      cache.evict(Math.floor(now / 1000));
      for (const time of warmSeconds(now, spanS)) {
        for (const query of recorded.values()) {
          const params = atTime(query, time);
          const key = answerKey(query.path, params);
          if (key === null || cache.has(key)) continue;
          const answer = await evaluate(new Request(`http://127.0.0.1${query.path}`, {
            method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString(),
          }));
          if (answer) cache.set(key, answer);
          found++;
        }
      }
      evaluated += found;
      // Done when a pass found every answer kept; a pass that took a while leaves new seconds to warm.
      if (found === 0 || passes >= 20) break;
    }
    return { ms: performance.now() - started, passes, evaluated, queries: recorded.size };
  };

  process.on('message', (m: Command) => {
    void (async () => {
      if (m.type === 'reset') { recorded.clear(); cache.clear(); process.send?.({ id: m.id, result: undefined }); }
      if (m.type === 'warm') process.send?.({ id: m.id, result: await warm(m.spanS) });
    })();
  });

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  if (process.send) process.send(url);
  else console.log(url);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serve(process.argv[2] ?? 'calm');

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { SERVICE_LIST_LABELS } from '../../src/conventions/serviceListQuery.ts';
import { DC_LABEL, PEER_DC_LABEL } from '../../src/conventions/viewQueries.ts';

/**
 * A fake Prometheus on 127.0.0.1 for the hostile-input suite: it answers the app's four traffic
 * queries (and the details queries) with series whose service names are markup and a
 * `javascript:` URL, or misbehaves the way real servers and proxies do, switched at run time with
 * `POST /-/mode/<mode>` (the control endpoint; `setMode` calls it).
 */

export const IMG = '<img src=x onerror="window.__pwned=1">';
export const JS = 'javascript:alert(1)';
export const DC = 'eu-west';
/** A second datacenter, named like a property of every JavaScript object. */
export const DC2 = 'constructor';

export const MODES = ['ok', 'slow', 'huge', 'truncated', 'html', '401', '403', '422', '503'] as const;
export type Mode = (typeof MODES)[number];

const SLOW_MS = 30_000;
const HUGE_BYTES = 100 * 1024 * 1024;

type Series = { metric: Record<string, string>; value: [number, string] };
const series = (metric: Record<string, string>, value: string): Series => ({ metric: { datacenter: DC, ...metric }, value: [Date.now() / 1000, value] });
const edge = (service: string, peer: string, cls: string, value: string) =>
  series({ service, peer_service: peer, peer_datacenter: peer === '' ? '' : DC, ...(cls ? { tm_class: cls } : {}) }, value);

/**
 * Services set through `POST /-/names` (`setNames`): internet -> names[0] -> names[1] -> ..., the
 * odd ones in DC2 (calls across datacenters), a few errors on every other call.
 */
function namedVector(query: string, names: readonly string[]): Series[] {
  const latency = query.startsWith('histogram_quantile');
  const egress = query.includes('traffic_egress_');
  const dcOf = (i: number) => (i % 2 === 0 ? DC : DC2);
  const row = (dc: string, service: string, peer: string, peerDc: string, cls: string, value: string): Series =>
    ({ metric: { datacenter: dc, service, peer_service: peer, peer_datacenter: peerDc, ...(cls ? { tm_class: cls } : {}) }, value: [Date.now() / 1000, value] });
  const out: Series[] = [];
  if (!egress) out.push(row(DC, names[0] ?? 'x', 'internet', '', latency ? '' : '2xx', latency ? '0.2' : '20'));
  for (let i = 0; i + 1 < names.length; i++) {
    const [a, b] = [names[i] as string, names[i + 1] as string];
    const [from, to] = egress ? [[dcOf(i), a], [dcOf(i + 1), b]] : [[dcOf(i + 1), b], [dcOf(i), a]];
    if (latency) out.push(row(from[0] as string, from[1] as string, to[1] as string, to[0] as string, '', '0.05'));
    else {
      out.push(row(from[0] as string, from[1] as string, to[1] as string, to[0] as string, '2xx', '10'));
      if (i % 2 === 0) out.push(row(from[0] as string, from[1] as string, to[1] as string, to[0] as string, '5xx', '0.5'));
    }
  }
  return out;
}

/** internet -> IMG -> JS -> postgres, with a few errors on IMG -> JS. */
function vectorFor(query: string, names: readonly string[] | null): Series[] {
  const latency = query.startsWith('histogram_quantile');
  if (names && (query.startsWith('sum by') || latency)) return namedVector(query, names);
  if (query.startsWith('sum by') || latency) {
    const egress = query.includes('traffic_egress_');
    if (latency) return egress ? [edge(IMG, JS, '', '0.12'), edge(JS, 'postgres', '', '0.004')] : [edge(IMG, '', '', '0.2')];
    return egress
      ? [edge(IMG, JS, '2xx', '10'), edge(IMG, JS, '5xx', '0.1'), edge(JS, 'postgres', '2xx', '9.9')]
      : [edge(IMG, '', '2xx', '20'), edge(JS, IMG, '2xx', '10'), edge(JS, IMG, '5xx', '0.1')];
  }
  return [{ metric: {}, value: [Date.now() / 1000, '1'] }]; // a details query of the selection
}

const CORS = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'cache-control': 'no-store' };
function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...CORS, 'content-type': type });
  res.end(body);
}
const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json', JSON.stringify(body));

/** 100 MB of a valid-looking vector, written as the socket drains, never held in memory. */
async function streamHuge(req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
  let closed = false;
  req.on('close', () => { closed = true; });
  res.on('close', () => { closed = true; });
  const item = `${JSON.stringify(edge('x', 'y', '2xx', '1'))},`;
  const chunk = item.repeat(Math.ceil((1024 * 1024) / item.length));
  let sent = 0;
  res.write('{"status":"success","data":{"resultType":"vector","result":[');
  while (!closed && sent < HUGE_BYTES) {
    sent += chunk.length;
    if (!res.write(chunk)) await new Promise<void>((ok) => { res.once('drain', ok); res.once('close', ok); });
  }
  if (!closed) res.end(`${JSON.stringify(edge('x', 'y', '2xx', '1'))}]}}`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

const PLAN = '# traffic-map ';

/**
 * The app's view queries (src/conventions/viewQueries.ts) start with a comment line naming the
 * view: answered from the same series, their ends renamed as the view's nodes (the global view's
 * services are one node per datacenter), and the service list from the services of those series.
 */
function viewVectorFor(query: string, names: readonly string[] | null): Series[] {
  const end = query.indexOf('\n');
  const plan = JSON.parse(query.slice(PLAN.length, end)) as { kind: string; scope?: { level: string }; baseline?: string };
  const body = viewBody(query);
  if (plan.kind === 'services') {
    const seen = new Map<string, Series>();
    for (const q of ['sum by (x) traffic_egress_requests_total', 'sum by (x) traffic_ingress_requests_total']) {
      for (const s of vectorFor(q, names)) {
        const dc = s.metric.datacenter ?? '';
        const name = s.metric.service ?? '';
        if (dc && name) seen.set(`${dc}\u0000${name}`, { metric: { [SERVICE_LIST_LABELS.datacenter]: dc, [SERVICE_LIST_LABELS.service]: name, [SERVICE_LIST_LABELS.group]: name }, value: s.value });
      }
    }
    return [...seen.values()];
  }
  const global = plan.scope?.level === 'global';
  const internet = (p: string) => p === '' || p === 'internet';
  // A baseline query (the view's rates an offset earlier) asks for totals: the same series, without status classes.
  const baseline = plan.baseline !== undefined;
  return vectorFor(body, names).map(({ metric: { service, peer_service: peer, tm_class: cls, datacenter, peer_datacenter: peerDc, ...rest }, value }) => ({
    metric: {
      ...rest,
      ...(datacenter !== undefined ? { [DC_LABEL]: datacenter } : {}),
      ...(peerDc !== undefined ? { [PEER_DC_LABEL]: peerDc } : {}),
      ...(cls !== undefined && !baseline ? { tm_class: cls } : {}),
      ...(service !== undefined ? { tm_node: global ? '*' : service } : {}),
      ...(peer !== undefined && peer !== '' ? { tm_peer: global && !internet(peer) ? '*' : peer } : {}),
    },
    value,
  }));
}

/**
 * A view query's PromQL after its plan line, without the label rewrites around its sum (those of a
 * datacenter view leave out its own datacenter; this server answers with every label, which reads the same).
 */
function viewBody(query: string): string {
  return query.slice(query.indexOf('\n') + 1).replace(/^(?:label_replace\(|label_join\()+/, '');
}

function answerFor(query: string, names: readonly string[] | null): Series[] {
  return query.startsWith(PLAN) ? viewVectorFor(query, names) : vectorFor(query, names);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}

async function answer(mode: Mode, names: readonly string[] | null, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const form = req.method === 'POST' ? await readForm(req) : new URL(req.url ?? '/', 'http://x').searchParams;
  const query = form.get('query') ?? '';
  const body = query.startsWith(PLAN) ? viewBody(query) : query;
  // The refresh's own egress rate query, not the baseline's (whose plan says "baseline").
  const isEgressRate = body.startsWith('sum by') && body.includes('traffic_egress_requests_total') && !query.split('\n', 1)[0]?.includes('"baseline"');
  switch (mode) {
    case 'slow': {
      const timer = setTimeout(() => json(res, 200, { status: 'success', data: { resultType: 'vector', result: answerFor(query, names) } }), SLOW_MS);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    // One query of the four is enough to fail the refresh; the other three answer well.
    case 'huge': if (isEgressRate) return streamHuge(req, res); break;
    case 'truncated': return send(res, 200, 'application/json', '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"service":"a');
    case 'html': return send(res, 200, 'text/html; charset=utf-8', '<!DOCTYPE html><html><body><form action="/login">Sign in</form><img src=x onerror="window.__pwned=1"></body></html>');
    case '401': return send(res, 401, 'text/plain', 'Unauthorized');
    case '403': return send(res, 403, 'text/plain', 'Forbidden');
    case '422': return json(res, 422, { status: 'error', errorType: 'execution', error: `many-to-many matching not allowed: ${IMG}` });
    case '503': return send(res, 503, 'text/plain', 'Service Unavailable');
    case 'ok': break;
  }
  if (path === '/api/v1/query_range') return json(res, 200, { status: 'success', data: { resultType: 'matrix', result: [] } });
  if (path === '/api/v1/status/config') return json(res, 200, { status: 'success', data: { yaml: 'global:\n  scrape_interval: 1s\n' } });
  if (path === '/api/v1/status/buildinfo') return json(res, 200, { status: 'success', data: { version: '3.0.0-fake' } });
  if (path === '/api/v1/query') return json(res, 200, { status: 'success', data: { resultType: 'vector', result: answerFor(query, names) } });
  return send(res, 404, 'text/plain', '404 page not found');
}

export interface HostilePrometheus {
  readonly url: string;
  /** Switches what the server answers, through its control endpoint. */
  setMode(mode: Mode): Promise<void>;
  /** The services answered from now on (see `namedVector`); null: the markup names again. */
  setNames(names: readonly string[] | null): Promise<void>;
  close(): Promise<void>;
}

export async function startHostilePrometheus(): Promise<HostilePrometheus> {
  let mode: Mode = 'ok';
  let names: readonly string[] | null = null;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'OPTIONS') return send(res, 204, 'text/plain', '');
    if (path === '/-/names' && req.method === 'POST') {
      readBody(req).then((body) => {
        names = JSON.parse(body) as string[] | null;
        send(res, 200, 'text/plain', 'ok');
      }, (e: unknown) => send(res, 400, 'text/plain', String(e)));
      return;
    }
    const control = /^\/-\/mode\/([\w-]+)$/.exec(path);
    if (control && req.method === 'POST') {
      const next = control[1] as Mode;
      if (!MODES.includes(next)) return send(res, 400, 'text/plain', `unknown mode ${next}`);
      mode = next;
      return send(res, 200, 'text/plain', mode);
    }
    answer(mode, names, req, res, path).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', String(e));
      else res.destroy();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    async setNames(next) {
      const r = await fetch(`${url}/-/names`, { method: 'POST', body: JSON.stringify(next) });
      if (!r.ok) throw new Error(`setNames: ${r.status} ${await r.text()}`);
    },
    async setMode(next) {
      const r = await fetch(`${url}/-/mode/${next}`, { method: 'POST' });
      if (!r.ok) throw new Error(`setMode(${next}): ${r.status} ${await r.text()}`);
    },
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

/**
 * The simulator's HTTP side: one listener per endpoint (a service's target, or a group's on a
 * large platform) serving `/metrics` (unless a scrape-down fault hits one of its services), and
 * a control listener for faults and target discovery.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parseFaultList, scrapeDownFor } from './faults.ts';
import type { SimFault } from './faults.ts';
import type { SimEndpoint } from './targets.ts';

export interface TargetInfo {
  readonly dc: string;
  /** The service ('' for a group's endpoint). */
  readonly service: string;
  readonly instance: number;
  /** A group's endpoint (large platforms): the group ('' = the services without one) and how many services it serves. */
  readonly group?: string;
  readonly services?: number;
  /** The /metrics URL. */
  readonly url: string;
  /** host:port, what a Prometheus scrape config lists. */
  readonly address: string;
}

export interface Listening {
  readonly server: Server;
  readonly port: number;
}

/**
 * Serves one endpoint's registry on /metrics; `beforeScrape` brings the counters up to now. A
 * scrape-down fault on any of its services takes the whole endpoint down.
 */
export function targetServer(endpoint: SimEndpoint, faults: () => readonly SimFault[], beforeScrape: () => void): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/metrics') return send(res, 404, 'text/plain', 'not found: try /metrics\n');
    const list = faults();
    const hit = list.length === 0 ? undefined : endpoint.targets.find((t) => scrapeDownFor(list, t));
    const down = hit && scrapeDownFor(list, hit);
    if (down?.mode === '503') return send(res, 503, 'text/plain', `scrape-down fault on ${hit?.id ?? ''}\n`);
    if (down) return; // hang: the scraper times out; close() ends the connection
    beforeScrape();
    endpoint.registry.metrics().then(
      (text) => send(res, 200, endpoint.registry.contentType, text),
      (err: unknown) => send(res, 500, 'text/plain', `${String(err)}\n`),
    );
  });
}

export interface ControlHandlers {
  readonly targets: () => readonly TargetInfo[];
  readonly getFaults: () => readonly SimFault[];
  readonly setFaults: (faults: readonly SimFault[]) => void;
}

/**
 *   GET    /faults       the faults in effect (JSON list)
 *   POST   /faults       add faults (a JSON fault or list)
 *   PUT    /faults       replace the faults (a JSON list)
 *   DELETE /faults       clear every fault
 *   GET    /targets      [{dc, service, instance, url, address}]   (?datacenter=eu-west filters)
 *   GET    /targets.txt  one host:port a line, for scripts           (same filter)
 */
export function controlServer(h: ControlHandlers): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const dcs = url.searchParams.getAll('datacenter').flatMap((d) => d.split(',')).filter(Boolean);
    const targets = (): readonly TargetInfo[] => h.targets().filter((t) => dcs.length === 0 || dcs.includes(t.dc));
    if (url.pathname === '/targets' && req.method === 'GET') return sendJson(res, 200, targets());
    if (url.pathname === '/targets.txt' && req.method === 'GET') {
      return send(res, 200, 'text/plain', targets().map((t) => `${t.address}\n`).join(''));
    }
    if (url.pathname === '/healthz') return send(res, 200, 'text/plain', 'ok\n');
    if (url.pathname !== '/faults') return send(res, 404, 'text/plain', 'try /faults or /targets\n');
    if (req.method === 'GET') return sendJson(res, 200, h.getFaults());
    if (req.method === 'DELETE') {
      h.setFaults([]);
      return sendJson(res, 200, []);
    }
    if (req.method !== 'POST' && req.method !== 'PUT') return send(res, 405, 'text/plain', 'method not allowed\n');
    readBody(req).then((body) => {
      try {
        const list = parseFaultList(body);
        h.setFaults(req.method === 'PUT' ? list : [...h.getFaults(), ...list]);
        sendJson(res, 200, h.getFaults());
      } catch (err) {
        sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) });
      }
    }, () => send(res, 400, 'text/plain', 'could not read the body\n'));
  });
}

/** Listens on 127.0.0.1 (port 0: any free one). */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<Listening> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      const address = server.address();
      ok({ server, port: typeof address === 'object' && address ? address.port : port });
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((ok) => {
    server.closeAllConnections();
    server.close(() => ok());
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', `${JSON.stringify(value, null, 1)}\n`);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { body += chunk; if (body.length > 1_000_000) req.destroy(); });
    req.on('end', () => ok(body));
    req.on('error', fail);
  });
}

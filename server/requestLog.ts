/** One JSON line per request on stdout, written when the answer is sent (or the client left). */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type LogLine = (line: string) => void;

const notes = new WeakMap<ServerResponse, Record<string, string | number>>();

/** Adds a field to this request's log line (the upstream, the reason of a refusal). */
export function note(res: ServerResponse, key: string, value: string | number): void {
  const fields = notes.get(res) ?? {};
  fields[key] = value;
  notes.set(res, fields);
}

/** writeHead with the headers set one by one, so the log line can read content-length back. */
export function writeHead(res: ServerResponse, status: number, headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.writeHead(status);
}

/** Logs the request once it is done; the path without its query string (PromQL is long). */
export function logWhenDone(req: IncomingMessage, res: ServerResponse, write: LogLine): void {
  const started = process.hrtime.bigint();
  let logged = false;
  const done = (): void => {
    if (logged) return;
    logged = true;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const length = Number(res.getHeader('content-length') ?? 0);
    write(JSON.stringify({
      time: new Date().toISOString(),
      method: req.method,
      path: query === -1 ? url : url.slice(0, query),
      status: res.writableFinished ? res.statusCode : 499,
      ms: Math.round(ms * 10) / 10,
      bytes: Number.isFinite(length) ? length : 0,
      ...notes.get(res),
    }));
  };
  res.once('finish', done);
  res.once('close', done);
}

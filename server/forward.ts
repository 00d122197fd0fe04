/**
 * One request to an upstream Prometheus, with its credentials, headers and TLS settings, a
 * timeout and a size cap. Whatever happens, the answer is a Prometheus API answer: the
 * upstream's own JSON, or {"status": "error", "errorType": ..., "error": ...} saying what failed,
 * so the app's banners read it as they read Prometheus.
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { authorization } from './secrets.ts';
import type { Upstream } from './upstream.ts';

/** Largest answer read from an upstream: the browser's own cap (src/prometheus/request.ts). */
export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

export interface ApiAnswer {
  readonly status: number;
  readonly body: Buffer;
}

export interface Outgoing {
  readonly method: 'GET' | 'POST';
  /** Relative to the upstream's base URL, e.g. "api/v1/query". */
  readonly path: string;
  /** The raw query string, "" or starting with "?". */
  readonly search: string;
  /** A form-encoded body (POST). */
  readonly body?: Buffer;
  /** The client went away: stop asking. */
  readonly signal?: AbortSignal;
}

/** A Prometheus API error answer. */
export function apiError(status: number, errorType: string, error: string): ApiAnswer {
  return { status, body: Buffer.from(JSON.stringify({ status: 'error', errorType, error })) };
}

/** One keep-alive agent per upstream, with its TLS settings (the CA file read once, at start). */
export function agentFor(upstream: Upstream): HttpAgent {
  if (!upstream.url.startsWith('https:')) return new HttpAgent({ keepAlive: true });
  return new HttpsAgent({
    keepAlive: true,
    ...(upstream.tls.caFile === undefined ? {} : { ca: readFileSync(upstream.tls.caFile, 'utf8') }),
    rejectUnauthorized: !upstream.tls.insecureSkipVerify,
  });
}

export async function forward(upstream: Upstream, agent: HttpAgent, out: Outgoing): Promise<ApiAnswer> {
  const who = `Prometheus "${upstream.name}" (${upstream.field})`;
  let auth: string | null;
  try {
    auth = await authorization(upstream);
  } catch (e) {
    return apiError(502, 'internal', `the proxy cannot read the credentials of ${who}: ${describe(e)}`);
  }
  const headers: Record<string, string> = { 'user-agent': 'traffic-map', accept: 'application/json', 'accept-encoding': 'identity' };
  for (const [name, value] of upstream.headers) headers[name.toLowerCase()] = value;
  if (auth !== null) headers.authorization = auth;
  if (out.body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['content-length'] = String(out.body.length);
  }
  const url = `${upstream.url}/${out.path}${out.search}`;
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;

  return new Promise<ApiAnswer>((resolve) => {
    let done = false;
    const finish = (answer: ApiAnswer): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      out.signal?.removeEventListener('abort', onAbort);
      resolve(answer);
    };
    const req = send(url, { method: out.method, headers, agent });
    const timer = setTimeout(() => {
      req.destroy();
      finish(apiError(504, 'timeout', `${who} did not answer the proxy within ${seconds(upstream.timeoutMs)} (prometheus.timeout)`));
    }, upstream.timeoutMs);
    const onAbort = (): void => {
      req.destroy();
      finish(apiError(499, 'canceled', 'the client went away'));
    };
    out.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => finish(apiError(502, 'unavailable', `cannot reach ${who} at ${upstream.url}: ${describe(e)}`)));
    req.on('response', (res) => {
      readCapped(res, MAX_RESPONSE_BYTES).then(
        (body) => {
          if (body === null) {
            req.destroy();
            finish(apiError(502, 'bad_response', `${who} answered more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB: a query gone wrong?`));
          } else {
            finish(interpret(who, res.statusCode ?? 502, String(res.headers['content-type'] ?? ''), body));
          }
        },
        (e: unknown) => finish(apiError(502, 'unavailable', `${who} broke off its answer: ${describe(e)}`)),
      );
    });
    req.end(out.body);
  });
}

/** The body, or null once it passes `max` bytes. */
function readCapped(res: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        res.destroy();
        resolve(null);
        return;
      }
      parts.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(parts)));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('connection closed before the end of the answer'));
    });
  });
}

/**
 * The upstream's answer as the browser gets it. A Prometheus API body passes as it is (errors
 * keep their status); anything else becomes an API error that says what came back. The status
 * stays, except a refusal of the proxy's own credentials (401/403), which is the server's
 * problem, not the viewer's (502).
 */
export function interpret(who: string, status: number, contentType: string, body: Buffer): ApiAnswer {
  if (looksLikeApiAnswer(status, contentType, body)) return { status, body };
  const text = body.toString('utf8', 0, Math.min(body.length, 2000));
  const excerpt = excerptOf(text, contentType);
  if (status === 401 || status === 403) {
    return apiError(502, 'unauthorized', `${who} refused the proxy's credentials (HTTP ${status}): check basicAuth, bearerTokenFile or headers in config.json${excerpt}`);
  }
  if (status >= 200 && status < 300) return apiError(502, 'bad_response', `${who} did not answer with Prometheus API JSON (HTTP ${status})${excerpt}`);
  if (status === 404) return apiError(404, 'not_found', `${who} answered HTTP 404: is its url the base URL of the Prometheus API?${excerpt}`);
  const type = status >= 500 ? 'unavailable' : 'bad_data';
  return apiError(status >= 400 && status < 600 ? status : 502, type, `${who} answered HTTP ${status}${excerpt}`);
}

function looksLikeApiAnswer(status: number, contentType: string, body: Buffer): boolean {
  const start = body.toString('utf8', 0, Math.min(body.length, 64)).trimStart();
  if (!start.startsWith('{')) return false;
  // A success is passed on unparsed (it can be large); an error is checked for its "status".
  if (status >= 200 && status < 300 && contentType.includes('json')) return true;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && (parsed as { status?: unknown }).status === 'error';
  } catch {
    return false;
  }
}

function excerptOf(text: string, contentType: string): string {
  if (/^\s*(<!doctype html|<html|<head|<body)/i.test(text) || contentType.includes('html')) return ': an HTML page';
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return '';
  return `: ${JSON.stringify(line.length > 120 ? `${line.slice(0, 117)}...` : line)}`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message || ((e as NodeJS.ErrnoException).code ?? e.name);
  return String(e);
}

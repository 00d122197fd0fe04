import {
  abortedError,
  isPrometheusError,
  apiError,
  httpError,
  networkError,
  parseError,
  timeoutError,
  tooLargeError,
} from './errors.ts';
import type { RequestTarget } from './errors.ts';
import type { ApiSuccess } from './types.ts';
import { encodeParams, joinUrl, withQuery } from './url.ts';
import type { ParamValue } from './url.ts';
import { isRecord, stringList } from './validate.ts';
import type { Checked } from './validate.ts';

/** What every request of one client shares. */
export interface RequestContext {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  readonly headers: Readonly<Record<string, string>>;
  /** Largest body read (bytes); a larger answer fails with kind 'parse' ("answer too large"). */
  readonly maxBodyBytes?: number;
}

/**
 * 50 MB: ten times the four aggregated answers of a very large platform. A bigger body is a
 * query gone wrong (or not Prometheus); reading it whole would freeze the tab of a wall screen.
 */
export const DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024;

export interface ApiRequest<T> {
  /** POST sends the params form-encoded in the body (PromQL can be longer than a URL may be). */
  readonly method: 'GET' | 'POST';
  /** API path, e.g. "api/v1/query". */
  readonly path: string;
  readonly params?: Readonly<Record<string, ParamValue>>;
  readonly signal?: AbortSignal;
  /** Checks the shape of `data` in a success answer. */
  readonly check: (data: unknown) => Checked<T>;
  /**
   * Reads a success answer's `data` from its text, when it can (see vectorText.ts): tried on a
   * 2xx answer before it is parsed; null, and the answer is parsed and checked as any other.
   */
  readonly readText?: (text: string) => T | null;
}

/**
 * The one fetch wrapper of the client: timeout + caller's AbortSignal, body read as text and
 * then parsed, `status: "error"` unwrapped, every failure a typed `PrometheusError`.
 */
export async function apiRequest<T>(ctx: RequestContext, req: ApiRequest<T>): Promise<ApiSuccess<T>> {
  const endpoint = joinUrl(ctx.baseUrl, req.path);
  const encoded = encodeParams(req.params ?? {});
  const url = req.method === 'GET' ? withQuery(endpoint, encoded) : endpoint;
  const target: RequestTarget = { baseUrl: ctx.baseUrl, url };
  const headers: Record<string, string> = { ...ctx.headers, Accept: 'application/json' };
  if (req.method === 'POST') headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const init: RequestInit = { method: req.method, headers };
  if (req.method === 'POST') init.body = encoded;

  const { status, ok, text } = await send(ctx, target, init, req.signal);
  const read = ok && req.readText ? req.readText(text) : null;
  // Only an answer without warnings or infos is read from its text.
  if (read !== null) return { data: read, warnings: [], infos: [] };
  return interpret(target, status, ok, text, req.check);
}

interface RawAnswer {
  readonly status: number;
  readonly ok: boolean;
  readonly text: string;
}

async function send(ctx: RequestContext, t: RequestTarget, init: RequestInit, signal?: AbortSignal): Promise<RawAnswer> {
  if (signal?.aborted) throw abortedError(t, signal.reason);
  // One controller fed by the caller's signal and the timer; `stoppedBy` says which came first.
  const controller = new AbortController();
  let stoppedBy: 'caller' | 'timeout' | null = null;
  const onCallerAbort = (): void => {
    stoppedBy ??= 'caller';
    controller.abort(signal?.reason);
  };
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => {
    stoppedBy ??= 'timeout';
    controller.abort(new DOMException('Prometheus request timed out', 'TimeoutError'));
  }, ctx.timeoutMs);
  const doFetch = ctx.fetch; // called unbound: window.fetch rejects another `this`
  try {
    const response = await doFetch(t.url, { ...init, signal: controller.signal });
    const text = await readBody(response, ctx.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, () => controller.abort());
    if (text === null) throw tooLargeError(t, ctx.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    return { status: response.status, ok: response.ok, text };
  } catch (e) {
    if (isPrometheusError(e)) throw e;
    if (stoppedBy === 'caller' || signal?.aborted) throw abortedError(t, e);
    if (stoppedBy === 'timeout') throw timeoutError(t, ctx.timeoutMs);
    throw networkError(t, e);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * The body as text, read from the stream with a size cap: null (and the download stopped) once
 * it passes `max` bytes, so a 100 MB answer neither fills the memory nor hangs the tab.
 */
async function readBody(response: Response, max: number, stop: () => void): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > max) {
    stop();
    return null;
  }
  if (!response.body) {
    const text = await response.text();
    return text.length > max ? null : text;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      stop();
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

function interpret<T>(
  t: RequestTarget,
  status: number,
  ok: boolean,
  text: string,
  check: (data: unknown) => Checked<T>,
): ApiSuccess<T> {
  const parsed = parseJson(text);
  const body = parsed.ok ? parsed.value : undefined;
  // Prometheus answers errors as JSON with 400, 422, 503 (and others): keep its words.
  if (isRecord(body) && body.status === 'error') {
    const errorType = typeof body.errorType === 'string' ? body.errorType : '';
    const error = typeof body.error === 'string' ? body.error : 'no error text';
    throw apiError(t, errorType, error, ok ? undefined : status);
  }
  if (!ok) throw httpError(t, status, text);
  if (!parsed.ok) throw parseError(t, parsed.reason, text);
  if (!isRecord(body) || body.status !== 'success' || !('data' in body)) {
    throw parseError(t, 'not a Prometheus API answer (no "status": "success" with "data")');
  }
  const data = check(body.data);
  if (!data.ok) throw parseError(t, data.reason);
  return { data: data.value, warnings: stringList(body.warnings), infos: stringList(body.infos) };
}

function parseJson(text: string): Checked<unknown> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty body instead of JSON' };
  if (!/^[[{]/.test(trimmed)) {
    return { ok: false, reason: `text instead of JSON: ${JSON.stringify(trimmed.slice(0, 120))}` };
  }
  try {
    return { ok: true, value: JSON.parse(trimmed) as unknown };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: `malformed JSON (cut off by a proxy or a timeout?): ${why}` };
  }
}

/**
 * The benchmark server's answer cache (prometheus-server.ts): what makes the simulated Prometheus
 * answer the `large` scenario about as fast as a real one holding the samples already would.
 *
 * The simulated server computes the platform's traffic when asked (a snapshot of the 800-service
 * model is 0.2-0.8 s on this machine, a view's queries read 8 of them), which a real Prometheus
 * does not do at query time. So a benchmark warms it: the queries a page sent once for a link are
 * asked again, for the seconds the next page will ask (the app evaluates at whole seconds of its
 * clock), and their answers kept. The next page's real queries, at their real evaluation time,
 * then get those answers, made by the same evaluation from the same model, byte for byte; a query
 * that was not warmed is evaluated as before. Each answer says what it cost the server (a
 * `Server-Timing` header), so a benchmark reports the server's share.
 */
import { PLAN_COMMENT } from '../../src/conventions/viewQueries.ts';

/** The header naming each answer's kind and server time: `<kind>;dur=<ms>;desc=<cached|evaluated>`. */
export function serverTiming(kind: string, ms: number, cached: boolean): string {
  return `${kind};dur=${ms.toFixed(1)};desc=${cached ? 'cached' : 'evaluated'}`;
}

/**
 * What a query is, as a Server-Timing metric name: a view query's kind (`egressRate`, ...), with
 * `baseline-` in front for a baseline query; `services` for the service list; `other` else.
 */
export function queryKind(promql: string): string {
  if (!promql.startsWith(PLAN_COMMENT)) return 'other';
  const end = promql.indexOf('\n');
  try {
    const header = JSON.parse(promql.slice(PLAN_COMMENT.length, end < 0 ? undefined : end)) as { kind?: unknown; baseline?: unknown };
    const kind = typeof header.kind === 'string' && /^[A-Za-z]+$/.test(header.kind) ? header.kind : 'other';
    return typeof header.baseline === 'string' ? `baseline-${kind}` : kind;
  } catch {
    return 'other';
  }
}

/**
 * The cache key of an instant query: its path and every parameter, sorted. Null when it has no
 * `time` (evaluated at the server's clock, to the millisecond: never asked twice alike) or is not
 * an instant query.
 */
export function answerKey(path: string, params: URLSearchParams): string | null {
  if (!path.endsWith('/api/v1/query') || !params.get('time')) return null;
  const sorted = [...params.entries()].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return `${path}?${new URLSearchParams(sorted).toString()}`;
}

/** The evaluation times to warm from `nowMs` on: the whole seconds of the next `spanS` seconds, as the app writes them. */
export function warmSeconds(nowMs: number, spanS: number): string[] {
  const first = Math.floor(nowMs / 1000);
  return Array.from({ length: spanS + 1 }, (_, i) => String(first + i));
}

/** A query a page sent, to be asked again at other times: its path and parameters but `time`. */
export interface RecordedQuery {
  readonly path: string;
  readonly params: readonly (readonly [string, string])[];
}

/** The recorded query asked at `time` (unix seconds, as text). */
export function atTime(query: RecordedQuery, time: string): URLSearchParams {
  const params = new URLSearchParams(query.params.filter(([name]) => name !== 'time').map(([n, v]) => [n, v]));
  params.set('time', time);
  return params;
}

export interface CachedAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** The answer's evaluation time, unix seconds (for eviction). */
  readonly timeS: number;
}

/** Answers by key, dropping those evaluated more than `keepS` seconds before the newest warmed second. */
export class AnswerCache {
  private readonly answers = new Map<string, CachedAnswer>();
  constructor(private readonly keepS = 120) {}

  get(key: string): CachedAnswer | undefined {
    return this.answers.get(key);
  }

  has(key: string): boolean {
    return this.answers.has(key);
  }

  set(key: string, answer: CachedAnswer): void {
    this.answers.set(key, answer);
  }

  /** Drops the answers evaluated before `nowS - keepS`. */
  evict(nowS: number): void {
    for (const [key, answer] of this.answers) if (answer.timeS < nowS - this.keepS) this.answers.delete(key);
  }

  clear(): void {
    this.answers.clear();
  }

  get size(): number {
    return this.answers.size;
  }
}

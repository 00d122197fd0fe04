/** How much the viewer can trust what is on screen, derived from the query's timestamps. */
export type Liveness =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'live'; readonly ageMs: number }
  /** A past moment, pinned: correct as of then, deliberately not refreshing. */
  | { readonly kind: 'pinned'; readonly time: number }
  | { readonly kind: 'stale'; readonly ageMs: number; readonly message?: string }
  | { readonly kind: 'failing'; readonly ageMs: number; readonly message: string };

export interface LivenessInput {
  readonly now: number;
  /** When the last good data arrived (0 = never). */
  readonly dataUpdatedAt: number;
  /** When the last error happened (0 = never). */
  readonly errorUpdatedAt: number;
  readonly errorMessage?: string;
  readonly intervalMs: number;
  /** The pinned moment (unix s) or null when live. */
  readonly pinnedTime?: number | null;
  /**
   * When the data on screen arrived, where it is another read's (the view, moment or query delay
   * changed and the new read has no answer yet: the last map stays); 0 or absent = none.
   */
  readonly shownUpdatedAt?: number;
}

/**
 * live: fresh data and no newer error. failing: the last refresh failed (the last good graph
 * stays, greyed). stale: data older than two refresh intervals, failing or not (a hung request).
 * A read that failed before its first answer is `failed`, unless another read's map is on screen
 * (`shownUpdatedAt`): then that map is failing or stale by its own age.
 */
export function liveness(input: LivenessInput): Liveness {
  const { now, errorUpdatedAt, errorMessage, intervalMs, pinnedTime } = input;
  const own = input.dataUpdatedAt;
  const failing = errorUpdatedAt > own && errorMessage !== undefined;
  if (!own && !failing) return { kind: 'loading' };
  const dataUpdatedAt = own || (input.shownUpdatedAt ?? 0);
  if (!dataUpdatedAt) return failing ? { kind: 'failed', message: errorMessage } : { kind: 'loading' };
  if (pinnedTime !== undefined && pinnedTime !== null) {
    return failing ? { kind: 'failing', ageMs: Math.max(0, now - dataUpdatedAt), message: errorMessage } : { kind: 'pinned', time: pinnedTime };
  }
  const ageMs = Math.max(0, now - dataUpdatedAt);
  if (ageMs > 2 * intervalMs) return failing ? { kind: 'stale', ageMs, message: errorMessage } : { kind: 'stale', ageMs };
  if (failing) return { kind: 'failing', ageMs, message: errorMessage };
  return { kind: 'live', ageMs };
}

export function formatAge(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} min`;
}

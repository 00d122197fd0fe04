/** Pure helpers for moving through time: steps, jumps and replay frames (unix seconds). */

/** One refresh interval back (-1) or forward (+1) from the pinned time, or from now when live. Never past now. */
export function stepTime(pinned: number | null, nowS: number, intervalMs: number, direction: -1 | 1): number | null {
  const step = Math.max(1, Math.round(intervalMs / 1000));
  const from = pinned ?? nowS;
  const next = from + direction * step;
  return next >= nowS ? null : next;
}

export interface Replay {
  readonly start: number;
  readonly end: number;
  /** Data seconds per wall-clock second. */
  readonly speed: number;
}

/** Where a replay stands after `elapsedMs` of playing: the data time to show, snapped to the step, or null when done. */
export function replayTime(replay: Replay, elapsedMs: number, intervalMs: number): number | null {
  const step = Math.max(1, Math.round(intervalMs / 1000));
  const t = replay.start + Math.floor(((elapsedMs / 1000) * replay.speed) / step) * step;
  return t > replay.end ? null : t;
}

/** How often a replay asks for a new frame: one step of data, but not more than 4 frames a second. */
export function replayTickMs(replay: Replay, intervalMs: number): number {
  return Math.max(250, (intervalMs / replay.speed));
}

/** The value of an `<input type="datetime-local">` for a unix time, in the viewer's time zone. */
export function toLocalInput(unix: number): string {
  const d = new Date(unix * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Unix seconds from an `<input type="datetime-local">` value (viewer's time zone), or null. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/**
 * Whether the toolbar's date field may be created: Chromium spends ~100 ms of the main thread
 * (and a style pass) creating an `<input type="datetime-local">`, which a cold incident link
 * would pay before its first map. It comes once the map is drawn, or when there is no map to
 * wait for: the table view, or Prometheus unreachable from the start (time travel may be what
 * the viewer needs then).
 */
export function dateFieldDue(page: { readonly firstMapDrawn: boolean; readonly view: 'map' | 'table'; readonly liveness: string }): boolean {
  return page.firstMapDrawn || page.view !== 'map' || page.liveness === 'failed';
}

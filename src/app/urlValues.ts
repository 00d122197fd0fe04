/** Parsing and formatting of the typed values that the URL carries (times, durations). */

/** Latest accepted pinned time: year 9999; earliest: the Unix epoch. */
const MAX_UNIX = 253_402_300_799;

/**
 * A pinned time from the URL: RFC 3339 (`2026-11-25T08:40:00Z`, offsets allowed) or Unix
 * seconds (`1790000000`, fractions allowed). Anything else is ignored (null = live).
 */
export function parseTime(raw: string | null): number | null {
  if (!raw) return null;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const unix = Number(text);
    return unix > 0 && unix <= MAX_UNIX ? Math.floor(unix) : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) return null;
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : null;
}

/** RFC 3339 in UTC, second precision: readable in a chat message and unambiguous. */
export function formatTime(unix: number): string {
  return new Date(unix * 1000).toISOString().replace('.000Z', 'Z');
}

const UNITS: readonly [string, number][] = [['h', 3_600_000], ['m', 60_000], ['s', 1000]];

/** `rotate=30s`, `2m`, `1m30s` (or plain seconds) -> ms; invalid or under 5 s -> 0 (off). */
export function parseDurationParam(raw: string | null): number {
  if (!raw) return 0;
  const text = raw.trim();
  let ms = 0;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else if (/^(\d+h)?(\d+m)?(\d+s)?$/.test(text)) {
    for (const [unit, factor] of UNITS) {
      const m = new RegExp(`(\\d+)${unit}`).exec(text);
      if (m?.[1]) ms += Number(m[1]) * factor;
    }
  }
  return ms >= 5000 && ms <= 24 * 3_600_000 ? ms : 0;
}

export function formatDurationParam(ms: number): string {
  let rest = Math.round(ms / 1000) * 1000;
  let out = '';
  for (const [unit, factor] of UNITS) {
    const n = Math.floor(rest / factor);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * factor;
  }
  return out || '0s';
}

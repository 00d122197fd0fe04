/**
 * The faults the simulator accepts: the platform model's faults (errors, latency, link-down, drop; see
 * src/mocks/platform/incidents.ts) plus `scrape-down`, which only the simulator can do: the
 * /metrics of a service (one instance, or all of them) hangs or answers 503.
 */
import type { Fault } from '../src/mocks/platform/incidents.ts';

export interface ScrapeDownFault {
  readonly kind: 'scrape-down';
  readonly service: string;
  /** Absent: every datacenter. */
  readonly datacenter?: string;
  /** Absent: every instance of the service. */
  readonly instance?: number;
  /** "hang" (default) holds the request until the fault is cleared; "503" answers at once. */
  readonly mode?: 'hang' | '503';
}

export type SimFault = Fault | ScrapeDownFault;

/** The model's faults of a list (what `trafficAt` is given). */
export function modelFaults(faults: readonly SimFault[]): Fault[] {
  return faults.filter((f): f is Fault => f.kind !== 'scrape-down');
}

/** The scrape-down fault hitting an instance, if any. */
export function scrapeDownFor(faults: readonly SimFault[], t: { datacenter: string; service: string; instance: number }): ScrapeDownFault | undefined {
  return faults.find((f): f is ScrapeDownFault =>
    f.kind === 'scrape-down' && f.service === t.service &&
    (f.datacenter === undefined || f.datacenter === t.datacenter) && (f.instance === undefined || f.instance === t.instance));
}

/**
 * A fault from its command-line form:
 *   errors:SERVICE:SHARE[:DC]        latency:SERVICE:FACTOR[:DC]
 *   link-down:FROM_DC:TO_DC[:SHARE]  scrape-down:SERVICE[:DC[:INSTANCE]][:503|hang]
 *   drop:SERVICE:SHARE[:DC]          (the service receives SHARE of its usual traffic)
 */
export function parseFaultFlag(text: string): SimFault {
  const [kind = '', ...rest] = text.split(':');
  const num = (s: string | undefined, what: string): number => {
    const n = Number(s);
    if (s === undefined || s === '' || !Number.isFinite(n)) throw new Error(`--fault ${text}: expected a number for ${what}`);
    return n;
  };
  const dc = (s: string | undefined): { datacenter?: string } => (s ? { datacenter: s } : {});
  switch (kind) {
    case 'errors':
      return checkFault({ kind, service: rest[0] ?? '', share: num(rest[1], 'the share (0..1)'), ...dc(rest[2]) });
    case 'latency':
      return checkFault({ kind, service: rest[0] ?? '', factor: num(rest[1], 'the factor'), ...dc(rest[2]) });
    case 'drop':
      return checkFault({ kind, service: rest[0] ?? '', share: num(rest[1], 'the share of traffic left (0..1)'), ...dc(rest[2]) });
    case 'link-down':
      return checkFault({ kind, fromDc: rest[0] ?? '', toDc: rest[1] ?? '', ...(rest[2] ? { share: num(rest[2], 'the share') } : {}) });
    case 'scrape-down': {
      const last = rest[rest.length - 1];
      const mode = last === '503' || last === 'hang' ? last : undefined;
      const parts = mode ? rest.slice(0, -1) : rest;
      return checkFault({
        kind, service: parts[0] ?? '', ...dc(parts[1]),
        ...(parts[2] ? { instance: num(parts[2], 'the instance') } : {}), ...(mode ? { mode } : {}),
      });
    }
    default:
      throw new Error(`--fault ${text}: expected errors:, latency:, link-down:, drop: or scrape-down:`);
  }
}

/** Validates a fault from JSON (the control endpoint); throws a message naming the problem. */
export function checkFault(value: unknown): SimFault {
  if (typeof value !== 'object' || value === null) throw new Error('expected a fault object such as {"kind":"errors","service":"checkout","share":0.3}');
  const f = value as Record<string, unknown>;
  const text = (key: string, optional = false): void => {
    if (f[key] === undefined && optional) return;
    if (typeof f[key] !== 'string' || f[key] === '') throw new Error(`fault ${JSON.stringify(value)}: expected "${key}" to be a non-empty string`);
  };
  const number = (key: string, min: number, max: number, optional = false): void => {
    if (f[key] === undefined && optional) return;
    const n = f[key];
    if (typeof n !== 'number' || !(n >= min && n <= max)) throw new Error(`fault ${JSON.stringify(value)}: expected "${key}" between ${min} and ${max}`);
  };
  switch (f.kind) {
    case 'errors': text('service'); text('datacenter', true); number('share', 0, 1); break;
    case 'latency': text('service'); text('datacenter', true); number('factor', 1, 1000); break;
    case 'link-down': text('fromDc'); text('toDc'); number('share', 0, 1, true); break;
    case 'drop': text('service'); text('datacenter', true); number('share', 0, 1); break;
    case 'scrape-down':
      text('service'); text('datacenter', true); number('instance', 0, 1000, true);
      if (f.mode !== undefined && f.mode !== 'hang' && f.mode !== '503') throw new Error(`fault ${JSON.stringify(value)}: expected "mode" "hang" or "503"`);
      break;
    default:
      throw new Error(`fault ${JSON.stringify(value)}: expected "kind" errors, latency, link-down, drop or scrape-down`);
  }
  return f as unknown as SimFault;
}

/** A JSON body of the control endpoint: one fault or a list of them. */
export function parseFaultList(body: string): SimFault[] {
  const value: unknown = JSON.parse(body);
  return (Array.isArray(value) ? value : [value]).map(checkFault);
}

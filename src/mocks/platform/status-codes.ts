/**
 * How the requests of a call split into HTTP status codes: each call has a profile saying which
 * codes its answers use; the model decides the shares of each class.
 */

export type CallProfile = 'web' | 'api' | 'write' | 'auth' | 'db' | 'lean';

/** Rates (req/s) per status code, e.g. { "200": 812.3, "404": 4.1, "503": 0.8, "0": 0.1 }. */
export type StatusRates = Readonly<Record<string, number>>;

/** The status code of requests that got no response (timeout, connection refused or reset). */
export const NO_RESPONSE = '0';

interface CodeSplit {
  /** Answers that are not errors (2xx and 3xx). */
  readonly ok: Readonly<Record<string, number>>;
  readonly client: Readonly<Record<string, number>>;
  readonly server: Readonly<Record<string, number>>;
}

const PROFILES: Readonly<Record<CallProfile, CodeSplit>> = {
  web: {
    ok: { '200': 0.9, '304': 0.07, '301': 0.03 },
    client: { '404': 0.55, '499': 0.25, '400': 0.1, '429': 0.1 },
    server: { '502': 0.4, '503': 0.4, '500': 0.2 },
  },
  api: { ok: { '200': 1 }, client: { '404': 0.6, '400': 0.3, '409': 0.1 }, server: { '500': 0.6, '503': 0.4 } },
  write: { ok: { '200': 0.55, '201': 0.45 }, client: { '400': 0.5, '409': 0.3, '422': 0.2 }, server: { '500': 0.5, '503': 0.5 } },
  auth: { ok: { '200': 1 }, client: { '401': 0.8, '403': 0.2 }, server: { '500': 0.5, '503': 0.5 } },
  db: { ok: { '200': 1 }, client: { '400': 1 }, server: { '500': 1 } },
  /** One code per class: a large platform's series stay few (large.ts). */
  lean: { ok: { '200': 1 }, client: { '404': 1 }, server: { '503': 1 } },
};

export interface ClassRates {
  /** Answered without error (2xx, 3xx). */
  readonly ok: number;
  readonly client: number;
  readonly server: number;
  readonly noResponse: number;
}

/** Splits class rates into per-code rates following the profile; codes with no traffic are left out. */
export function splitByCode(profile: CallProfile, rates: ClassRates): StatusRates {
  const split = PROFILES[profile];
  const out = codeRecord();
  addShares(out, split.ok, rates.ok);
  addShares(out, split.client, rates.client);
  addShares(out, split.server, rates.server);
  if (rates.noResponse > 0) out[NO_RESPONSE] = rates.noResponse;
  return out;
}

/** The total rate over all codes. */
export function totalRate(rates: StatusRates): number {
  let sum = 0;
  for (const value of Object.values(rates)) sum += value;
  return sum;
}

/** The same rates without status "0": what the callee saw of what the caller sent. */
export function answeredOnly(rates: StatusRates): StatusRates {
  const out = codeRecord();
  for (const code in rates) if (code !== NO_RESPONSE) out[code] = rates[code] ?? 0;
  return out;
}

/** The rate of codes whose first digit is `digit` ("5" for 5xx). */
export function classRate(rates: StatusRates, digit: string): number {
  let sum = 0;
  for (const [code, value] of Object.entries(rates)) if (code.length === 3 && code.startsWith(digit)) sum += value;
  return sum;
}

/**
 * An empty object for status codes. Keys like "503" are array indexes to V8: a plain `{}` would
 * grow an array of 504 slots for them (4 kB a snapshot series, and seconds of garbage collection
 * a snapshot of a large platform). An index far out of reach first makes it keep them in a
 * dictionary; the object reads, enumerates and serialises the same.
 */
function codeRecord(): Record<string, number> {
  const out: Record<string, number> = {};
  out[100_000] = 0;
  delete out[100_000];
  return out;
}

function addShares(out: Record<string, number>, shares: Readonly<Record<string, number>>, rate: number): void {
  if (!(rate > 0)) return;
  for (const code in shares) out[code] = (out[code] ?? 0) + rate * (shares[code] ?? 0);
}

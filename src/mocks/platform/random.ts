/**
 * Deterministic pseudo-randomness for the simulated platform: the same (seed, key, time) always
 * gives the same value, so a snapshot is a pure function of time and every test is repeatable.
 */

export const DEFAULT_SEED = 1;

/** A 32-bit hash of strings and numbers (FNV-1a over the parts, then a final avalanche). */
export function hash32(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) h = mixPart(h, part);
  return avalanche(h);
}

function mixPart(state: number, part: string | number): number {
  let h = state;
  if (typeof part === 'number') {
    // Integers up to 2^53 (times in ms, slot indexes) are hashed by their two 32-bit halves.
    const n = Math.floor(part);
    h = mix(h, n >>> 0);
    h = mix(h, Math.floor(n / 0x1_0000_0000) >>> 0);
  } else {
    for (let i = 0; i < part.length; i++) h = mix(h, part.charCodeAt(i));
  }
  return mix(h, 0xff);
}

/** A hash of the parts mapped to [0, 1). */
export function unitHash(...parts: readonly (string | number)[]): number {
  return hash32(...parts) / 0x1_0000_0000;
}

/** A small seeded generator (mulberry32) for drawing several values from one hash. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/**
 * Smooth value noise in [-1, 1]: random values at every `periodMs`, eased in between, so rates
 * wander without jumping from one scrape to the next.
 */
export function smoothNoise(seed: number, key: string, timeMs: number, periodMs: number): number {
  const slot = timeMs / periodMs;
  const i = Math.floor(slot);
  const f = slot - i;
  // unitHash(seed, key, i), with the state after (seed, key) computed once per key.
  const prefix = prefixState(seed, key);
  const a = avalanche(mixPart(prefix, i)) / 0x1_0000_0000 * 2 - 1;
  const b = avalanche(mixPart(prefix, i + 1)) / 0x1_0000_0000 * 2 - 1;
  const eased = f * f * (3 - 2 * f);
  return a + (b - a) * eased;
}

/** Hash states after (seed, key), by seed: a large platform's snapshot hashes 60,000 keys, each many times. */
const PREFIXES = new Map<number, Map<string, number>>();
const MAX_PREFIXES = 500_000;

function prefixState(seed: number, key: string): number {
  let bySeed = PREFIXES.get(seed);
  if (!bySeed) PREFIXES.set(seed, (bySeed = new Map()));
  let state = bySeed.get(key);
  if (state === undefined) {
    if (bySeed.size >= MAX_PREFIXES) bySeed.clear();
    state = mixPart(mixPart(0x811c9dc5, seed), key);
    bySeed.set(key, state);
  }
  return state;
}

function mix(h: number, value: number): number {
  return Math.imul(h ^ value, 0x01000193) >>> 0;
}

function avalanche(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * `Number(x.toPrecision(3))` and `x.toFixed(digits)` without their cost on the hot path: both
 * built-ins run an exact decimal conversion (a few microseconds each), and a build formats the
 * notice and the disagreement of tens of thousands of edges. Plain arithmetic gives the same
 * answer except next to a rounding tie, where the scaled value carries float error: there, and
 * outside the range where the error is provably far smaller than the tie distance checked, the
 * built-in decides. Property tests compare both over arbitrary doubles.
 */

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** How close to a tie (.5) the scaled value may come before the built-in decides. */
const TIE_MARGIN = 1e-6;

function nearTie(scaled: number): boolean {
  return Math.abs(scaled - Math.floor(scaled) - 0.5) < TIE_MARGIN;
}

/** `Number(x.toPrecision(3))`: x rounded to three significant digits. */
export function threeSignificant(x: number): number {
  // Scaled to [100, 1000) by an exact power of ten: one rounding, an error under 2e-13.
  if (!(x >= 1e-6 && x < 1e15)) return Number(x.toPrecision(3));
  const log = Math.log10(x);
  const exponent = Math.floor(log);
  // Next to a power of ten log10 may be off by an ulp: let the built-in pick the exponent.
  if (log - exponent < 1e-9 || exponent + 1 - log < 1e-9) return Number(x.toPrecision(3));
  const k = 2 - exponent;
  const scaled = k >= 0 ? x * (POW10[k] as number) : x / (POW10[-k] as number);
  if (nearTie(scaled)) return Number(x.toPrecision(3));
  const n = Math.round(scaled);
  // n and the power are exact, so this is the double nearest the decimal, as Number() parses it.
  return k >= 0 ? n / (POW10[k] as number) : n * (POW10[-k] as number);
}

/** `x.toFixed(digits)` for digits 0..2. */
export function fixed(x: number, digits: 0 | 1 | 2): string {
  const n = fixedDigits(x, digits);
  if (n < 0) return x.toFixed(digits);
  if (digits === 0) return String(n);
  const text = String(n).padStart(digits + 1, '0');
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * The digits `x.toFixed(digits)` writes, as an integer (x * 10^digits rounded as toFixed does),
 * or -1 where only the built-in can tell: a key for texts made from it.
 */
export function fixedDigits(x: number, digits: 0 | 1 | 2): number {
  // Below 1e6 the scaled value is under 1e8: its float error (under 2e-8) is far from the margin.
  if (!(x >= 0 && x < 1e6)) return -1;
  const scaled = x * (POW10[digits] as number);
  return nearTie(scaled) ? -1 : Math.round(scaled);
}

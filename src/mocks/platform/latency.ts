/**
 * Latency distributions of the simulated platform: a log-normal for answered requests, plus an
 * optional share of requests that hit the caller's timeout (no response) and last exactly that long.
 */

/** The histogram bucket bounds (seconds) the simulated services use, without +Inf. */
export const LATENCY_BUCKETS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

export interface LatencyDistribution {
  /** Median of the answered requests, seconds. */
  readonly medianSeconds: number;
  /** Log-normal shape: ln(p84 / median); 0.3 is tight, 1.2 is a long tail. */
  readonly sigma: number;
  /** Share of requests (0..1) that got no response and lasted `timeoutSeconds`. */
  readonly timeoutShare: number;
  readonly timeoutSeconds: number;
  /** Latency (seconds) below which a share `q` (0..1) of requests fall. */
  latencyQuantile(q: number): number;
  /** Cumulative share (0..1) of requests that lasted at most `le` seconds (a histogram bucket). */
  bucketFraction(le: number): number;
}

export interface LatencyShape {
  readonly medianSeconds: number;
  readonly sigma: number;
  readonly timeoutShare?: number;
  readonly timeoutSeconds?: number;
}

export function latencyDistribution(shape: LatencyShape): LatencyDistribution {
  const median = Math.max(shape.medianSeconds, 1e-6);
  const sigma = Math.max(shape.sigma, 1e-3);
  const timeoutShare = clamp01(shape.timeoutShare ?? 0);
  const timeoutSeconds = shape.timeoutSeconds ?? 1;
  const bucketFraction = (le: number): number => {
    if (le === Infinity) return 1;
    if (!(le > 0)) return 0;
    const answered = normalCdf((Math.log(le) - Math.log(median)) / sigma);
    return (1 - timeoutShare) * answered + (le >= timeoutSeconds ? timeoutShare : 0);
  };
  const latencyQuantile = (q: number): number => {
    if (Number.isNaN(q)) return NaN;
    if (q <= 0) return 0;
    if (q >= 1) return Infinity;
    if (timeoutShare === 0) return median * Math.exp(sigma * inverseNormalCdf(q));
    return bisectQuantile(bucketFraction, q);
  };
  return { medianSeconds: median, sigma, timeoutShare, timeoutSeconds, latencyQuantile, bucketFraction };
}

/** Smallest x (log-space bisection) with cdf(x) >= q. */
function bisectQuantile(cdf: (x: number) => number, q: number): number {
  let lo = Math.log(1e-7);
  let hi = Math.log(1e5);
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(Math.exp(mid)) >= q) hi = mid;
    else lo = mid;
  }
  return Math.exp(hi);
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function inverseNormalCdf(p: number): number {
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return horner(ACKLAM_C, q) / (horner(ACKLAM_D, q) * q + 1);
  }
  if (p > 1 - low) return -inverseNormalCdf(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (horner(ACKLAM_A, r) * q) / (horner(ACKLAM_B, r) * r + 1);
}

const ACKLAM_A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const ACKLAM_B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const ACKLAM_C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** Evaluates a polynomial with coefficients from the highest degree down. */
function horner(coefficients: readonly number[], x: number): number {
  return coefficients.reduce((acc, c) => acc * x + c, 0);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0));
}

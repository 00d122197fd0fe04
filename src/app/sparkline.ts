/** SVG path data for a small chart of [unix s, value] points. Pure; NaN and gaps break the line. */

export interface SparkPoint {
  readonly t: number;
  readonly v: number;
}

export interface SparkGeometry {
  readonly width: number;
  readonly height: number;
  /** Shared y maximum (so rate and errors can share one scale); default: the data's maximum. */
  readonly yMax?: number;
  readonly tStart: number;
  readonly tEnd: number;
}

export function sparklinePath(points: readonly SparkPoint[], g: SparkGeometry): string {
  const finite = points.filter((p) => Number.isFinite(p.v) && p.v >= 0);
  const yMax = g.yMax ?? Math.max(0, ...finite.map((p) => p.v));
  const span = g.tEnd - g.tStart;
  if (span <= 0) return '';
  const x = (t: number) => round(((t - g.tStart) / span) * g.width);
  const y = (v: number) => round(g.height - (yMax > 0 ? (v / yMax) * g.height : 0));
  let path = '';
  let pen = false;
  let lastT = -Infinity;
  const gap = gapThreshold(points);
  for (const p of points) {
    if (!Number.isFinite(p.v) || p.v < 0 || p.t < g.tStart || p.t > g.tEnd) { pen = false; continue; }
    if (pen && p.t - lastT > gap) pen = false;
    path += `${pen ? 'L' : 'M'}${x(p.t)},${y(p.v)}`;
    pen = true;
    lastT = p.t;
  }
  return path;
}

/** A gap in the series (missing samples) is more than 1.5 of its usual step. */
function gapThreshold(points: readonly SparkPoint[]): number {
  const steps: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a && b) steps.push(b.t - a.t);
  }
  steps.sort((a, b) => a - b);
  const median = steps[Math.floor(steps.length / 2)];
  return median ? median * 1.5 : Infinity;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

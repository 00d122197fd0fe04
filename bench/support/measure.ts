/** Timing helpers for the benchmarks: medians of repeated runs, ratios printed as `1.23x`. */

export interface Timing {
  readonly medianMs: number;
  readonly runs: number;
}

/** Runs `fn` `warmup` times, then until `minRuns` runs and `minMs` elapsed; the median run. */
export function time(fn: () => void, options: { warmup?: number; minRuns?: number; minMs?: number } = {}): Timing {
  for (let i = 0; i < (options.warmup ?? 2); i++) fn();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < (options.minRuns ?? 5) || performance.now() - started < (options.minMs ?? 1000)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return { medianMs: median(samples), runs: samples.length };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}x`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

/** A fixed-width text table. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')).join('\n');
}

/** Marks a missed target: printed, and the process exits non-zero at the end. */
export function check(ok: boolean, message: string): boolean {
  console.log(`${ok ? 'PASS' : 'MISS'}  ${message}`);
  if (!ok) process.exitCode = 1;
  return ok;
}

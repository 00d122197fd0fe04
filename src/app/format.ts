/** Number formats for rates, shares and latencies, shared by the panels and the table. */

export function formatRate(rps: number): string {
  if (!Number.isFinite(rps)) return '–';
  if (rps >= 1000) return `${(rps / 1000).toFixed(rps >= 10000 ? 0 : 1)}k/s`;
  if (rps >= 10) return `${rps.toFixed(0)}/s`;
  if (rps >= 1) return `${rps.toFixed(1)}/s`;
  if (rps > 0 && rps < 0.005) return '<0.01/s';
  return `${rps.toFixed(2)}/s`;
}

export function formatLatency(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const ms = seconds * 1000;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}


import { formatPercent } from '../../graph/stats.ts';
import { STATUS_CLASSES } from '../../graph/types.ts';
import type { TrafficStats } from '../../graph/types.ts';
import { formatLatency, formatRate } from '../format.ts';

/** Rate, error share, latency and the split by status class of one side of the traffic. */
export function StatsBlock({ heading, stats, quantile }: { heading: string; stats: TrafficStats; quantile: number }) {
  if (stats.rate === 0) return null;
  return (
    <section className="details__block">
      <h3>{heading}</h3>
      <dl>
        <dt>Rate</dt><dd>{formatRate(stats.rate)}</dd>
        <dt>Errors</dt><dd>{formatPercent(stats.errorShare)}</dd>
        <dt>Latency p{Math.round(quantile * 100)}</dt><dd>{formatLatency(stats.latency)}</dd>
      </dl>
      <table className="details__classes">
        <tbody>
          {STATUS_CLASSES.filter((c) => stats.byClass[c] > 0).map((c) => (
            <tr key={c}><th scope="row">{c === 'none' ? 'no response' : c}</th><td>{formatRate(stats.byClass[c])}</td><td>{formatPercent(stats.byClass[c] / stats.rate)}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

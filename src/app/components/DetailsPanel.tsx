import { dashboardLink } from '../../config/links.ts';
import { formatPercent } from '../../graph/stats.ts';
import { STATUS_CLASSES } from '../../graph/types.ts';
import type { TrafficStats } from '../../graph/types.ts';
import { formatLatency, formatRate } from '../format.ts';
import type { Selection } from '../currentView.ts';

interface Props {
  readonly selection: Selection;
  readonly datacenter: string;
  readonly quantile: number;
  readonly dashboardTemplate?: string;
}

/** Numbers of the selected service or edge. Label values are rendered as text, never as HTML. */
export function DetailsPanel({ selection, datacenter, quantile, dashboardTemplate }: Props) {
  const title = selection.kind === 'edge' ? `${selection.edge.source} → ${selection.edge.target}` : selection.node.id;
  const health = selection.kind === 'edge' ? selection.edge.health : selection.node.health;
  const link = selection.kind === 'node' && selection.node.kind === 'service'
    ? dashboardLink(dashboardTemplate, selection.node.id, datacenter)
    : null;
  return (
    <aside className="details" aria-label="Details" data-testid="details">
      <h2 className={`details__title health-${health}`}>{title}</h2>
      {selection.kind === 'edge' ? (
        <StatsBlock heading="Requests (caller's view)" stats={selection.edge.stats} quantile={quantile} />
      ) : (
        <>
          <StatsBlock heading="Received" stats={selection.node.incoming} quantile={quantile} />
          <StatsBlock heading="Sent" stats={selection.node.outgoing} quantile={quantile} />
        </>
      )}
      {link && <a className="details__link" href={link} target="_blank" rel="noreferrer noopener">Open dashboard</a>}
    </aside>
  );
}

function StatsBlock({ heading, stats, quantile }: { heading: string; stats: TrafficStats; quantile: number }) {
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

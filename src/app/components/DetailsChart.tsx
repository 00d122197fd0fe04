import { formatPercent } from '../../graph/stats.ts';
import { formatLatency, formatRate } from '../format.ts';
import type { SelectionDetails } from '../data/selectionDetails.ts';
import { sparklinePath } from '../sparkline.ts';
import { baselinePhrase } from '../../baseline/settings.ts';

const W = 300;
const H = 60;

/** Percentiles at the map's moment and a chart of the last hour: requests and errors on one scale. */
export function DetailsChart({ details }: { details: SelectionDetails }) {
  const baseline = details.baselineSeries && details.baselineOffset ? { series: details.baselineSeries, phrase: baselinePhrase(details.baselineOffset) } : null;
  const finite = [...details.rateSeries, ...(baseline?.series ?? [])].map((p) => p.v).filter(Number.isFinite);
  const yMax = Math.max(0, ...finite);
  const geometry = { width: W, height: H, yMax, tStart: details.chartStart, tEnd: details.chartEnd };
  return (
    <section className="details__block" data-testid="details-chart">
      <h3>Latency</h3>
      <dl className="details__percentiles">
        {details.percentiles.map((p) => (
          <span key={p.q}><dt>p{Math.round(p.q * 100)}</dt><dd>{formatLatency(p.seconds)}</dd></span>
        ))}
      </dl>
      <h3>Last hour</h3>
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img"
        aria-label={`requests up to ${formatRate(yMax)}, now ${formatRate(details.rate)}, errors now ${formatRate(details.errors)} (${formatPercent(details.rate > 0 ? details.errors / details.rate : NaN)})`}>
        {baseline && <path className="chart__baseline" data-testid="chart-baseline" d={sparklinePath(baseline.series, geometry)} />}
        <path className="chart__rate" d={sparklinePath(details.rateSeries, geometry)} />
        <path className="chart__errors" d={sparklinePath(details.errorSeries, geometry)} />
      </svg>
      <p className="chart__legend"><span className="chart__key chart__key--rate" />requests (max {formatRate(yMax)}) <span className="chart__key chart__key--errors" />errors{baseline && <><span className="chart__key chart__key--baseline" />requests {baseline.phrase}</>}</p>
    </section>
  );
}

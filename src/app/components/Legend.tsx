import { baselinePhrase } from '../../baseline/settings.ts';
import { secondsText } from '../../graph/healthRules.ts';
import type { LatencyThresholds } from '../../graph/types.ts';

interface Props {
  /** The default latency limits (config `thresholds.latency`), when set: the legend says latency colours too. */
  readonly latency?: LatencyThresholds | undefined;
  readonly quantile?: number;
  /** Some services, groups or datacenters have thresholds of their own. */
  readonly overrides?: boolean;
  /** The config's baseline offset ("7d"), when on: the legend explains ▼ / ▲. */
  readonly baseline?: string;
}

/** What the colours and particles mean, readable from across the room. */
export function Legend({ latency, quantile = 0.95, overrides = false, baseline }: Props = {}) {
  const limits = latency ? [latency.warning, latency.danger].filter((l) => l !== undefined).map(secondsText).join(' / ') : '';
  return (
    <div className="legend" aria-label="Legend">
      <span><i className="swatch swatch--normal" />healthy</span>
      <span><i className="swatch swatch--warning" />warning</span>
      <span><i className="swatch swatch--danger" />danger</span>
      {latency && <span className="legend__note" data-testid="legend-latency">by errors or p{Math.round(quantile * 100)} latency ({limits}){overrides ? ', some services their own' : ''}</span>}
      <span className="legend__note">dots = requests, red dots = errors</span>
      {baseline && <span className="legend__note">▼ ▲ traffic dropped / surged {baselinePhrase(baseline)}</span>}
    </div>
  );
}

import { baselinePhrase } from '../../baseline/settings.ts';
/** What the colours and particles mean, readable from across the room. */
export function Legend({ baseline }: { readonly baseline?: string } = {}) {
  return (
    <div className="legend" aria-label="Legend">
      <span><i className="swatch swatch--normal" />healthy</span>
      <span><i className="swatch swatch--warning" />warning</span>
      <span><i className="swatch swatch--danger" />danger</span>
      <span className="legend__note">dots = requests, red dots = errors</span>
      {baseline && <span className="legend__note">▼ ▲ traffic dropped / surged {baselinePhrase(baseline)}</span>}
    </div>
  );
}

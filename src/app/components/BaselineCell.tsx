import { baselineText } from '../../baseline/notice.ts';
import type { BaselineComparison } from '../../graph/types.ts';
import { formatRate } from '../format.ts';

/** A table cell: the rate against the baseline, with the drop or surge mark (text only). */
export function BaselineCell({ comparison, offset }: { readonly comparison: BaselineComparison | undefined; readonly offset: string }) {
  if (!comparison) return <td className="num" />;
  const title = comparison.verdict === 'none' ? 'no data at that time' : `${formatRate(comparison.rate)} then`;
  return (
    <td className={`num baseline baseline--${comparison.verdict}`} data-baseline={comparison.verdict} title={title}>
      {baselineText(comparison, offset)}
    </td>
  );
}

/** The details panel's line: the rate against the baseline, and what it was. */
export function BaselineNote({ comparison, offset }: { readonly comparison: BaselineComparison; readonly offset: string }) {
  return (
    <p className={`details__baseline baseline--${comparison.verdict}`} data-testid="baseline-note" data-baseline={comparison.verdict}>
      {baselineText(comparison, offset)}
      {comparison.verdict !== 'none' && <span className="details__baseline-then"> (then {formatRate(comparison.rate)})</span>}
    </p>
  );
}

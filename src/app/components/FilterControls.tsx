import type { Filters } from '../urlState.ts';
import { ExpressionInput } from './ExpressionInput.tsx';

/** Find (highlight) and Hide (take off the map) expressions, both kept in the URL. */
export function FilterControls({ filters, onChange }: { filters: Filters; onChange: (next: Filters) => void }) {
  return (
    <div className="toolbar__group toolbar__exprs" role="group" aria-label="Find and hide">
      <ExpressionInput label="Find" placeholder="errors > 5% or alerts" value={filters.find} onApply={(find) => onChange({ ...filters, find })} />
      <ExpressionInput label="Hide" placeholder="rate < 1" value={filters.hide} onApply={(hide) => onChange({ ...filters, hide })} />
    </div>
  );
}

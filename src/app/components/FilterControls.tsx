import type { Filters } from '../urlState.ts';

/** Hide healthy traffic, hide small edges, show only a name pattern: all kept in the URL. */
export function FilterControls({ filters, onChange }: { filters: Filters; onChange: (next: Filters) => void }) {
  return (
    <div className="toolbar__group" role="group" aria-label="Filters">
      <label><input type="checkbox" checked={filters.hideHealthy} onChange={(e) => onChange({ ...filters, hideHealthy: e.target.checked })} /> hide healthy</label>
      <label>≥ req/s <input type="number" min={0} step="any" className="toolbar__num" aria-label="Minimum requests per second"
        value={filters.minRate || ''} placeholder="0" onChange={(e) => onChange({ ...filters, minRate: Math.max(0, Number(e.target.value) || 0) })} /></label>
      <label>only <input type="search" className="toolbar__text" aria-label="Show only names matching" placeholder="name*"
        value={filters.match} onChange={(e) => onChange({ ...filters, match: e.target.value })} /></label>
    </div>
  );
}

import type { DataProblem } from '../../graph/types.ts';
import { describeProblem } from '../problems.ts';

const MAX_SHOWN = 8;

/** Data problems and API warnings, folded by default so they never hide the map. */
export function ProblemsPanel({ problems, warnings, notes }: { problems: readonly DataProblem[]; warnings: readonly string[]; notes: readonly string[] }) {
  const lines = [...notes, ...warnings.map((w) => `Prometheus warning: ${w}`), ...problems.map(describeProblem)];
  if (lines.length === 0) return null;
  return (
    <details className="problems" data-testid="problems">
      <summary>{lines.length} data {lines.length === 1 ? 'notice' : 'notices'}</summary>
      <ul>
        {lines.slice(0, MAX_SHOWN).map((line, i) => <li key={i}>{line}</li>)}
        {lines.length > MAX_SHOWN && <li>…and {lines.length - MAX_SHOWN} more</li>}
      </ul>
    </details>
  );
}

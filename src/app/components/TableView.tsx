import { useState } from 'react';
import { formatPercent } from '../../graph/stats.ts';
import { nodeTexts } from '../../graph/displayNames.ts';
import type { TrafficView } from '../../graph/types.ts';
import { edgeKey } from '../../graph/expressions/apply.ts';
import type { Found } from '../../graph/expressions/apply.ts';
import { formatLatency, formatRate } from '../format.ts';
import { edgeRows } from '../tableRows.ts';
import { BaselineCell } from './BaselineCell.tsx';
import { baselinePhrase } from '../../baseline/settings.ts';
import type { Sort, SortKey } from '../tableRows.ts';

const COLUMNS: readonly { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'source', label: 'Source', numeric: false },
  { key: 'target', label: 'Target', numeric: false },
  { key: 'rate', label: 'Requests', numeric: true },
  { key: 'errorShare', label: 'Errors', numeric: true },
  { key: 'latency', label: 'Latency', numeric: true },
];

/** The current view as text: for screen readers, copy-paste into an incident channel, and tests. */
interface Props {
  readonly view: TrafficView;
  readonly quantile: number;
  /** Evaluation time of the data (unix s), for people and for tests that compare with PromQL. */
  readonly evaluatedAt: number;
  readonly dimmed: boolean;
  readonly onSelectEdge: (source: string, target: string) => void;
  /** Find: rows it found are marked, the others dimmed; undefined = no Find. */
  readonly found?: Found;
  /** The config's baseline offset: a column of each rate against it. */
  readonly baseline?: string;
}

export function TableView({ view, quantile, evaluatedAt, dimmed, onSelectEdge, found, baseline }: Props) {
  const columns = baseline ? [...COLUMNS, { key: 'change' as const, label: baselinePhrase(baseline), numeric: true }] : COLUMNS;
  const [sort, setSort] = useState<Sort>({ key: 'rate', descending: true });
  const rows = edgeRows(view, sort);
  // Full names, never cut: long ones wrap (styles.css), each also in its cell's title.
  const texts = nodeTexts(view);
  const text = (id: string): string => texts.get(id) ?? id;
  const toggle = (key: SortKey, numeric: boolean) =>
    setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: numeric }));
  return (
    <div className={`table-view${dimmed ? ' table-view--dimmed' : ''}`}>
      <table className="edges" data-testid="edges-table" data-evaluated-at={evaluatedAt}>
        <caption>Edges ({rows.length}) at {new Date(evaluatedAt * 1000).toLocaleTimeString()}; latency is p{Math.round(quantile * 100)}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" onClick={() => toggle(c.key, c.numeric)}>{c.label}{sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}</button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.source}\u0000${r.target}`} className={`health-${r.health}${foundClass(found, found?.edges.has(edgeKey(r.source, r.target)))}`} data-source={r.source} data-target={r.target} data-rate={r.rate} onClick={() => onSelectEdge(r.source, r.target)}>
              <td className="name" title={text(r.source)}>{text(r.source)}</td><td className="name" title={text(r.target)}>{text(r.target)}{r.disagreement && <span className="disagree" title={r.disagreement} data-testid="disagreement-marker"> ⚠ {r.disagreement}</span>}</td>
              <td className="num">{formatRate(r.rate)}</td><td className="num">{formatPercent(r.errorShare)}</td><td className="num">{formatLatency(r.latency)}</td>
              {baseline && <BaselineCell comparison={r.baseline} offset={baseline} />}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="nodes" data-testid="nodes-table">
        <caption>Nodes ({view.nodes.length})</caption>
        <thead><tr><th scope="col">Node</th><th scope="col">Kind</th><th scope="col">Received</th><th scope="col">Errors</th><th scope="col">Sent</th>{baseline && <th scope="col">{baselinePhrase(baseline)}</th>}</tr></thead>
        <tbody>
          {view.nodes.map((n) => (
            <tr key={n.id} className={`health-${n.health}${foundClass(found, found?.nodes.has(n.id))}`} data-node={n.id}>
              <td className="name" title={text(n.id)}>{text(n.id)}</td><td>{n.kind}</td><td className="num">{formatRate(n.incoming.rate)}</td>
              <td className="num">{formatPercent(n.incoming.errorShare)}</td><td className="num">{formatRate(n.outgoing.rate)}</td>
              {baseline && <BaselineCell comparison={n.baseline} offset={baseline} />}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** ` found` / ` not-found` while a Find is on (styles.css marks and dims them). */
function foundClass(found: Found | undefined, hit: boolean | undefined): string {
  return found ? (hit ? ' found' : ' not-found') : '';
}

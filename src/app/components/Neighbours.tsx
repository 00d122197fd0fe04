import { formatPercent } from '../../graph/stats.ts';
import { nodeTexts } from '../../graph/displayNames.ts';
import type { NodeId, TrafficView } from '../../graph/types.ts';
import { formatRate } from '../format.ts';
import { topNeighbours } from '../neighbours.ts';

/** The busiest callers and callees; a click focuses that service. */
export function Neighbours({ view, node, onFocus }: { view: TrafficView; node: NodeId; onFocus: (id: string) => void }) {
  const { callers, callees } = topNeighbours(view, node);
  const texts = nodeTexts(view);
  const list = (title: string, items: readonly { id: string; rate: number; errorShare: number; health: string }[]) => items.length > 0 && (
    <section className="details__block">
      <h3>{title}</h3>
      <ul className="neighbours">
        {items.map((n) => (
          <li key={n.id} className={`health-${n.health}`}>
            <button type="button" className="linkish" title={texts.get(n.id) ?? n.id} onClick={() => onFocus(n.id)}>{texts.get(n.id) ?? n.id}</button>
            <span>{formatRate(n.rate)}</span><span>{formatPercent(n.errorShare)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <>
      {list('Top callers', callers.map((e) => ({ id: e.source, rate: e.stats.rate, errorShare: e.stats.errorShare, health: e.health })))}
      {list('Top callees', callees.map((e) => ({ id: e.target, rate: e.stats.rate, errorShare: e.stats.errorShare, health: e.health })))}
    </>
  );
}

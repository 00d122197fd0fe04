import { dashboardLink } from '../../config/links.ts';
import type { ToolTemplates } from '../../config/toolLinks.ts';
import { idText, nodeText, serviceName } from '../../graph/displayNames.ts';
import type { NodeId, TrafficView } from '../../graph/types.ts';
import { graphPageUrl } from '../../prometheus/url.ts';
import type { Selection } from '../currentView.ts';
import { selectionLinks } from '../selectionLinks.ts';
import type { SelectionDetails } from '../data/selectionDetails.ts';
import { SelectionAlerts } from './AlertList.tsx';
import { BaselineNote } from './BaselineCell.tsx';
import { DetailsChart } from './DetailsChart.tsx';
import { EdgeHosts } from './EdgeHosts.tsx';
import { HealthRule } from './HealthRule.tsx';
import { ToolLinks } from './ToolLinks.tsx';
import { Neighbours } from './Neighbours.tsx';
import { StatsBlock } from './StatsBlock.tsx';

interface Props {
  readonly selection: Selection;
  readonly datacenter: string;
  readonly quantile: number;
  readonly dashboardTemplate?: string;
  /** The view the selection lives in (for top callers and callees). */
  readonly view?: TrafficView;
  readonly onFocus?: (id: string) => void;
  readonly details?: SelectionDetails;
  readonly detailsError?: string;
  /** The pinned moment, so the Prometheus link shows the same time. */
  readonly pinnedTime?: number | null;
  /** Trace and log search templates (config `links.traces`, `links.logs`). */
  readonly tools?: { readonly traces?: ToolTemplates; readonly logs?: ToolTemplates };
  /** When the shown numbers were evaluated (unix s): the end of the hour the trace and log links search. */
  readonly evaluatedAt?: number;
  /** The config's baseline offset ("7d"), when on. */
  readonly baseline?: string;
}


/** How the panel names an edge (by its ends' full texts). */
export function edgeTitle(source: string, target: string, view?: TrafficView): string {
  return `${idText(source, view)} → ${idText(target, view)}`;
}

/**
 * The panel an incident link asks for, before the first answers: it holds the panel's place (the
 * map is sized once), named after the link's service or edge.
 */
export function DetailsPending({ title }: { readonly title: string }) {
  return (
    <aside className="details" aria-label="Details" aria-busy="true" data-testid="details-pending">
      <h2 className="details__title">{title}</h2>
      <p className="details__pending">Waiting for the first answers…</p>
    </aside>
  );
}

/** Numbers of the selected service or edge. Label values are rendered as text, never as HTML. */
export function DetailsPanel({ selection, datacenter, quantile, dashboardTemplate, view, onFocus, details, detailsError, pinnedTime, tools, evaluatedAt, baseline }: Props) {
  const comparison = selection.kind === 'edge' ? selection.edge.baseline : selection.node.baseline;
  const title = selection.kind === 'edge' ? edgeTitle(selection.edge.source, selection.edge.target, view) : nodeText(selection.node);
  const health = selection.kind === 'edge' ? selection.edge.health : selection.node.health;
  const dashboard = selection.kind === 'node' && selection.node.kind === 'service'
    ? dashboardLink(dashboardTemplate, serviceName(selection.node.id), datacenter)
    : null;
  const prometheus = details ? graphPageUrl(details.serverUrl, details.promql.rate, { range: '1h', ...(pinnedTime ? { endUnix: pinnedTime } : {}) }) : null;
  const edge = selection.kind === 'edge' ? selection.edge : null;
  const toolLinks = tools ? selectionLinks(selection, view, datacenter, tools, pinnedTime ?? evaluatedAt) : [];
  return (
    <aside className="details" aria-label="Details" data-testid="details">
      <h2 className={`details__title health-${health}`}>{title}</h2>
      <HealthRule health={health} reason={selection.kind === 'edge' ? selection.edge.healthReason : selection.node.healthReason} />
      {edge?.disagreement && <p className="details__disagreement" role="note" data-testid="disagreement">⚠ {edge.disagreement.text}</p>}
      <SelectionAlerts alerts={edge ? edge.alerts : selection.kind === 'node' ? selection.node.alerts : undefined} now={Date.now()} past={!!pinnedTime} />
      {selection.kind === 'edge' ? (
        <>
          <StatsBlock heading={selection.edge.calleeView ? "Caller's view" : "Requests (caller's view)"} stats={selection.edge.stats} quantile={quantile} />
          {selection.edge.calleeView && <StatsBlock heading="Callee's view" stats={selection.edge.calleeView} quantile={quantile} />}
          {selection.edge.hosts && <EdgeHosts hosts={selection.edge.hosts} />}
        </>
      ) : (
        <>
          <StatsBlock heading="Received" stats={selection.node.incoming} quantile={quantile} />
          <StatsBlock heading="Sent" stats={selection.node.outgoing} quantile={quantile} />
        </>
      )}
      {comparison && baseline && <BaselineNote comparison={comparison} offset={baseline} />}
      {details && <DetailsChart details={details} />}
      {detailsError && <p className="details__error" role="status">Details unavailable: {detailsError}</p>}
      {selection.kind === 'node' && view && onFocus && <Neighbours view={view} node={selection.node.id as NodeId} onFocus={onFocus} />}
      <p className="details__links">
        {dashboard && <a href={dashboard} target="_blank" rel="noreferrer noopener">Open dashboard</a>}
        <ToolLinks links={toolLinks} />
        {prometheus && /^https?:/i.test(new URL(prometheus, window.location.href).protocol) && (
          <a href={prometheus} target="_blank" rel="noreferrer noopener" title={details?.promql.rate}>PromQL in Prometheus</a>
        )}
      </p>
    </aside>
  );
}


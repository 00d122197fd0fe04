import { severityLevel } from '../../alerts/severity.ts';
import type { FiringAlert } from '../../graph/types.ts';
import { formatAge } from '../liveness.ts';

/** The most alerts listed in one panel; the rest are counted. */
const MAX_LISTED = 20;
const LEVEL_CLASS = ['info', 'warning', 'danger'] as const;

interface Props {
  readonly alerts: readonly FiringAlert[];
  /** Now, ms (for "since … ago"). */
  readonly now: number;
  /** Read from `ALERTS` at a pinned time: there are no annotations and no start time. */
  readonly past?: boolean;
  /** Why each alert is here (the unplaced panel), by alert. */
  readonly reasons?: ReadonlyMap<FiringAlert, string>;
}

/**
 * Firing alerts: name, severity, summary, description, since when, runbook and alert links.
 * Everything is rendered as text (annotations may hold anything); links are http(s) only (parse.ts).
 */
export function AlertList({ alerts, now, past, reasons }: Props) {
  return (
    <>
      {past && <p className="alerts__note">Firing at the pinned time (from ALERTS: no summary, description or start time).</p>}
      <ul className="alerts__list">
        {alerts.slice(0, MAX_LISTED).map((a, i) => (
          <li key={i} className={`alert alert--${LEVEL_CLASS[severityLevel(a.severity)]}`} data-testid="alert" data-alertname={a.name}>
            <div className="alert__head">
              <span className="alert__name">{a.name}</span>
              {a.severity && <span className="alert__severity">{a.severity}</span>}
              {a.since !== null && (
                <span className="alert__since" title={new Date(a.since * 1000).toLocaleString()}>
                  since {formatAge(Math.max(0, now - a.since * 1000))} ago
                </span>
              )}
            </div>
            {a.summary && <p className="alert__summary">{a.summary}</p>}
            {a.description && a.description !== a.summary && <p className="alert__description">{a.description}</p>}
            {reasons?.get(a) && <p className="alert__reason">Not on the map: {reasons.get(a)}</p>}
            {(isHttp(a.runbookUrl) || isHttp(a.link)) && (
              <p className="alert__links">
                {isHttp(a.runbookUrl) && <a href={a.runbookUrl} target="_blank" rel="noreferrer noopener">Runbook</a>}
                {isHttp(a.link) && <a href={a.link} target="_blank" rel="noreferrer noopener">Open alert</a>}
              </p>
            )}
          </li>
        ))}
        {alerts.length > MAX_LISTED && <li className="alerts__more">…and {alerts.length - MAX_LISTED} more</li>}
      </ul>
    </>
  );
}

/** Links are http(s) only (parse.ts sees to it; checked again where they become hrefs). */
function isHttp(url: string | undefined): url is string {
  return url !== undefined && /^https?:\/\//i.test(url);
}

/** The firing alerts of the selected node or edge, in the details panel. */
export function SelectionAlerts({ alerts, now, past }: { readonly alerts: readonly FiringAlert[] | undefined; readonly now: number; readonly past?: boolean }) {
  if (!alerts || alerts.length === 0) return null;
  return (
    <section className="details__block alerts" data-testid="details-alerts" aria-label="Firing alerts">
      <h3>{alerts.length} firing {alerts.length === 1 ? 'alert' : 'alerts'}</h3>
      <AlertList alerts={alerts} now={now} {...(past ? { past } : {})} />
    </section>
  );
}

/** Alerts whose labels name no node of the map (or an ambiguous set), with the reason; folded. */
export function UnplacedAlertsPanel({ items, now, past }: { readonly items: readonly { alert: FiringAlert; reason: string }[]; readonly now: number; readonly past?: boolean }) {
  if (items.length === 0) return null;
  const reasons = new Map(items.map((i) => [i.alert, i.reason]));
  return (
    <details className="problems alerts" data-testid="unplaced-alerts">
      <summary>{items.length} firing {items.length === 1 ? 'alert' : 'alerts'} on no node</summary>
      <AlertList alerts={items.map((i) => i.alert)} now={now} reasons={reasons} {...(past ? { past } : {})} />
    </details>
  );
}

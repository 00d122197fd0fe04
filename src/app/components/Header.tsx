import { breadcrumbs } from '../navigation.ts';
import { formatAge } from '../liveness.ts';
import type { Liveness } from '../liveness.ts';
import type { ViewScope } from '../../graph/scope.ts';
import type { UrlState } from '../urlState.ts';
import type { RefreshInterval } from '../data/trafficQueries.ts';
import type { Navigate } from '../useUrlState.ts';
import { SearchBox } from './SearchBox.tsx';

interface Props {
  readonly title: string;
  readonly state: UrlState;
  readonly navigate: Navigate;
  readonly liveness: Liveness;
  readonly servers: readonly string[];
  readonly interval?: RefreshInterval;
  /** Live data read behind now (the query delay): the moment it describes (unix s) and the delay. */
  readonly asOf?: { readonly time: number; readonly delayMs: number; readonly measured: boolean };
  readonly search: Parameters<typeof SearchBox>[0];
  /** Firing alerts: how many, or why they could not be read (said quietly; the map goes on). */
  readonly alerts?: { readonly status: 'off' | 'loading' | 'ok' | 'unavailable'; readonly count: number; readonly message?: string };
  /** The view shown instead of the one the link names (it does not exist), and why. */
  readonly shownInstead?: { readonly scope: ViewScope; readonly notice: string };
}

const INTERVAL_SOURCE: Readonly<Record<RefreshInterval['source'], string>> = {
  'scrape-interval': 'the scrape interval',
  configured: 'configured',
  fallback: 'fallback: Prometheus does not report its scrape interval',
};

/** Title, where we are (breadcrumbs), how fresh the data is, and the map/table switch. */
export function Header({ title, state, navigate, liveness, servers, interval, asOf, search, alerts, shownInstead }: Props) {
  const crumbs = breadcrumbs(state, shownInstead?.scope);
  // The level on screen: the last crumb that exists (a link may name one that does not).
  const here = crumbs.filter((c) => !c.missing).length - 1;
  const missing = here < crumbs.length - 1;
  return (
    <header className="header">
      <h1 className="header__title">{title}</h1>
      <nav className="crumbs" aria-label="Breadcrumbs">
        {crumbs.map((c, i) => (
          <span key={c.label + i}>
            {i > 0 && <span className="crumbs__sep" aria-hidden="true">›</span>}
            {c.missing
              ? <span className="crumbs__missing" data-testid="crumb-missing" title={shownInstead?.notice}>{c.label} (not found)</span>
              // The level shown is a link when the link's deeper level is missing: it clears that.
              : (i === here && !missing) || state.kiosk
                ? <span className={i === here ? 'crumbs__here' : ''} aria-current={i === here ? 'page' : undefined}>{c.label}</span>
                : <button type="button" className={i === here ? 'crumbs__link crumbs__here' : 'crumbs__link'} aria-current={i === here ? 'page' : undefined} onClick={() => navigate(c.state)}>{c.label}</button>}
          </span>
        ))}
      </nav>
      {!state.kiosk && <SearchBox {...search} />}
      <div className="header__status" data-testid="freshness" data-liveness={liveness.kind}>
        <span className={`dot dot--${liveness.kind}`} aria-hidden="true" />
        {liveness.kind === 'loading' && 'loading…'}
        {liveness.kind === 'failed' && 'no data'}
        {liveness.kind === 'pinned' && `past view: ${new Date(liveness.time * 1000).toLocaleString()}`}
        {(liveness.kind === 'live' || liveness.kind === 'failing' || liveness.kind === 'stale') && `updated ${formatAge(liveness.ageMs)} ago`}
        {asOf && asOf.delayMs > 0 && liveness.kind !== 'pinned' && (
          <span className="header__meta" data-testid="query-delay" data-delay-ms={asOf.delayMs}
            title={asOf.measured ? 'queryDelay "auto": the server receives its samples late (e.g. through federation); reading earlier keeps rates whole' : 'queryDelay in config.json'}>
            {` · as of ${new Date(asOf.time * 1000).toLocaleTimeString()} (${formatAge(asOf.delayMs)} behind)`}
          </span>
        )}
        {alerts?.status === 'ok' && (
          <span className={alerts.count > 0 ? 'header__alerts' : 'header__meta'} data-testid="alert-count" data-count={alerts.count}
            title={alerts.message ? `Some servers' alerts are missing: ${alerts.message}` : 'Firing alerts (Prometheus /api/v1/alerts)'}>
            {alerts.count > 0 ? ` · ${alerts.count} firing ${alerts.count === 1 ? 'alert' : 'alerts'}` : ' · no alerts firing'}
            {liveness.kind === 'pinned' && ' then'}
          </span>
        )}
        {alerts?.status === 'unavailable' && (
          <span className="header__meta" data-testid="alert-count" data-unavailable="true" title={alerts.message}> · alerts unavailable</span>
        )}
        {interval && <span className="header__meta" title={INTERVAL_SOURCE[interval.source]}> · every {formatAge(interval.ms)}{interval.source === 'fallback' ? ' (fallback)' : ''}</span>}
        {/* Last and first to be cut off (ellipsis) when the header is full: readable on hover. */}
        <span className="header__meta" data-testid="prometheus-url" title={servers.join(', ')}> · {servers.join(', ')}</span>
      </div>
      {!state.kiosk && (
        <div className="header__switch" role="group" aria-label="View">
          <button type="button" aria-pressed={state.view === 'map'} onClick={() => navigate({ ...state, view: 'map' })}>Map</button>
          <button type="button" aria-pressed={state.view === 'table'} onClick={() => navigate({ ...state, view: 'table' })}>Table</button>
        </div>
      )}
    </header>
  );
}

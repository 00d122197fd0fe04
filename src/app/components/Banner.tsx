import { formatAge } from '../liveness.ts';
import type { Liveness } from '../liveness.ts';
import { formatTime } from '../urlValues.ts';

interface Props {
  readonly liveness: Liveness;
  readonly lastGoodAt: number;
  readonly onBackToLive: () => void;
}

/** The loud status line: a past view, what failed and since when, or that the data is STALE. */
export function Banner({ liveness, lastGoodAt, onBackToLive }: Props) {
  if (liveness.kind === 'live' || liveness.kind === 'loading') return null;
  if (liveness.kind === 'pinned') {
    return (
      <div className="banner banner--past" role="status" data-testid="banner" data-kind="pinned">
        <strong className="banner__stale">PAST VIEW</strong> The map as it was at{' '}
        <time dateTime={formatTime(liveness.time)}>{new Date(liveness.time * 1000).toLocaleString()}</time>{' '}
        ({formatTime(liveness.time)}); not refreshing.{' '}
        <button type="button" className="banner__action" onClick={onBackToLive}>Back to live</button>
      </div>
    );
  }
  const at = lastGoodAt ? new Date(lastGoodAt).toLocaleTimeString() : '';
  if (liveness.kind === 'failed') {
    return (
      <div className="banner banner--danger" role="alert" data-testid="banner" data-kind="failed">
        <strong>No data:</strong> {liveness.message} <span className="banner__hint">Retrying every refresh.</span>
      </div>
    );
  }
  const stale = liveness.kind === 'stale';
  return (
    <div className={`banner ${stale ? 'banner--danger' : 'banner--warning'}`} role="alert" data-testid="banner" data-kind={liveness.kind}>
      {stale && <strong className="banner__stale">STALE</strong>}{' '}
      {liveness.message ? <><strong>Refresh failed:</strong> {liveness.message} </> : <>No new data. </>}
      <span className="banner__hint">Showing the last good graph from {at} ({formatAge(liveness.ageMs)} ago). Retrying every refresh.</span>
    </div>
  );
}

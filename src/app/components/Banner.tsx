import { formatAge } from '../liveness.ts';
import type { Liveness } from '../liveness.ts';

/** The loud status line: what failed and since when, or that the data is STALE. */
export function Banner({ liveness, lastGoodAt }: { liveness: Liveness; lastGoodAt: number }) {
  if (liveness.kind === 'live' || liveness.kind === 'loading') return null;
  const at = lastGoodAt ? new Date(lastGoodAt).toLocaleTimeString() : '';
  if (liveness.kind === 'failed') {
    return (
      <div className="banner banner--danger" role="alert" data-testid="banner">
        <strong>No data:</strong> {liveness.message} <span className="banner__hint">Retrying every refresh.</span>
      </div>
    );
  }
  const stale = liveness.kind === 'stale';
  return (
    <div className={`banner ${stale ? 'banner--danger' : 'banner--warning'}`} role="alert" data-testid="banner">
      {stale && <strong className="banner__stale">STALE</strong>}{' '}
      {liveness.message ? <><strong>Refresh failed:</strong> {liveness.message} </> : <>No new data. </>}
      <span className="banner__hint">Showing the last good graph from {at} ({formatAge(liveness.ageMs)} ago). Retrying every refresh.</span>
    </div>
  );
}

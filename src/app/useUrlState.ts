import { useCallback, useEffect, useState } from 'react';
import { decodeUrlState, encodeUrlState } from './urlState.ts';
import type { UrlState } from './urlState.ts';

/** The URL's view state, and a navigate function that pushes history (so Back works). */
export type Navigate = (next: UrlState, options?: { replace?: boolean }) => void;

export function useUrlState(): [UrlState, Navigate] {
  const [state, setState] = useState(() => decodeUrlState(window.location.search));
  useEffect(() => {
    const onPop = () => setState(decodeUrlState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback<Navigate>((next, options) => {
    const search = encodeUrlState(next, window.location.search);
    if (search !== window.location.search) {
      const url = `${window.location.pathname}${search}${window.location.hash}`;
      // Rotation, replay frames and typing in a filter replace the entry; moves push one (Back works).
      if (options?.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
    }
    setState(decodeUrlState(search));
  }, []);
  return [state, navigate];
}

/** "Updated N s ago" needs a clock; one tick a second, shared by the header and the banner. */
export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(id);
  }, [periodMs]);
  return now;
}

import { useEffect, useRef } from 'react';
import { replayTickMs, replayTime } from './timeTravel.ts';
import type { Replay } from './timeTravel.ts';
import type { UrlState } from './urlState.ts';
import type { Navigate } from './useUrlState.ts';

/** The rotation order: the global view, then each datacenter. Pure. */
export function nextRotationState(state: UrlState, datacenters: readonly string[]): UrlState {
  const order = ['', ...datacenters];
  const at = order.indexOf(state.dc);
  const dc = order[(at + 1) % order.length] ?? '';
  return { ...state, dc, group: '', service: '', edge: null };
}

/** `rotate=30s`: every so often, show the next view (history is replaced, not grown). */
export function useRotation(state: UrlState, datacenters: readonly string[], navigate: Navigate): void {
  const latest = useRef({ state, datacenters });
  latest.current = { state, datacenters };
  useEffect(() => {
    if (state.rotateMs <= 0) return undefined;
    const id = setInterval(() => {
      const { state: s, datacenters: dcs } = latest.current;
      navigate(nextRotationState(s, dcs), { replace: true });
    }, state.rotateMs);
    return () => clearInterval(id);
  }, [state.rotateMs, navigate]);
}

/** Plays a replay: moves the pinned time through the range at the chosen speed, then stops. */
export function useReplay(replay: Replay | null, intervalMs: number, state: UrlState, navigate: Navigate, onDone: () => void): void {
  const latest = useRef({ state, onDone });
  latest.current = { state, onDone };
  useEffect(() => {
    if (!replay) return undefined;
    const started = Date.now();
    const tick = () => {
      const t = replayTime(replay, Date.now() - started, intervalMs);
      if (t === null) {
        clearInterval(id);
        latest.current.onDone();
        return;
      }
      if (t !== latest.current.state.time) navigate({ ...latest.current.state, time: t }, { replace: true });
    };
    const id = setInterval(tick, replayTickMs(replay, intervalMs));
    tick();
    return () => clearInterval(id);
  }, [replay, intervalMs, navigate]);
}

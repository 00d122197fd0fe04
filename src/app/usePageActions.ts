import { useCallback, useEffect, useState } from 'react';
import type { RefObject } from 'react';
import { HIDE_HEALTHY, toggleDisjunct } from '../graph/expressions/legacy.ts';
import { parseExpression } from '../graph/expressions/parse.ts';
import { printExpression } from '../graph/expressions/print.ts';
import { searchList } from '../graph/serviceList.ts';
import type { ServiceList } from '../graph/serviceList.ts';
import { parentState } from './navigation.ts';
import { actionForKey } from './shortcuts.ts';
import { stepTime } from './timeTravel.ts';
import type { Replay } from './timeTravel.ts';
import { encodeUrlState } from './urlState.ts';
import type { UrlState } from './urlState.ts';
import type { Navigate } from './useUrlState.ts';

export interface PageActions {
  readonly step: (direction: -1 | 1) => void;
  readonly jump: (unix: number) => void;
  readonly live: () => void;
  readonly find: (text: string) => boolean;
  readonly copyLink: () => void;
  readonly copied: string | null;
  readonly replay: Replay | null;
  readonly setReplay: (replay: Replay | null) => void;
  readonly helpOpen: boolean;
  readonly setHelpOpen: (open: boolean) => void;
}

interface Inputs {
  readonly state: UrlState;
  readonly navigate: Navigate;
  readonly list?: ServiceList;
  /** The group a link to a service carries ('' when its datacenter is flat). */
  readonly groupFor: (dc: string, service: string) => string;
  readonly datacenters: readonly string[];
  readonly intervalMs: number;
  /** Evaluation time of the data on screen (unix s): what a copied link pins. */
  readonly dataTime?: number;
  readonly searchRef: RefObject<HTMLInputElement | null>;
}

/** What the controls and the keyboard can do; the page wires them to components. */
export function usePageActions({ state, navigate, list, groupFor, datacenters, intervalMs, dataTime, searchRef }: Inputs): PageActions {
  const [replay, setReplay] = useState<Replay | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);

  const step = useCallback((direction: -1 | 1) => {
    setReplay(null);
    navigate({ ...state, time: stepTime(state.time, Math.floor(Date.now() / 1000), intervalMs, direction) });
  }, [state, navigate, intervalMs]);
  const jump = useCallback((unix: number) => {
    setReplay(null);
    navigate({ ...state, time: unix >= Date.now() / 1000 ? null : unix });
  }, [state, navigate]);
  const live = useCallback(() => { setReplay(null); navigate({ ...state, time: null }); }, [state, navigate]);
  const find = useCallback((text: string) => {
    const hit = list ? searchList(list, text)[0] : undefined;
    if (!hit) return false;
    navigate({ ...state, dc: hit.dc, group: groupFor(hit.dc, hit.service), service: hit.service, edge: null });
    return true;
  }, [list, groupFor, state, navigate]);
  const copyLink = useCallback(() => {
    // The link pins the moment on screen, so the reader sees what the sender saw, even later.
    const pinned = { ...state, time: state.time ?? dataTime ?? Math.floor(Date.now() / 1000), rotateMs: 0 };
    const url = `${window.location.origin}${window.location.pathname}${encodeUrlState(pinned, window.location.search)}`;
    setCopied(url);
    void navigator.clipboard?.writeText(url).catch(() => undefined);
  }, [state, dataTime]);

  useEffect(() => {
    if (!copied) return undefined;
    const id = setTimeout(() => setCopied(null), 8000);
    return () => clearTimeout(id);
  }, [copied]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      const inForm = !!target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
      const hit = actionForKey(e.key, inForm);
      if (!hit) return;
      e.preventDefault();
      if (inForm) { target?.blur(); return; }
      switch (hit.action) {
        case 'help': setHelpOpen((o) => !o); break;
        case 'global': navigate({ ...state, dc: '', group: '', service: '', edge: null }); break;
        case 'datacenter': {
          const dc = datacenters[hit.index ?? 0];
          if (dc) navigate({ ...state, dc, group: '', service: '', edge: null });
          break;
        }
        case 'up':
          if (helpOpen) setHelpOpen(false);
          else if (state.edge) navigate({ ...state, edge: null });
          else if (state.dc) navigate(parentState(state));
          break;
        case 'toggle-table': navigate({ ...state, view: state.view === 'map' ? 'table' : 'map' }); break;
        case 'search': searchRef.current?.focus(); break;
        case 'step-back': step(-1); break;
        case 'step-forward': step(1); break;
        case 'live': live(); break;
        case 'copy-link': copyLink(); break;
        case 'kiosk': navigate({ ...state, kiosk: !state.kiosk }); break;
        case 'hide-healthy': {
          // `health = normal` added to Hide as one more `or`, or taken out (a Hide that does not parse is left as it is).
          const hide = parseExpression(state.filters.hide);
          if (hide.ok) navigate({ ...state, filters: { ...state.filters, hide: printExpression(toggleDisjunct(hide.expr, HIDE_HEALTHY)) } });
          break;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state, navigate, datacenters, helpOpen, step, live, copyLink, searchRef]);

  return { step, jump, live, find, copyLink, copied, replay, setReplay, helpOpen, setHelpOpen };
}

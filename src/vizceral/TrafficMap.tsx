import { useEffect, useRef, useState } from 'react';
import type { MapHit, MapRenderer, RendererFactory } from './renderer.ts';
import type { VizNode } from './traffic.ts';

export interface TrafficMapProps {
  readonly traffic: VizNode;
  /** [] global, [dc] datacenter, [dc, service] focus. */
  readonly view: readonly string[];
  /** A node name or `source--target` connection to highlight in the current view. */
  readonly highlight?: string;
  readonly onClick: (hit: MapHit | null) => void;
  readonly createRenderer: RendererFactory;
  /** Greyed out (the data is stale or failed), still showing the last good graph. */
  readonly dimmed?: boolean;
}

/**
 * The only component that touches the renderer. Data and view changes are applied in place
 * (`updateData`, `setView`), so a refresh never re-creates the scene: no flicker, and the view
 * and highlight survive. Drawing stops when the tab is hidden or the component unmounts.
 */
export function TrafficMap({ traffic, view, highlight, onClick, createRenderer, dimmed }: TrafficMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [renderer, setRenderer] = useState<MapRenderer | null>(null);
  const [updates, setUpdates] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [shownView, setShownView] = useState<string | null>(null);
  const onClickRef = useRef(onClick);
  onClickRef.current = onClick;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    // A canvas per renderer: a disposed renderer loses its WebGL context, which must never be
    // the context of its successor (React mounts effects twice in development).
    const canvas = document.createElement('canvas');
    canvas.setAttribute('aria-label', 'Traffic map; the table view lists the same data as text');
    container.appendChild(canvas);
    let disposed = false;
    let created: MapRenderer | null = null;
    let frame = 0;
    const loop = (time: number) => {
      if (disposed || !created) return;
      created.render(time);
      frame = requestAnimationFrame(loop);
    };
    createRenderer(canvas).then((r) => {
      if (disposed) { r.dispose(); return; }
      created = r;
      r.onClick((hit) => onClickRef.current(hit));
      r.onUpdated(() => setUpdates((n) => n + 1));
      r.onViewChanged((v) => setShownView(v.join('/')));
      setRenderer(r);
      frame = requestAnimationFrame(loop);
    }, (e: unknown) => {
      if (!disposed) setFailure(e instanceof Error ? e.message : String(e));
    });
    return () => {
      disposed = true;
      cancelAnimationFrame(frame);
      created?.dispose();
      canvas.remove();
    };
  }, [createRenderer]);

  useEffect(() => {
    renderer?.updateData(traffic);
  }, [renderer, traffic]);

  const viewKey = view.join('\u0000');
  useEffect(() => {
    renderer?.setView(viewKey ? viewKey.split('\u0000') : [], highlight);
  }, [renderer, viewKey, highlight, traffic.updated]);

  useEffect(() => {
    if (!renderer) return undefined;
    const hook = window as unknown as { __trafficMapRenderer?: MapRenderer };
    hook.__trafficMapRenderer = renderer;
    // The test hook must not keep a disposed renderer (and its whole scene) alive after unmount.
    return () => { if (hook.__trafficMapRenderer === renderer) delete hook.__trafficMapRenderer; };
  }, [renderer]);

  if (failure) {
    return <p className="placeholder" role="alert">The map cannot be drawn here ({failure}); the Table view shows the same data.</p>;
  }
  return (
    <div ref={containerRef} className={`map-canvas${dimmed ? ' map-canvas--dimmed' : ''}`} data-testid="map" data-map-ready={renderer ? 'true' : 'false'} data-map-updates={updates} data-view={viewKey.replace('\u0000', '/')} data-renderer-view={shownView ?? ''} />
  );
}

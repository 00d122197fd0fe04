import { useEffect, useRef, useState } from 'react';
import { drawWhileShown, isShown } from './drawWhileShown.ts';
import { FIRST_FRAME_MARK } from './firstFrameMark.ts';
import type { MapFound, MapHit, MapRenderer, RendererFactory } from './renderer.ts';
import { sameTraffic } from './sameTraffic.ts';
import type { VizNode } from './traffic.ts';

export interface TrafficMapProps {
  /**
   * Undefined until the first data: the renderer is created meanwhile (WebGL context, three.js
   * setup), so the first map does not wait for it after the answers. Nothing is drawn before.
   */
  readonly traffic: VizNode | undefined;
  /** [] global, [dc] datacenter, [dc, service] focus. */
  readonly view: readonly string[];
  /** A node or connection (by ids) to highlight in the current view. */
  readonly highlight?: MapHit;
  /** Find: nodes and edges (by ids) to light while the rest of the view is dimmed; undefined = none. */
  readonly found?: MapFound;
  readonly onClick: (hit: MapHit | null) => void;
  readonly createRenderer: RendererFactory;
  /** Greyed out (the data is stale or failed), still showing the last good graph. */
  readonly dimmed?: boolean;
  /** Called once the map is drawn with data, or cannot be drawn at all (work that waits for the first map). */
  readonly onFirstMap?: () => void;
}

/**
 * The only component that touches the renderer. Data and view changes are applied in place
 * (`updateData`, `setView`), so a refresh never re-creates the scene: no flicker, and the view
 * and highlight survive; a refresh that changes nothing shown is not handed to the renderer.
 * Drawing starts with the first data; it pauses while the map is offscreen or the tab is hidden,
 * and stops when the component unmounts.
 * `data-map-ready` is "true" once the renderer drew a laid-out view with data.
 */
/** How long the first frame waits for Vizceral's first laid-out view once the data is there. */
export const LAYOUT_WAIT_MS = 2_000;

export { FIRST_FRAME_MARK };

export function TrafficMap({ traffic, view, highlight, found, onClick, createRenderer, dimmed, onFirstMap }: TrafficMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [renderer, setRenderer] = useState<MapRenderer | null>(null);
  const [hasData, setHasData] = useState(false);
  const [updates, setUpdates] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [shownView, setShownView] = useState<string | null>(null);
  // Vizceral threw (a reason we could not prevent): the map keeps the last good graph and says so.
  const [drawFailure, setDrawFailure] = useState<string | null>(null);
  const lastGood = useRef<{ renderer: MapRenderer; traffic: VizNode } | null>(null);
  const [hoverTitle, setHoverTitle] = useState<string | null>(null);
  // What the renderer was last given, and by which renderer (React mounts effects twice in development).
  const applied = useRef<{ renderer: MapRenderer; traffic: VizNode; view: string } | null>(null);
  const onClickRef = useRef(onClick);
  onClickRef.current = onClick;
  const onFirstMapRef = useRef(onFirstMap);
  onFirstMapRef.current = onFirstMap;
  // Whether the renderer has laid out a view, and whether a frame of it was drawn (and marked).
  const laidOut = useRef({ renderer: null as MapRenderer | null, drawn: false });
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const draw = (r: MapRenderer, time: number): void => {
    try {
      r.render(time);
    } catch (e) {
      setDrawFailure(messageOf(e));
      return;
    }
    if (canvasRef.current?.style.visibility === 'hidden') canvasRef.current.style.visibility = '';
    const state = laidOut.current;
    if (state.renderer !== r || state.drawn) return;
    state.drawn = true;
    performance.mark(FIRST_FRAME_MARK);
  };

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return undefined;
    // A canvas per renderer: a disposed renderer loses its WebGL context, which must never be
    // the context of its successor (React mounts effects twice in development).
    const canvas = document.createElement('canvas');
    canvas.setAttribute('aria-label', 'Traffic map; the table view lists the same data as text');
    // Hidden until its first frame: a new, empty drawing buffer shows nothing, and the compositor
    // would copy it (without a GPU, a read-back of the whole canvas: ~90 ms at 1600x900 on the
    // benchmark machine) while the first answers are being read.
    canvas.style.visibility = 'hidden';
    canvasRef.current = canvas;
    container.appendChild(canvas);
    let disposed = false;
    let created: MapRenderer | null = null;
    createRenderer(canvas).then((r) => {
      if (disposed) { r.dispose(); return; }
      created = r;
      r.onClick((hit) => onClickRef.current(hit));
      r.onHover?.(setHoverTitle);
      // The first laid-out view is drawn at once, in the task that laid it out, when the map is
      // shown: not an animation frame and a React commit later. The frame loop takes over after.
      r.onUpdated(() => {
        if (laidOut.current.renderer !== r) {
          laidOut.current = { renderer: r, drawn: false };
          if (isShown(container)) draw(r, performance.now());
        }
        setUpdates((n) => n + 1);
      });
      r.onViewChanged((v) => setShownView(v.join('/')));
      setRenderer(r);
    }, (e: unknown) => {
      if (!disposed) setFailure(e instanceof Error ? e.message : String(e));
    });
    return () => {
      disposed = true;
      created?.dispose();
      canvas.remove();
    };
  }, [createRenderer]);

  // The view as one string (a dependency of the effects below): JSON, since a node id may hold any
  // character (a service named "\u0000" is one part, not a separator).
  const viewKey = JSON.stringify(view);
  const viewAndHighlight = `${viewKey}\u0001${highlight ? JSON.stringify(highlight) : ''}`;
  const rendererView = (): string[] => JSON.parse(viewKey) as string[];

  // New data: handed over only when it changes what is drawn. After it, the view is set again
  // (a node asked for by the URL may only now exist).
  useEffect(() => {
    if (!renderer || !traffic) return;
    const last = applied.current?.renderer === renderer ? applied.current : null;
    if (last && sameTraffic(last.traffic, traffic)) return;
    applied.current = { renderer, traffic, view: viewAndHighlight };
    try {
      renderer.updateData(traffic);
      renderer.setView(rendererView(), highlight);
    } catch (e) {
      // Not handed again until the data changes; the renderer goes back to the last good graph.
      setDrawFailure(messageOf(e));
      const good = lastGood.current?.renderer === renderer ? lastGood.current.traffic : null;
      if (good) {
        try {
          renderer.updateData(good);
          renderer.setView(rendererView(), highlight);
        } catch { /* the map stays as it was drawn last */ }
      }
      return;
    }
    lastGood.current = { renderer, traffic };
    setDrawFailure(null);
    setHasData(true);
  }, [renderer, traffic]); // eslint-disable-line react-hooks/exhaustive-deps -- the view is applied with the data; its own effect below

  useEffect(() => {
    const last = applied.current;
    if (!renderer || last?.renderer !== renderer || last.view === viewAndHighlight) return;
    applied.current = { ...last, view: viewAndHighlight };
    try {
      renderer.setView(rendererView(), highlight);
    } catch (e) {
      setDrawFailure(messageOf(e));
    }
  }, [renderer, viewAndHighlight]); // eslint-disable-line react-hooks/exhaustive-deps -- viewAndHighlight covers view and highlight

  // Find's set, handed over when it changes (the renderer applies it again to new data and views).
  const foundKey = found ? JSON.stringify(found) : '';
  useEffect(() => {
    if (!renderer?.setFound) return;
    try {
      renderer.setFound(foundKey ? JSON.parse(foundKey) as MapFound : null);
    } catch (e) {
      setDrawFailure(messageOf(e));
    }
  }, [renderer, foundKey]);

  // Draws from the first laid-out view on: a frame before Vizceral's layout answers shows nothing
  // (no node has a place yet) and on a software GL costs hundreds of milliseconds that delay the
  // answer's handling. Should no layout come (`LAYOUT_WAIT_MS` after the data), it draws anyway.
  // Nothing is drawn while the map is out of the viewport or the tab is hidden (drawWhileShown).
  const [layoutOverdue, setLayoutOverdue] = useState(false);
  useEffect(() => {
    if (!renderer || !hasData || updates > 0) return undefined;
    const timer = setTimeout(() => setLayoutOverdue(true), LAYOUT_WAIT_MS);
    return () => clearTimeout(timer);
  }, [renderer, hasData, updates]);
  const drawing = !!renderer && hasData && (updates > 0 || layoutOverdue);
  useEffect(() => {
    const container = containerRef.current;
    if (!renderer || !drawing || !container) return undefined;
    return drawWhileShown(container, (time) => draw(renderer, time));
  }, [renderer, drawing]);

  const ready = !!renderer && hasData && updates > 0;
  useEffect(() => {
    if (ready || failure) onFirstMapRef.current?.();
  }, [ready, failure]);

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
    <>
      <div ref={containerRef} className={`map-canvas${dimmed ? ' map-canvas--dimmed' : ''}`} data-testid="map" data-map-ready={ready ? 'true' : 'false'} data-map-updates={updates} data-view={view.join('/')} data-renderer-view={shownView ?? ''}
        data-found={found ? found.nodes.length + found.edges.length : undefined}
        {...(hoverTitle ? { title: hoverTitle } : {})} />
      {drawFailure && (
        <p className="map-failure" role="status" data-testid="map-failure">
          The map could not draw the latest data ({drawFailure}) and shows the last good graph; the Table view lists every service.
        </p>
      )}
    </>
  );
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

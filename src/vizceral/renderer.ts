import type { VizNode } from './traffic.ts';

/** What the map component needs from a renderer: Vizceral in the app, a fake in tests. */
export interface MapRenderer {
  updateData(traffic: VizNode): void;
  /** ['eu-west'] for a datacenter, ['eu-west', 'checkout'] for a focus view (node ids); highlight a node or connection. */
  setView(view: readonly string[], highlight?: MapHit): void;
  /** What was clicked: a node or a connection of the current view, or nothing. */
  onClick(handler: (hit: MapHit | null) => void): void;
  /** Called when the current view was laid out and redrawn with new data (Vizceral's viewUpdated). */
  onUpdated(handler: () => void): void;
  /** Called when the renderer shows another view ([] global, [dc], [dc, service]). */
  onViewChanged(handler: (view: readonly string[]) => void): void;
  /** Find: light these nodes and edges (ids) of every view shown and dim the rest; null = none. */
  setFound?(found: MapFound | null): void;
  /** Draws one frame. */
  render(timeMs: number): void;
  /** Called with the full text of the node or connection under the pointer, or null (the map's title). */
  onHover?(handler: (title: string | null) => void): void;
  /** Screen position (CSS px, relative to the canvas) of a node of the current view, for tests and tooltips. */
  nodePosition(name: string): { x: number; y: number } | null;
  /** The notice titles the renderer holds for a node of the current view (tests: alerts on the map); null when absent. */
  nodeNotices?(name: string): string[] | null;
  dispose(): void;
}

export type MapHit =
  | { readonly type: 'node'; readonly name: string }
  | { readonly type: 'connection'; readonly source: string; readonly target: string };

/** What Find found in the view: node ids and edges as [source, target]. */
export interface MapFound {
  readonly nodes: readonly string[];
  readonly edges: readonly (readonly [string, string])[];
}

export type RendererFactory = (canvas: HTMLCanvasElement) => Promise<MapRenderer>;

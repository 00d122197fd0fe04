/** The small part of Vizceral's (untyped) object model that the adapter touches. */
import type { VizNode } from './traffic.ts';

export interface VizObject {
  type?: string;
  getName(): string;
  isVisible?(): boolean;
  /** The node's `metadata` from the traffic object. */
  metadata?: unknown;
  /** The node's or connection's notices from the traffic object. */
  notices?: readonly { readonly title?: unknown }[] | null;
  source?: { getName(): string; metadata?: unknown };
  target?: { getName(): string; metadata?: unknown };
  view?: {
    container?: SceneObject & { matrixWorld: unknown };
    /** A node's label and a connection's notice: out of `container` while hidden. */
    nameView?: { container?: SceneObject; view?: LabelMesh };
    /** Whether the node's label is shown. */
    labelVisible?: boolean;
    noticeView?: { container?: SceneObject };
    /** A node view's radius, and its meshes (some share geometries cached by radius). */
    radius?: number;
    meshes?: Record<string, SceneObject | undefined>;
  };
}
/** A label's mesh: a plane of the label canvas's size (Vizceral's NodeNameView). */
export interface LabelMesh {
  matrixWorld: unknown;
  parent?: unknown;
  geometry?: { parameters?: { width: number; height: number } };
}
export interface VizGraph {
  intersectedObject?: VizObject;
  nodes: Record<string, VizObject>;
  connections: Record<string, VizObject>;
  /** Child graphs (a region's focused graphs), by node name; Vizceral never removes them. */
  graphs: Record<string, VizGraph>;
  parentGraph?: VizGraph;
  /** The names from the root to this graph ([] for the root). */
  graphIndex?: string[];
  current?: boolean;
  /** Its layout (ltrTreeLayout for regions and focused graphs): positions cached per node and edge set. */
  layout?: { cache?: unknown[] };
  setCurrent(current: boolean): void;
  removeAllListeners(): void;
  view: { container: SceneObject };
}
/** The parts of a three.js object the adapter reads to free what it uses. */
export interface SceneObject {
  traverse(fn: (object: SceneObject) => void): void;
  /** The object it was added to; null once removed from the scene. */
  parent?: unknown;
  children?: readonly SceneObject[];
  geometry?: Geometry;
  material?: Material | readonly Material[];
}
export interface Disposable { dispose(): void }
/**
 * A three.js geometry. The renderer adds a 'dispose' listener to each geometry it uploads and
 * removes it when the geometry is disposed: `_listeners.dispose` tells a geometry with buffers on
 * the GPU (three.js r106, the version in Vizceral's bundle).
 */
export interface Geometry extends Disposable {
  _listeners?: { dispose?: readonly unknown[] };
}
export interface Material extends Disposable {
  map?: (Disposable & { isTexture?: boolean }) | null;
  uniforms?: Record<string, { value?: unknown }>;
}
export interface GlInfo {
  memory: { geometries: number; textures: number };
  programs?: readonly unknown[] | null;
}
export interface VizVector {
  setFromMatrixPosition(m: unknown): VizVector;
  set(x: number, y: number, z: number): VizVector;
  applyMatrix4(m: unknown): VizVector;
  project(camera: unknown): VizVector;
  x: number;
  y: number;
}
export interface VizInstance {
  updateData(data: VizNode): void;
  setView(view: string[], highlight?: string): void;
  updateStyles(styles: Readonly<Record<string, unknown>>): void;
  setOptions(options: { showLabels: boolean; allowDraggingOfNodes: boolean }): void;
  calculateIntersectedObject(x: number, y: number): VizObject | undefined;
  render(time: number): void;
  /** Sizes the drawing buffer and the camera (the first frame does it when the canvas's size changed). */
  setSize(width: number, height: number): void;
  on(event: string, handler: (...args: unknown[]) => void): void;
  removeAllListeners(): void;
  onDocumentClick: (event: { center: { x: number; y: number } }) => void;
  onDocumentDoubleClick: (event: { center: { x: number; y: number } }) => void;
  currentGraph?: VizGraph;
  graphs: Record<string, VizGraph>;
  scene: SceneObject & { add(object: unknown): void; remove(object: unknown): void; updateMatrixWorld?(force: boolean): void };
  camera: { position: { clone(): VizVector } };
  renderer: {
    domElement: HTMLCanvasElement; info: GlInfo; dispose(): void; forceContextLoss(): void; setClearColor(color: number, alpha: number): void;
    /** Compiles the shader programs of the materials in `scene` (three.js r106). */
    compile(scene: unknown, camera: unknown): void;
  };
  hammertime?: { destroy(): void };
}
export type VizConstructor = new (canvas: HTMLCanvasElement, targetFramerate?: number) => VizInstance;

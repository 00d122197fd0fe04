/**
 * Vizceral redraws the notice icon of every connection that has notices on every `updateData`
 * (`ConnectionView.refresh` -> `validateNotices` -> `ConnectionNoticeView.updateNoticeIcon`), even
 * when the icon stays the same, and marks its texture for upload: a 256x256 canvas with mipmaps
 * for each such connection. At 300 nodes that is about 900 textures (220 MiB) uploaded on every
 * refresh, which on a software GL (SwiftShader) slows the next frames to half speed
 * (docs/PERFORMANCE.md, render). Here an icon is drawn only when what it shows changes.
 *
 * And Vizceral makes its three icon images (SVG data URLs) when it makes the first connection
 * views, which draw them before they have loaded: every icon of the first map is blank until the
 * next refresh draws (and uploads) it again. Here an icon drawn blank is drawn again as soon as
 * its image has loaded, which is before the map's first frame (it waits for Vizceral's layout).
 */
import type { VizGraph } from './vizceralTypes.ts';

const WRAPPED = Symbol('trafficMap.noticeIconWrapped');
const DRAWN = Symbol('trafficMap.noticeIconDrawn');
const WAITING = Symbol('trafficMap.noticeIconWaiting');

interface NoticeView {
  object: { notices?: readonly { severity?: unknown }[] | null; hasNotices(): boolean };
  noticeCanvas?: { getContext(kind: '2d'): CanvasRenderingContext2D | null };
  updateNoticeIcon(): void;
  /** The severity the icon was last drawn for, with its image loaded. */
  [DRAWN]?: string;
  /** Drawn before its image loaded: drawn again once it has. */
  [WAITING]?: boolean;
}

/**
 * Wraps `updateNoticeIcon`, once, on the class of the connection notice views found in `graphs`
 * (all of Vizceral's connections share the one class), and draws the icons of views made before
 * (they may be blank). Cheap once done: call after every `updateData` and `setView`.
 */
export function skipUnchangedNoticeIcons(graphs: Record<string, VizGraph>): void {
  for (const graph of Object.values(graphs)) {
    for (const connection of Object.values(graph.connections)) {
      const view = connection.view?.noticeView as NoticeView | undefined;
      if (!view) continue;
      wrapNoticeIconMethod(Object.getPrototypeOf(view) as object);
      if (view[DRAWN] === undefined && !view[WAITING] && view.object.hasNotices()) view.updateNoticeIcon();
    }
    skipUnchangedNoticeIcons(graph.graphs);
  }
}

/**
 * The icon is one of three images chosen by the highest severity of the notices, drawn centred on
 * a canvas nothing else draws on: it needs no redraw while that severity is the same, unless its
 * image had not loaded yet when it was drawn.
 */
export function wrapNoticeIconMethod(proto: object): void {
  let owner: object | null = proto;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, 'updateNoticeIcon')) owner = Object.getPrototypeOf(owner) as object | null;
  const holder = owner as Record<string | symbol, unknown> | null;
  const original = holder?.['updateNoticeIcon'];
  if (!holder || typeof original !== 'function' || (original as { [WRAPPED]?: boolean })[WRAPPED]) return;
  const wrapped = function (this: NoticeView): unknown {
    // Without notices Vizceral draws nothing (and hides the icon): the drawn icon stays valid.
    if (!this.object.hasNotices()) return original.call(this);
    const severity = iconSeverity(this.object.notices ?? []);
    if (this[DRAWN] === severity) return undefined;
    const context = this.noticeCanvas?.getContext('2d') ?? null;
    const loading: HTMLImageElement[] = [];
    const stop = context ? watchImages(context, (image) => { const img = stillLoading(image); if (img) loading.push(img); }) : () => {};
    try {
      return original.call(this);
    } finally {
      stop();
      this[DRAWN] = loading.length === 0 ? severity : undefined;
      if (loading.length > 0) drawWhenLoaded(this, loading);
    }
  };
  Object.assign(wrapped, { [WRAPPED]: true });
  holder['updateNoticeIcon'] = wrapped;
}

/** Draws the icon again once `images` have loaded (a promise that settles: nothing keeps the view after). */
function drawWhenLoaded(view: NoticeView, images: readonly HTMLImageElement[]): void {
  if (view[WAITING] || images.some((image) => typeof image.decode !== 'function')) return;
  view[WAITING] = true;
  Promise.all(images.map((image) => image.decode())).then(
    () => { view[WAITING] = false; view.updateNoticeIcon(); },
    () => { view[WAITING] = false; },
  );
}

/** The severity whose image Vizceral draws: lodash's `maxBy` (null and NaN skipped), else 0. */
export function iconSeverity(notices: readonly { severity?: unknown }[]): string {
  let max: unknown;
  for (const { severity } of notices) {
    if (severity === null || severity === undefined || Number.isNaN(severity)) continue;
    if (max === undefined || (severity as number) > (max as number)) max = severity;
  }
  return String(max ?? 0);
}

/** Reports each image drawn on `context` until the returned function is called. */
function watchImages(context: CanvasRenderingContext2D, seen: (image: CanvasImageSource) => void): () => void {
  const own = context as unknown as { drawImage: (image: CanvasImageSource, ...rest: number[]) => void };
  const drawImage = own.drawImage;
  const hadOwn = Object.hasOwn(own, 'drawImage');
  own.drawImage = function (this: CanvasRenderingContext2D, image: CanvasImageSource, ...rest: number[]) {
    seen(image);
    drawImage.call(this, image, ...rest);
  };
  return () => {
    if (hadOwn) own.drawImage = drawImage;
    else delete (own as { drawImage?: unknown }).drawImage;
  };
}

/** The image if it is one still loading (drawn, it draws nothing). */
function stillLoading(image: CanvasImageSource): HTMLImageElement | null {
  if (typeof HTMLImageElement === 'undefined' || !(image instanceof HTMLImageElement)) return null;
  return image.complete && image.naturalWidth > 0 ? null : image;
}

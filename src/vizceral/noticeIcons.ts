/**
 * A connection's notice icon is one of three images, chosen by the highest severity of its notices
 * and drawn centred on a 256x256 canvas nothing else draws on. Vizceral gives every connection a
 * canvas and a texture of its own and draws the icon again on every `updateData`
 * (`ConnectionView.refresh` -> `validateNotices` -> `ConnectionNoticeView.updateNoticeIcon`),
 * marking the texture for upload each time (with mipmaps). Here the connections that show the same
 * icon share one canvas and one texture, drawn once: the first map with notices uploads one texture
 * per icon shown instead of one per connection (9 in the `large` scenario's grouped datacenter,
 * 41 ms of its first frame here), and a refresh uploads none.
 *
 * Vizceral makes its three icon images (SVG data URLs) when it makes the first connection views,
 * which draw them before they have loaded: such an icon is drawn again as soon as its image has
 * loaded (the map's first frame, drawn in that same task, shows it blank, as Vizceral's own did).
 *
 * Vizceral exports the view's class (with its other base classes), so its method is wrapped before
 * Vizceral makes a view (`shareNoticeIconsOf`); should it not, the class is found on the first
 * views made, and those switch to the shared icon (`shareNoticeIcons`).
 *
 * A shared texture is one GL texture however many connections show it, at most one per icon; it
 * is freed as any other when no object of a kept graph uses it any more (vizceralHygiene.ts), and
 * uploaded again if a connection shows it again.
 */
import type { VizGraph } from './vizceralTypes.ts';

const WRAPPED = Symbol('trafficMap.noticeIconWrapped');

/** The parts of a three.js texture the icons use. */
interface Texture { needsUpdate: boolean; dispose(): void }

/** What Vizceral's `updateNoticeIcon` reads and writes on its view: a stand-in gives it the shared canvas and texture. */
interface IconTarget {
  object: { notices?: readonly { severity?: unknown }[] | null; hasNotices(): boolean };
  noticeCanvas: { width: number; height: number; getContext(kind: '2d'): CanvasRenderingContext2D | null };
  noticeTexture: Texture;
}

interface NoticeView extends IconTarget {
  /** Made after the constructor's first draw (which sets its `map` from `noticeTexture`). */
  material?: { map: unknown };
}

/** One icon: the canvas its image is drawn on and the texture made of it, shared by every view showing it. */
interface Icon<T> {
  readonly texture: T;
  readonly target: IconTarget;
  /** Drawn with its image loaded (else drawn again once it has). */
  drawn: boolean;
  waiting: boolean;
}

/**
 * The shared icons, one per kind (the severity whose image is drawn), each made and drawn by the
 * first view that shows it. Pure bookkeeping: what a texture is and how an icon is drawn is
 * given by the caller.
 */
export class SharedIcons<T extends Texture> {
  private readonly icons = new Map<string, Icon<T>>();

  /**
   * The texture of `kind`: made (with `make`) and drawn (with `draw`, on a target of the icon's
   * own) the first time it is asked for. `draw` reports the images it drew that were still
   * loading; the icon is drawn again (and marked for upload) once they have loaded.
   */
  texture(kind: string, make: () => { target: Omit<IconTarget, 'noticeTexture'>; texture: T }, draw: (target: IconTarget) => readonly PromiseLike<unknown>[]): T {
    let icon = this.icons.get(kind);
    if (!icon) {
      const made = make();
      icon = { texture: made.texture, target: { ...made.target, noticeTexture: made.texture }, drawn: false, waiting: false };
      this.icons.set(kind, icon);
    }
    if (!icon.drawn && !icon.waiting) this.draw(icon, draw);
    return icon.texture;
  }

  private draw(icon: Icon<T>, draw: (target: IconTarget) => readonly PromiseLike<unknown>[]): void {
    const loading = draw(icon.target);
    icon.drawn = loading.length === 0;
    if (icon.drawn) return;
    icon.waiting = true;
    Promise.all(loading).then(
      () => { icon.waiting = false; this.draw(icon, draw); },
      () => { icon.waiting = false; },
    );
  }

  /** Whether `texture` is one of the shared icons. */
  has(texture: unknown): boolean {
    for (const icon of this.icons.values()) if (icon.texture === texture) return true;
    return false;
  }

  get size(): number {
    return this.icons.size;
  }

  /**
   * Frees the textures' GL copies in every renderer that uploaded them (a disposed map must not
   * stay reachable from them); the icons stay drawn, and are uploaded again where used again.
   */
  disposeTextures(): void {
    for (const icon of this.icons.values()) icon.texture.dispose();
  }
}

/** The icons of every map of the page (Vizceral's notice view class is one per page). */
export const noticeIcons = new SharedIcons<Texture>();

/**
 * Wraps `updateNoticeIcon`, once, on the class of the connection notice views found in `graphs`
 * (all of Vizceral's connections share the one class), and moves the views made before onto the
 * shared icons. Cheap once done: call after every `updateData` and `setView`.
 */
export function shareNoticeIcons(graphs: Record<string, VizGraph>, icons: SharedIcons<Texture> = noticeIcons): void {
  for (const graph of Object.values(graphs)) {
    for (const connection of Object.values(graph.connections)) {
      const view = connection.view?.noticeView as NoticeView | undefined;
      if (!view) continue;
      const wrapped = shareNoticeIconsOf(Object.getPrototypeOf(view) as object, icons);
      if (wrapped && view.object.hasNotices() && !icons.has(view.noticeTexture)) (view as unknown as { updateNoticeIcon(): void }).updateNoticeIcon();
    }
    shareNoticeIcons(graph.graphs, icons);
  }
}

/**
 * Wraps `updateNoticeIcon` of a notice view class (found on `proto`'s chain), once: a view with
 * notices shows the shared icon of its severity, drawn by Vizceral's own method on the icon's
 * canvas. Returns whether the method is wrapped (now or before).
 */
export function shareNoticeIconsOf(proto: object, icons: SharedIcons<Texture> = noticeIcons): boolean {
  let owner: object | null = proto;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, 'updateNoticeIcon')) owner = Object.getPrototypeOf(owner) as object | null;
  const holder = owner as Record<string | symbol, unknown> | null;
  const original = holder?.['updateNoticeIcon'];
  if (!holder || typeof original !== 'function') return false;
  if ((original as { [WRAPPED]?: boolean })[WRAPPED]) return true;
  const draw = (target: IconTarget): PromiseLike<unknown>[] => {
    const context = target.noticeCanvas.getContext('2d');
    const loading: PromiseLike<unknown>[] = [];
    const stop = context ? watchImages(context, (image) => { const wait = whenLoaded(image); if (wait) loading.push(wait); }) : () => {};
    try {
      original.call(target);
    } finally {
      stop();
    }
    return loading;
  };
  const wrapped = function (this: NoticeView): unknown {
    // Without notices Vizceral draws nothing (and hides the icon).
    if (!this.object.hasNotices() || !this.noticeCanvas || !this.noticeTexture) return original.call(this);
    const own = this.noticeTexture;
    const severity = maxSeverity(this.object.notices ?? []);
    const texture = icons.texture(String(severity), () => {
      const canvas = Object.assign(document.createElement('canvas'), { width: this.noticeCanvas.width, height: this.noticeCanvas.height });
      // The texture's own class (three.js's Texture, which the adapter does not import). The icon
      // keeps no connection: Vizceral draws it for notices of that severity.
      return {
        texture: new (own.constructor as new (image: HTMLCanvasElement) => Texture)(canvas),
        target: { object: { notices: [{ severity }], hasNotices: () => true }, noticeCanvas: canvas },
      };
    }, draw);
    if (texture === own) return undefined;
    this.noticeTexture = texture;
    if (this.material) this.material.map = texture;
    // A texture of the view's own (a view made before the wrap drew on it, and it may have been uploaded).
    if (!icons.has(own)) own.dispose();
    return undefined;
  };
  Object.assign(wrapped, { [WRAPPED]: true });
  holder['updateNoticeIcon'] = wrapped;
  return true;
}

/** The severity whose image Vizceral draws: lodash's `maxBy` (null and NaN skipped), else 0. */
export function maxSeverity(notices: readonly { severity?: unknown }[]): unknown {
  let max: unknown;
  for (const { severity } of notices) {
    if (severity === null || severity === undefined || Number.isNaN(severity)) continue;
    if (max === undefined || (severity as number) > (max as number)) max = severity;
  }
  return max ?? 0;
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

/** For an image still loading (drawn, it draws nothing): a promise that settles once it has. */
function whenLoaded(image: CanvasImageSource): PromiseLike<unknown> | null {
  if (typeof HTMLImageElement === 'undefined' || !(image instanceof HTMLImageElement)) return null;
  if (image.complete && image.naturalWidth > 0) return null;
  return typeof image.decode === 'function' ? image.decode() : null;
}

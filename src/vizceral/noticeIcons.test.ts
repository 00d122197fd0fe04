// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maxSeverity, SharedIcons, shareNoticeIcons, shareNoticeIconsOf } from './noticeIcons.ts';
import type { VizGraph } from './vizceralTypes.ts';

interface Notice { severity?: unknown }

/** A three.js texture as far as the icons use it: counts the uploads asked for and the disposals. */
class Texture {
  uploads = 0;
  disposed = 0;
  constructor(readonly image: HTMLCanvasElement) {}
  set needsUpdate(value: boolean) { if (value) this.uploads++; }
  get needsUpdate(): boolean { return false; }
  dispose() { this.disposed++; }
}

/** What each canvas got drawn: the images, in order (jsdom has no 2D context: a recording one). */
const drawn = new Map<HTMLCanvasElement, unknown[]>();
const realGetContext = HTMLCanvasElement.prototype.getContext;
beforeEach(() => {
  drawn.clear();
  class Context2D {
    constructor(readonly canvas: HTMLCanvasElement) {}
    clearRect() { drawn.set(this.canvas, []); }
    drawImage(image: unknown) { drawn.set(this.canvas, [...(drawn.get(this.canvas) ?? []), image]); }
  }
  const contexts = new WeakMap<HTMLCanvasElement, Context2D>();
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement) {
    if (!contexts.has(this)) contexts.set(this, new Context2D(this));
    return contexts.get(this);
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
});
afterEach(() => { HTMLCanvasElement.prototype.getContext = realGetContext; });

/** A loaded (or still loading) icon image, as Vizceral's notice images are. */
function image(loaded: boolean, name: string): HTMLImageElement {
  const img = new Image();
  img.alt = name;
  Object.defineProperty(img, 'complete', { value: loaded });
  Object.defineProperty(img, 'naturalWidth', { value: loaded ? 140 : 0 });
  return img;
}

/**
 * Like Vizceral's ConnectionNoticeView: its constructor makes a 256x256 canvas and a texture of
 * it, draws the icon, then makes the material with that texture as its map; each draw clears the
 * canvas, draws the image of the highest severity and marks the texture for upload.
 */
function noticeViewClass(images: HTMLImageElement[]) {
  return class NoticeView {
    object = { notices: null as Notice[] | null, hasNotices: () => (this.object.notices?.length ?? 0) > 0 };
    noticeCanvas = Object.assign(document.createElement('canvas'), { width: 256, height: 256 });
    noticeTexture = new Texture(this.noticeCanvas);
    material: { map: unknown };
    constructor(notices: Notice[]) {
      this.object.notices = notices;
      this.updateNoticeIcon();
      this.material = { map: this.noticeTexture };
    }
    updateNoticeIcon() {
      if (!this.object.hasNotices()) return;
      const context = this.noticeCanvas.getContext('2d') as CanvasRenderingContext2D;
      context.clearRect(0, 0, 256, 256);
      context.drawImage(images[Number(maxSeverity(this.object.notices ?? []))]!, 58, 58);
      this.noticeTexture.needsUpdate = true;
    }
  };
}
type View = InstanceType<ReturnType<typeof noticeViewClass>>;
const textureOf = (view: View) => view.noticeTexture as unknown as Texture;

const loaded = () => [image(true, 'normal'), image(true, 'warning'), image(true, 'danger')];

describe('shareNoticeIconsOf: connections showing the same icon share one texture, drawn once', () => {
  it.each([
    { desc: 'three connections warned: one texture, one upload', severities: [[1], [1], [1, 0]], textures: 1, uploads: 1 },
    { desc: 'warned and in danger: one texture per icon', severities: [[1], [2], [1], [2, 1]], textures: 2, uploads: 2 },
    { desc: 'no severity: the first image (0), as Vizceral draws it', severities: [[undefined], [0]], textures: 1, uploads: 1 },
    { desc: 'no notices: no icon made, nothing drawn', severities: [[], []], textures: 0, uploads: 0 },
  ])('$desc', ({ severities, textures, uploads }) => {
    const View = noticeViewClass(loaded());
    const icons = new SharedIcons<Texture>();
    shareNoticeIconsOf(View.prototype, icons);
    const views = severities.map((s) => new View(s.map((severity) => ({ severity }))));
    const shown = new Set(views.filter((v) => v.object.hasNotices()).map(textureOf));
    expect({ textures: shown.size, icons: icons.size, uploads: [...shown].reduce((n, t) => n + t.uploads, 0) }).toEqual({ textures, icons: textures, uploads });
    for (const view of views) {
      // The material made after the constructor's draw has the shared texture as its map, and the view's own canvas is never drawn on.
      if (view.object.hasNotices()) expect(view.material.map).toBe(view.noticeTexture);
      expect(drawn.has(view.noticeCanvas)).toBe(false);
    }
  });

  it('draws with Vizceral\'s own method: the image of the severity, on a canvas of the view\'s size', () => {
    const images = loaded();
    const View = noticeViewClass(images);
    shareNoticeIconsOf(View.prototype, new SharedIcons<Texture>());
    const view = new View([{ severity: 2 }, { severity: 1 }]);
    const canvas = textureOf(view).image;
    expect({ width: canvas.width, height: canvas.height, drawn: drawn.get(canvas) }).toEqual({ width: 256, height: 256, drawn: [images[2]] });
  });

  it('a refresh draws and uploads nothing; a new severity switches the texture (and the material\'s map)', () => {
    const View = noticeViewClass(loaded());
    const icons = new SharedIcons<Texture>();
    shareNoticeIconsOf(View.prototype, icons);
    const view = new View([{ severity: 1 }]);
    const warning = textureOf(view);
    view.updateNoticeIcon();
    view.updateNoticeIcon();
    expect(warning.uploads).toBe(1);
    view.object.notices = [{ severity: 2 }];
    view.updateNoticeIcon();
    const danger = textureOf(view);
    expect({ switched: danger !== warning, map: view.material.map === danger, uploads: [warning.uploads, danger.uploads] }).toEqual({ switched: true, map: true, uploads: [1, 1] });
    // Gone and back: the same icon, nothing drawn again; shared textures are never disposed by a switch.
    view.object.notices = [];
    view.updateNoticeIcon();
    view.object.notices = [{ severity: 1 }];
    view.updateNoticeIcon();
    expect({ back: textureOf(view) === warning, uploads: [warning.uploads, danger.uploads], disposed: [warning.disposed, danger.disposed] }).toEqual({ back: true, uploads: [1, 1], disposed: [0, 0] });
  });

  it('an icon drawn before its image loaded is drawn again once it has, for every connection at once; wrapping twice is once', async () => {
    let load = () => {};
    const images = loaded();
    images[1] = image(false, 'warning');
    images[1].decode = () => new Promise<void>((ok) => { load = ok; });
    const View = noticeViewClass(images);
    const icons = new SharedIcons<Texture>();
    expect(shareNoticeIconsOf(View.prototype, icons)).toBe(true);
    expect(shareNoticeIconsOf(View.prototype, icons)).toBe(true);
    const [a, b] = [new View([{ severity: 1 }]), new View([{ severity: 1 }])];
    a.updateNoticeIcon();
    expect(textureOf(a).uploads).toBe(1);
    images[1] = image(true, 'warning');
    load();
    await Promise.resolve();
    await Promise.resolve();
    expect({ same: textureOf(a) === textureOf(b), uploads: textureOf(a).uploads, drawn: drawn.get(textureOf(a).image) }).toEqual({ same: true, uploads: 2, drawn: [images[1]] });
    b.updateNoticeIcon();
    expect(textureOf(a).uploads).toBe(2);
    // The canvas's own drawImage is back once the icon is drawn.
    expect(Object.hasOwn(textureOf(a).image.getContext('2d') as object, 'drawImage')).toBe(false);
  });

  it('disposeTextures frees every shared texture (a disposed map must not stay reachable from them)', () => {
    const View = noticeViewClass(loaded());
    const icons = new SharedIcons<Texture>();
    shareNoticeIconsOf(View.prototype, icons);
    const views = [new View([{ severity: 1 }]), new View([{ severity: 2 }])];
    icons.disposeTextures();
    expect(views.map((v) => textureOf(v).disposed)).toEqual([1, 1]);
    expect(icons.has(views[0]!.noticeTexture)).toBe(true);
  });
});

describe('shareNoticeIcons: views Vizceral made before the wrap (a build that does not export the class)', () => {
  it('moves each view with notices onto the shared icon, frees its own texture, and leaves the others', () => {
    const View = noticeViewClass(loaded());
    const warned = new View([{ severity: 1 }]);
    const quiet = new View([]);
    const own = textureOf(warned);
    const graph = (views: View[]) => ({
      nodes: {}, graphs: {}, connections: Object.fromEntries(views.map((v, i) => [`c${i}`, { getName: () => `c${i}`, view: { noticeView: v } }])),
    }) as unknown as VizGraph;
    const graphs = { edge: { ...graph([]), graphs: { 'eu-west': graph([warned, quiet]) } } as VizGraph };
    const icons = new SharedIcons<Texture>();
    shareNoticeIcons(graphs, icons);
    shareNoticeIcons(graphs, icons);
    expect({ shared: icons.has(warned.noticeTexture), map: warned.material.map === warned.noticeTexture, ownDisposed: own.disposed, quietShared: icons.has(quiet.noticeTexture), icons: icons.size })
      .toEqual({ shared: true, map: true, ownDisposed: 1, quietShared: false, icons: 1 });
  });
});

describe('maxSeverity: the image Vizceral picks (lodash maxBy over severity, else 0)', () => {
  it.each([
    { desc: 'the highest', notices: [{ severity: 1 }, { severity: 2 }, { severity: 0 }], severity: 2 },
    { desc: 'none: 0', notices: [], severity: 0 },
    { desc: 'missing and NaN severities skipped', notices: [{}, { severity: Number.NaN }, { severity: 1 }], severity: 1 },
    { desc: 'only missing: 0', notices: [{}, { severity: null }], severity: 0 },
  ])('$desc', ({ notices, severity }) => {
    expect(maxSeverity(notices)).toBe(severity);
  });
});

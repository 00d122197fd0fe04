// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { iconSeverity, skipUnchangedNoticeIcons, wrapNoticeIconMethod } from './noticeIcons.ts';
import type { VizGraph } from './vizceralTypes.ts';

interface Notice { severity?: unknown }

/** A loaded (or still loading) icon image, as Vizceral's notice images are. */
function image(loaded: boolean): HTMLImageElement {
  const img = new Image();
  Object.defineProperty(img, 'complete', { value: loaded });
  Object.defineProperty(img, 'naturalWidth', { value: loaded ? 140 : 0 });
  return img;
}

/** Like Vizceral's ConnectionNoticeView: each call draws the icon of the highest severity and marks the texture for upload. */
function noticeViewClass(images: HTMLImageElement[]) {
  class Context2D { drawImage(img: unknown) { void img; } }
  const context = new Context2D() as unknown as CanvasRenderingContext2D;
  return class NoticeView {
    uploads = 0;
    notices: Notice[];
    object = { notices: null as Notice[] | null, hasNotices: () => (this.object.notices?.length ?? 0) > 0 };
    noticeCanvas = { getContext: () => context };
    constructor(notices: Notice[]) { this.notices = notices; this.object.notices = notices; }
    updateNoticeIcon() {
      if (!this.object.hasNotices()) return;
      const severity = Number(iconSeverity(this.object.notices ?? []));
      this.noticeCanvas.getContext().drawImage(images[severity] ?? images[0]!, 0, 0);
      this.uploads++;
    }
  };
}

describe('wrapNoticeIconMethod: a notice icon is redrawn (and uploaded) only when it changes', () => {
  it.each([
    { desc: 'same severity, new notice texts: drawn once', updates: [[{ severity: 1 }], [{ severity: 1 }, { severity: 1 }], [{ severity: 1 }]], uploads: 1 },
    { desc: 'the highest severity changes: drawn again', updates: [[{ severity: 1 }], [{ severity: 1 }, { severity: 2 }], [{ severity: 2 }]], uploads: 2 },
    { desc: 'notices gone and back at the same severity: the canvas still shows it', updates: [[{ severity: 2 }], [], [{ severity: 2 }]], uploads: 1 },
    { desc: 'notices gone and back at another severity: drawn again', updates: [[{ severity: 2 }], [], [{ severity: 1 }]], uploads: 2 },
  ])('$desc', ({ updates, uploads }) => {
    const View = noticeViewClass([image(true), image(true), image(true)]);
    wrapNoticeIconMethod(View.prototype);
    const view = new View([]);
    for (const notices of updates) {
      view.object.notices = notices;
      view.updateNoticeIcon();
    }
    expect(view.uploads).toBe(uploads);
  });

  it('an icon drawn before its image loaded is drawn again once it has; wrapping twice is once', async () => {
    let load = () => {};
    const loading = image(false);
    loading.decode = () => new Promise<void>((ok) => { load = ok; });
    const images = [image(true), loading, image(true)];
    const View = noticeViewClass(images);
    wrapNoticeIconMethod(View.prototype);
    wrapNoticeIconMethod(View.prototype);
    const view = new View([{ severity: 1 }]);
    view.updateNoticeIcon();
    view.updateNoticeIcon();
    expect(view.uploads).toBe(2);
    images[1] = image(true);
    load();
    await Promise.resolve();
    await Promise.resolve();
    expect(view.uploads).toBe(3);
    view.updateNoticeIcon();
    expect(view.uploads).toBe(3);
    // The canvas's own drawImage is back once the icon is drawn.
    expect(Object.hasOwn(view.noticeCanvas.getContext(), 'drawImage')).toBe(false);
  });
});

describe('skipUnchangedNoticeIcons: views Vizceral made before the wrap', () => {
  it('draws the icon of each view with notices once (it may be blank), then only on a change', () => {
    const View = noticeViewClass([image(true), image(true), image(true)]);
    const warned = new View([{ severity: 1 }]);
    const quiet = new View([]);
    const graph = (views: InstanceType<typeof View>[]) => ({
      nodes: {}, graphs: {}, connections: Object.fromEntries(views.map((v, i) => [`c${i}`, { getName: () => `c${i}`, view: { noticeView: v } }])),
    }) as unknown as VizGraph;
    const graphs = { edge: { ...graph([]), graphs: { 'eu-west': graph([warned, quiet]) } } as VizGraph };
    skipUnchangedNoticeIcons(graphs);
    skipUnchangedNoticeIcons(graphs);
    warned.updateNoticeIcon();
    expect({ warned: warned.uploads, quiet: quiet.uploads }).toEqual({ warned: 1, quiet: 0 });
  });
});

describe('iconSeverity: the image Vizceral picks (lodash maxBy over severity, else 0)', () => {
  it.each([
    { desc: 'the highest', notices: [{ severity: 1 }, { severity: 2 }, { severity: 0 }], severity: '2' },
    { desc: 'none: 0', notices: [], severity: '0' },
    { desc: 'missing and NaN severities skipped', notices: [{}, { severity: Number.NaN }, { severity: 1 }], severity: '1' },
    { desc: 'only missing: 0', notices: [{}, { severity: null }], severity: '0' },
  ])('$desc', ({ notices, severity }) => {
    expect(iconSeverity(notices)).toBe(severity);
  });
});

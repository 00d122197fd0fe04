/**
 * Build-time changes to Vizceral's bundle (vite.config.ts) that leave what is drawn as it was but
 * give a canvas its pixels only when something is drawn on it. Chromium allocates a 2D canvas's
 * pixels at its first draw call; on a software rasterizer a 256x256 one costs 1.3 ms here.
 *
 * - `BaseView.resizeCanvas` ends with `context.scale(1, 1)`: an identity transform on a context
 *   that setting the canvas's size has just reset to identity. It changes nothing, but it is a
 *   draw call: every canvas Vizceral makes got its pixels at creation (~230 ms of the first frame
 *   of a view with a few hundred connections). Dropped.
 * - Every connection makes a 256x256 canvas for a notice icon (`ConnectionNoticeView`), through
 *   `createCanvas` (a 2D context, its text alignment set): ~0.2 ms each, for an icon drawn only
 *   when the connection has notices, with `drawImage` (no text). It becomes a plain 256x256
 *   canvas, whose context is made by the first icon drawn (`updateNoticeIcon`), as before.
 */

/** `key:"resizeCanvas",value:function(c,w,h){var ctx=c.getContext("2d"),...,ctx.scale(1,1)}`: the call at its end. */
const RESIZE_CANVAS = /(key:"resizeCanvas",value:function\((\w+),\w+,\w+\)\{var (\w+)=\2\.getContext\("2d"\)[^{}]*?),\3\.scale\(1,1\)\}/g;
/** `<view>.noticeCanvas=<view>.createCanvas(256,256)` in ConnectionNoticeView's constructor. */
const NOTICE_CANVAS = /(\w+)\.noticeCanvas=\1\.createCanvas\(256,256\)/g;

/** The bundle with both changes; throws unless each finds exactly one place. */
export function lazyCanvases(bundle: string): string {
  return plainNoticeCanvas(dropIdentityScale(bundle));
}

/** The bundle without the identity scale at the end of `resizeCanvas`. */
export function dropIdentityScale(bundle: string): string {
  return replaceOnce(bundle, RESIZE_CANVAS, '$1}', 'resizeCanvas ending with scale(1,1)');
}

/** The bundle with the connections' notice canvases made plain (no context until an icon is drawn). */
export function plainNoticeCanvas(bundle: string): string {
  return replaceOnce(bundle, NOTICE_CANVAS, '$1.noticeCanvas=Object.assign(document.createElement("canvas"),{width:256,height:256})', 'noticeCanvas=createCanvas(256,256)');
}

function replaceOnce(bundle: string, pattern: RegExp, replacement: string, what: string): string {
  const found = [...bundle.matchAll(pattern)].length;
  if (found !== 1) {
    throw new Error(`vizceral: expected one ${what} in the bundle, found ${found}: update scripts/vizceralCanvases.ts for this Vizceral version`);
  }
  return bundle.replace(pattern, replacement);
}

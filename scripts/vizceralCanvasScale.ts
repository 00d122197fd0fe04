/**
 * Build-time change to Vizceral's bundle (vite.config.ts). `BaseView.resizeCanvas` ends with
 * `context.scale(1, 1)`: an identity transform on a context that setting the canvas's size has
 * just reset to identity, so it changes nothing drawn, but it is a draw call, and Chromium gives
 * a canvas its pixels at the first one. Every connection makes a 256x256 canvas for a notice icon
 * it draws only when it has notices: with the call, each pays for its pixels at creation (1.3 ms
 * here on a software rasterizer; ~230 ms of the first frame of a view with a few hundred
 * connections); without it, a canvas gets them when something is drawn on it, as before.
 */

/** `key:"resizeCanvas",value:function(c,w,h){...,<context>.scale(1,1)}`: the call at its end. */
const RESIZE_CANVAS = /(key:"resizeCanvas",value:function\((\w+),\w+,\w+\)\{var (\w+)=\2\.getContext\("2d"\)[^{}]*?),\3\.scale\(1,1\)\}/g;

/** The bundle without the identity scale; throws unless `resizeCanvas` ends with it exactly once. */
export function dropIdentityScale(bundle: string): string {
  const found = [...bundle.matchAll(RESIZE_CANVAS)];
  if (found.length !== 1) {
    throw new Error(`vizceral: expected one resizeCanvas ending with scale(1,1) in the bundle, found ${found.length}: update scripts/vizceralCanvasScale.ts for this Vizceral version`);
  }
  return bundle.replace(RESIZE_CANVAS, '$1}');
}

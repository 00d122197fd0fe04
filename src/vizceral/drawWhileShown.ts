/**
 * The map's draw loop: one `draw` per animation frame while `element` is shown, none otherwise.
 * "Shown" is: the element intersects the viewport (IntersectionObserver; scrolled away, moved
 * out, or its page embedded in a frame that is itself out of sight do not count) and the
 * document is not hidden (another tab, a minimised window). requestAnimationFrame already stops
 * in a hidden document; the explicit check keeps an offscreen map from drawing at all and makes
 * the rule one place. Nothing is drawn while not shown, not even an empty callback per frame.
 *
 * The first frame waits for the next animation frame; on becoming shown again one frame is drawn
 * at once (the canvas still holds the picture from when it was left), then once per frame.
 * Without IntersectionObserver (old browsers, jsdom) the element counts as intersecting.
 * Returns the function that stops it all.
 */
export function drawWhileShown(element: Element, draw: (timeMs: number) => void): () => void {
  let intersecting = true;
  let frame: number | null = null;
  const loop = (time: number) => {
    draw(time);
    frame = requestAnimationFrame(loop);
  };
  const shown = (): boolean => intersecting && document.visibilityState !== 'hidden';
  const update = (drawNow: boolean) => {
    if (shown() === (frame !== null)) return;
    if (frame !== null) {
      cancelAnimationFrame(frame);
      frame = null;
      return;
    }
    if (drawNow) draw(performance.now());
    frame = requestAnimationFrame(loop);
  };

  const onVisibility = () => update(true);
  document.addEventListener('visibilitychange', onVisibility);
  const observer = typeof IntersectionObserver === 'function'
    ? new IntersectionObserver((entries) => {
      const last = entries.at(-1);
      if (!last) return;
      intersecting = last.isIntersecting;
      update(true);
    })
    : null;
  observer?.observe(element);
  update(false);

  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    observer?.disconnect();
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
  };
}

/**
 * Whether `element` is shown now: the document is not hidden and the element's box meets the
 * viewport. For a frame that cannot wait for the IntersectionObserver's first report.
 */
export function isShown(element: Element): boolean {
  if (document.visibilityState === 'hidden') return false;
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < window.innerHeight && box.left < window.innerWidth;
}

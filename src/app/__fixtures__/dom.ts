/** Assertions for component safety tests: data rendered as text, never as markup or a script URL. */
import { expect } from 'vitest';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

/** No element, event handler attribute or link that could run code came out of the data. */
export function expectInert(container: HTMLElement): void {
  expect(container.querySelectorAll('img, script, iframe, object, embed, svg, style')).toHaveLength(0);
  expect(container.querySelectorAll('[onerror], [onload], [onclick], [srcdoc]')).toHaveLength(0);
  expect(container.querySelectorAll('a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i]')).toHaveLength(0);
  for (const a of container.querySelectorAll('a[href]')) expect(a.getAttribute('href')).toMatch(/^https?:\/\//i);
  expect(window.__pwned).toBeUndefined();
}

/** The container's text with whitespace runs collapsed, as a reader sees it. */
export function textOf(container: HTMLElement): string {
  return (container.textContent ?? '').replace(/\s+/g, ' ');
}

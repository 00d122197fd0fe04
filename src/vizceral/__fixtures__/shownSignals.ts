import { vi } from 'vitest';

/**
 * A stubbed IntersectionObserver (jsdom has none): `report(intersecting)` plays the browser's
 * callback for every observed element. Call from a test's beforeEach (vi.stubGlobal).
 */
export function fakeIntersection() {
  const observers = new Set<{ callback: IntersectionObserverCallback; elements: Set<Element>; self: IntersectionObserver }>();
  class FakeObserver {
    private readonly entry: { callback: IntersectionObserverCallback; elements: Set<Element>; self: IntersectionObserver };
    constructor(callback: IntersectionObserverCallback) {
      this.entry = { callback, elements: new Set(), self: this as unknown as IntersectionObserver };
      observers.add(this.entry);
    }
    observe(element: Element) { this.entry.elements.add(element); }
    unobserve(element: Element) { this.entry.elements.delete(element); }
    disconnect() { this.entry.elements.clear(); observers.delete(this.entry); }
    takeRecords() { return []; }
  }
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  return {
    report(intersecting: boolean) {
      for (const o of [...observers]) {
        const entries = [...o.elements].map((target) => ({ target, isIntersecting: intersecting }) as unknown as IntersectionObserverEntry);
        if (entries.length > 0) o.callback(entries, o.self);
      }
    },
    observed: (): Element[] => [...observers].flatMap((o) => [...o.elements]),
  };
}

/** Sets document.visibilityState (jsdom's is fixed) and fires visibilitychange. */
export function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Gives `element` a layout box (jsdom lays nothing out): `getBoundingClientRect` returns it. */
export function placeAt(element: Element, box: { left: number; top: number; width: number; height: number }) {
  const rect = { ...box, x: box.left, y: box.top, right: box.left + box.width, bottom: box.top + box.height };
  Object.defineProperty(element, 'getBoundingClientRect', { configurable: true, value: () => ({ ...rect, toJSON: () => rect }) });
}

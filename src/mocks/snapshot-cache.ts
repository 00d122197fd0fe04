/**
 * A bounded memo of model snapshots by time: the four queries of one refresh, and the points of a
 * range query, sample the model at the same scrape times, so each snapshot is computed once.
 */
import type { TrafficModel } from './evaluate.ts';
import type { PlatformSnapshot } from './platform/model.ts';

export function cachedModel(model: TrafficModel, capacity = 1024): TrafficModel {
  const cache = new Map<number, PlatformSnapshot>();
  return (timeMs) => {
    const known = cache.get(timeMs);
    if (known) {
      // Refresh the entry: Map keeps insertion order, so the oldest entry is the first one.
      cache.delete(timeMs);
      cache.set(timeMs, known);
      return known;
    }
    const snapshot = model(timeMs);
    cache.set(timeMs, snapshot);
    if (cache.size > capacity) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    return snapshot;
  };
}

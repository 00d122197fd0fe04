/* Vizceral is a UMD bundle that reads `window` on import: loaded lazily here, never imported by
 * code that unit tests load. */
import type { LayoutScript } from './layoutWorkers.ts';
import type { VizConstructor } from './vizceralTypes.ts';

/** Vizceral's constructor, and its layout worker's script where the build exports it (vite.config.ts). */
interface VizceralModule {
  readonly Vizceral: VizConstructor;
  readonly layoutWorkerSource: string | null;
  /** The same script as code, for the first layout on the page's thread (scripts/vizceralLayoutWorker.ts). */
  readonly layoutWorkerInline: LayoutScript | null;
}

let loading: Promise<VizceralModule> | undefined;

/**
 * Loads the Vizceral chunk once. Called at startup (main.tsx), before the config and the first
 * data, so that the largest chunk downloads and compiles while they are fetched.
 */
export function loadVizceral(): Promise<VizceralModule> {
  loading ??= import('vizceral').then((mod: { default: unknown }) => {
    const inner = mod.default as { default?: unknown; layoutWorkerSource?: unknown; layoutWorkerInline?: unknown };
    const source = inner.layoutWorkerSource;
    const inline = inner.layoutWorkerInline;
    return {
      Vizceral: (inner.default ?? inner) as VizConstructor,
      layoutWorkerSource: typeof source === 'string' ? source : null,
      layoutWorkerInline: typeof inline === 'function' ? (inline as LayoutScript) : null,
    };
  });
  return loading;
}

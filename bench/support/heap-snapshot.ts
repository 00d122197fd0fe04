/**
 * Heap snapshots of the page (CDP `HeapProfiler.takeHeapSnapshot`, after a full GC) written to a
 * file, for the soak's `--snapshots` option; `bench/heap-diff.ts` compares two of them.
 */
import { createWriteStream } from 'node:fs';
import type { CDPSession } from '@playwright/test';

export async function takeHeapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const out = createWriteStream(file);
  const onChunk = (e: { chunk: string }): void => { out.write(e.chunk); };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await new Promise<void>((resolve) => out.end(resolve));
  }
}

/**
 * Times one view's read + build against `JSON.parse` in a fresh child process (node with the same
 * tsx loader) that holds only what a browser holds: the view's answer bodies and the service list
 * (its groups, datacenters and directory), passed over IPC. The benchmark's own process holds the
 * simulated platform (hundreds of MB to over 1 GB of heap), which makes every garbage collection
 * dearer and inflates a build's time against a parse's; a browser tab holds no such model.
 *
 *   const result = await timeViewApart({ bodies, scope, list, params, timeS, seconds, allocRuns });
 *
 * The child measures with viewBuild.ts (rounds of blocks; bytes allocated) and exits; it is killed
 * if the parent goes first.
 */
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import type { ViewScope } from '../../src/graph/scope.ts';
import type { ServiceList } from '../../src/graph/serviceList.ts';
import type { BuildParams } from '../../src/graph/types.ts';
import { allocatedPerRun, buildView, closeInspector, parseAll, readAll, timeRounds, viewConventionOf } from './viewBuild.ts';
import type { Body, Timing } from './viewBuild.ts';

export interface ViewJob {
  readonly bodies: readonly Body[];
  readonly scope: ViewScope;
  readonly list: ServiceList;
  readonly params: BuildParams;
  /** The answers' evaluation time (seconds). */
  readonly timeS: number;
  /** Seconds of rounds (at least 7 rounds). */
  readonly seconds: number;
  /** Runs for each allocation measure. */
  readonly allocRuns: number;
}

export interface ViewMeasure {
  readonly timing: Timing;
  readonly allocated: { readonly parse: number; readonly build: number };
  /** The child's heap in use after the measures and a full collection (MB): what it held. */
  readonly heapMB: number;
}

type Reply = { readonly ok: true; readonly measure: ViewMeasure } | { readonly ok: false; readonly error: string };

/** Measures `job` in a fresh child process; rejects if the child fails or exits without an answer. */
export function timeViewApart(job: ViewJob): Promise<ViewMeasure> {
  // VIEWS_DUMP=dir keeps each job (v8-serialized) for `npx tsx bench/support/viewTiming.ts --job FILE`.
  const dump = process.env.VIEWS_DUMP;
  if (dump) writeFileSync(join(dump, `view-${dumped++}.bin`), serialize(job));
  // Structured clone ('advanced') carries the service list's Maps as they are.
  const child = fork(fileURLToPath(import.meta.url), ['--child'], { execArgv: ['--expose-gc', '--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const killChild = (): void => { child.kill(); };
  process.once('exit', killChild);
  return new Promise<ViewMeasure>((ok, fail) => {
    let answered = false;
    child.once('message', (m) => {
      answered = true;
      const reply = m as Reply;
      if (reply.ok) ok(reply.measure);
      else fail(new Error(`the timing process failed: ${reply.error}`));
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      process.off('exit', killChild);
      if (!answered) fail(new Error(`the timing process exited (${code ?? signal}) without an answer`));
    });
    child.send(job);
  });
}

async function measure(job: ViewJob): Promise<ViewMeasure> {
  const { bodies, scope, list, params, timeS } = job;
  const convention = viewConventionOf(scope);
  const timing = timeRounds(
    () => parseAll(bodies),
    () => readAll(bodies, convention, timeS),
    () => buildView(bodies, scope, list, params, timeS),
    { seconds: job.seconds, minRounds: 7 },
  );
  const allocated = {
    parse: await allocatedPerRun(() => parseAll(bodies), job.allocRuns),
    build: await allocatedPerRun(() => buildView(bodies, scope, list, params, timeS), job.allocRuns),
  };
  closeInspector();
  // `--expose-gc` only makes `gc` callable (collections run as without it): the heap left is what the process holds.
  (globalThis as { gc?: () => void }).gc?.();
  return { timing, allocated, heapMB: process.memoryUsage().heapUsed / 2 ** 20 };
}

let dumped = 0;

if (process.argv[2] === '--job') {
  // One dumped job timed in this process (to try a change of the build on one view quickly).
  const job = deserialize(readFileSync(process.argv[3] ?? '')) as ViewJob;
  const m = await measure({ ...job, seconds: Number(process.argv[4] ?? job.seconds) });
  const t = m.timing;
  console.log(`parse ${t.parseMs.toFixed(3)} ms, read ${t.readMs.toFixed(3)} ms, build ${t.buildMs.toFixed(3)} ms, build/parse ${t.ratio.toFixed(2)}x; kB parse ${(m.allocated.parse / 1024).toFixed(0)}, build ${(m.allocated.build / 1024).toFixed(0)}`);
} else if (process.argv[2] === '--child' && process.send) {
  // The parent gone (or done with us): nothing left to answer.
  process.once('disconnect', () => process.exit());
  process.once('message', (job) => {
    measure(job as ViewJob).then(
      (m) => ({ ok: true, measure: m }) satisfies Reply,
      (e: unknown) => ({ ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) }) satisfies Reply,
    ).then((reply) => process.send?.(reply, () => process.disconnect()));
  });
}

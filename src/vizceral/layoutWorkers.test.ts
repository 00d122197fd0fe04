import { describe, expect, it } from 'vitest';
import { inlineWorker, LayoutWorkers, REFILL_MS } from './layoutWorkers.ts';
import type { LayoutScript, StartedWorker, WorkerHost } from './layoutWorkers.ts';

/** A worker that records what is done to it, and can answer. */
class FakeWorker {
  static made: FakeWorker[] = [];
  terminated = false;
  private listeners: (() => void)[] = [];
  constructor(readonly url: string) { FakeWorker.made.push(this); }
  addEventListener(_type: 'message', listener: () => void) { this.listeners.push(listener); }
  postMessage() {}
  terminate() { this.terminated = true; }
  answer() { for (const l of this.listeners.splice(0)) l(); }
}

/** A host with fake workers and timers run by hand. */
function fakeHost() {
  FakeWorker.made = [];
  const timers = new Map<number, { fn: () => void; at: number }>();
  let now = 0;
  let next = 1;
  const revoked: string[] = [];
  const host: WorkerHost = {
    Worker: FakeWorker as unknown as typeof Worker,
    revokeObjectURL: (url) => { revoked.push(url); },
    setTimeout: (fn, ms) => { const id = next++; timers.set(id, { fn, at: now + ms }); return id; },
    clearTimeout: (id) => { timers.delete(id as number); },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at <= now && timers.delete(id)) t.fn();
    }
  };
  return { host, revoked, advance, pending: () => timers.size };
}

/** Vizceral's side: asks for a worker through `Worker` inside `run`, as its layout does. */
function layout(workers: LayoutWorkers, host: WorkerHost, url: string): FakeWorker {
  return workers.run(() => new host.Worker(url)) as unknown as FakeWorker;
}

function starter() {
  let n = 0;
  const started: StartedWorker[] = [];
  const start = (): StartedWorker => {
    const s = { worker: new FakeWorker(`blob:spare-${++n}`) as unknown as Worker, url: `blob:spare-${n}` };
    started.push(s);
    return s;
  };
  return { start, started };
}

describe('LayoutWorkers', () => {
  it('without a script to start from: a new worker per layout, ended and its URL revoked after its answer', () => {
    const { host, revoked, advance } = fakeHost();
    const workers = new LayoutWorkers(null, host);
    workers.prestart();
    expect(workers.spareCount).toBe(0);
    const w = layout(workers, host, 'blob:vizceral-1');
    expect(FakeWorker.made).toEqual([w]);
    expect(workers.live.has(w as unknown as Worker)).toBe(true);
    w.answer();
    expect(w.terminated).toBe(false); // Vizceral's own listener reads the answer first
    advance(0);
    expect(w.terminated).toBe(true);
    expect(workers.live.size).toBe(0);
    expect(revoked).toEqual(['blob:vizceral-1']);
  });

  it('hands the prestarted worker to the first layout, frees Vizceral\'s URL, and starts the next spare later', () => {
    const { host, revoked, advance } = fakeHost();
    const { start, started } = starter();
    const workers = new LayoutWorkers(start, host);
    workers.prestart();
    workers.prestart(); // one spare at most
    expect(started).toHaveLength(1);
    expect(workers.spareCount).toBe(1);
    const w = layout(workers, host, 'blob:vizceral-1');
    expect(w).toBe(started[0]?.worker);
    expect(FakeWorker.made).toHaveLength(1); // no new worker for this layout
    expect(revoked).toEqual(['blob:vizceral-1']);
    expect(workers.spareCount).toBe(0);
    w.answer();
    advance(0);
    expect(w.terminated).toBe(true);
    expect(revoked).toEqual(['blob:vizceral-1', 'blob:spare-1']);
    advance(REFILL_MS - 1);
    expect(started).toHaveLength(1);
    advance(1);
    expect(started).toHaveLength(2);
    expect(workers.spareCount).toBe(1);
    // The second layout gets the second spare.
    expect(layout(workers, host, 'blob:vizceral-2')).toBe(started[1]?.worker);
  });

  it('a second layout before the refill gets a new worker', () => {
    const { host } = fakeHost();
    const { start, started } = starter();
    const workers = new LayoutWorkers(start, host);
    workers.prestart();
    const first = layout(workers, host, 'blob:vizceral-1');
    const second = layout(workers, host, 'blob:vizceral-2');
    expect(first).toBe(started[0]?.worker);
    expect(second).not.toBe(first);
    expect(second.url).toBe('blob:vizceral-2');
    expect(workers.live.size).toBe(2);
  });

  it('a worker that is not a Blob URL script is never the spare', () => {
    const { host, revoked } = fakeHost();
    const { start } = starter();
    const workers = new LayoutWorkers(start, host);
    workers.prestart();
    const w = layout(workers, host, 'https://example.test/other.worker.js');
    expect(w.url).toBe('https://example.test/other.worker.js');
    expect(workers.spareCount).toBe(1);
    expect(revoked).toEqual([]);
  });

  it('restores Worker after the call, also when it throws', () => {
    const { host } = fakeHost();
    const workers = new LayoutWorkers(null, host);
    const original = host.Worker;
    expect(() => workers.run(() => { throw new Error('boom'); })).toThrow('boom');
    expect(host.Worker).toBe(original);
    workers.run(() => expect(host.Worker).not.toBe(original));
    expect(host.Worker).toBe(original);
  });

  it('dispose ends the live workers and the spare, cancels the refill and starts nothing after', () => {
    const { host, revoked, advance, pending } = fakeHost();
    const { start, started } = starter();
    const workers = new LayoutWorkers(start, host);
    workers.prestart();
    const running = layout(workers, host, 'blob:vizceral-1');
    expect(pending()).toBe(1); // the refill
    workers.dispose();
    expect(running.terminated).toBe(true);
    expect(workers.live.size).toBe(0);
    expect(pending()).toBe(0);
    workers.prestart();
    advance(REFILL_MS);
    expect(started).toHaveLength(1);
    expect(workers.spareCount).toBe(0);
    // A spare still waiting is ended and its URL revoked.
    const { host: host2, revoked: revoked2 } = fakeHost();
    const s2 = starter();
    const idle = new LayoutWorkers(s2.start, host2);
    idle.prestart();
    idle.dispose();
    expect((s2.started[0]?.worker as unknown as FakeWorker).terminated).toBe(true);
    expect(revoked2).toEqual(['blob:spare-1']);
    expect(revoked).toEqual(['blob:vizceral-1']);
  });

  it('a first spare (the inline layout) serves the first layout; workers from the script follow', () => {
    const { host, revoked, advance } = fakeHost();
    const { start, started } = starter();
    const inline = new FakeWorker('');
    const workers = new LayoutWorkers(start, host, () => ({ worker: inline as unknown as Worker, url: '' }));
    workers.prestart();
    expect(started).toHaveLength(0);
    expect(workers.spareCount).toBe(1);
    expect(layout(workers, host, 'blob:vizceral-1')).toBe(inline);
    expect(revoked).toEqual(['blob:vizceral-1']); // Vizceral's own script URL, unused
    inline.answer();
    advance(0);
    expect(inline.terminated).toBe(true);
    expect(revoked).toEqual(['blob:vizceral-1']); // no URL of its own to revoke
    advance(REFILL_MS);
    expect(started).toHaveLength(1); // then a real spare, for the next layout
    expect(layout(workers, host, 'blob:vizceral-2')).toBe(started[0]?.worker as unknown as FakeWorker);
    // Never the inline one again, and an unused inline spare is ended on dispose without a revoke.
    const second = new LayoutWorkers(start, host, () => ({ worker: new FakeWorker('') as unknown as Worker, url: '' }));
    second.prestart();
    second.dispose();
    expect(FakeWorker.made.at(-1)?.terminated).toBe(true);
    expect(revoked).toEqual(['blob:vizceral-1', 'blob:vizceral-2']);
  });
});

/** A layout script in the shape of Vizceral's: listens on `self`, answers once and closes. */
const echoScript: LayoutScript = (self) => {
  const scope = self as { addEventListener(t: string, f: (e: { data: { n: number; box: { x: number } } }) => void): void; postMessage(d: unknown): void; close(): void; seen?: number };
  scope.addEventListener('message', (event) => {
    event.data.box.x += 1; // a layout may change what it was sent
    scope.seen = (scope.seen ?? 0) + 1;
    scope.postMessage({ doubled: event.data.n * 2, x: event.data.box.x, seen: scope.seen });
    scope.close();
  });
};

describe('inlineWorker', () => {
  it('answers a message in a microtask, with copies both ways, once', async () => {
    const worker = inlineWorker(echoScript);
    const answers: unknown[] = [];
    worker.addEventListener('message', (event) => answers.push(event.data));
    const sent = { n: 21, box: { x: 1 } };
    worker.postMessage(sent);
    expect(answers).toEqual([]); // not within the caller's call
    await Promise.resolve();
    expect(answers).toEqual([{ doubled: 42, x: 2, seen: 1 }]);
    expect(sent.box.x).toBe(1); // the layout changed its copy only
    worker.postMessage(sent); // the script closed itself
    await Promise.resolve();
    expect(answers).toHaveLength(1);
  });

  it('the script sees the page\'s globals through its self, and keeps its own names on it', () => {
    let seen: { object: boolean; own: unknown; global: unknown } | null = null;
    inlineWorker((self) => {
      const scope = self as Record<string, unknown>;
      scope['layout'] = 1;
      seen = { object: scope['Object'] === Object, own: scope['layout'], global: (globalThis as Record<string, unknown>)['layout'] };
    });
    expect(seen).toEqual({ object: true, own: 1, global: undefined });
  });

  it('a throwing layout is an error event (and a console error), not an answer; a terminated one answers nothing', async () => {
    const errors: unknown[] = [];
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => { logged.push(args); };
    try {
      const broken = inlineWorker((self) => {
        (self as { addEventListener(t: string, f: () => void): void }).addEventListener('message', () => { throw new Error('no layout'); });
      });
      broken.addEventListener('error', (event) => errors.push((event as unknown as { error: Error }).error.message));
      broken.addEventListener('message', () => errors.push('answered'));
      broken.postMessage({});
      await Promise.resolve();
    } finally {
      console.error = original;
    }
    expect(errors).toEqual(['no layout']);
    expect(logged).toHaveLength(1);
    const ended = inlineWorker(echoScript);
    const answers: unknown[] = [];
    ended.addEventListener('message', (event) => answers.push(event.data));
    ended.postMessage({ n: 1, box: { x: 0 } });
    ended.terminate();
    await Promise.resolve();
    expect(answers).toEqual([]);
  });
});

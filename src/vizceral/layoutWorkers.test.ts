import { describe, expect, it } from 'vitest';
import { LayoutWorkers, REFILL_MS } from './layoutWorkers.ts';
import type { StartedWorker, WorkerHost } from './layoutWorkers.ts';

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
});

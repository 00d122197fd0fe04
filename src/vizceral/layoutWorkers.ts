/**
 * Vizceral's layout workers. Vizceral starts one for each new graph shape, from a script inlined
 * in its bundle (a new Blob URL every time), and never ends it nor revokes the URL. Here each is
 * ended after its one answer and its URL revoked.
 *
 * A worker takes ~200 ms to start and answer on the benchmark machine, most of it starting (a
 * thread, an isolate, the script). So a spare is made before Vizceral asks (`prestart`) and
 * handed over in place of a new worker; after a handover the next spare is started a while later
 * (`REFILL_MS`), not while a frame of the new view is being drawn.
 *
 * The map's first spare is not a worker but an `inlineWorker` (`first`), made with the renderer:
 * the first layout runs on the page's thread. The page has nothing else to do before its first
 * frame, and a worker's answer waited behind the browser's rendering of the page's new data (a
 * style, layout and paint, a React render: 25-55 ms on the benchmark machine) before the first
 * frame could be drawn. Inline, the layout answers in the same task, and the first frame follows.
 */

/** A started worker and the URL of its script. */
export interface StartedWorker { readonly worker: Worker; readonly url: string }

/** How long after a handover the next spare worker is started. */
export const REFILL_MS = 1_000;

/** What the layout workers use of the page: Worker, URL, timers (replaceable in tests). */
export interface WorkerHost {
  Worker: typeof Worker;
  revokeObjectURL(url: string): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export class LayoutWorkers {
  /** Workers Vizceral was given and that have not answered yet. */
  readonly live = new Set<Worker>();
  private spare: StartedWorker | null = null;
  private refill: unknown = null;
  private disposed = false;
  /** The page's `Worker` while `run` has replaced it, and its replacement (made once). */
  private outer: typeof Worker;
  private readonly oneShot: typeof Worker;

  /**
   * `start`: starts a worker from Vizceral's layout script; null when the build does not expose it.
   * `first`: the first spare, when it is not to be a worker started by `start` (the inline layout).
   */
  constructor(private readonly start: (() => StartedWorker) | null, private readonly host: WorkerHost, private first: (() => StartedWorker) | null = null) {
    this.outer = host.Worker;
    const spawn = (url: string | URL, options?: WorkerOptions): Worker => this.spawn(url, options);
    // Called with `new` by Vizceral: the worker it returns is the result.
    this.oneShot = function OneShotWorker(url: string | URL, options?: WorkerOptions) { return spawn(url, options); } as unknown as typeof Worker;
  }

  /** Makes the spare now (the first one, else a worker), unless there is one (or nothing to make it from). */
  prestart(): void {
    if (this.disposed || this.spare) return;
    const make = this.first ?? this.start;
    if (!make) return;
    this.first = null;
    this.spare = make();
  }

  /** 1 while a spare (the inline one, or a started worker) waits for Vizceral's next layout. */
  get spareCount(): number {
    return this.spare ? 1 : 0;
  }

  /**
   * Runs `fn` (a synchronous call into Vizceral) with `Worker` replaced: a layout worker (a Blob
   * URL) is the spare when there is one, else a new worker; either is ended after its first
   * answer, and its URL revoked. Called for every frame: it allocates nothing.
   */
  run<T>(fn: () => T): T {
    const { host } = this;
    const previous = host.Worker;
    this.outer = previous;
    host.Worker = this.oneShot;
    try {
      return fn();
    } finally {
      host.Worker = previous;
    }
  }

  /** What `new Worker(url)` gives Vizceral inside `run`. */
  private spawn(url: string | URL, options?: WorkerOptions): Worker {
    const { host, live } = this;
    const href = String(url);
    const started = this.takeSpare(href) ?? { worker: new this.outer(url, options), url: href };
    const { worker } = started;
    live.add(worker);
    // After Vizceral's own listener (added later) has read the answer.
    worker.addEventListener('message', () => host.setTimeout(() => {
      worker.terminate();
      live.delete(worker);
      if (started.url.startsWith('blob:')) host.revokeObjectURL(started.url);
    }, 0), { once: true });
    return worker;
  }

  /** The spare, for a layout worker (a Blob URL of Vizceral's script, which is then freed unused). */
  private takeSpare(url: string): StartedWorker | null {
    const spare = url.startsWith('blob:') ? this.spare : null;
    if (!spare) return null;
    this.spare = null;
    this.host.revokeObjectURL(url);
    this.scheduleRefill();
    return spare;
  }

  /** Ends every worker, the spare too, and starts no more. */
  dispose(): void {
    this.disposed = true;
    if (this.refill !== null) this.host.clearTimeout(this.refill);
    this.refill = null;
    for (const worker of this.live) worker.terminate();
    this.live.clear();
    if (this.spare) {
      this.spare.worker.terminate();
      if (this.spare.url.startsWith('blob:')) this.host.revokeObjectURL(this.spare.url);
      this.spare = null;
    }
  }

  private scheduleRefill(): void {
    if (this.refill !== null || !this.start) return;
    this.refill = this.host.setTimeout(() => {
      this.refill = null;
      this.prestart();
    }, REFILL_MS);
  }
}

/** Starts a worker from a script's text, as Vizceral's inline worker does (a Blob URL). */
export function workerFromSource(source: string): StartedWorker {
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return { worker: new Worker(url), url };
}

/** The page as a WorkerHost. */
export function pageWorkerHost(): WorkerHost {
  return {
    get Worker() { return window.Worker; },
    set Worker(value: typeof Worker) { window.Worker = value; },
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
  };
}

/** Vizceral's layout worker script as code (the build's `layoutWorkerInline`), run against a stand-in `self`. */
export type LayoutScript = (self: object) => void;

type Handler = (event: { data: unknown }) => void;

/**
 * A `Worker` stand-in that runs Vizceral's layout script on the page's thread. A message posted
 * to it is answered in a microtask (after the current call, before any other task), with the
 * data copied both ways as between threads (the layout must not touch Vizceral's objects), as a
 * `message` event of an EventTarget. The script's `self` is a stand-in whose globals are the
 * page's, so the lodash inside it finds them without `Function("return this")`. A script that
 * throws reports an `error` event, as a worker would, and the error to the console.
 */
export function inlineWorker(script: LayoutScript): Worker {
  let onMessage: Handler | null = null;
  let answers: unknown[] = [];
  // `closed`: the script ended itself (after its answer); `terminated`: its owner ended it.
  let closed = false;
  let terminated = false;
  const scope: object = Object.create(globalThis, {
    addEventListener: { value: (type: string, fn: Handler) => { if (type === 'message') onMessage = fn; } },
    postMessage: { value: (data: unknown) => { if (!closed) answers.push(structuredClone(data)); } },
    close: { value: () => { closed = true; } },
  });
  script(scope);
  const worker = Object.assign(new EventTarget(), {
    postMessage(data: unknown): void {
      const copy = structuredClone(data);
      queueMicrotask(() => {
        if (closed || terminated) return;
        try {
          onMessage?.({ data: copy });
        } catch (error) {
          console.error('Traffic Map: the map layout failed', error);
          worker.dispatchEvent(Object.assign(new Event('error'), { error }));
          return;
        }
        // Outside the try: what the listeners do with the answer (draw the map) is not the layout's failure.
        const sent = answers;
        answers = [];
        for (const answer of sent) if (!terminated) worker.dispatchEvent(new MessageEvent('message', { data: answer }));
      });
    },
    terminate(): void {
      terminated = true;
    },
  });
  return worker as unknown as Worker;
}

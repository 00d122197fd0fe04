/**
 * Vizceral's layout workers. Vizceral starts one for each new graph shape, from a script inlined
 * in its bundle (a new Blob URL every time), and never ends it nor revokes the URL. Here each is
 * ended after its one answer and its URL revoked.
 *
 * A worker takes ~200 ms to start and answer on the benchmark machine, most of it starting (a
 * thread, an isolate, the script), and the first map waits for it. So a worker is started from
 * the same script before Vizceral asks (`prestart`: when the renderer is made, while the first
 * answers are awaited) and handed over in place of a new one. After a handover the next spare is
 * started a while later (`REFILL_MS`), not while the first frame is being drawn.
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

  /** `start`: starts a worker from Vizceral's layout script; null when the build does not expose it. */
  constructor(private readonly start: (() => StartedWorker) | null, private readonly host: WorkerHost) {
    this.outer = host.Worker;
    const spawn = (url: string | URL, options?: WorkerOptions): Worker => this.spawn(url, options);
    // Called with `new` by Vizceral: the worker it returns is the result.
    this.oneShot = function OneShotWorker(url: string | URL, options?: WorkerOptions) { return spawn(url, options); } as unknown as typeof Worker;
  }

  /** Starts the spare worker now, unless there is one (or no script to start it from). */
  prestart(): void {
    if (this.disposed || this.spare || !this.start) return;
    this.spare = this.start();
  }

  /** 1 while a started worker waits for Vizceral's next layout. */
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
      this.host.revokeObjectURL(this.spare.url);
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

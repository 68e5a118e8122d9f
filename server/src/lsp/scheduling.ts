// When linting happens: a per-document debounce for edits, and a queue of files
// drained one file per event-loop turn so requests (hover, code actions, the
// next edit) are answered in between.

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** One pending timer per key; scheduling again replaces the previous one. */
export class Debouncer {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; run: () => void }>();

  schedule(key: string, delayMs: number, run: () => void): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      run();
    }, delayMs);
    this.timers.set(key, { timer, run });
  }

  isPending(key: string): boolean {
    return this.timers.has(key);
  }

  /** Drop a pending run; true if there was one. */
  cancel(key: string): boolean {
    const t = this.timers.get(key);
    if (!t) return false;
    clearTimeout(t.timer);
    this.timers.delete(key);
    return true;
  }

  /** Run a pending callback now (a request needs the result); true if there was one. */
  flush(key: string): boolean {
    const t = this.timers.get(key);
    if (!t) return false;
    this.cancel(key);
    t.run();
    return true;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
  }
}

/**
 * Files waiting to be linted, in order, each at most once. Draining lints one
 * file per turn of the event loop and calls `onIdle` when the queue runs dry.
 */
export class LintQueue {
  private keys = new Set<string>();
  private running = false;
  private disposed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly lintOne: (key: string) => void,
    private readonly onIdle: () => void,
  ) {}

  /** Queue keys (at the front with `first`, e.g. open documents) and start draining. */
  add(keys: Iterable<string>, first = false): void {
    if (first) this.keys = new Set([...keys, ...this.keys]);
    else for (const k of keys) this.keys.add(k);
    void this.drain();
  }

  delete(key: string): void {
    this.keys.delete(key);
  }

  /** Resolves when every queued file has been linted. */
  whenIdle(): Promise<void> {
    if (!this.running && this.keys.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    this.keys.clear();
    this.releaseWaiters();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.keys.size > 0 && !this.disposed) {
        const key: string = this.keys.values().next().value!;
        this.keys.delete(key);
        this.lintOne(key);
        await yieldToEventLoop();
      }
    } finally {
      this.running = false;
    }
    if (!this.disposed) this.onIdle();
    this.releaseWaiters();
  }

  private releaseWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}

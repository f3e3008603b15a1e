/**
 * At most `concurrency` tasks at once, across every caller: the audit's listing pages and
 * per-resource reads share one budget, so it keeps the pipe full without flooding an API.
 * (Throttling answers are another matter: lib/cloud/throttle-gate.ts holds the calls to an
 * endpoint that asked for fewer requests.)
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the slot is handed over
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * `items.map(fn)` with at most `concurrency` calls in flight, started in the items' order;
 * results keep that order. A rejected call rejects the whole map (callers turn expected
 * failures into results).
 */
export function mapBounded<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limit = new ConcurrencyLimit(Math.max(1, concurrency));
  return Promise.all(items.map((item, index) => limit.run(() => fn(item, index))));
}

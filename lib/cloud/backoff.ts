/** Exponential backoff with full jitter (the AWS Architecture Blog's recommended variant). */
export interface BackoffOptions {
  /** First delay ceiling, in milliseconds. */
  readonly baseMs: number;
  /** Largest delay, in milliseconds. */
  readonly maxMs: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt));
  const random = options.random ?? Math.random;
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

import { Clock } from "../cloud/clock";
import { Log } from "../cloud/log";
import { formatElapsed } from "./format";
import { ReconcileError } from "./reconcile-error";

/** One look at what is awaited. */
export interface WaitCheck<T> {
  readonly done: boolean;
  /** The state in words, shown in progress lines and in the timeout message. */
  readonly state: string;
  readonly value?: T;
}

export interface WaitOptions<T> {
  /** What is awaited, e.g. "DWS job 2c90… (convert to encrypted)". */
  readonly what: string;
  readonly check: () => Promise<WaitCheck<T>>;
  readonly clock: Clock;
  readonly log: Log;
  /** Overall limit; the error names what was awaited and the last state. */
  readonly timeoutMs: number;
  /** First pause between checks. @default 250 ms */
  readonly minIntervalMs?: number;
  /** Longest pause between checks. @default 3 s */
  readonly maxIntervalMs?: number;
  /** Print a progress line at least this often even when nothing changes. @default 30 s */
  readonly heartbeatMs?: number;
}

/** Raised when a wait runs out of time. */
export class WaitTimeoutError extends ReconcileError {
  constructor(what: string, timeoutMs: number, lastState: string) {
    super(`gave up waiting for ${what} after ${formatElapsed(timeoutMs)}: last observed state ${lastState}. Run the deploy again to keep waiting, or raise the construct's timeout`);
    this.name = "WaitTimeoutError";
  }
}

/**
 * Polls until done. The pause grows with the time already waited (5 % of it, between the
 * bounds), so a short job is noticed quickly and a long one costs few calls while the time
 * lost after it ends stays under 5 % of its length and under `maxIntervalMs`.
 */
export async function waitFor<T>(options: WaitOptions<T>): Promise<T | undefined> {
  const { clock, log } = options;
  const started = clock.now();
  const minInterval = options.minIntervalMs ?? 250;
  const maxInterval = options.maxIntervalMs ?? 3000;
  const heartbeat = options.heartbeatMs ?? 30_000;
  let lastState = "not yet observed";
  let lastPrinted = started;
  for (;;) {
    const check = await options.check();
    const elapsed = clock.now() - started;
    if (check.done) {
      if (elapsed > 0 && lastState !== "not yet observed") log.progress(`${options.what}: ${check.state} after ${formatElapsed(elapsed)}`);
      return check.value;
    }
    if (check.state !== lastState || clock.now() - lastPrinted >= heartbeat) {
      log.progress(`waiting for ${options.what}: ${check.state}, ${formatElapsed(elapsed)} elapsed`);
      lastPrinted = clock.now();
    }
    lastState = check.state;
    if (elapsed >= options.timeoutMs) throw new WaitTimeoutError(options.what, options.timeoutMs, lastState);
    const pause = Math.min(maxInterval, Math.max(minInterval, elapsed * 0.05), options.timeoutMs - elapsed + 1);
    await clock.sleep(pause);
  }
}

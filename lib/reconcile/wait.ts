import { CloudError } from "../cloud/cloud-error";
import { Clock } from "../runtime/clock";
import { Log } from "../runtime/log";
import { formatDuration } from "../runtime/duration-text";
import { ReconcileError } from "./reconcile-error";

/** One look at what is awaited. */
export interface WaitCheck<T> {
  readonly done: boolean;
  /** The state in words, shown in progress lines and in the timeout message. */
  readonly state: string;
  readonly value?: T;
  /**
   * How far the awaited work says it is, in percent (0–100) and rounded down as services
   * report it (a DWS job's `progress`). With it the wait wakes near the predicted end rather
   * than up to `maxIntervalMs` after it.
   */
  readonly progressPercent?: number;
}

export interface WaitOptions<T> {
  /** What is awaited, e.g. "DWS job 2c90… (convert to encrypted)". */
  readonly what: string;
  readonly check: () => Promise<WaitCheck<T>>;
  readonly clock: Clock;
  readonly log: Log;
  /** Overall limit; the error names what was awaited and the last state. */
  readonly timeoutMs: number;
  /** The run's deadline (epoch ms of `clock`): the wait ends there too, whichever comes first. @default none */
  readonly deadline?: number;
  /** First pause between checks. @default 250 ms */
  readonly minIntervalMs?: number;
  /** Longest pause between checks. @default 3 s */
  readonly maxIntervalMs?: number;
  /** Print a progress line at least this often even when nothing changes. @default 30 s */
  readonly heartbeatMs?: number;
}

/** Raised when a wait runs out of time. */
export class WaitTimeoutError extends ReconcileError {
  /** `timeoutMs`: the limit that ran out, the construct's timeout (the run's deadline ends a wait no later). */
  constructor(what: string, timeoutMs: number, lastState: string, lastCheck?: string) {
    super(
      `gave up waiting for ${what} after ${formatDuration(timeoutMs)}: last observed state ${lastState}${lastCheck ? `; the last check failed: ${lastCheck.replace(/\.$/, "")}` : ""}. Run the deploy again to keep waiting, or raise the construct's timeout`,
    );
    this.name = "WaitTimeoutError";
  }
}

/** Pause between polls once reported progress says the end is near. */
const NEAR_END_INTERVAL_MS = 2000;

/**
 * Polls until done. The pause grows with the time already waited (5 % of it, between the
 * bounds), so a short job is noticed quickly and a long one costs few calls while the time
 * lost after it ends stays under 5 % of its length and under `maxIntervalMs`. When the
 * check reports progress, a pause never runs past the end that progress predicts, and near
 * that end polls come every 2 s at most (or `maxIntervalMs` if shorter): the time lost stays
 * under about 2 s even for jobs that run for hours, at the cost of a few polls at the end.
 */
export async function waitFor<T>(options: WaitOptions<T>): Promise<T | undefined> {
  const { clock, log } = options;
  const started = clock.now();
  const minInterval = options.minIntervalMs ?? 250;
  const maxInterval = options.maxIntervalMs ?? 3000;
  const heartbeat = options.heartbeatMs ?? 30_000;
  const endAt = Math.min(started + options.timeoutMs, options.deadline ?? Infinity);
  const limit = endAt - started;
  let lastState = "not yet observed";
  let lastPrinted = started;
  for (;;) {
    let check: WaitCheck<T>;
    try {
      check = await options.check();
    } catch (error) {
      // A check that failed because the time ran out (a call throttled until the deadline)
      // still ends the run with what was awaited and the last state seen.
      if (error instanceof CloudError && clock.now() >= endAt) throw new WaitTimeoutError(options.what, options.timeoutMs, lastState, error.message);
      throw error;
    }
    const elapsed = clock.now() - started;
    if (check.done) {
      if (elapsed > 0 && lastState !== "not yet observed") log.progress(`${options.what}: ${check.state} after ${formatDuration(elapsed)}`);
      return check.value;
    }
    if (check.state !== lastState || clock.now() - lastPrinted >= heartbeat) {
      log.progress(`waiting for ${options.what}: ${check.state}, ${formatDuration(elapsed)} elapsed`);
      lastPrinted = clock.now();
    }
    lastState = check.state;
    if (elapsed >= limit) throw new WaitTimeoutError(options.what, options.timeoutMs, lastState);
    let pause = Math.min(maxInterval, Math.max(minInterval, elapsed * 0.05), limit - elapsed + 1);
    const remaining = remainingByProgress(check.progressPercent, elapsed);
    if (remaining) pause = Math.min(pause, Math.max(minInterval, remaining.atLeast, Math.min(remaining.atMost, NEAR_END_INTERVAL_MS)));
    await clock.sleep(pause);
  }
}

/**
 * Time still to go if the work advances at the pace it has so far. Progress comes rounded
 * down to a whole percent, so the work is between that and one point further: the bounds.
 * Undefined when there is nothing to go by.
 */
function remainingByProgress(percent: number | undefined, elapsed: number): { atLeast: number; atMost: number } | undefined {
  if (percent === undefined || !Number.isFinite(percent) || percent <= 0 || percent >= 100 || elapsed <= 0) return undefined;
  const togo = (share: number) => (elapsed * (1 - share)) / share;
  return { atLeast: togo(Math.min(1, (Math.floor(percent) + 1) / 100)), atMost: togo(percent / 100) };
}

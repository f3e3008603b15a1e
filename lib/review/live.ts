import { CloudError } from "../cloud/cloud-error";
import { Clock, systemClock } from "../runtime/clock";
import { MemoryLog } from "../runtime/log";
import { pendingProxyWaits } from "../cloud/network-route";
import { KindDefinition } from "../kinds/index";
import { formatDuration } from "../runtime/duration-text";
import { Reconciler } from "../reconcile/reconciler";

export interface LiveOptions {
  /** Credentials and endpoint overrides, as the hook reads them. */
  readonly env: NodeJS.ProcessEnv;
  /** Longest time for one resource's observation, retries included. */
  readonly timeoutMs: number;
  /** How many resources are observed at once. */
  readonly concurrency: number;
  /** Also read each declared KMS key and show its state (review --live). @default false */
  readonly observeKeys?: boolean;
}

/** One resource read from the cloud through its kind's reconciler. */
export type LiveReading =
  | { readonly status: "observed"; readonly observed: unknown; readonly description: string; readonly reconciler: Reconciler<unknown, unknown> }
  /** No usable answer: the endpoint is down, refuses or resets connections, or does not answer in time. Not drift. */
  | { readonly status: "unreachable"; readonly detail: string }
  /** The cloud answered with an error (not found, denied, bad credentials…). */
  | { readonly status: "error"; readonly detail: string };

class DeadlinePassed extends Error {}

/**
 * Observes one resource the way the hook does (`reconciler.observe`), within a deadline:
 * the reconciler's clock refuses to sleep past it, so transport retries stop there, and a
 * call that hangs is abandoned when it passes.
 */
export async function observeLive(kind: KindDefinition, spec: unknown, options: LiveOptions): Promise<LiveReading> {
  const started = systemClock.now();
  const deadline = started + options.timeoutMs;
  const log = new MemoryLog();
  const clock: Clock = {
    now: () => systemClock.now(),
    sleep: async (ms) => {
      if (systemClock.now() + ms > deadline) throw new DeadlinePassed();
      await systemClock.sleep(ms);
    },
  };
  // The deadline also bounds each attempt of the transport, connection setup included.
  const reconciler = kind.reconciler({ clock, log, env: options.env, observeKeys: options.observeKeys, deadline });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlinePassed()), options.timeoutMs);
    timer.unref();
  });
  try {
    const observed = await Promise.race([reconciler.observe(spec), timeout]);
    return { status: "observed", observed, description: reconciler.describeObserved(observed), reconciler };
  } catch (error) {
    if (error instanceof DeadlinePassed) {
      const last = lastRetry(log);
      const waits = pendingProxyWaits();
      const held = waits.length > 0 ? ` (waiting for ${waits.join("; ")})` : "";
      return { status: "unreachable", detail: `no answer within ${formatDuration(options.timeoutMs)}${held}${last ? ` (last: ${last})` : ""}` };
    }
    // A network failure that outlasted the transport's retries: nothing answered.
    if (error instanceof CloudError && error.status === undefined && error.retryable) return { status: "unreachable", detail: error.message };
    return { status: "error", detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** The transport's last "…: ECONNREFUSED, retrying in 0.4 s" line, without the retry part. */
function lastRetry(log: MemoryLog): string | undefined {
  const line = [...log.lines].reverse().find((l) => l.includes(", retrying in "));
  return line?.replace(/, retrying in .*$/, "");
}

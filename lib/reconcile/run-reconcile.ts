import { backoffDelay } from "../cloud/backoff";
import { CloudError } from "../cloud/cloud-error";
import { Clock, MAX_TIMER_MS, systemClock } from "../runtime/clock";
import { Log } from "../runtime/log";
import { formatDuration } from "../runtime/duration-text";
import { Action, Mode, Reconciler } from "./reconciler";
import { ReconcileError } from "./reconcile-error";

export interface ReconcileOutcome {
  /** Descriptions of the actions carried out, in order. */
  readonly performed: readonly string[];
}

export interface RunOptions {
  /** @default the system clock */
  readonly clock?: Clock;
  /** The run's deadline (epoch ms of `clock`): refused changes are tried again until it. @default none */
  readonly deadline?: number;
}

/** More steps than any kind needs; a loop past it is a bug or a cloud that does not listen. */
const MAX_STEPS = 8;
/** Without a run deadline, how long refused changes are tried again after the first refusal. */
export const REFUSED_CHANGE_RETRY_MS = 120_000;

/**
 * observe → plan → execute the first action → observe again …, until the plan is empty.
 * The last observation is the verification, and when nothing is to be done the whole run is
 * one observation. Re-observing after each step also makes a killed run safe to repeat:
 * whatever was already done is seen and not done again.
 *
 * A change the transport did not repeat (`CloudError.notRepeated`) is decided again from a
 * fresh observation, never resent blindly: after a refusal (busy, throttled: nothing was
 * done) the reconciler's `settle` waits while the resource is busy, then, after a backoff,
 * the resource is observed and planned again (another deploy may have made the change
 * meanwhile); after an unclear answer the change counts as maybe made, and is not sent again
 * in this run if the observation still calls for it.
 */
export async function runReconcile<S, O>(reconciler: Reconciler<S, O>, spec: S, mode: Mode, log: Log, options: RunOptions = {}): Promise<ReconcileOutcome> {
  const clock = options.clock ?? systemClock;
  const target = reconciler.describeTarget(spec);
  const performed: string[] = [];
  const printedNotes = new Set<string>();
  let previous: Action | undefined;
  let lostAnswer: CloudError | undefined;
  let refusals = 0;
  let firstRefusal: number | undefined;
  for (let step = 0; step < MAX_STEPS; ) {
    const observed = await reconciler.observe(spec);
    const plan = reconciler.plan(spec, observed, mode);
    for (const note of plan.notes) {
      if (!printedNotes.has(note)) log.info(`${target}: ${note}`);
      printedNotes.add(note);
    }
    const next = plan.actions[0];
    if (!next) {
      if (mode === "destroy" && performed.length === 0 && plan.notes.length > 0) return { performed };
      log.info(
        performed.length === 0
          ? `${target}: in sync (${reconciler.describeObserved(observed)}), nothing to do`
          : `${target}: verified (${reconciler.describeObserved(observed)})`,
      );
      return { performed };
    }
    if (previous && previous.type === next.type && previous.description === next.description) {
      const reads = reconciler.describeObserved(observed);
      if (lostAnswer) {
        // The lost answer is the cause: its one line (service, operation, code, request id) is the error.
        throw new CloudError({ ...lostAnswer.details(), outcome: `not sent again in this run, so nothing is done twice: ${target} still reads ${reads}; deploy again once it has settled` });
      }
      throw new ReconcileError(
        `${target}: "${previous.description}" was sent, but the cloud still reads ${reads}. Nothing more was sent, so nothing is done twice: deploy again once the resource has settled, or check it in the console`,
      );
    }
    log.info(`${target}: ${next.description}${next.irreversible ? " (irreversible)" : ""}`);
    try {
      await reconciler.execute(spec, next, observed);
      lostAnswer = undefined;
    } catch (error) {
      if (!(error instanceof CloudError) || !error.notRepeated || !(error.ambiguous || error.retryable)) throw error;
      if (error.ambiguous) {
        log.info(`${target}: the answer to "${next.description}" was lost (${error.code}); not sending it again, observing the resource instead`);
        lostAnswer = error;
      } else {
        firstRefusal ??= clock.now();
        refusals += 1;
        await afterRefusal(reconciler, spec, error, { clock, deadline: options.deadline, log, target, refusals, since: firstRefusal });
        continue;
      }
    }
    performed.push(next.description);
    previous = next;
    step += 1;
  }
  throw new ReconcileError(`${target}: did not converge within ${MAX_STEPS} steps: ${performed.join("; ")}`);
}

/**
 * After a refused change: waits while the resource is busy (`settle`), then a backoff that
 * grows with each refusal, within the run's deadline (or REFUSED_CHANGE_RETRY_MS without one);
 * past it, the refusal ends the run.
 */
async function afterRefusal<S, O>(
  reconciler: Reconciler<S, O>,
  spec: S,
  refusal: CloudError,
  run: { clock: Clock; deadline?: number; log: Log; target: string; refusals: number; since: number },
): Promise<void> {
  const { clock, log } = run;
  const endAt = run.deadline ?? run.since + REFUSED_CHANGE_RETRY_MS;
  const giveUp = () =>
    new CloudError({ ...refusal.details(), outcome: `refused ${run.refusals} time${run.refusals === 1 ? "" : "s"} in ${formatDuration(clock.now() - run.since)}; not sent again: the run's time ran out` });
  const serverWait = (refusal.retryAfterSeconds ?? 0) * 1000;
  if (clock.now() >= endAt) throw giveUp();
  if (serverWait > endAt - clock.now()) {
    // As the transport does: a wait the run cannot afford ends it now, not at its deadline.
    throw new CloudError({ ...refusal.details(), outcome: `not sent again: the service asked to wait ${formatDuration(serverWait)}, more than the ${formatDuration(endAt - clock.now())} left of the run's time` });
  }
  log.progress(
    `${run.target}: ${refusal.service} refused ${refusal.operation} (${refusal.code}), so nothing was done: not sending it again blindly; observing again before deciding anew (another deploy may be changing the resource)`,
  );
  await reconciler.settle?.(spec, refusal);
  const left = endAt - clock.now();
  if (left <= 0) throw giveUp();
  const pause = Math.max(backoffDelay(run.refusals - 1, { baseMs: 500, maxMs: 20_000 }), serverWait);
  await clock.sleep(Math.min(pause, left, MAX_TIMER_MS));
}

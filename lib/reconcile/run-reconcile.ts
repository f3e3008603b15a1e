import { Log } from "../cloud/log";
import { Action, Mode, Reconciler } from "./reconciler";
import { ReconcileError } from "./reconcile-error";

export interface ReconcileOutcome {
  /** Descriptions of the actions carried out, in order. */
  readonly performed: readonly string[];
}

/** More steps than any kind needs; a loop past it is a bug or a cloud that does not listen. */
const MAX_STEPS = 8;

/**
 * observe → plan → execute the first action → observe again …, until the plan is empty.
 * The last observation is the verification, and when nothing is to be done the whole run is
 * one observation. Re-observing after each step also makes a killed run safe to repeat:
 * whatever was already done is seen and not done again.
 */
export async function runReconcile<S, O>(reconciler: Reconciler<S, O>, spec: S, mode: Mode, log: Log): Promise<ReconcileOutcome> {
  const target = reconciler.describeTarget(spec);
  const performed: string[] = [];
  const printedNotes = new Set<string>();
  let previous: Action | undefined;
  for (let step = 0; step < MAX_STEPS; step++) {
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
      throw new ReconcileError(
        `${target}: "${previous.description}" was sent, but the cloud still reads ${reconciler.describeObserved(observed)}. Nothing more was sent, so nothing is done twice: deploy again once the resource has settled, or check it in the console`,
      );
    }
    log.info(`${target}: ${next.description}${next.irreversible ? " (irreversible)" : ""}`);
    await reconciler.execute(spec, next, observed);
    performed.push(next.description);
    previous = next;
  }
  throw new ReconcileError(`${target}: did not converge within ${MAX_STEPS} steps: ${performed.join("; ")}`);
}

import { Action, Reconciler } from "../reconcile/reconciler";
import { ReconcileError } from "../reconcile/reconcile-error";

/** What a kind's reconciler plans for a declaration against the cloud as read. */
export interface DriftVerdict {
  /** `due`: only a key rotation has come due (time passed, not drift); `refused`: the hook would refuse to run. */
  readonly status: "in-sync" | "drifted" | "due" | "refused";
  /** The cloud as read, in words. */
  readonly observed: string;
  /** What the hook would do to bring the cloud back to the declaration. */
  readonly corrections?: readonly string[];
  /** Why the hook would refuse. */
  readonly detail?: string;
}

/**
 * Drift as the hook sees it: a non-empty `plan` is drift, unless every action is periodic
 * (a rotation come due); a plan the reconciler refuses is `refused`. Used by `drift` (on what
 * `observe` read) and `audit` (on what its inventory read), so the two cannot disagree.
 */
export function driftVerdict(reconciler: Reconciler<unknown, unknown>, spec: unknown, observed: unknown): DriftVerdict {
  const description = reconciler.describeObserved(observed);
  let actions: readonly Action[];
  try {
    actions = reconciler.plan(spec, observed, "apply").actions;
  } catch (error) {
    if (!(error instanceof ReconcileError)) throw error;
    return { status: "refused", observed: description, detail: error.message };
  }
  const status = actions.length === 0 ? "in-sync" : actions.every((a) => a.periodic) ? "due" : "drifted";
  return { status, observed: description, corrections: actions.map((a) => a.description) };
}

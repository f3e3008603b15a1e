import { CloudError } from "../cloud/cloud-error";
import { Clock } from "../runtime/clock";
import { Log } from "../runtime/log";

/** One step that changes the cloud, described for people. */
export interface Action {
  /** Machine name of the step, e.g. `enable-backup-encryption`. */
  readonly type: string;
  /** Plain words: "Turn on encrypted backup with KMS key b82f…". */
  readonly description: string;
  /** Cannot be undone (DWS conversion). */
  readonly irreversible?: boolean;
  /** Restarts the service or makes it briefly unavailable. */
  readonly restarts?: boolean;
  /**
   * Due because time passed (a key rotation whose period has run out), not because the cloud
   * or the declaration changed: review and drift report it as `due`, never as drift.
   */
  readonly periodic?: boolean;
}

export interface Plan {
  readonly actions: readonly Action[];
  /** Things worth saying that change nothing ("the cluster stays encrypted"). */
  readonly notes: readonly string[];
}

export type Mode = "apply" | "destroy";

/** What every reconciler is given: time, a place to print, the environment, a deadline. */
export interface ReconcileContext {
  readonly clock: Clock;
  readonly log: Log;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Also read the declared KMS key when observing (review --live): one more call per resource,
   * so the hook leaves it off and checks the key only before a change that needs it.
   */
  readonly observeKeys?: boolean;
  /**
   * When the run must end (epoch ms of `clock`): the construct's `timeout` from the start of
   * the run. Waits and the transports' retries stop there. @default none
   */
  readonly deadline?: number;
}

/**
 * Converges one kind of resource: `observe` reads (once, when nothing is to be done),
 * `plan` decides without side effects, `execute` is the only place that changes the cloud
 * or waits.
 */
export interface Reconciler<S, O> {
  /** "TaurusDB instance 7033…in07 (cn-north-4)". */
  describeTarget(spec: S): string;
  observe(spec: S): Promise<O>;
  plan(spec: S, observed: O, mode: Mode): Plan;
  execute(spec: S, action: Action, observed: O): Promise<void>;
  /**
   * Called when the cloud refused a change (`CloudError.notRepeated`, nothing was done: busy,
   * throttled), before observing again: waits while the resource is busy with another
   * operation, another deploy's perhaps. @default no wait beyond the run's backoff
   */
  settle?(spec: S, refusal: CloudError): Promise<void>;
  /** The observed state in words, for review and drift: "encrypted backup on". */
  describeObserved(observed: O): string;
}

/** A Plan with nothing to do. */
export function nothingToDo(...notes: string[]): Plan {
  return { actions: [], notes };
}

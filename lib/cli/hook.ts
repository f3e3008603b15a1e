import { Clock, systemClock } from "../cloud/clock";
import { closeConnections } from "../cloud/http-transport";
import { Log, StderrLog } from "../cloud/log";
import { kindOf } from "../reconcile/kinds";
import { Mode } from "../reconcile/reconciler";
import { runReconcile } from "../reconcile/run-reconcile";
import { Duration } from "../spec/duration";
import { parseSpecJson } from "../spec/spec";
import { SpecError } from "../spec/spec-error";
import { describeFailure } from "./user-error";

/** The variable through which the provisioner hands the Spec to the hook. */
export const SPEC_ENV = "CDKTF_ENCRYPTION_SPEC";

export interface HookOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  readonly log?: Log;
}

/**
 * `hook apply` and `hook destroy`: read the Spec from the environment, validate it, run its
 * kind's reconciler. Returns the process exit code; never throws.
 */
export async function runHook(args: readonly string[], options: HookOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const log = options.log ?? new StderrLog({ env });
  try {
    const mode = parseMode(args[0]);
    const map = parseSpecJson(env[SPEC_ENV]);
    const kind = kindOf(map);
    const spec = kind.parse(map);
    const clock = options.clock ?? systemClock;
    // Every kind's Spec carries the construct's timeout: the whole run is bounded by it.
    const timeout = (spec as { timeout?: Duration }).timeout;
    const deadline = timeout ? clock.now() + timeout.toMilliseconds() : undefined;
    const reconciler = kind.reconciler({ clock, log, env, deadline });
    await runReconcile(reconciler, spec, mode, log);
    return 0;
  } catch (error) {
    log.info(describeFailure(error, env));
    return 1;
  } finally {
    await closeConnections();
  }
}

function parseMode(value: string | undefined): Mode {
  if (value === "apply" || value === "destroy") return value;
  throw new SpecError(`unknown hook action ${JSON.stringify(value)}: expected apply or destroy`);
}

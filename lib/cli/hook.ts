import { Clock, systemClock } from "../runtime/clock";
import { closeConnections } from "../cloud/http-transport";
import { Log, StderrLog } from "../runtime/log";
import { kindOf } from "../kinds/index";
import { Mode } from "../reconcile/reconciler";
import { runReconcile } from "../reconcile/run-reconcile";
import { Duration } from "../contract/duration";
import { parseSpecJson } from "../contract/spec";
import { ExitCode, UsageError, wantsHelp } from "./usage-error";
import { describeFailure } from "./user-error";
import { packageVersion } from "./version";

/** The variable through which the provisioner hands the Spec to the hook. */
export const SPEC_ENV = "CDKTF_ENCRYPTION_SPEC";

export const HOOK_USAGE = `hook apply|destroy       run the reconciler for the Spec in ${SPEC_ENV} (what the hook
                           resource's provisioners run); exit 0 done, 1 failed, 64 usage error`;

export interface HookOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  readonly log?: Log;
  /** Where `--help` and `--version` print. @default process.stdout */
  readonly stdout?: (text: string) => void;
}

/**
 * `hook apply` and `hook destroy`: read the Spec from the environment, validate it, run its
 * kind's reconciler. Returns the process exit code; never throws.
 */
export async function runHook(args: readonly string[], options: HookOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const log = options.log ?? new StderrLog({ env });
  const stdout = options.stdout ?? ((text: string) => void process.stdout.write(text));
  if (wantsHelp(args)) {
    stdout(`usage: cdktf-encryption ${HOOK_USAGE}\n`);
    return ExitCode.OK;
  }
  if (args[0] === "--version") {
    stdout(`${packageVersion()}\n`);
    return ExitCode.OK;
  }
  try {
    const mode = parseMode(args);
    const map = parseSpecJson(env[SPEC_ENV]);
    const kind = kindOf(map);
    const spec = kind.parse(map);
    const clock = options.clock ?? systemClock;
    // Every kind's Spec carries the construct's timeout: the whole run is bounded by it.
    const timeout = (spec as { timeout?: Duration }).timeout;
    const deadline = timeout ? clock.now() + timeout.toMilliseconds() : undefined;
    const reconciler = kind.reconciler({ clock, log, env, deadline });
    await runReconcile(reconciler, spec, mode, log, { clock, deadline });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      log.info(error.line());
      return ExitCode.USAGE;
    }
    log.info(describeFailure(error, env));
    return ExitCode.FAILURE;
  } finally {
    await closeConnections();
  }
}

function parseMode(args: readonly string[]): Mode {
  const option = args.find((arg) => arg.startsWith("-"));
  if (option !== undefined) throw new UsageError(`unknown option ${option}`, "hook");
  const [value, ...rest] = args;
  if (value !== "apply" && value !== "destroy") {
    throw new UsageError(`unknown hook action ${JSON.stringify(value)}: expected apply or destroy`, "hook");
  }
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`, "hook");
  return value;
}

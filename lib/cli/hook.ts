import { Clock, systemClock } from "../runtime/clock";
import { Log, StderrLog } from "../runtime/log";
import { kindOf } from "../kinds/index";
import { Mode } from "../reconcile/reconciler";
import { runReconcile } from "../reconcile/run-reconcile";
import { Duration } from "../contract/duration";
import { parseSpecJson } from "../contract/spec";
import { defineCommand, runCommand } from "./command";
import { ExitCode, UsageError } from "./usage-error";
import { packageVersion } from "./version";

/** The variable through which the provisioner hands the Spec to the hook. */
export const SPEC_ENV = "CDKTF_ENCRYPTION_SPEC";

export const HOOK_COMMAND = defineCommand({
  name: "hook",
  arguments: "apply|destroy",
  summary: `run the reconciler for the Spec in ${SPEC_ENV} (what the hook resource's provisioners run)`,
  options: [{ name: "version", help: "print the version of the hook" }],
  exits: "exit 0 done, 1 failed, 64 usage error",
  async run({ values, positionals, env, out, io }) {
    if (values.version) {
      out(`${packageVersion()}\n`);
      return ExitCode.OK;
    }
    const mode = parseMode(positionals);
    const map = parseSpecJson(env[SPEC_ENV]);
    const kind = kindOf(map);
    const spec = kind.parse(map);
    const clock = io.clock ?? systemClock;
    const log = io.log ?? new StderrLog({ env });
    // Every kind's Spec carries the construct's timeout: the whole run is bounded by it.
    const timeout = (spec as { timeout?: Duration }).timeout;
    const deadline = timeout ? clock.now() + timeout.toMilliseconds() : undefined;
    const reconciler = kind.reconciler({ clock, log, env, deadline });
    await runReconcile(reconciler, spec, mode, log, { clock, deadline });
    return ExitCode.OK;
  },
});

export interface HookOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly clock?: Clock;
  /** Where progress and the failure line go. @default lines on stderr */
  readonly log?: Log;
  /** Where `--help` and `--version` print. @default process.stdout */
  readonly stdout?: (text: string) => void;
}

/**
 * `hook apply` and `hook destroy`: read the Spec from the environment, validate it, run its
 * kind's reconciler. Returns the process exit code; never throws.
 */
export function runHook(args: readonly string[], options: HookOptions = {}): Promise<number> {
  const log = options.log ?? new StderrLog({ env: options.env ?? process.env });
  // The failure line goes to the log, as every other line of the run.
  return runCommand(HOOK_COMMAND, args, { ...options, log, stderr: (text) => log.info(text.replace(/\n$/, "")) });
}

function parseMode(positionals: readonly string[]): Mode {
  const [value, ...rest] = positionals;
  if (value !== "apply" && value !== "destroy") {
    throw new UsageError(`unknown hook action ${JSON.stringify(value)}: expected apply or destroy`, "hook");
  }
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`, "hook");
  return value;
}

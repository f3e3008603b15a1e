import { closeConnections } from "../cloud/http-transport";
import { checkDrift, driftExitCode, withDeclaredElsewhere } from "../review/drift";
import { readStack } from "../stack/read-stack";
import { resolveStackDir } from "../stack/resolve-stack-dir";
import { renderDriftText, replaceRecipe } from "../review/drift-report";
import { ExitCode, UsageError, parseCommandOptions, wantsHelp } from "./usage-error";
import { CommandIO, LIVE_OPTION_SPECS, commandFailure, liveOptions, redactedPrinters } from "./live-options";

export const DRIFT_USAGE = `drift [--stack cdktf.out/stacks/NAME] [--other-app DIR ...] [--format text|json] [--fail-on due]
        [--concurrency 8] [--timeout 30s]
                           check every declared encryption resource of a synthesized stack against
                           the live cloud; every resource gets a row: in sync, drifted, due,
                           refused, unreachable, error or unresolved; exit 0 in sync (a rotation
                           merely due too, unless --fail-on due), 2 drift, 1 refused, error or
                           unreachable, 64 usage error; --other-app: stacks of other apps declaring
                           one of these resources too are reported (exit 2: the two fight)`;

/**
 * `cdktf-encryption drift`: observes every hook of a synthesized stack through its kind's
 * reconciler and reports in-sync / drifted / unreachable, with the `-replace` recipe.
 */
export async function runDriftCommand(args: readonly string[], io: CommandIO = {}): Promise<number> {
  const { out, err, env } = redactedPrinters(io);
  const cwd = io.cwd ?? process.cwd();
  if (wantsHelp(args)) {
    out(`usage: cdktf-encryption ${DRIFT_USAGE}\n`);
    return 0;
  }
  try {
    const { values } = parseCommandOptions("drift", args, {
      stack: { type: "string" },
      format: { type: "string", default: "text" },
      "fail-on": { type: "string", multiple: true, default: [] },
      "other-app": { type: "string", multiple: true, default: [] },
      ...LIVE_OPTION_SPECS,
    });
    if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format ${JSON.stringify(values.format)} is invalid: expected text or json`, "drift");
    const gates = values["fail-on"].flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
    const unknown = gates.filter((g) => g !== "due" && g !== "drift");
    if (unknown.length > 0) throw new UsageError(`--fail-on ${JSON.stringify(unknown[0])} is unknown for drift: expected due (drift always exits 2)`, "drift");
    const options = liveOptions(values, env);
    const stack = readStack(resolveStackDir(values.stack, cwd));
    const others = values["other-app"].map((dir) => readStack(resolveStackDir(dir, cwd)));
    const report = withDeclaredElsewhere(await checkDrift(stack, options), stack, others);
    out(values.format === "json" ? `${JSON.stringify({ ...report, recipe: replaceRecipe(report, cwd) }, null, 2)}\n` : renderDriftText(report, cwd));
    return driftExitCode(report, gates.includes("due"));
  } catch (error) {
    err(`${commandFailure(error, "drift", env)}\n`);
    return error instanceof UsageError ? ExitCode.USAGE : ExitCode.FAILURE;
  } finally {
    await closeConnections();
  }
}

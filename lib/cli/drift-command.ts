import { closeConnections } from "../cloud/http-transport";
import { checkDrift, driftExitCode, readStack, resolveStackDir } from "../review/drift";
import { renderDriftText, replaceRecipe } from "../review/drift-report";
import { ExitCode, UsageError, parseCommandOptions, wantsHelp } from "./usage-error";
import { CommandIO, LIVE_OPTION_SPECS, commandFailure, liveOptions, redactedPrinters } from "./live-options";

export const DRIFT_USAGE = `drift [--stack cdktf.out/stacks/NAME] [--format text|json] [--concurrency 8] [--timeout 30s]
                           check every declared encryption resource of a synthesized stack against
                           the live cloud; exit 0 in sync, 2 drift, 1 error or unreachable`;

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
    const { values } = parseCommandOptions("drift", args, { stack: { type: "string" }, format: { type: "string", default: "text" }, ...LIVE_OPTION_SPECS });
    if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format ${JSON.stringify(values.format)} is invalid: expected text or json`, "drift");
    const options = liveOptions(values, env);
    const stack = readStack(resolveStackDir(values.stack, cwd));
    const report = await checkDrift(stack, options);
    out(values.format === "json" ? `${JSON.stringify({ ...report, recipe: replaceRecipe(report, cwd) }, null, 2)}\n` : renderDriftText(report, cwd));
    return driftExitCode(report);
  } catch (error) {
    err(`${commandFailure(error, "drift", env)}\n`);
    return error instanceof UsageError ? ExitCode.USAGE : ExitCode.FAILURE;
  } finally {
    await closeConnections();
  }
}

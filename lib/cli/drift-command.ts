import { checkDrift, driftExitCode, withDeclaredElsewhere } from "../review/drift";
import { readStack } from "../stack/read-stack";
import { resolveStackDir } from "../stack/resolve-stack-dir";
import { renderDriftText, replaceRecipe } from "../review/drift-report";
import { CommandIO, defineCommand, runCommand } from "./command";
import { LIVE_OPTIONS, liveOptions } from "./live-options";
import { UsageError } from "./usage-error";

export const DRIFT_COMMAND = defineCommand({
  name: "drift",
  summary: "check every declared encryption resource of a synthesized stack against the live cloud",
  details:
    "every resource gets a row: in sync, drifted, due, refused, unreachable, error or unresolved, with the `-replace` recipe for what drifted",
  options: [
    { name: "stack", value: "DIR", help: "the synthesized stack, such as cdktf.out/stacks/NAME (default: the only one in cdktf.out/stacks)" },
    { name: "other-app", value: "DIR", repeatable: true, help: "a stack of another app: a resource it declares too is reported (exit 2: the two fight)" },
    { name: "format", value: "text|json", default: "text", help: "the report's format" },
    { name: "fail-on", value: "due", repeatable: true, help: "also exit 2 when a key rotation is merely due" },
    ...LIVE_OPTIONS,
  ],
  exits: "exit 0 in sync (a rotation merely due too, unless --fail-on due), 2 drift, 1 refused, error or unreachable, 64 usage error",
  async run({ values, env, cwd, out }) {
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
  },
});

/**
 * `cdktf-encryption drift`: observes every hook of a synthesized stack through its kind's
 * reconciler and reports in-sync / drifted / unreachable, with the `-replace` recipe.
 */
export function runDriftCommand(args: readonly string[], io: CommandIO = {}): Promise<number> {
  return runCommand(DRIFT_COMMAND, args, io);
}

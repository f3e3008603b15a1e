import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { closeConnections } from "../cloud/http-transport";
import { parseGates, trippedGates } from "../review/gates";
import { renderReviewComments, renderReviewMarkdown } from "../review/markdown";
import { hookChangesFromPlan } from "../review/plan-json";
import { loadPlan } from "../review/plan-source";
import { readPolicyVerdicts, withPolicyVerdicts } from "../review/policy-verdicts";
import { buildReview } from "../review/review";
import { ExitCode, UsageError, orUsageError, parseCommandOptions, wantsHelp } from "./usage-error";
import { CommandIO, LIVE_OPTION_SPECS, commandFailure, liveOptions, redactedPrinters } from "./live-options";

export const REVIEW_USAGE = `review --plan FILE [--format markdown|json] [--live] [--fail-on GATE,…]
                           [--comment-dir DIR] [--concurrency N] [--timeout 30s] [--chdir DIR]
                           the plan's encryption changes in plain words (Markdown for a PR comment);
                           FILE is a saved plan or \`terraform show -json\` output (- for stdin);
                           --comment-dir writes part-1.md… each within GitHub's comment limit;
                           gates: irreversible, restart, destroy, change, policy, refused, drift, due, unreachable
                           exit 0 reviewed, 2 a --fail-on gate matched, 1 error, 64 usage error`;

/**
 * `cdktf-encryption review`: reads a Terraform plan, prints each encryption change as its
 * kind's reconciler would carry it out, and exits 2 when a `--fail-on` gate matches.
 */
export async function runReviewCommand(args: readonly string[], io: CommandIO = {}): Promise<number> {
  const { out, err, env } = redactedPrinters(io);
  let live = false;
  if (wantsHelp(args)) {
    out(`usage: cdktf-encryption ${REVIEW_USAGE}\n`);
    return 0;
  }
  try {
    const { values } = parseCommandOptions("review", args, {
      plan: { type: "string" },
      format: { type: "string", default: "markdown" },
      live: { type: "boolean", default: false },
      "fail-on": { type: "string", multiple: true, default: [] },
      chdir: { type: "string" },
      "comment-dir": { type: "string" },
      ...LIVE_OPTION_SPECS,
    });
    if (!values.plan) throw new UsageError("--plan is required: a saved plan (terraform plan -out=FILE) or `terraform show -json` output", "review");
    if (values.format !== "markdown" && values.format !== "json") {
      throw new UsageError(`--format ${JSON.stringify(values.format)} is invalid: expected markdown or json`, "review");
    }
    const gates = orUsageError("review", () => parseGates(values["fail-on"]));
    live = values.live;
    const needsLive = gates.filter((g) => g === "drift" || g === "due" || g === "unreachable");
    if (needsLive.length > 0 && !live) throw new UsageError(`--fail-on ${needsLive.join(",")} needs --live: drift is read from the cloud`, "review");
    const lives = live ? { ...liveOptions(values, env), observeKeys: true } : undefined;
    const cwd = io.cwd ?? process.cwd();
    const file = values.plan === "-" ? "-" : path.resolve(cwd, values.plan);
    const chdir = values.chdir === undefined ? undefined : path.resolve(cwd, values.chdir);
    const plan = await loadPlan(file, { chdir, stdin: io.stdin });
    // Policy verdicts live in the synthesized stack beside the plan (or in --chdir).
    const stackDir = chdir ?? (file === "-" ? cwd : path.dirname(file));
    const review = withPolicyVerdicts(await buildReview(hookChangesFromPlan(plan), { live: lives, env }), readPolicyVerdicts(stackDir));
    out(values.format === "json" ? `${JSON.stringify(review, null, 2)}\n` : renderReviewMarkdown(review));
    if (values["comment-dir"] !== undefined) writeCommentParts(path.resolve(cwd, values["comment-dir"]), renderReviewComments(review));
    const tripped = trippedGates(review, gates);
    for (const line of tripped) err(`${line}\n`);
    return tripped.length > 0 ? 2 : 0;
  } catch (error) {
    err(`${commandFailure(error, "review", env)}\n`);
    return error instanceof UsageError ? ExitCode.USAGE : ExitCode.FAILURE;
  } finally {
    if (live) await closeConnections();
  }
}

/** Writes the comment parts as part-1.md, part-2.md…, removing parts left from an earlier, longer review. */
function writeCommentParts(dir: string, parts: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (/^part-\d+\.md$/.test(name)) rmSync(path.join(dir, name));
  parts.forEach((text, i) => writeFileSync(path.join(dir, `part-${i + 1}.md`), text));
}

import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { GATES, parseGates, trippedGates } from "../review/gates";
import { renderReviewComments, renderReviewMarkdown } from "../review/markdown";
import { hookChangesFromPlan } from "../review/plan-json";
import { loadPlan } from "../review/plan-source";
import { readPolicyVerdicts, withPolicyVerdicts } from "../review/policy-verdicts";
import { buildReview } from "../review/review";
import { CommandIO, defineCommand, runCommand } from "./command";
import { LIVE_OPTIONS, liveOptions } from "./live-options";
import { UsageError, orUsageError } from "./usage-error";

export const REVIEW_COMMAND = defineCommand({
  name: "review",
  summary: "the plan's encryption changes in plain words (Markdown for a PR comment)",
  options: [
    { name: "plan", value: "FILE", required: true, help: "a saved plan (terraform plan -out=FILE) or `terraform show -json` output; - reads it from stdin" },
    { name: "format", value: "markdown|json", default: "markdown", help: "the review's format" },
    { name: "live", help: "also read each resource and its KMS key from the cloud: drift, due rotations, keys" },
    { name: "fail-on", value: "GATE[,GATE…]", repeatable: true, help: `exit 2 when one of these gates matches: ${Object.keys(GATES).join(", ")}` },
    { name: "comment-dir", value: "DIR", help: "also write part-1.md… each within GitHub's comment limit" },
    { name: "chdir", value: "DIR", help: "the stack directory to run `terraform show` in and read policy verdicts from (default: the plan's)" },
    ...LIVE_OPTIONS,
  ],
  exits: "exit 0 reviewed, 2 a --fail-on gate matched, 1 error, 64 usage error",
  async run({ values, env, cwd, out, err, io }) {
    if (values.format !== "markdown" && values.format !== "json") {
      throw new UsageError(`--format ${JSON.stringify(values.format)} is invalid: expected markdown or json`, "review");
    }
    const gates = orUsageError("review", () => parseGates(values["fail-on"]));
    const needsLive = gates.filter((g) => g === "drift" || g === "due" || g === "unreachable");
    if (needsLive.length > 0 && !values.live) throw new UsageError(`--fail-on ${needsLive.join(",")} needs --live: drift is read from the cloud`, "review");
    const lives = values.live ? { ...liveOptions(values, env), observeKeys: true } : undefined;
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
  },
});

/**
 * `cdktf-encryption review`: reads a Terraform plan, prints each encryption change as its
 * kind's reconciler would carry it out, and exits 2 when a `--fail-on` gate matches.
 */
export function runReviewCommand(args: readonly string[], io: CommandIO = {}): Promise<number> {
  return runCommand(REVIEW_COMMAND, args, io);
}

/** Writes the comment parts as part-1.md, part-2.md…, removing parts left from an earlier, longer review. */
function writeCommentParts(dir: string, parts: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (/^part-\d+\.md$/.test(name)) rmSync(path.join(dir, name));
  parts.forEach((text, i) => writeFileSync(path.join(dir, `part-${i + 1}.md`), text));
}

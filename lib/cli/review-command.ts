import * as path from "node:path";
import { parseArgs } from "node:util";
import { closeConnections } from "../cloud/http-transport";
import { parseGates, trippedGates } from "../review/gates";
import { renderReviewMarkdown } from "../review/markdown";
import { hookChangesFromPlan } from "../review/plan-json";
import { loadPlan } from "../review/plan-source";
import { buildReview } from "../review/review";
import { ReviewError } from "../review/review-error";
import { CommandIO, LIVE_OPTION_SPECS, commandFailure, liveOptions, redactedPrinters } from "./live-options";

export const REVIEW_USAGE = `review --plan FILE [--format markdown|json] [--live] [--fail-on GATE,…]
                           [--concurrency N] [--timeout 30s] [--chdir DIR]
                           the plan's encryption changes in plain words (Markdown for a PR comment);
                           FILE is a saved plan or \`terraform show -json\` output (- for stdin);
                           gates: irreversible, restart, destroy, change, drift, unreachable
                           exit 0 reviewed, 2 a --fail-on gate matched, 1 error`;

/**
 * `cdktf-encryption review`: reads a Terraform plan, prints each encryption change as its
 * kind's reconciler would carry it out, and exits 2 when a `--fail-on` gate matches.
 */
export async function runReviewCommand(args: readonly string[], io: CommandIO = {}): Promise<number> {
  const { out, err, env } = redactedPrinters(io);
  let live = false;
  if (args.includes("--help") || args.includes("-h")) {
    out(`usage: cdktf-encryption ${REVIEW_USAGE}\n`);
    return 0;
  }
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        plan: { type: "string" },
        format: { type: "string", default: "markdown" },
        live: { type: "boolean", default: false },
        "fail-on": { type: "string", multiple: true, default: [] },
        chdir: { type: "string" },
        ...LIVE_OPTION_SPECS,
      },
    });
    if (!values.plan) throw new ReviewError("--plan is required: a saved plan (terraform plan -out=FILE) or `terraform show -json` output");
    if (values.format !== "markdown" && values.format !== "json") {
      throw new ReviewError(`--format ${JSON.stringify(values.format)} is invalid: expected markdown or json`);
    }
    const gates = parseGates(values["fail-on"]);
    live = values.live;
    const needsLive = gates.filter((g) => g === "drift" || g === "unreachable");
    if (needsLive.length > 0 && !live) throw new ReviewError(`--fail-on ${needsLive.join(",")} needs --live: drift is read from the cloud`);
    const lives = live ? { ...liveOptions(values, env), observeKeys: true } : undefined;
    const cwd = io.cwd ?? process.cwd();
    const file = values.plan === "-" ? "-" : path.resolve(cwd, values.plan);
    const chdir = values.chdir === undefined ? undefined : path.resolve(cwd, values.chdir);
    const plan = await loadPlan(file, { chdir, stdin: io.stdin });
    const review = await buildReview(hookChangesFromPlan(plan), { live: lives, env });
    out(values.format === "json" ? `${JSON.stringify(review, null, 2)}\n` : renderReviewMarkdown(review));
    const tripped = trippedGates(review, gates);
    for (const line of tripped) err(`${line}\n`);
    return tripped.length > 0 ? 2 : 0;
  } catch (error) {
    err(`${commandFailure(error, "review", env)}\n`);
    return 1;
  } finally {
    if (live) await closeConnections();
  }
}

// A pull-request comment holds at most 65,536 characters: the review keeps its summary table
// first, collapses details, and past the limit splits into numbered parts (500 resources here).
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runReviewCommand } from "../../../lib/cli/review-command";
import { GITHUB_COMMENT_LIMIT, REVIEW_MARKER, renderReviewComments, renderReviewMarkdown } from "../../../lib/review/markdown";
import { hookChangesFromPlan } from "../../../lib/review/plan-json";
import { Review, buildReview } from "../../../lib/review/review";
import { runCommand } from "../../support/review-harness";
import { HOSTILE_NAME, markdownProblem } from "../../support/hostile-text";
import { TAURUSDB_SPEC } from "../../support/spec-fixtures";

/** A plan of `n` TaurusDB hooks, each replaced with a new key: every row has actions and details. */
function bigPlan(n: number) {
  const resource_changes = Array.from({ length: n }, (_, i) => {
    const instance = `${i.toString(16).padStart(32, "0")}in07`;
    const spec = { ...TAURUSDB_SPEC, instance_id: instance, timeout: "2m" };
    return {
      address: `terraform_data.db-${i}_encryption_hook_${i.toString(16).padStart(8, "0").toUpperCase()}`,
      mode: "managed",
      type: "terraform_data",
      change: { actions: ["create", "delete"], before: { triggers_replace: { ...spec, encryption: "off", kms_key_id: "" } }, after: { triggers_replace: spec }, after_unknown: {} },
    };
  });
  return { format_version: "1.2", planned_values: {}, resource_changes };
}

let review: Review;
beforeAll(async () => {
  review = await buildReview(hookChangesFromPlan(bigPlan(500)));
});

test("500 resources: numbered parts within GitHub's limit, summary table first, details collapsed, every row once", () => {
  const whole = renderReviewMarkdown(review);
  expect(whole.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
  const parts = renderReviewComments(review);
  expect(parts.length).toBeGreaterThan(1);
  for (const [i, part] of parts.entries()) {
    expect(part.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(part.startsWith(`${REVIEW_MARKER}\n### Encryption changes (part ${i + 1} of ${parts.length}`)).toBe(true);
    // Every <details> that opens in a part closes in it.
    expect(part.split("<details>").length).toBe(part.split("</details>").length);
  }
  // The first part: the summary line, then the summary table, before any details.
  const first = parts[0].split("\n");
  expect(first[3]).toBe(`**${review.summary}**`);
  expect(first[5]).toBe("| Resource | Terraform | What the hook does |");
  expect(parts[0].indexOf("| Resource |")).toBeLessThan(parts[0].indexOf("<details>") === -1 ? Infinity : parts[0].indexOf("<details>"));
  // Every resource's table row exactly once across the parts, in order; a table continued in a later part repeats its header.
  const rows = parts.flatMap((p) => p.split("\n").filter((l) => l.startsWith("| **TaurusDB")));
  expect(rows).toHaveLength(500);
  expect(rows.map((r) => /`(terraform_data\.db-\d+)_/.exec(r)![1])).toEqual(review.resources.map((r) => r.address.replace(/_encryption_hook_\w+$/, "")));
  for (const part of parts.slice(1)) {
    const lines = part.split("\n");
    const firstRow = lines.findIndex((l) => l.startsWith("| **TaurusDB"));
    if (firstRow >= 0) expect(lines[firstRow - 2]).toBe("| Resource | Terraform | What the hook does |");
  }
  const details = parts.join("\n").match(/<details><summary>/g) ?? [];
  expect(details).toHaveLength(500);
  // Together the parts say what the single document says.
  expect(parts.join("\n")).toContain(review.resources[499].actions[0].description.slice(1));
});

test("past the most parts, or a block alone longer than the limit, the text is cut with a pointer to the job summary", () => {
  const few = renderReviewComments(review, GITHUB_COMMENT_LIMIT, 2);
  expect(few).toHaveLength(2);
  expect(few[1]).toMatch(/Cut here:\*\* the rest of this review is in the workflow run's job summary\.\n$/);
  const huge: Review = { ...review, resources: [{ ...review.resources[0], notes: ["x".repeat(80_000)] }] };
  const parts = renderReviewComments(huge, GITHUB_COMMENT_LIMIT);
  for (const part of parts) expect(part.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  expect(parts.join("")).toContain("job summary");
});

test("a hostile text longer than a comment is cut inside its section, which is closed again: every part is inert Markdown", () => {
  const hostile: Review = { ...review, resources: [{ ...review.resources[0], notes: [HOSTILE_NAME.repeat(400)] }] };
  const parts = renderReviewComments(hostile, GITHUB_COMMENT_LIMIT);
  expect(parts.length).toBeGreaterThan(1);
  for (const part of parts) {
    expect(part.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(markdownProblem(part)).toBeUndefined();
  }
});

test("review --comment-dir writes part-1.md… and removes parts left from a longer review; stdout keeps the whole review", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-comments-"));
  const planFile = path.join(dir, "plan.json");
  writeFileSync(planFile, JSON.stringify(bigPlan(500)));
  const out = path.join(dir, "comments");
  const big = await runCommand(runReviewCommand, ["--plan", planFile, "--comment-dir", out]);
  expect(big.code).toBe(0);
  const names = readdirSync(out).sort();
  expect(names.length).toBeGreaterThan(1);
  expect(names[0]).toBe("part-1.md");
  for (const name of names) expect(readFileSync(path.join(out, name), "utf8").length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  expect(big.stdout.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);

  writeFileSync(planFile, JSON.stringify(bigPlan(3)));
  const small = await runCommand(runReviewCommand, ["--plan", planFile, "--comment-dir", out]);
  expect(small.code).toBe(0);
  expect(readdirSync(out)).toEqual(["part-1.md"]);
  expect(readFileSync(path.join(out, "part-1.md"), "utf8")).toBe(small.stdout);
  expect(existsSync(path.join(out, "part-2.md"))).toBe(false);
});

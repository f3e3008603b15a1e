import { Readable } from "node:stream";
import { runDriftCommand } from "../../../lib/cli/drift-command";
import { runReviewCommand } from "../../../lib/cli/review-command";
import { mapBounded } from "../../../lib/runtime/concurrency-limit";
import { renderReviewMarkdown } from "../../../lib/review/markdown";
import { hookChangesFromPlan } from "../../../lib/review/plan-json";
import { loadPlan } from "../../../lib/review/plan-source";
import { buildReview } from "../../../lib/review/review";
import { runCommand } from "../../support/review-harness";
import { TAURUSDB_SPEC } from "../../support/spec-fixtures";

const SPEC = { ...TAURUSDB_SPEC, timeout: "2m" };

function plan(...changes: { address: string; actions: string[]; before?: unknown; after?: unknown; reason?: string }[]) {
  return {
    format_version: "1.2",
    planned_values: {},
    resource_changes: changes.map((c) => ({
      address: c.address,
      mode: "managed",
      type: c.address.split(".")[0],
      change: { actions: c.actions, before: c.before ?? null, after: c.after ?? null, after_unknown: {} },
      ...(c.reason ? { action_reason: c.reason } : {}),
    })),
  };
}

test("mapBounded keeps at most N calls in flight and the items' order", async () => {
  let inFlight = 0;
  let most = 0;
  const results = await mapBounded([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
    inFlight++;
    most = Math.max(most, inFlight);
    for (let i = 0; i < n; i++) await Promise.resolve();
    inFlight--;
    return n * 10;
  });
  expect(results).toEqual([50, 10, 40, 20, 30, 0, 60]);
  expect(most).toBe(3);
});

test("null_resource triggers are read as the Spec; in-place updates and forgets do not run the hook", async () => {
  const planned = hookChangesFromPlan(
    plan(
      { address: "null_resource.a", actions: ["update"], before: { triggers: SPEC }, after: { triggers: SPEC } },
      { address: "null_resource.b", actions: ["forget"], before: { triggers: SPEC } },
      { address: "null_resource.unrelated", actions: ["create"], after: { triggers: { kind: "not ours" } } },
    ),
  );
  expect(planned.changes.map((c) => [c.address, c.change, c.before?.attribute])).toEqual([
    ["null_resource.a", "update", "triggers"],
    ["null_resource.b", "forget", "triggers"],
  ]);
  const review = await buildReview(planned);
  expect(review.resources.map((r) => [r.hookRuns, r.actions, r.notes])).toEqual([
    [undefined, [], ["an in-place update of the hook resource: the hook does not run"]],
    [undefined, [], ["Terraform forgets the hook resource (removed block with destroy = false): the cloud stays as it is"]],
  ]);
  expect(review.summary).toBe("2 encryption resources: 1 forgotten, 1 updated in place · nothing irreversible · no restarts");
});

test("a Spec of a kind this version does not know is a warning, and an errored plan says it may be incomplete", () => {
  const doc = { ...plan({ address: "terraform_data.x", actions: ["create"], after: { input: { ...SPEC, kind: "obs.bucket-encryption" } } }), errored: true };
  expect(hookChangesFromPlan(doc)).toEqual({
    changes: [],
    warnings: [
      "Terraform reported errors while planning: this plan may be incomplete.",
      'terraform_data.x holds a Spec of kind "obs.bucket-encryption", which this version of cdktf-encryption does not know: it is not reviewed.',
    ],
  });
});

test("state JSON or cdk.tf.json is refused with what to give instead", () => {
  expect(() => hookChangesFromPlan({ format_version: "1.0", values: {} })).toThrow(/not a terraform plan .* give `terraform show -json <plan file>` output/);
  expect(() => hookChangesFromPlan([])).toThrow(/not terraform plan JSON/);
});

test("Markdown keeps every row on one table line: pipes escaped, line breaks as <br>", async () => {
  const review = await buildReview(hookChangesFromPlan(plan({ address: "terraform_data.x", actions: ["delete", "create"], before: { input: SPEC }, after: { input: { ...SPEC, timeout: "5m" } } })));
  const markdown = renderReviewMarkdown({ ...review, resources: [{ ...review.resources[0], notes: ["a | b\nc"], refused: "x | y\nz" }] });
  const row = markdown.split("\n").find((l) => l.startsWith("| **TaurusDB"))!;
  expect(row).toContain("⛔ **Refused**: x \\| y z");
  expect(row.split(/(?<!\\)\|/)).toHaveLength(5);
  // Notes and field changes are details, collapsed under the table: one list item each.
  expect(markdown).toContain("- _Note: a \\| b c._\n");
  expect(markdown).toContain("- `timeout`: `2m` → `5m`\n");
});

test("plans come from stdin too; text that is not JSON is one clear line", async () => {
  const doc = plan();
  await expect(loadPlan("-", { stdin: Readable.from([JSON.stringify(doc)]) })).resolves.toEqual(doc);
  await expect(loadPlan("-", { stdin: Readable.from(["Terraform will perform the following actions"]) })).rejects.toThrow(
    /^--plan - is neither a saved plan nor JSON \(starts with "Terraform will perform the following act"\)/,
  );
});

test("stdin that is a terminal is refused at once instead of waited on", async () => {
  const terminal = Object.assign(Readable.from([]), { isTTY: true });
  await expect(loadPlan("-", { stdin: terminal })).rejects.toThrow(/^--plan - reads the plan from stdin, which is a terminal here: pipe `terraform show -json <plan file>`/);
});

test.each([
  ["review", runReviewCommand],
  ["drift", runDriftCommand],
])("%s --help prints its usage and exits 0", async (name, command) => {
  const result = await runCommand(command, ["--help"]);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout).toMatch(new RegExp(`^usage: cdktf-encryption ${name} `));
});

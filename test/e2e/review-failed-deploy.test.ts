// After a failed deploy, Terraform's plan holds a tainted object and a deposed one. Review
// reads them as they are, from real plans of the real terraform binary: the tainted
// replacement is planned as a create (its Spec was never applied), the deposed object joins
// its address's row, and the summary counts resources, not plan entries.
import { TerraformStack } from "cdktf";
import { BackupEncryption, Duration } from "../../lib";
import { runReviewCommand } from "../../lib/cli/review-command";
import { Review } from "../../lib/review/review";
import { RunningEmulator } from "../support/emulator-harness";
import { TAURUSDB, runCommand, savePlan, useEmulator } from "../support/review-harness";
import { TerraformWorkspace, expectExit } from "../support/terraform-harness";

const { region, projectId, orders: ORDERS, key: KEY } = TAURUSDB;

const emulator = useEmulator();
let cloud: RunningEmulator;
beforeEach(() => {
  cloud = emulator();
});

function declare(enabled: boolean) {
  return (stack: TerraformStack) => {
    new BackupEncryption(stack, "orders-backups", {
      instance: { region, projectId, instanceId: ORDERS },
      kmsKeyId: enabled ? KEY : undefined,
      enabled,
      timeout: Duration.minutes(2),
    });
  };
}

async function review(planFile: string, ...flags: string[]): Promise<Review> {
  const result = await runCommand(runReviewCommand, ["--plan", planFile, "--format", "json", ...flags], { env: cloud.env });
  expect(result).toMatchObject({ code: 0, stderr: "" });
  return JSON.parse(result.stdout) as Review;
}

test("a deploy that failed midway: one row per resource, the tainted replacement planned as a create, the deposed object marked on it", async () => {
  let ws = TerraformWorkspace.synth(declare(false), cloud.env);
  expectExit(await ws.apply(), 0);

  // Turning encryption on fails in the cloud (denied): Terraform created the new object first
  // (create_before_destroy), its provisioner failed, so the new object is tainted and the old
  // one is left deposed.
  ws = ws.resynth(declare(true));
  const changed = await savePlan(ws);
  // The Spec is rendered once: each changed field is one plan line, not two (input and triggers_replace).
  expect(changed.text.match(/~ encryption +=/g)).toHaveLength(1);
  expect(changed.text.match(/~ kms_key_id +=/g)).toHaveLength(1);
  cloud.emulator.faults.add({ operation: "SetBackupEncryption", status: 403, code: "DBS.280007", message: "Policy doesn't allow gaussdb:instance:modify to be performed." });
  const failed = await ws.apply();
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/DBS\.280007/);

  const after = await savePlan(ws);
  const entries = (after.parsed as { resource_changes: { address: string; deposed?: string; action_reason?: string; change: { actions: string[] } }[] }).resource_changes;
  // What real terraform says: the current object replaced because tainted, plus a deposed object of the same address.
  expect(entries.map((e) => [e.change.actions.join(","), e.action_reason, e.deposed !== undefined])).toEqual(
    expect.arrayContaining([
      ["create,delete", "replace_because_tainted", false],
      ["delete", undefined, true],
    ]),
  );
  expect(new Set(entries.map((e) => e.address)).size).toBe(1);

  const offline = await review(after.json);
  expect(offline.resources).toHaveLength(1);
  const [row] = offline.resources;
  expect(row).toMatchObject({ change: "replace", tainted: true, basis: "assumed", deposed: [entries.find((e) => e.deposed)!.deposed] });
  // Not "nothing to change": the Spec in state was never applied.
  expect(row.actions.map((a) => a.description)).toEqual([`turn on encrypted backup with KMS key ${KEY}`]);
  expect(row.notes.join(" ")).toMatch(/tainted by a failed deploy: the last Spec may never have been applied/);
  expect(row.notes.join(" ")).toMatch(/deposed object \w+, left by a failed replacement, is deleted: Terraform runs no provisioner for a deposed object/);
  expect(offline.summary).toBe("1 encryption resource: 1 changed · nothing irreversible · no restarts · 1 tainted by a failed deploy · 1 deposed object deleted");

  // --live plans it from what the cloud reads: still off, so the hook turns it on.
  const live = await review(after.json, "--live");
  expect(live.resources).toHaveLength(1);
  expect(live.resources[0]).toMatchObject({ basis: "live", tainted: true, live: { status: "will-change", observed: `encrypted backup off; KMS key ${KEY} enabled` } });
  expect(live.resources[0].actions.map((a) => a.description)).toEqual([`turn on encrypted backup with KMS key ${KEY}`]);

  // The next deploy does what review said, once.
  cloud.clearCalls();
  expectExit(await ws.apply(), 0);
  expect(cloud.performed().map((c) => c.operation)).toEqual(["SetBackupEncryption"]);
});

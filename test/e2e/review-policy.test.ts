// review shows the encryption policy's verdict per row, read from the synthesized stack beside
// the plan, and `--fail-on policy` gates a pull request that adds a non-compliant resource.
import { Aspects } from "cdktf";
import { BackupEncryption, EncryptionPolicy, Rules, Severity } from "../../lib";
import { runReviewCommand } from "../../lib/cli/review-command";
import { TAURUSDB, runCommand, savePlan, useEmulator } from "../support/review-harness";
import { TerraformWorkspace } from "../support/terraform-harness";

const cloud = useEmulator();

test("a warned violation and a suppression show on their rows; --fail-on policy exits 2 naming the resource", async () => {
  const ws = TerraformWorkspace.synth((stack) => {
    new BackupEncryption(stack, "orders", { instance: { region: TAURUSDB.region, projectId: TAURUSDB.projectId, instanceId: TAURUSDB.orders }, enabled: false });
    const ledger = new BackupEncryption(stack, "ledger", { instance: { region: TAURUSDB.region, projectId: TAURUSDB.projectId, instanceId: TAURUSDB.ledger }, kmsKeyId: TAURUSDB.key });
    Aspects.of(stack).add(new EncryptionPolicy({ rules: [Rules.NO_DISABLE.withSeverity(Severity.WARNING), Rules.SM4_REQUIRED] }));
    EncryptionPolicy.suppress(ledger, "SM4_REQUIRED", "not applicable: TaurusDB key algorithm checked by KMS");
  }, cloud().env);
  const plan = await savePlan(ws);

  const json = await runCommand(runReviewCommand, ["--plan", plan.json, "--format", "json"], { env: cloud().env });
  expect(json.code).toBe(0);
  const rows = (JSON.parse(json.stdout) as { resources: { target: string; policy?: { rule: string; verdict: string }[]; notes: string[] }[] }).resources;
  const orders = rows.find((r) => r.target.includes(TAURUSDB.orders))!;
  expect(orders.policy).toContainEqual(expect.objectContaining({ rule: "NO_DISABLE", verdict: "violation" }));
  expect(orders.notes).toContain("policy NO_DISABLE (warning) is violated: declared enabled: false; the rule needs encryption on");

  const markdown = await runCommand(runReviewCommand, ["--plan", plan.json], { env: cloud().env });
  expect(markdown.stdout).toContain("_Note: policy NO\\_DISABLE (warning) is violated: declared enabled: false; the rule needs encryption on._");

  const gated = await runCommand(runReviewCommand, ["--plan", plan.json, "--fail-on", "policy"], { env: cloud().env });
  expect(gated.code).toBe(2);
  expect(gated.stderr).toContain("--fail-on policy: a violation of the encryption policy (a rule set to warn at synth) in TaurusDB instance 7033");
  expect(gated.stderr).not.toContain(TAURUSDB.ledger);
});

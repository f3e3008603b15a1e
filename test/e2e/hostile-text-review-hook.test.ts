// Issue 22: a cloud's names and messages reach the review comment and the hook's output
// (through real terraform) as text: no mention, link, image, HTML or section in Markdown, no
// control character and no line of their own on a terminal.
import { TerraformStack } from "cdktf";
import { AckCluster, Duration, DwsCluster, EncryptedCluster } from "../../lib";
import { runDriftCommand } from "../../lib/cli/drift-command";
import { runReviewCommand } from "../../lib/cli/review-command";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { FORGED_LINE, HOSTILE_NAME, markdownProblem, terminalProblem } from "../support/hostile-text";
import { DWS, TAURUSDB, runCommand, savePlan, useEmulator } from "../support/review-harness";
import { TerraformWorkspace, expectExit } from "../support/terraform-harness";

const { region, projectId } = TAURUSDB;
const PAYMENTS = "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6";
const emulator = useEmulator();

function declare(stack: TerraformStack): void {
  new EncryptedCluster(stack, "analytics", { cluster: DwsCluster.fromId({ region, projectId, clusterId: DWS.analytics }), masterKey: DWS.key, timeout: Duration.minutes(5) });
  new EncryptedCluster(stack, "payments-k8s", {
    cluster: AckCluster.fromId({ region: EMULATOR_CREDENTIALS.alibaba.region, clusterId: PAYMENTS }),
    masterKey: { id: "key-hzz6payments0secrets01" },
    timeout: Duration.minutes(5),
  });
}

test("review --live: a hostile key name and a hostile service message are shown as text in the comment", async () => {
  const cloud = emulator();
  cloud.emulator.service("dws").patch(DWS.analytics, { master_key_name: HOSTILE_NAME });
  const ws = TerraformWorkspace.synth(declare, cloud.env);
  const plan = await savePlan(ws);
  cloud.emulator.faults.add({ operation: "DescribeClusterDetail", status: 400, code: "ErrorQueryCluster", message: HOSTILE_NAME, count: 20 });

  const review = await runCommand(runReviewCommand, ["--plan", plan.json, "--live"], { env: cloud.env });
  expect(review.stdout).toMatch(/^<!-- cdktf-encryption:review -->/);
  expect(markdownProblem(review.stdout)).toBeUndefined();
  // Both readings are in the comment, as text.
  expect(review.stdout).toContain("Cloud now: encrypted with master key @\u2060octocat \\[click\\]");
  expect(review.stdout).toMatch(/Error: ACK DescribeClusterDetail on cluster \S+ failed: ErrorQueryCluster \(HTTP 400\): @\u2060octocat \\\[click\\\]/);
  expect(terminalProblem(review.stderr)).toBeUndefined();
}, 120_000);

test("the hook under terraform apply, then drift: a hostile key name prints on the hook's own line, no forged 'Apply complete!'", async () => {
  const cloud = emulator();
  cloud.emulator.service("dws").patch(DWS.analytics, { master_key_name: HOSTILE_NAME });
  cloud.emulator.service("ack").patch(PAYMENTS, { encryption_kms_key_id: "key-hzz6payments0secrets01" });
  const ws = TerraformWorkspace.synth(declare, cloud.env);
  const applied = await ws.apply();
  expectExit(applied, 0);
  const output = applied.stdout + applied.stderr;
  expect(terminalProblem(output)).toBeUndefined();
  expect(output).toContain("in sync (encrypted with master key @octocat [click](https://evil.example/x)");
  expect(output).toContain(`key-1\\x0a\\x0a${FORGED_LINE}\\x0d${FORGED_LINE}\\x1b[2K`);
  // Terraform's own end of apply is the only one.
  expect(output.split(/[\r\n]/).filter((line) => line.includes("Apply complete!") && !line.includes("(local-exec)"))).toEqual([expect.stringMatching(/^Apply complete! Resources: 2 added/)]);

  // drift's table shows the cloud as read now: the same name, on its row.
  const drift = await runCommand(runDriftCommand, ["--stack", ws.stackDir], { env: cloud.env });
  expect(drift.code).toBe(0);
  expect(terminalProblem(drift.stdout)).toBeUndefined();
  expect(drift.stdout).toContain("encrypted with master key @octocat");
}, 180_000);

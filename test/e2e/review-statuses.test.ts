// Review and drift never mislead: a refusal is one row among others (never the end of the
// report), a master-key change shows once where the deploy makes it, "in sync" means the cloud
// matches the declaration being deployed, and a rotation come due is `due`, not drift.
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { BackupEncryption, ContextKeys, Duration, DwsCluster, EncryptedCluster, KeyRotationPolicy } from "../../lib";
import { runDriftCommand } from "../../lib/cli/drift-command";
import { runReviewCommand } from "../../lib/cli/review-command";
import { DriftReport } from "../../lib/review/drift";
import { Review, ReviewRow } from "../../lib/review/review";
import { RunningEmulator } from "../support/emulator-harness";
import { DWS, TAURUSDB, runCommand, savePlan, useEmulator } from "../support/review-harness";
import { TerraformWorkspace, expectExit } from "../support/terraform-harness";

const { region, projectId } = TAURUSDB;
const { warehouse: WAREHOUSE, analytics: ANALYTICS, key: KEY, key2: KEY2 } = DWS;
const LEGACY = "2b7d0e3c-5a1f-4c8e-9d6b-7e4f3a2c1b0d"; // version 7.3.0: too old to encrypt
const NOW = "2030-06-01T00:00:00Z";

const emulator = useEmulator(NOW);
let cloud: RunningEmulator;
beforeEach(() => {
  cloud = emulator();
});

const dws = (clusterId: string) => DwsCluster.fromId({ region, projectId, clusterId });
const row = (r: Review, address: string): ReviewRow => r.resources.find((x) => x.address.includes(address))!;

async function review(planFile: string, ...flags: string[]): Promise<{ code: number; review: Review; markdown: string; stderr: string }> {
  const json = await runCommand(runReviewCommand, ["--plan", planFile, "--format", "json", ...flags], { env: cloud.env });
  const markdown = await runCommand(runReviewCommand, ["--plan", planFile, ...flags], { env: cloud.env });
  expect(json.code).toBe(markdown.code);
  if (json.stdout === "") throw new Error(`review printed nothing: ${json.stderr}`);
  return { code: json.code, review: JSON.parse(json.stdout) as Review, markdown: markdown.stdout, stderr: json.stderr };
}

async function drift(ws: TerraformWorkspace, ...flags: string[]): Promise<{ code: number; report: DriftReport; text: string }> {
  const json = await runCommand(runDriftCommand, ["--stack", ws.stackDir, "--format", "json", ...flags], { env: cloud.env });
  const text = await runCommand(runDriftCommand, ["--stack", ws.stackDir, ...flags], { env: cloud.env });
  expect(json.code).toBe(text.code);
  if (json.stdout === "") throw new Error(`drift printed nothing: ${json.stderr}`);
  return { code: json.code, report: JSON.parse(json.stdout) as DriftReport, text: text.stdout };
}

test("the README's DWS example: a rotation policy on a cluster not yet encrypted and a too-old cluster are refused rows; the report still prints", async () => {
  const ws = TerraformWorkspace.synth((stack) => {
    const scope = new Construct(stack, "enc");
    scope.node.setContext(ContextKeys.SYNTH_TIME, NOW);
    new KeyRotationPolicy(scope, "warehouse-rotation", { cluster: dws(WAREHOUSE), rotationPeriod: Duration.days(90) });
    new EncryptedCluster(scope, "legacy", { cluster: dws(LEGACY), masterKey: KEY, timeout: Duration.minutes(10) });
    new BackupEncryption(scope, "orders-backups", {
      instance: { region, projectId, instanceId: TAURUSDB.orders },
      kmsKeyId: TAURUSDB.key,
      timeout: Duration.minutes(2),
    });
  }, cloud.env);

  // drift: one row per resource, each with its status; drifted → exit 2 as documented.
  const checked = await drift(ws);
  expect(checked.code).toBe(2);
  const status = (r: DriftReport) => Object.fromEntries(r.resources.map((x) => [x.target, x.status]));
  expect(status(checked.report)).toEqual({
    [`GaussDB(DWS) cluster ${WAREHOUSE} (${region}) key rotation`]: "refused",
    [`GaussDB(DWS) cluster ${LEGACY} (${region})`]: "refused",
    [`TaurusDB instance ${TAURUSDB.orders} (${region})`]: "drifted",
  });
  const detail = (id: string) => checked.report.resources.find((r) => r.target.includes(id))!.detail;
  expect(detail(WAREHOUSE)).toMatch(/is not encrypted, so it has no key to rotate/);
  expect(detail(LEGACY)).toMatch(/runs version 7\.3\.0: converting to an encrypted cluster needs version 8\.0\.0 or later/);
  expect(checked.report.summary).toBe("0 in sync, 1 drifted, 2 refused");
  expect(checked.text).toMatch(/^refused {2}GaussDB\(DWS\) cluster 97cbaab3\S+ \(cn-north-4\) key rotation {2}not encrypted$/m);
  expect(checked.text).toMatch(/^ +refused: GaussDB\(DWS\) cluster 2b7d0e3c\S+ \(cn-north-4\) runs version 7\.3\.0/m);

  // review --live: the same refusals as rows, the other row planned; gate `refused` exits 2.
  const plan = await savePlan(ws);
  const live = await review(plan.json, "--live");
  expect(live.code).toBe(0);
  expect(Object.fromEntries(live.review.resources.map((r) => [r.address.replace(/_hook_\w+$/, ""), [r.live?.status, r.actions.length]]))).toEqual({
    "terraform_data.enc_legacy_encryption": ["refused", 0],
    "terraform_data.enc_orders-backups_encryption": ["will-change", 1],
    "terraform_data.enc_warehouse-rotation": ["refused", 0],
  });
  expect(row(live.review, "warehouse-rotation").live?.detail).toMatch(/is not encrypted/);
  expect(row(live.review, "legacy").refused).toMatch(/runs version 7\.3\.0/);
  expect(live.review.summary).toBe("3 encryption resources: 3 new · nothing irreversible · no restarts · 2 refused · no drift");
  expect(live.markdown).toContain("| ⛔ **Refused**: GaussDB(DWS) cluster 2b7d0e3c");
  expect(live.markdown).toContain(`| **Refused**: not encrypted, status AVAILABLE; KMS key ${DWS.key.id} enabled |`);
  const gated = await review(plan.json, "--live", "--fail-on", "refused");
  expect(gated.code).toBe(2);
  expect(gated.stderr).toMatch(/^--fail-on refused: a hook that would refuse to run in /);
});

test("a master-key change with a KeyRotationPolicy shows one rotate-key, where the deploy makes it; --live says 'will change', never 'in sync'", async () => {
  cloud.emulator.service("dws").patch(ANALYTICS, { last_rotate_key_time: "2030-05-20 00:00:00" });
  const declare = (key: { id: string; name: string }) => (stack: TerraformStack) => {
    const scope = new Construct(stack, "enc");
    scope.node.setContext(ContextKeys.SYNTH_TIME, NOW);
    const analytics = new EncryptedCluster(scope, "analytics", { cluster: dws(ANALYTICS), masterKey: key, timeout: Duration.minutes(10) });
    new KeyRotationPolicy(scope, "analytics-rotation", { cluster: analytics, rotationPeriod: Duration.days(90) });
  };
  let ws = TerraformWorkspace.synth(declare(KEY), cloud.env);
  expectExit(await ws.apply(), 0);
  expect(cloud.performed()).toEqual([]);

  ws = ws.resynth(declare(KEY2));
  const plan = await savePlan(ws);
  const rotateKeys = (r: Review) => r.resources.flatMap((x) => x.actions).filter((a) => /rotate-key/.test(a.description));
  for (const flags of [[], ["--live"]]) {
    const { review: reviewed } = await review(plan.json, ...flags);
    // In the order the deploy runs the hooks: the cluster's, then the policy's that depends on it.
    expect(reviewed.resources.map((r) => [r.kind, r.change])).toEqual([
      ["dws.cluster-encryption", "replace"],
      ["dws.key-rotation", "replace"],
    ]);
    expect(rotateKeys(reviewed).map((a) => a.description)).toEqual([
      expect.stringMatching(new RegExp(`^move DWS cluster ${ANALYTICS} from master key KMS-1abd-1016 .* to rotation-key-2`)),
    ]);
    expect(reviewed.resources[1].actions).toEqual([]);
    expect(reviewed.resources[1].notes[0]).toMatch(/^planned after terraform_data\.enc_analytics_encryption_hook_\w+, which this deploy runs first: the cloud then reads master key rotation-key-2 .*key last rotated 2030-0[56]-\d\d/);
    if (flags.length > 0) {
      // The cloud matches the last deploy, not this one.
      expect(reviewed.resources.map((r) => r.live?.status)).toEqual(["will-change", "will-change"]);
    }
  }

  // The deploy does what review said: one rotate-key.
  cloud.clearCalls();
  expectExit(await ws.apply(), 0);
  expect(cloud.performed().map((c) => c.operation)).toEqual(["RotateClusterKey"]);
});

test("a rotation merely come due is `due`, not drift: its own gate, and --fail-on drift does not fire", async () => {
  cloud.emulator.service("dws").patch(ANALYTICS, { last_rotate_key_time: "2030-05-20 00:00:00" });
  const ws = TerraformWorkspace.synth((stack) => {
    const scope = new Construct(stack, "enc");
    scope.node.setContext(ContextKeys.SYNTH_TIME, NOW);
    const analytics = new EncryptedCluster(scope, "analytics", { cluster: dws(ANALYTICS), masterKey: KEY, timeout: Duration.minutes(10) });
    new KeyRotationPolicy(scope, "analytics-rotation", { cluster: analytics, rotationPeriod: Duration.days(90) });
  }, cloud.env);
  expectExit(await ws.apply(), 0);
  cloud.emulator.clock.set(Date.parse("2030-08-20T00:00:00Z"));

  const checked = await drift(ws);
  expect(checked.code).toBe(0);
  expect(Object.fromEntries(checked.report.resources.map((r) => [r.kind, r.status]))).toEqual({ "dws.cluster-encryption": "in-sync", "dws.key-rotation": "due" });
  expect(checked.text).toMatch(/^ +due, not drift: rotate the encryption key of DWS cluster 9f76c502\S+: last rotated 2030-05-20 00:00:00 UTC, 92 days ago, period 90d/m);
  expect((await drift(ws, "--fail-on", "due")).code).toBe(2);

  const plan = await savePlan(ws);
  const noDrift = await review(plan.json, "--live", "--fail-on", "drift");
  expect(noDrift.code).toBe(0);
  expect(noDrift.review.resources.map((r) => r.live?.status)).toEqual(["in-sync", "due"]);
  expect(noDrift.review.summary).toMatch(/· no drift · 1 due$/);
  const due = await review(plan.json, "--live", "--fail-on", "due");
  expect(due.code).toBe(2);
  expect(due.stderr).toBe(`--fail-on due: a key rotation come due (needs --live) in GaussDB(DWS) cluster ${ANALYTICS} (${region}) key rotation\n`);
});

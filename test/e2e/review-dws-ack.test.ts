// review of GaussDB(DWS) conversion and key rotation and of ACK Secret encryption, on plans
// of the real terraform binary; --live reads the emulator through the same reconcilers.
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AckCluster, ContextKeys, Duration, DwsCluster, EncryptedCluster, KeyRotationPolicy } from "../../lib";
import { runDriftCommand } from "../../lib/cli/drift-command";
import { runReviewCommand } from "../../lib/cli/review-command";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { DriftReport } from "../../lib/review/drift";
import { Review, ReviewRow } from "../../lib/review/review";
import { RunningEmulator } from "../support/emulator-harness";
import { DWS, TAURUSDB, runCommand, savePlan, useEmulator } from "../support/review-harness";
import { TerraformWorkspace, expectExit } from "../support/terraform-harness";

const { region, projectId } = TAURUSDB;
const ACK_REGION = EMULATOR_CREDENTIALS.alibaba.region;
const { warehouse: WAREHOUSE, analytics: ANALYTICS, key: KEY, key2: KEY2 } = DWS;
const PAYMENTS = "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6"; // ACK Pro, no Secret encryption
const ACK_KEY = "key-hzz6payments0secrets01";
const ACK_KEY2 = "key-hzz6payments0secrets02";
const NOW = "2030-06-01T00:00:00Z";

const emulator = useEmulator(NOW);
let cloud: RunningEmulator;
beforeEach(() => {
  cloud = emulator();
});

function declare(keys: { warehouse?: typeof KEY | typeof KEY2; payments?: string } = {}) {
  return (stack: TerraformStack) => {
    const scope = new Construct(stack, "enc");
    scope.node.setContext(ContextKeys.SYNTH_TIME, NOW);
    const dws = (clusterId: string) => DwsCluster.fromId({ region, projectId, clusterId });
    new EncryptedCluster(scope, "warehouse", { cluster: dws(WAREHOUSE), masterKey: keys.warehouse ?? KEY, timeout: Duration.minutes(10) });
    const analytics = new EncryptedCluster(scope, "analytics", { cluster: dws(ANALYTICS), masterKey: KEY, timeout: Duration.minutes(10) });
    new KeyRotationPolicy(scope, "analytics-rotation", { cluster: analytics, rotationPeriod: Duration.days(90) });
    new EncryptedCluster(scope, "payments-k8s", {
      cluster: AckCluster.fromId({ region: ACK_REGION, clusterId: PAYMENTS }),
      masterKey: { id: keys.payments ?? ACK_KEY },
      timeout: Duration.minutes(10),
    });
  };
}

async function review(planFile: string, ...flags: string[]): Promise<{ code: number; review: Review; markdown: string; stderr: string }> {
  const json = await runCommand(runReviewCommand, ["--plan", planFile, "--format", "json", ...flags], { env: cloud.env });
  if (json.stdout === "") throw new Error(`review printed nothing: ${json.stderr}`);
  const markdown = await runCommand(runReviewCommand, ["--plan", planFile, ...flags], { env: cloud.env });
  return { code: json.code, review: JSON.parse(json.stdout) as Review, markdown: markdown.stdout, stderr: json.stderr };
}

const row = (r: Review, address: string): ReviewRow => r.resources.find((x) => x.address.includes(address))!;
const words = (r: ReviewRow) => r.actions.map((a) => a.description);

test("create: DWS conversion is flagged irreversible and restarting, rotation and ACK in words; --live reads '97 days ago'; gates exit 2", async () => {
  cloud.emulator.service("dws").patch(ANALYTICS, { last_rotate_key_time: "2030-02-24 00:00:00" });
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  const plan = await savePlan(ws);

  const offline = await review(plan.json);
  expect(offline.code).toBe(0);
  const warehouse = row(offline.review, "warehouse_encryption");
  expect(warehouse).toMatchObject({ kind: "dws.cluster-encryption", change: "create", basis: "assumed", irreversible: true, restarts: true });
  expect(words(warehouse)).toEqual([
    `convert DWS cluster ${WAREHOUSE} to encrypted with key KMS-1abd-1016 (${KEY.id}) (AES); the cluster restarts and cannot be decrypted afterwards`,
  ]);
  expect(words(row(offline.review, "payments-k8s"))).toEqual([`turn on Secret encryption at rest with KMS key ${ACK_KEY}`]);
  expect(row(offline.review, "analytics-rotation")).toMatchObject({ kind: "dws.key-rotation", change: "create", basis: "assumed" });
  expect(words(row(offline.review, "analytics-rotation"))[0]).toMatch(new RegExp(`^rotate the encryption key of DWS cluster ${ANALYTICS}`));
  expect(offline.review.summary).toBe("4 encryption resources: 4 new · 2 irreversible · 2 restart a service");
  expect(offline.markdown).toMatchSnapshot("dws and ack create, offline");

  // Read from the cloud: analytics is already encrypted (nothing to do, nothing irreversible),
  // its key was last rotated 97 days ago with a 90-day period.
  const live = await review(plan.json, "--live");
  expect(row(live.review, "analytics_encryption")).toMatchObject({ basis: "live", actions: [], irreversible: false, live: { status: "in-sync" } });
  expect(row(live.review, "analytics_encryption").live!.observed).toMatch(/^encrypted with master key KMS-1abd-1016/);
  // --live also reads the declared KMS keys and shows their state.
  expect(row(live.review, "analytics_encryption").live!.observed).toMatch(new RegExp(`; KMS key ${KEY.id} enabled$`));
  expect(row(live.review, "payments-k8s").live!.observed).toBe(`Secret encryption off; KMS key ${ACK_KEY} Enabled`);
  expect(words(row(live.review, "analytics-rotation"))).toEqual([
    `rotate the encryption key of DWS cluster ${ANALYTICS}: last rotated 2030-02-24 00:00:00 UTC, 97 days ago, period 90d`,
  ]);
  expect(row(live.review, "warehouse_encryption")).toMatchObject({ irreversible: true, restarts: true, live: { status: "will-change" } });
  expect(live.review.summary).toBe("4 encryption resources: 4 new · 1 irreversible · 1 restarts a service · no drift · 1 due");
  expect(row(live.review, "analytics-rotation").live?.status).toBe("due");
  expect(cloud.performed()).toEqual([]);

  const gated = await review(plan.json, "--fail-on", "irreversible,restart");
  expect(gated.code).toBe(2);
  expect(gated.stderr.split("\n").filter(Boolean)).toEqual([
    expect.stringMatching(/^--fail-on irreversible: an irreversible step in GaussDB\(DWS\) cluster 9f76c502\S* \(cn-north-4\), GaussDB\(DWS\) cluster 97cbaab3\S* \(cn-north-4\)$/),
    expect.stringMatching(/^--fail-on restart: a service restart in /),
  ]);
});

test("drift of DWS and ACK; then replace (new keys), no-op and destroy, from the state the kinds report", async () => {
  // The world already as declared, so the first apply is four reads.
  cloud.emulator.service("dws").patch(WAREHOUSE, { master_key_id: KEY.id, master_key_name: KEY.name, crypt_algorithm: "generalCipher", last_rotate_key_time: "2030-05-20 00:00:00" });
  cloud.emulator.service("dws").patch(ANALYTICS, { last_rotate_key_time: "2030-05-20 00:00:00" });
  cloud.emulator.service("ack").patch(PAYMENTS, { encryption_kms_key_id: ACK_KEY });
  let ws = TerraformWorkspace.synth(declare(), cloud.env);
  expectExit(await ws.apply(), 0);
  expect(cloud.performed()).toEqual([]);

  // drift: all four in sync; then Secret encryption turned off behind Terraform's back is
  // drift, and a rotation come due is reported as due (not drift), each with what the hook would do.
  const drift = async () => {
    const result = await runCommand(runDriftCommand, ["--stack", ws.stackDir, "--format", "json"], { env: cloud.env });
    return { code: result.code, report: JSON.parse(result.stdout) as DriftReport };
  };
  expect(await drift()).toMatchObject({ code: 0, report: { counts: { "in-sync": 4, drifted: 0 } } });
  cloud.emulator.service("ack").patch(PAYMENTS, { encryption_kms_key_id: null });
  cloud.emulator.clock.set(Date.parse("2030-08-20T00:00:00Z"));
  const drifted = await drift();
  expect(drifted.code).toBe(2);
  expect(drifted.report.resources.filter((r) => r.status === "drifted" || r.status === "due").map((r) => [r.status, r.kind, r.observed, r.corrections])).toEqual([
    ["due", "dws.key-rotation", expect.stringContaining("last rotated 2030-05-20 00:00:00 UTC"), [expect.stringMatching(/: last rotated 2030-05-20 00:00:00 UTC, 92 days ago, period 90d$/)]],
    ["drifted", "ack.secret-encryption", "Secret encryption off", [`turn on Secret encryption at rest with KMS key ${ACK_KEY}`]],
  ]);
  cloud.emulator.service("ack").patch(PAYMENTS, { encryption_kms_key_id: ACK_KEY });
  cloud.emulator.clock.set(Date.parse(NOW));

  ws = ws.resynth(declare({ warehouse: KEY2, payments: ACK_KEY2 }));
  const changedPlan = await savePlan(ws);
  // The trigger lines alone say what changes: readable keys and values, no blob or hash.
  expect(changedPlan.text).toMatch(/~ master_key_id\s+= "0f3196c8-5c23-469f-84da-92ecd2499dce" -> "5d3a3a51-7b9e-4d2c-9d8e-0c6a1f2b3c4d"/);
  expect(changedPlan.text).toMatch(/~ master_key_name\s+= "KMS-1abd-1016" -> "rotation-key-2"/);
  expect(changedPlan.text).toMatch(/~ kms_key_id\s+= "key-hzz6payments0secrets01" -> "key-hzz6payments0secrets02"/);
  expect(changedPlan.text).not.toMatch(/jsonencode|sha256|base64/);
  const changed = await review(changedPlan.json);
  const warehouse = row(changed.review, "warehouse_encryption");
  expect(warehouse).toMatchObject({ change: "replace", basis: "declared", irreversible: false });
  expect(warehouse.fields.map((f) => f.field)).toEqual(expect.arrayContaining(["master_key_id", "master_key_name"]));
  expect(words(warehouse)[0]).toMatch(new RegExp(`^move DWS cluster ${WAREHOUSE} from master key KMS-1abd-1016 .* to rotation-key-2`));
  const payments = row(changed.review, "payments-k8s");
  expect(payments).toMatchObject({ change: "replace", fields: [{ field: "kms_key_id", before: ACK_KEY, after: ACK_KEY2 }] });
  expect(words(payments)).toEqual([`change the Secret encryption key from ${ACK_KEY} to ${ACK_KEY2}`]);
  expect(row(changed.review, "analytics_encryption")).toMatchObject({ change: "no-op", actions: [] });
  expect(row(changed.review, "analytics-rotation")).toMatchObject({ change: "no-op", actions: [] });
  expect(changed.review.summary).toBe("4 encryption resources: 2 changed, 2 unchanged · nothing irreversible · no restarts");

  const destroying = await review((await savePlan(ws, ["-destroy"])).json, "--fail-on", "destroy");
  expect(destroying.code).toBe(2);
  for (const r of destroying.review.resources) expect(r).toMatchObject({ change: "destroy", hookRuns: "destroy", actions: [] });
  // Destroys that keep encryption say so.
  expect(row(destroying.review, "warehouse_encryption").notes.join(" ")).toMatch(/encrypted/);
  expect(row(destroying.review, "payments-k8s").notes.join(" ")).toMatch(/RETAIN/);
  expect(destroying.markdown).toMatchSnapshot("dws and ack destroy");
});

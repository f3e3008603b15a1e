import * as path from "node:path";
import { Aspects, TerraformStack } from "cdktf";
import { BackupEncryption, Duration, ReconcileOnEveryDeploy } from "../../lib";
import { runDriftCommand } from "../../lib/cli/drift-command";
import { runReviewCommand } from "../../lib/cli/review-command";
import { TaurusDbService } from "../../lib/emulator/services/taurusdb";
import { DriftReport } from "../../lib/review/drift";
import { Review } from "../../lib/review/review";
import { RunningEmulator } from "../support/emulator-harness";
import { TAURUSDB, runCommand, savePlan, useEmulator } from "../support/review-harness";
import { closedPort } from "../support/closed-port";
import { TerraformWorkspace, expectExit, run } from "../support/terraform-harness";

const { region, projectId, orders: ORDERS, ledger: LEDGER, key: KEY } = TAURUSDB;

const emulator = useEmulator();
let cloud: RunningEmulator;
beforeEach(() => {
  cloud = emulator();
});

function declare(options: { reconcileOnEveryDeploy?: boolean } = {}) {
  return (stack: TerraformStack) => {
    for (const [id, instanceId] of [["orders-backups", ORDERS], ["ledger-backups", LEDGER]]) {
      new BackupEncryption(stack, id, { instance: { region, projectId, instanceId }, kmsKeyId: KEY, timeout: Duration.minutes(2) });
    }
    if (options.reconcileOnEveryDeploy) Aspects.of(stack).add(new ReconcileOnEveryDeploy());
  };
}

const taurusdb = () => cloud.emulator.service<TaurusDbService>("taurusdb");

async function drift(ws: TerraformWorkspace, env: Record<string, string> = cloud.env, ...flags: string[]) {
  const text = await runCommand(runDriftCommand, ["--stack", ws.stackDir, ...flags], { env });
  const json = await runCommand(runDriftCommand, ["--stack", ws.stackDir, "--format", "json", ...flags], { env });
  expect(json.code).toBe(text.code);
  return { code: text.code, text: text.stdout, stderr: text.stderr, report: JSON.parse(json.stdout) as DriftReport & { recipe?: string } };
}


test("in sync exits 0; a change behind Terraform's back is drift (exit 2) with the -replace recipe, which corrects it", async () => {
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  expectExit(await ws.apply(), 0);

  const inSync = await drift(ws);
  expect(inSync.code).toBe(0);
  expect(inSync.report.resources.map((r) => [r.target, r.status, r.observed])).toEqual([
    [`TaurusDB instance ${LEDGER} (${region})`, "in-sync", "encrypted backup on"],
    [`TaurusDB instance ${ORDERS} (${region})`, "in-sync", "encrypted backup on"],
  ]);
  expect(inSync.text).toContain("Drift of stack e2e against the live cloud: 2 in sync, 0 drifted");

  // Someone turns encrypted backup off in the console.
  taurusdb().patch(ORDERS, { backup_encryption: "off", kms_key_id: null });
  cloud.clearCalls();
  const drifted = await drift(ws);
  expect(drifted.code).toBe(2);
  expect(cloud.performed()).toEqual([]); // drift only reads
  const address = "terraform_data.orders-backups_encryption_hook_B23149E0";
  expect(drifted.report.resources.find((r) => r.status === "drifted")).toEqual({
    address,
    kind: "taurusdb.backup-encryption",
    target: `TaurusDB instance ${ORDERS} (${region})`,
    declared: `encrypted backup on with KMS key ${KEY}, removal policy RETAIN`,
    status: "drifted",
    observed: "encrypted backup off",
    corrections: [`turn on encrypted backup with KMS key ${KEY}`],
  });
  expect(drifted.report.recipe).toBe(`terraform -chdir=${ws.stackDir} apply -replace='${address}'`);
  expect(drifted.text.replaceAll(ws.stackDir, "<stack>")).toMatchSnapshot("drift text report");

  // Terraform alone sees nothing; the recipe runs the hook again.
  expectExit(await ws.plan(), 0);
  const replaced = await ws.terraform(["apply", "-auto-approve", "-input=false", "-no-color", `-replace=${address}`]);
  expectExit(replaced, 0);
  expect(replaced.stdout).toContain("turn on encrypted backup");
  expect((await drift(ws)).code).toBe(0);
});

test("review --live shows the cloud beside each row, and a drift this deploy will not correct; --fail-on drift exits 2", async () => {
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  expectExit(await ws.apply(), 0);
  taurusdb().patch(ORDERS, { backup_encryption: "off", kms_key_id: null });
  const plan = await savePlan(ws);
  const live = await runCommand(runReviewCommand, ["--plan", plan.json, "--live", "--format", "json", "--fail-on", "drift"], { env: cloud.env });
  expect(live.code).toBe(2);
  expect(live.stderr).toBe(`--fail-on drift: drift from the live cloud (needs --live) in TaurusDB instance ${ORDERS} (${region})\n`);
  const review = JSON.parse(live.stdout) as Review;
  expect(review.summary).toBe("2 encryption resources: 2 unchanged · nothing irreversible · no restarts · 1 drifted");
  const [ledger, orders] = review.resources;
  expect(ledger.live).toEqual({ status: "in-sync", observed: `encrypted backup on; KMS key ${KEY} enabled` });
  expect(orders.live).toEqual({ status: "drifted", observed: `encrypted backup off; KMS key ${KEY} enabled`, corrections: [`turn on encrypted backup with KMS key ${KEY}`] });
  expect(orders.notes).toContain("this deploy does not run the hook, so the drift stays: see `cdktf-encryption drift` to correct it");
  const markdown = await runCommand(runReviewCommand, ["--plan", plan.json, "--live"], { env: cloud.env });
  expect(markdown.stdout).toContain(`| **Drifted**: encrypted backup off; KMS key ${KEY} enabled |`);
  expect(markdown.stdout).toContain(`- To correct: turn on encrypted backup with KMS key ${KEY}.`);
});

test("review --live plans a create from the cloud as read, not the worst case", async () => {
  taurusdb().patch(ORDERS, { backup_encryption: "on", kms_key_id: KEY });
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  const plan = await savePlan(ws);
  const live = await runCommand(runReviewCommand, ["--plan", plan.json, "--live", "--format", "json"], { env: cloud.env });
  const orders = (JSON.parse(live.stdout) as Review).resources.find((r) => r.target.includes(ORDERS))!;
  // The cloud already reads what this deploy declares: in sync.
  expect(orders).toMatchObject({ change: "create", basis: "live", actions: [], live: { status: "in-sync", observed: `encrypted backup on; KMS key ${KEY} enabled` } });
  const offline = await runCommand(runReviewCommand, ["--plan", plan.json, "--format", "json"], { env: cloud.env });
  expect((JSON.parse(offline.stdout) as Review).resources.find((r) => r.target.includes(ORDERS))!.actions).toHaveLength(1);
});

test("an endpoint that resets connections is unreachable, not drift: exit 1, or 2 when another resource drifted", async () => {
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  expectExit(await ws.apply(), 0);
  cloud.emulator.faults.add({ path: LEDGER, reset: true, count: 1000 });
  const result = await drift(ws, cloud.env, "--timeout", "1s");
  expect(result.code).toBe(1);
  const ledger = result.report.resources.find((r) => r.target.includes(LEDGER))!;
  expect(ledger.status).toBe("unreachable");
  expect(ledger.detail).toMatch(/^no answer within 1 s \(last: TaurusDB ShowBackupEncryptStatus on instance \S+: \w+ \([a-z ]+\)\)$/);
  expect(result.report.resources.find((r) => r.target.includes(ORDERS))!.status).toBe("in-sync");

  taurusdb().patch(ORDERS, { backup_encryption: "off", kms_key_id: null });
  expect((await drift(ws, cloud.env, "--timeout", "1s")).code).toBe(2);
});

test("an endpoint that does not answer is unreachable when --timeout passes, without waiting for the call", async () => {
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  expectExit(await ws.apply(), 0);
  cloud.emulator.faults.add({ path: LEDGER, latency_ms: 3000 });
  const started = Date.now();
  let reportedAfter = Infinity;
  let stdout = "";
  const code = await runDriftCommand(["--stack", ws.stackDir, "--timeout", "1s", "--format", "json"], {
    env: cloud.env,
    stdout: (text) => {
      reportedAfter = Date.now() - started;
      stdout += text;
    },
  });
  expect(reportedAfter).toBeLessThan(2500); // the report does not wait for the hanging call
  expect(code).toBe(1);
  const report = JSON.parse(stdout) as DriftReport;
  expect(report.resources.map((r) => [r.status, r.detail])).toEqual([
    ["unreachable", "no answer within 1 s"],
    ["in-sync", undefined],
  ]);
});

test("a closed endpoint: every resource unreachable, exit 1, in drift and in review --live; no credential printed", async () => {
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  expectExit(await ws.apply(), 0);
  const env = { ...cloud.env, CDKTF_ENCRYPTION_ENDPOINT: `http://127.0.0.1:${await closedPort()}` };
  const result = await drift(ws, env, "--timeout", "1s", "--concurrency", "2");
  expect(result.code).toBe(1);
  expect(result.report.counts).toEqual({ "in-sync": 0, drifted: 0, due: 0, refused: 0, unreachable: 2, error: 0, unresolved: 0 });
  expect(result.report.resources[0].detail).toMatch(/ECONNREFUSED/);
  const plan = await savePlan(ws);
  const live = await runCommand(runReviewCommand, ["--plan", plan.json, "--live", "--timeout", "1s", "--format", "json"], { env });
  expect(live.code).toBe(0);
  const review = JSON.parse(live.stdout) as Review;
  expect(review.resources.map((r) => r.live?.status)).toEqual(["unreachable", "unreachable"]);
  expect(review.summary).toContain("no drift · 2 unreachable");
  for (const text of [result.text, live.stdout]) {
    expect(text).not.toContain(cloud.env.HW_SECRET_KEY);
    expect(text).not.toContain(cloud.env.HW_ACCESS_KEY);
  }
});

test("denied credentials are an error, not drift", async () => {
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  expectExit(await ws.apply(), 0);
  const result = await drift(ws, { ...cloud.env, HW_SECRET_KEY: "not-the-secret-key-of-this-account-0000" });
  expect(result.code).toBe(1);
  expect(result.report.resources.map((r) => r.status)).toEqual(["error", "error"]);
  expect(result.report.resources[0].detail).toMatch(/APIGW\.0301 \(HTTP 401\)/);
  expect(result.text).not.toContain("not-the-secret-key-of-this-account-0000");
});

test("ReconcileOnEveryDeploy: every deploy runs the hook, so drift is corrected by the next deploy", async () => {
  const ws = TerraformWorkspace.synth(declare({ reconcileOnEveryDeploy: true }), cloud.env);
  expectExit(await ws.apply(), 0);
  taurusdb().patch(ORDERS, { backup_encryption: "off", kms_key_id: null });
  const plan = await savePlan(ws);
  const offline = await runCommand(runReviewCommand, ["--plan", plan.json, "--format", "json"], { env: cloud.env });
  const orders = (JSON.parse(offline.stdout) as Review).resources.find((r) => r.target.includes(ORDERS))!;
  expect(orders).toMatchObject({ change: "replace", fields: [], actions: [], reconcilesOnEveryDeploy: true });
  expect(orders.notes).toContain("no declared change: reconcile on every deploy re-reads the cloud and corrects any drift");
  const live = await runCommand(runReviewCommand, ["--plan", plan.json, "--live", "--format", "json"], { env: cloud.env });
  expect((JSON.parse(live.stdout) as Review).resources.find((r) => r.target.includes(ORDERS))!.actions.map((a) => a.description)).toEqual([
    `turn on encrypted backup with KMS key ${KEY}`,
  ]);
  cloud.clearCalls();
  expectExit(await ws.apply(), 0);
  expect(cloud.performed().map((c) => c.path.includes(ORDERS))).toEqual([true]);
  expect((await drift(ws)).code).toBe(0);
});

test("the built bin: drift exits 0 in sync, 2 on drift", async () => {
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  expectExit(await ws.apply(), 0);
  const bin = path.join(__dirname, "..", "..", "dist", "bin", "cdktf-encryption.js");
  const result = await run("node", [bin, "drift", "--stack", ws.stackDir], { cwd: ws.outdir, env: { PATH: process.env.PATH, ...cloud.env } });
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout).toContain("2 in sync, 0 drifted");
  taurusdb().patch(LEDGER, { backup_encryption: "off", kms_key_id: null });
  const drifted = await run("node", [bin, "drift", "--stack", "stacks/e2e", "--format", "json"], { cwd: ws.outdir, env: { PATH: process.env.PATH, ...cloud.env } });
  expect(drifted.code).toBe(2);
  expect((JSON.parse(drifted.stdout) as DriftReport).counts.drifted).toBe(1);
});

test("--other-app: a resource another app declares too is reported, and drift exits 2 (a synth cannot see two apps)", async () => {
  const ours = TerraformWorkspace.synth(declare(), cloud.env);
  const theirs = TerraformWorkspace.synth((stack) => {
    new BackupEncryption(stack, "orders-off", { instance: { region, projectId, instanceId: ORDERS }, enabled: false });
  }, cloud.env, { stackName: "other" });
  taurusdb().patch(ORDERS, { backup_encryption: "on", kms_key_id: KEY });
  taurusdb().patch(LEDGER, { backup_encryption: "on", kms_key_id: KEY });
  const alone = await drift(ours);
  expect(alone.code).toBe(0);
  const both = await drift(ours, cloud.env, "--other-app", theirs.stackDir);
  expect(both.code).toBe(2);
  expect(both.report.declaredElsewhere).toEqual([expect.stringMatching(new RegExp(`orders-backups.*taurusdb\\.backup-encryption of TaurusDB instance ${ORDERS} .* is declared by another app too, in other/terraform_data\\.orders-off`))]);
  expect(both.text).toMatch(/^warning: .*is declared by another app too/m);
  expect(both.report.declaredElsewhere).toHaveLength(1);
});

// Two apps (two pipelines) deploying the same GaussDB(DWS) cluster at the same time: two real
// `terraform apply` runs of two separately synthesized stacks, started together against one
// emulator. The emulator holds the first mutating call until both deploys have observed the
// cluster, so every repetition is the worst interleaving: both decided from the same reading.
// Whatever the order, each declared change must be carried out exactly once.
import { rmSync } from "node:fs";
import * as path from "node:path";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ContextKeys, Duration, DwsCluster, EncryptedCluster, KeyRotationPolicy } from "../../lib";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { DwsService } from "../../lib/emulator/services/dws";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { ProcessResult, TerraformWorkspace, expectExit } from "../support/terraform-harness";

const { region, projectId } = EMULATOR_CREDENTIALS.huawei;
const WAREHOUSE = "97cbaab3-939e-4dbc-9187-0fe240f2b9fd";
const ANALYTICS = "9f76c502-fc9c-4a52-8656-65d0da6e3d57";
const KEY = { id: "0f3196c8-5c23-469f-84da-92ecd2499dce", name: "KMS-1abd-1016" };
const REPETITIONS = 20;
/** Emulated seconds per real second: the conversion job and DWS's post-operation window pass quickly. */
const RATE = 40;
const NOW = "2030-03-05T12:00:00Z";

let cloud: RunningEmulator;
const outdirs: string[] = [];
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(async () => {
  await cloud.stop();
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

const dws = () => cloud.emulator.service<DwsService>("dws");

function declare(clusterId: string, rotation: boolean) {
  return (stack: TerraformStack) => {
    const scope = new Construct(stack, "dws");
    scope.node.setContext(ContextKeys.SYNTH_TIME, NOW);
    const cluster = new EncryptedCluster(scope, "warehouse", {
      cluster: DwsCluster.fromId({ region, projectId, clusterId }),
      masterKey: KEY,
      timeout: Duration.minutes(10),
    });
    if (rotation) new KeyRotationPolicy(scope, "warehouse-rotation", { cluster, rotationPeriod: Duration.days(90) });
  };
}

/** Two apps of their own (own directory, own state), initialized once; each repetition starts from empty state. */
async function twoApps(clusterId: string, rotation: boolean): Promise<TerraformWorkspace[]> {
  const apps = [0, 1].map((i) => TerraformWorkspace.synth(declare(clusterId, rotation), cloud.env, { stackName: `app${i}` }));
  outdirs.push(...apps.map((app) => app.outdir));
  for (const app of apps) expectExit(await app.terraform(["init", "-input=false", "-no-color"]), 0);
  return apps;
}

function forgetState(app: TerraformWorkspace): void {
  rmSync(path.join(app.outdir, `${path.basename(app.stackDir)}.tfstate`), { force: true });
}

async function applyTogether(apps: TerraformWorkspace[]): Promise<ProcessResult[]> {
  apps.forEach(forgetState);
  const results = await Promise.all(apps.map((app) => app.apply()));
  for (const result of results) expectExit(result, 0);
  return results;
}

/** What each repetition must show: one change carried out, and no deploy sending its change twice. */
function expectOneMutation(operation: string, results: ProcessResult[]): void {
  expect(cloud.performed(operation)).toHaveLength(1);
  expect(cloud.calls({ operation }).length).toBeLessThanOrEqual(results.length);
}

test(`conversion: two simultaneous deploys convert the cluster once (${REPETITIONS} times)`, async () => {
  const apps = await twoApps(WAREHOUSE, false);
  for (let i = 0; i < REPETITIONS; i++) {
    cloud.emulator.reset();
    cloud.emulator.clock.setRate(RATE);
    dws().patch(WAREHOUSE, { encrypt_duration_seconds: 20 });
    // Each deploy reads encrypt-info then the cluster detail before deciding to convert.
    cloud.emulator.faults.add({ operation: "EncryptCluster", hold_until: { operation: "ShowClusterDetail", calls: 2 } });
    const results = await applyTogether(apps);
    expectOneMutation("EncryptCluster", results);
    expect(dws().snapshot()).toEqual(expect.objectContaining({ clusters: expect.arrayContaining([expect.objectContaining({ cluster_id: WAREHOUSE, master_key_id: KEY.id })]) }));
    const text = results.map((r) => r.stdout).join("\n");
    // Both decided to convert; the one DWS refused observed and waited instead of resending.
    expect(text.match(/GaussDB\(DWS\) refused EncryptCluster \(DWS\.7023\), so nothing was done: not sending it again blindly/g)).toHaveLength(1);
    expect(text.match(/verified \(encrypted with master key KMS-1abd-1016|in sync \(encrypted with master key KMS-1abd-1016/g)).toHaveLength(2);
  }
}, 300_000);

test(`rotation: two simultaneous deploys rotate the key once (${REPETITIONS} times)`, async () => {
  const apps = await twoApps(ANALYTICS, true);
  for (let i = 0; i < REPETITIONS; i++) {
    cloud.emulator.reset();
    cloud.emulator.clock.set(Date.parse(NOW));
    cloud.emulator.clock.setRate(RATE);
    dws().patch(ANALYTICS, { last_rotate_key_time: "2029-12-01 00:00:00", cooldown_until: null });
    // Each deploy reads encrypt-info twice (the cluster's hook, then the policy's) before deciding to rotate.
    cloud.emulator.faults.add({ operation: "RotateClusterKey", hold_until: { operation: "ShowClusterEncryptInfo", calls: 4 } });
    const results = await applyTogether(apps);
    expectOneMutation("RotateClusterKey", results);
    const text = results.map((r) => r.stdout).join("\n");
    expect(text.match(/rotate the encryption key of DWS cluster \S+: last rotated 2029-12-01 00:00:00 UTC/g)).toHaveLength(2);
    expect(text.match(/GaussDB\(DWS\) refused RotateClusterKey \(DWS\.7023\), so nothing was done/g)).toHaveLength(1);
    expect(text).toMatch(/key rotation not due: last rotated 2030-03-05 12:/);
  }
}, 300_000);

// GaussDB(DWS) conversion and key rotation through the real terraform binary and the bundled
// hook, against the in-process emulator. Jobs are sped up by running the emulated clock fast
// or moving it; nothing here sleeps for a fixed time.
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { ContextKeys, CryptAlgorithm, Duration, DwsCluster, EncryptedCluster, KeyRotationPolicy } from "../../lib";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { DwsClusterState, DwsService } from "../../lib/emulator/services/dws";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { TerraformWorkspace, expectExit } from "../support/terraform-harness";

const { region, projectId } = EMULATOR_CREDENTIALS.huawei;
const WAREHOUSE = "97cbaab3-939e-4dbc-9187-0fe240f2b9fd";
const ANALYTICS = "9f76c502-fc9c-4a52-8656-65d0da6e3d57";
const LEGACY = "2b7d0e3c-5a1f-4c8e-9d6b-7e4f3a2c1b0d";
const KEY = { id: "0f3196c8-5c23-469f-84da-92ecd2499dce", name: "KMS-1abd-1016" };
const KEY2 = { id: "5d3a3a51-7b9e-4d2c-9d8e-0c6a1f2b3c4d", name: "rotation-key-2" };

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

const dws = () => cloud.emulator.service<DwsService>("dws");
function cluster(id: string): DwsClusterState {
  return (dws().snapshot() as { clusters: DwsClusterState[] }).clusters.find((c) => c.cluster_id === id)!;
}

interface Declaration {
  clusterId?: string;
  algorithm?: CryptAlgorithm;
  key?: { id: string; name: string };
  rotation?: boolean;
  /** The synth's "now". */
  now?: string;
}

function declare(d: Declaration = {}) {
  return (stack: TerraformStack) => {
    const scope = new Construct(stack, "dws");
    if (d.now) scope.node.setContext(ContextKeys.SYNTH_TIME, d.now);
    const warehouse = new EncryptedCluster(scope, "warehouse", {
      cluster: DwsCluster.fromId({ region, projectId, clusterId: d.clusterId ?? WAREHOUSE }),
      masterKey: d.key ?? KEY,
      algorithm: d.algorithm,
      timeout: Duration.minutes(10),
    });
    if (d.rotation) new KeyRotationPolicy(scope, "warehouse-rotation", { cluster: warehouse, rotationPeriod: Duration.days(90) });
  };
}

const output = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

test("ordinary → encrypted with the job polled; re-apply changes nothing; a forced re-run is one GET; destroy forgets", async () => {
  dws().patch(WAREHOUSE, { encrypt_duration_seconds: 60 });
  cloud.emulator.clock.setRate(12);
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  const applied = await ws.apply();
  expectExit(applied, 0);
  expect(applied.stdout).toContain(`convert DWS cluster ${WAREHOUSE} to encrypted with key KMS-1abd-1016 (${KEY.id}) (AES); the cluster restarts and cannot be decrypted afterwards (irreversible)`);
  expect(applied.stdout).toMatch(/waiting for DWS job [0-9a-f]+ \(convert cluster \S+ to encrypted\): RUNNING \d+%, [\d.]+ s elapsed/);
  expect(applied.stdout).toMatch(/verified \(encrypted with master key KMS-1abd-1016/);
  expect(cloud.calls({ operation: "ShowJob" }).length).toBeGreaterThanOrEqual(3);
  expect(cloud.performed("EncryptCluster")).toHaveLength(1);
  expect(cluster(WAREHOUSE)).toEqual(expect.objectContaining({ master_key_id: KEY.id, crypt_algorithm: "generalCipher" }));

  cloud.clearCalls();
  expectExit(await ws.plan(), 0);
  expectExit(await ws.apply(), 0);
  expect(cloud.calls()).toHaveLength(0);

  const list = await ws.terraform(["state", "list"]);
  const address = list.stdout.split("\n").find((line) => line.startsWith("terraform_data."))!;
  const rerun = await ws.terraform(["apply", "-auto-approve", "-input=false", "-no-color", `-replace=${address}`]);
  expectExit(rerun, 0);
  expect(rerun.stdout).toContain("in sync (encrypted with master key KMS-1abd-1016");
  expect(cloud.calls().map((c) => `${c.method} ${c.operation}`)).toEqual(["GET ShowClusterEncryptInfo"]);

  cloud.clearCalls();
  const destroyed = await ws.destroy();
  expectExit(destroyed, 0);
  expect(destroyed.stdout).toContain("GaussDB(DWS) encryption is one-way: the cluster stays encrypted with master key KMS-1abd-1016");
  expect(cloud.performed()).toHaveLength(0);
  expect(cluster(WAREHOUSE).master_key_id).toBe(KEY.id);
});

test("declaring another algorithm than the cluster's fails clearly with nothing sent", async () => {
  const ws = TerraformWorkspace.synth(declare({ clusterId: ANALYTICS, algorithm: CryptAlgorithm.SM4 }), cloud.env);
  const applied = await ws.apply();
  expect(applied.code).not.toBe(0);
  expect(output(applied)).toContain(
    `error: GaussDB(DWS) cluster ${ANALYTICS} (cn-north-4) is encrypted with AES (generalCipher) but SM4 (SMcompatible) is declared: the algorithm of an encrypted DWS cluster cannot be changed. Nothing was sent.`,
  );
  expect(output(applied)).not.toMatch(/\n\s+at /);
  expect(cloud.calls().filter((c) => c.mutating)).toHaveLength(0);
});

test("a version 7.x cluster fails clearly with nothing sent", async () => {
  const ws = TerraformWorkspace.synth(declare({ clusterId: LEGACY }), cloud.env);
  const applied = await ws.apply();
  expect(applied.code).not.toBe(0);
  expect(output(applied)).toContain(`runs version 7.3.0: converting to an encrypted cluster needs version 8.0.0 or later. Nothing was sent. Upgrade the cluster first`);
  expect(cloud.calls().filter((c) => c.mutating)).toHaveLength(0);
});

test("DWS.7023 on the submission and 503 while polling are survived, the refused submission decided anew from a fresh observation", async () => {
  dws().patch(WAREHOUSE, { encrypt_duration_seconds: 60 });
  cloud.emulator.clock.setRate(12);
  cloud.emulator.faults.add([
    { operation: "EncryptCluster", status: 403, code: "DWS.7023", message: "The cluster status is not allowed to operation." },
    { operation: "ShowJob", status: 503, code: "DWS.0005", message: "Service unavailable." },
    { operation: "ShowJob", status: 403, code: "DWS.7023", message: "The cluster status is not allowed to operation.", count: 2 },
  ]);
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  const applied = await ws.apply();
  expectExit(applied, 0);
  // The refused submission is not resent blindly: the cluster is observed and the conversion decided anew.
  expect(applied.stdout).toContain("GaussDB(DWS) refused EncryptCluster (DWS.7023), so nothing was done: not sending it again blindly");
  expect(applied.stdout).toMatch(/ShowJob on job \S+: DWS\.0005 \(service unavailable\), retrying in/);
  expect(applied.stdout).toMatch(/ShowJob on job \S+: DWS\.7023 \(cluster busy\), retrying in/);
  expect(cloud.performed("EncryptCluster")).toHaveLength(1);
  expect(cluster(WAREHOUSE).master_key_id).toBe(KEY.id);
});

/** Pids of hook processes running in `dir` (their cwd), found through /proc. */
function hookPids(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (cmdline[0].endsWith("node") && cmdline.some((a) => a.endsWith("hook.js")) && readlinkSync(`/proc/${entry}/cwd`) === dir) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile, or is not ours to read
    }
  }
  return pids;
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("a hook killed (SIGKILL) right after submitting: the next apply finishes without a second submission", async () => {
  dws().patch(WAREHOUSE, { encrypt_duration_seconds: 120 });
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  await ws.terraform(["init", "-input=false", "-no-color"]);
  const first = ws.apply();
  await until(() => cloud.performed("EncryptCluster").length === 1, "the conversion to be submitted");
  const pids = hookPids(ws.stackDir);
  expect(pids.length).toBeGreaterThan(0);
  for (const pid of pids) process.kill(pid, "SIGKILL");
  const killed = await first;
  expect(killed.code).not.toBe(0);
  expect(cluster(WAREHOUSE).task_status).toBe("SETTING_CONFIGURATION");

  cloud.emulator.clock.setRate(20);
  const second = await ws.apply();
  expectExit(second, 0);
  expect(second.stdout).toMatch(/wait for DWS cluster \S+ to finish (SETTING_CONFIGURATION|REBOOTING) \d+%/);
  expect(second.stdout).toMatch(/verified \(encrypted with master key KMS-1abd-1016/);
  expect(cloud.calls({ operation: "EncryptCluster" })).toHaveLength(1);
  expect(cluster(WAREHOUSE).master_key_id).toBe(KEY.id);
});

test("rotation: not due → no plan change; past the period → one rotation on the next deploy, then none; a new master key → one rotate-key to it", async () => {
  cloud.emulator.clock.set(Date.parse("2030-01-01T12:00:00Z"));
  dws().patch(ANALYTICS, { last_rotate_key_time: "2029-12-01 00:00:00", cooldown_until: null });
  let ws = TerraformWorkspace.synth(declare({ clusterId: ANALYTICS, rotation: true, now: "2030-01-01T12:00:00Z" }), cloud.env);
  const first = await ws.apply();
  expectExit(first, 0);
  expect(first.stdout).toContain("key rotation not due: last rotated 2029-12-01 00:00:00 UTC (31 days ago), due 2030-03-01 00:00:00 UTC");
  expect(cloud.performed()).toHaveLength(0);

  // Two days later: same check window, so the plan is unchanged and nothing runs.
  cloud.emulator.clock.set(Date.parse("2030-01-03T12:00:00Z"));
  ws = ws.resynth(declare({ clusterId: ANALYTICS, rotation: true, now: "2030-01-03T12:00:00Z" }));
  expectExit(await ws.plan(), 0);

  // Past the period: the window moves, the plan says so, the deploy rotates once.
  cloud.emulator.clock.set(Date.parse("2030-03-05T12:00:00Z"));
  ws = ws.resynth(declare({ clusterId: ANALYTICS, rotation: true, now: "2030-03-05T12:00:00Z" }));
  const plan = await ws.plan();
  expectExit(plan, 2);
  expect(plan.stdout).toMatch(/rotation_window\s+= "2030-01-01" -> "2030-03-05"/);
  cloud.clearCalls();
  const rotated = await ws.apply();
  expectExit(rotated, 0);
  expect(rotated.stdout).toContain(`rotate the encryption key of DWS cluster ${ANALYTICS}: last rotated 2029-12-01 00:00:00 UTC, 94 days ago, period 90d`);
  expect(cloud.performed().map((c) => c.operation)).toEqual(["RotateClusterKey"]);
  expect(cluster(ANALYTICS).last_rotate_key_time).toMatch(/^2030-03-05 12:/);

  cloud.clearCalls();
  ws = ws.resynth(declare({ clusterId: ANALYTICS, rotation: true, now: "2030-03-05T13:00:00Z" }));
  expectExit(await ws.plan(), 0);
  expectExit(await ws.apply(), 0);
  expect(cloud.calls()).toHaveLength(0);

  // A new master key: the cluster's hook moves it, the policy then finds nothing due.
  cloud.emulator.clock.advance(3600);
  cloud.clearCalls();
  ws = ws.resynth(declare({ clusterId: ANALYTICS, rotation: true, key: KEY2, now: "2030-03-05T14:00:00Z" }));
  const moved = await ws.apply();
  expectExit(moved, 0);
  expect(moved.stdout).toContain(`move DWS cluster ${ANALYTICS} from master key KMS-1abd-1016 (${KEY.id}) to rotation-key-2 (${KEY2.id})`);
  expect(cloud.performed().map((c) => c.operation)).toEqual(["RotateClusterKey"]);
  expect(cluster(ANALYTICS)).toEqual(expect.objectContaining({ master_key_id: KEY2.id, master_key_name: "rotation-key-2" }));
});

import { TerraformStack } from "cdktf";
import { BackupEncryption, Duration, RemovalPolicy } from "../../lib";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { TaurusDbService } from "../../lib/emulator/services/taurusdb";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { TerraformWorkspace, expectExit } from "../support/terraform-harness";

const { region, projectId } = EMULATOR_CREDENTIALS.huawei;
const ORDERS = "7033e7c3cf93438797d44ad7ae0a7d95in07";
const KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526";

let cloud: RunningEmulator;

beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

function backupState(instanceId = ORDERS): { backup_encryption: string; kms_key_id: string | null } {
  const state = cloud.emulator.service<TaurusDbService>("taurusdb").snapshot() as { instances: { instance_id: string; backup_encryption: string; kms_key_id: string | null }[] };
  return state.instances.find((i) => i.instance_id === instanceId)!;
}

function declare(props: { enabled?: boolean; removalPolicy?: RemovalPolicy; instanceId?: string } = {}) {
  return (stack: TerraformStack) => {
    new BackupEncryption(stack, "orders-backups", {
      instance: { region, projectId, instanceId: props.instanceId ?? ORDERS },
      kmsKeyId: props.enabled === false ? undefined : KEY,
      enabled: props.enabled,
      removalPolicy: props.removalPolicy,
      timeout: Duration.minutes(2),
    });
  };
}

test("off -> on, re-apply is a no-op, on -> off, destroy with RETAIN leaves it as it is", async () => {
  let ws = TerraformWorkspace.synth(declare(), cloud.env);
  const first = await ws.apply();
  expectExit(first, 0);
  expect(backupState()).toEqual(expect.objectContaining({ backup_encryption: "on", kms_key_id: KEY }));
  expect(first.stdout).toContain("turn on encrypted backup");
  expect(cloud.performed("SetBackupEncryption")).toHaveLength(1);

  cloud.clearCalls();
  const plan = await ws.plan();
  expectExit(plan, 0);
  expectExit(await ws.apply(), 0);
  expect(cloud.calls()).toHaveLength(0);

  ws = ws.resynth(declare({ enabled: false }));
  const planOff = await ws.plan();
  expectExit(planOff, 2);
  expect(planOff.stdout).toMatch(/encryption\s+= "on" -> "off"/);
  expectExit(await ws.apply(), 0);
  expect(backupState().backup_encryption).toBe("off");

  ws = ws.resynth(declare());
  expectExit(await ws.apply(), 0);
  cloud.clearCalls();
  const destroyed = await ws.destroy();
  expectExit(destroyed, 0);
  expect(destroyed.stdout).toContain("removal policy RETAIN: encrypted backup stays on");
  expect(backupState().backup_encryption).toBe("on");
  expect(cloud.performed()).toHaveLength(0);
});

test("the hook run on an instance already in the declared state makes exactly one API call", async () => {
  cloud.emulator.service<TaurusDbService>("taurusdb").patch(ORDERS, { backup_encryption: "on", kms_key_id: KEY });
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  cloud.clearCalls();
  const applied = await ws.apply();
  expectExit(applied, 0);
  expect(applied.stdout).toContain("in sync (encrypted backup on), nothing to do");
  expect(cloud.calls().map((c) => `${c.method} ${c.operation}`)).toEqual(["GET ShowBackupEncryptStatus"]);
});

test("destroy with DISABLE turns encrypted backup off", async () => {
  const ws = TerraformWorkspace.synth(declare({ removalPolicy: RemovalPolicy.DISABLE }), cloud.env);
  expectExit(await ws.apply(), 0);
  expect(backupState().backup_encryption).toBe("on");
  expectExit(await ws.destroy(), 0);
  expect(backupState().backup_encryption).toBe("off");
});

test("an instance that is busy is waited for, with progress, before it is changed", async () => {
  const taurusdb = cloud.emulator.service<TaurusDbService>("taurusdb");
  // Busy until the hook has seen it busy (however long terraform takes to get there), then for 1.5 s more.
  taurusdb.patch(ORDERS, { status: "BACKING UP", busy_until: new Date(cloud.emulator.clock.now() + 3_600_000).toISOString() });
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  cloud.clearCalls();
  const applying = ws.apply();
  while (cloud.calls({ operation: "ShowInstanceDetail" }).length === 0) await new Promise((r) => setTimeout(r, 50));
  taurusdb.patch(ORDERS, { busy_until: new Date(cloud.emulator.clock.now() + 1500).toISOString() });
  const applied = await applying;
  expectExit(applied, 0);
  expect(applied.stdout).toMatch(/waiting for TaurusDB instance \S+ to be ACTIVE: status BACKING UP, [\d.]+ s elapsed/);
  expect(backupState().backup_encryption).toBe("on");
  const setCalls = cloud.calls({ operation: "SetBackupEncryption" });
  expect(setCalls.every((c) => c.status === 200)).toBe(true);
});

test.each([
  ["a 409 'instance is being operated'", { status: 409, code: "DBS.200019", count: 2 }],
  ["a 503", { status: 503, code: "SYS.0503", count: 2 }],
  ["a connection reset", { reset: true, count: 1 }],
])("%s on the change is survived", async (_name, fault) => {
  cloud.emulator.faults.add({ operation: "SetBackupEncryption", ...fault });
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  const applied = await ws.apply();
  expectExit(applied, 0);
  expect(applied.stdout).toContain("retrying in");
  expect(backupState().backup_encryption).toBe("on");
  expect(cloud.performed("SetBackupEncryption")).toHaveLength(1);
});

describe("failures are one readable line, with nothing changed", () => {
  test("unknown instance", async () => {
    const ws = TerraformWorkspace.synth(declare({ instanceId: "00000000000000000000000000000000in07" }), cloud.env);
    const applied = await ws.apply();
    expect(applied.code).not.toBe(0);
    expect(applied.stderr + applied.stdout).toMatch(
      /error: TaurusDB ShowBackupEncryptStatus on instance 00000000000000000000000000000000in07 failed: UNVERIFIED\.DBS\.InstanceNotFound \(HTTP 404\): The DB instance does not exist \[request id [0-9a-f-]+\]\. Check: /,
    );
    expect(applied.stderr + applied.stdout).not.toMatch(/\n\s+at /);
    expect(cloud.performed()).toHaveLength(0);
  });

  test("wrong credentials", async () => {
    const ws = TerraformWorkspace.synth(declare(), { ...cloud.env, HW_SECRET_KEY: "not-the-secret-key-of-this-account-0000" });
    const applied = await ws.apply();
    expect(applied.code).not.toBe(0);
    expect(applied.stdout).toMatch(/failed: APIGW\.0301 \(HTTP 401\): Incorrect IAM authentication information.*Check: the credentials \(access key EMUL…0001 from HW_ACCESS_KEY\/HW_SECRET_KEY\) are valid/);
    expect(applied.stdout).not.toContain("not-the-secret-key-of-this-account-0000");
    expect(backupState().backup_encryption).toBe("off");
  });

  test("denied access", async () => {
    const hw = EMULATOR_CREDENTIALS.huawei;
    const ws = TerraformWorkspace.synth(declare(), { ...cloud.env, HW_ACCESS_KEY: hw.readOnlyAccessKey, HW_SECRET_KEY: hw.readOnlySecretKey });
    const applied = await ws.apply();
    expect(applied.code).not.toBe(0);
    expect(applied.stdout).toMatch(/TaurusDB SetBackupEncryption on instance \S+ failed: UNVERIFIED\.DBS\.Forbidden \(HTTP 403\): Policy doesn't allow/);
    expect(backupState().backup_encryption).toBe("off");
  });
});

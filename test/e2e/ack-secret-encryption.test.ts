import { TerraformStack } from "cdktf";
import { AckCluster, Duration, EncryptedCluster, RemovalPolicy } from "../../lib";
import { ACK_WORLD, ackCluster } from "../support/ack-world";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { ProcessResult, TerraformWorkspace, expectExit } from "../support/terraform-harness";

const { region: REGION, payments: PAYMENTS, sandbox: SANDBOX, key: KEY, key2: KEY2 } = ACK_WORLD;

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

const cluster = () => ackCluster(cloud.emulator);

function declare(props: { key?: string; enabled?: boolean; removalPolicy?: RemovalPolicy; clusterId?: string } = {}) {
  return (stack: TerraformStack) => {
    new EncryptedCluster(stack, "payments-k8s", {
      cluster: AckCluster.fromId({ region: REGION, clusterId: props.clusterId ?? PAYMENTS }),
      masterKey: { id: props.key ?? KEY },
      enabled: props.enabled,
      removalPolicy: props.removalPolicy,
      timeout: Duration.minutes(10),
    });
  };
}

/**
 * Runs a terraform command that will meet ACK's 5-minute cool-down: as soon as the hook's
 * first UpdateKMSEncryption is refused with 409, the emulator clock is moved past it.
 */
async function throughCoolDown(run: () => Promise<ProcessResult>): Promise<ProcessResult> {
  cloud.clearCalls();
  let finished = false;
  const result = run().finally(() => (finished = true));
  let moved = false;
  while (!finished && !moved) {
    if (cloud.calls({ operation: "UpdateKMSEncryption" }).some((c) => c.status === 409)) {
      cloud.emulator.clock.advance(300);
      moved = true;
    } else {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const outcome = await result;
  expect(moved).toBe(true);
  return outcome;
}

async function hookAddress(ws: TerraformWorkspace): Promise<string> {
  const list = await ws.terraform(["state", "list"]);
  expectExit(list, 0);
  return list.stdout.split("\n").find((line) => line.startsWith("terraform_data."))!.trim();
}

test("enable → re-apply is a no-op → change key within the cool-down → disable → destroy with RETAIN", async () => {
  let ws = TerraformWorkspace.synth(declare(), cloud.env);
  const enabled = await ws.apply();
  expectExit(enabled, 0);
  expect(enabled.stdout).toContain(`turn on Secret encryption at rest with KMS key ${KEY}`);
  expect(enabled.stdout).toMatch(/waiting for ACK cluster \S+ \(cn-hangzhou\) to finish the update .*: state (running \(the update has not started yet\)|updating)/);
  expect(enabled.stdout).toContain(`verified (Secret encryption on with KMS key ${KEY})`);
  expect(cluster()).toEqual(expect.objectContaining({ state: "running", secret_encryption: "on", encryption_kms_key_id: KEY }));
  expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(1);

  cloud.clearCalls();
  expectExit(await ws.plan(), 0);
  expectExit(await ws.apply(), 0);
  expect(cloud.calls()).toHaveLength(0);
  // Replacing the hook resource runs the hook again against a cluster already in the declared state.
  const address = await hookAddress(ws);
  const rerun = await ws.terraform(["apply", "-auto-approve", "-input=false", "-no-color", `-replace=${address}`]);
  expectExit(rerun, 0);
  expect(rerun.stdout).toContain(`in sync (Secret encryption on with KMS key ${KEY}), nothing to do`);
  expect(cloud.calls().map((c) => `${c.method} ${c.operation}`)).toEqual(["GET DescribeClusterDetail"]);

  ws = ws.resynth(declare({ key: KEY2 }));
  const planKey = await ws.plan();
  expectExit(planKey, 2);
  expect(planKey.stdout).toContain(`"${KEY}" -> "${KEY2}"`);
  const changed = await throughCoolDown(() => ws.apply());
  expectExit(changed, 0);
  expect(changed.stdout).toMatch(/ACK refused the change with HTTP 409 \(UNVERIFIED\.ACK\.CoolDown\): a previous change ended less than about 5 minutes ago\. Waiting for the cool-down to end and retrying/);
  expect(changed.stdout).toContain(`change the Secret encryption key from ${KEY} to ${KEY2}`);
  expect(cluster().encryption_kms_key_id).toBe(KEY2);
  expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(1);

  ws = ws.resynth(declare({ key: KEY2, enabled: false }));
  expectExit(await throughCoolDown(() => ws.apply()), 0);
  expect(cluster().secret_encryption).toBe("off");

  ws = ws.resynth(declare({ key: KEY2 }));
  expectExit(await throughCoolDown(() => ws.apply()), 0);
  expect(cluster().secret_encryption).toBe("on");
  cloud.clearCalls();
  const destroyed = await ws.destroy();
  expectExit(destroyed, 0);
  expect(destroyed.stdout).toContain("removal policy RETAIN: Secret encryption stays on");
  expect(cluster()).toEqual(expect.objectContaining({ secret_encryption: "on", encryption_kms_key_id: KEY2 }));
  expect(cloud.performed()).toHaveLength(0);
});

test("destroy with DISABLE turns Secret encryption off, through the cool-down", async () => {
  const ws = TerraformWorkspace.synth(declare({ removalPolicy: RemovalPolicy.DISABLE }), cloud.env);
  expectExit(await ws.apply(), 0);
  expect(cluster().secret_encryption).toBe("on");
  const destroyed = await throughCoolDown(() => ws.destroy());
  expectExit(destroyed, 0);
  expect(destroyed.stdout).toContain("removal policy DISABLE");
  expect(cluster()).toEqual(expect.objectContaining({ state: "running", secret_encryption: "off" }));
});

test("a non-Pro cluster fails clearly, with nothing sent but one read", async () => {
  const ws = TerraformWorkspace.synth(declare({ clusterId: SANDBOX }), cloud.env);
  cloud.clearCalls();
  const applied = await ws.apply();
  expect(applied.code).not.toBe(0);
  expect(applied.stdout).toMatch(
    /error: ACK cluster c9a8\S+ \(cn-hangzhou\) is a ManagedKubernetes cluster of spec ack\.standard and profile Default: Secret encryption at rest needs an ACK Pro, Serverless Pro or Edge Pro cluster/,
  );
  expect(applied.stdout).not.toMatch(/\n\s+at /);
  expect(cloud.calls().map((c) => c.operation)).toEqual(["DescribeClusterDetail"]);
});

test("throttling (x-acs-retry-after) and 503 are survived; the refused change is decided anew from a fresh observation", async () => {
  cloud.emulator.faults.add([
    { operation: "DescribeClusterDetail", status: 400, code: "Throttling.User", message: "Request was denied due to user flow control.", retry_after: 1, count: 1 },
    { operation: "UpdateKMSEncryption", status: 503, code: "ServiceUnavailable", message: "The request has failed due to a temporary failure of the server.", count: 2 },
  ]);
  const ws = TerraformWorkspace.synth(declare(), cloud.env);
  const applied = await ws.apply();
  expectExit(applied, 0);
  expect(applied.stdout).toMatch(/ACK DescribeClusterDetail on cluster \S+: Throttling\.User \(throttled: too many requests\), retrying in [1-9](\.\d)? s/);
  // The refused change is not resent blindly: the cluster is observed and the change decided anew.
  expect(applied.stdout).toContain("ACK refused UpdateKMSEncryption (ServiceUnavailable), so nothing was done: not sending it again blindly");
  expect(cluster().secret_encryption).toBe("on");
  expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(1);
});

test("wrong credentials are one readable line, and the secret is not printed", async () => {
  const ws = TerraformWorkspace.synth(declare(), { ...cloud.env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "not-the-secret-of-this-key-0000" });
  const applied = await ws.apply();
  expect(applied.code).not.toBe(0);
  expect(applied.stdout).toMatch(/error: ACK DescribeClusterDetail on cluster \S+ failed: SignatureDoesNotMatch \(HTTP 400\): .*Check: ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
  expect(applied.stdout + applied.stderr).not.toContain("not-the-secret-of-this-key-0000");
  expect(cluster().secret_encryption).toBe("off");
});

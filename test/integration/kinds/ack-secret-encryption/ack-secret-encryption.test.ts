import { AckClient } from "../../../../lib/cloud/alibaba/ack-client";
import { MemoryLog } from "../../../../lib/runtime/log";
import { EMULATOR_CREDENTIALS } from "../../../../lib/emulator/fixture";
import { AckService } from "../../../../lib/emulator/services/ack";
import { AckSecretEncryptionReconciler } from "../../../../lib/kinds/ack-secret-encryption/reconciler";
import { runReconcile } from "../../../../lib/reconcile/run-reconcile";
import { ackSecretEncryptionToMap, AckSecretEncryptionSpec, parseAckSecretEncryption } from "../../../../lib/kinds/ack-secret-encryption/spec";
import { Duration } from "../../../../lib/contract/duration";
import { RemovalPolicy } from "../../../../lib/contract/removal-policy";
import { ACK_WORLD, ackCluster } from "../../../support/ack-world";
import { RunningEmulator, startEmulator } from "../../../support/emulator-harness";
import { emulatedClock } from "../../../support/emulator-clocks";

const { region: REGION, payments: PAYMENTS, ledger: LEDGER, sandbox: SANDBOX, key: KEY, key2: KEY2 } = ACK_WORLD;

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

function spec(fields: Partial<AckSecretEncryptionSpec> = {}): AckSecretEncryptionSpec {
  return parseAckSecretEncryption(
    ackSecretEncryptionToMap({ region: REGION, clusterId: PAYMENTS, encryption: "on", kmsKeyId: KEY, removalPolicy: RemovalPolicy.RETAIN, timeout: Duration.minutes(30), ...fields }),
  );
}

async function reconcile(s: AckSecretEncryptionSpec, mode: "apply" | "destroy" = "apply", env: Record<string, string> = cloud.env) {
  const log = new MemoryLog();
  const clock = emulatedClock(cloud.emulator);
  const reconciler = new AckSecretEncryptionReconciler({ clock, log, env });
  const outcome = await runReconcile(reconciler, s, mode, log, { clock });
  return { outcome, log, clock };
}

const clusterState = () => ackCluster(cloud.emulator);

function callNames(): string[] {
  return cloud.calls().map((c) => `${c.operation} ${c.status}`);
}

describe("against the emulated ACK", () => {
  test("in sync: one DescribeClusterDetail and nothing else", async () => {
    const { log } = await reconcile(spec({ clusterId: LEDGER, kmsKeyId: "key-hzz6ledger00secrets001" }));
    expect(callNames()).toEqual(["DescribeClusterDetail 200"]);
    expect(log.lines.join("\n")).toContain("in sync (Secret encryption on with KMS key key-hzz6ledger00secrets001), nothing to do");
  });

  test("enable: the first running after the PUT is not taken as done; updating then running is", async () => {
    const { log, outcome } = await reconcile(spec());
    expect(outcome.performed).toEqual([`turn on Secret encryption at rest with KMS key ${KEY}`]);
    const text = log.lines.join("\n");
    expect(text).toContain("state running (the update has not started yet)");
    expect(text).toContain("state updating");
    expect(text).toContain(`verified (Secret encryption on with KMS key ${KEY})`);
    expect(clusterState()).toEqual(expect.objectContaining({ state: "running", encryption_kms_key_id: KEY, secret_encryption: "on" }));
    expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(1);
  });

  test("a change whose answer was lost after ACK accepted it is not sent again: the update is watched to its end", async () => {
    cloud.emulator.faults.add({ operation: "UpdateKMSEncryption", reset: true, after: true });
    const { log } = await reconcile(spec());
    expect(log.lines.join("\n")).toContain("the answer to the change was lost (ConnectionReset); not sending it again, watching whether the cluster starts updating");
    expect(clusterState()).toEqual(expect.objectContaining({ state: "running", encryption_kms_key_id: KEY, secret_encryption: "on" }));
    expect(cloud.calls({ operation: "UpdateKMSEncryption" })).toHaveLength(1);
  });

  test("a change whose answer was lost before ACK saw it is not resent in the same run; the next run makes it once", async () => {
    cloud.emulator.faults.add({ operation: "UpdateKMSEncryption", reset: true });
    await expect(reconcile(spec())).rejects.toThrow(/UpdateKMSEncryption .*failed: ConnectionReset/);
    expect(cloud.calls({ operation: "UpdateKMSEncryption" })).toHaveLength(1);
    expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(0);
    await reconcile(spec());
    expect(clusterState()).toEqual(expect.objectContaining({ state: "running", encryption_kms_key_id: KEY, secret_encryption: "on" }));
    expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(1);
  });

  test("an update that passes between two looks is taken as done once the new setting has read running for 60 s", async () => {
    cloud.emulator.service<AckService>("ack").patch(PAYMENTS, { update_lag_seconds: 0, update_seconds: 0 });
    const started = cloud.emulator.clock.now();
    const { log } = await reconcile(spec());
    expect(log.lines.join("\n")).not.toContain("state updating");
    expect(log.lines.join("\n")).toContain(`verified (Secret encryption on with KMS key ${KEY})`);
    // Emulated time, which also moves with real time between the sleeps.
    expect(cloud.emulator.clock.now() - started).toBeGreaterThanOrEqual(60_000);
  });

  test("a change within the 5-minute cool-down is waited out with a message, then made", async () => {
    await reconcile(spec());
    cloud.clearCalls();
    const { log, clock } = await reconcile(spec({ kmsKeyId: KEY2 }));
    const text = log.lines.join("\n");
    expect(text).toMatch(/ACK refused the change with HTTP 409 \(UNVERIFIED\.ACK\.CoolDown\): a previous change ended less than about 5 minutes ago\. Waiting for the cool-down to end and retrying, for up to (\d+ s|\d+ min \d+ s)/);
    expect(text).toContain(`verified (Secret encryption on with KMS key ${KEY2})`);
    expect(clusterState().encryption_kms_key_id).toBe(KEY2);
    expect(cloud.calls({ operation: "UpdateKMSEncryption" }).filter((c) => c.status === 409).length).toBeGreaterThan(0);
    expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(1);
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(4 * 60_000);
  });

  test("the cool-down counts against the timeout, and the error says what was awaited", async () => {
    await reconcile(spec());
    await expect(reconcile(spec({ kmsKeyId: KEY2, timeout: Duration.minutes(1) }))).rejects.toThrow(
      /gave up waiting for the end of ACK's cool-down after the previous change of ACK cluster \S+ \(cn-hangzhou\) after 60 s: last observed state HTTP 409 UNVERIFIED\.ACK\.CoolDown \(cool-down\)/,
    );
    expect(clusterState().encryption_kms_key_id).toBe(KEY);
  });

  test("disable", async () => {
    await reconcile(spec());
    cloud.emulator.clock.advance(301);
    await reconcile(spec({ encryption: "off", kmsKeyId: undefined }));
    expect(clusterState()).toEqual(expect.objectContaining({ secret_encryption: "off", encryption_kms_key_id: KEY }));
  });

  test("destroy with DISABLE turns it off", async () => {
    cloud.emulator.service<AckService>("ack").patch(PAYMENTS, { encryption_kms_key_id: KEY });
    const { log } = await reconcile(spec({ removalPolicy: RemovalPolicy.DISABLE }), "destroy");
    expect(log.lines.join("\n")).toContain("removal policy DISABLE");
    expect(clusterState().secret_encryption).toBe("off");
  });

  test("destroy with RETAIN reads once and leaves encryption on", async () => {
    await reconcile(spec());
    cloud.clearCalls();
    const { log } = await reconcile(spec(), "destroy");
    expect(log.lines.join("\n")).toContain("removal policy RETAIN: Secret encryption stays on");
    expect(callNames()).toEqual(["DescribeClusterDetail 200"]);
  });

  test("a non-Pro cluster is refused before anything is sent", async () => {
    await expect(reconcile(spec({ clusterId: SANDBOX }))).rejects.toThrow(
      /ACK cluster c9a8\S+ \(cn-hangzhou\) is a ManagedKubernetes cluster of spec ack.standard and profile Default: Secret encryption at rest needs an ACK Pro, Serverless Pro or Edge Pro cluster \(cluster_spec ack\.pro\.\*\)\. Nothing was sent/,
    );
    expect(callNames()).toEqual(["DescribeClusterDetail 200"]);
  });

  test("a failed cluster is refused before anything is sent", async () => {
    cloud.emulator.service<AckService>("ack").patch(PAYMENTS, { state: "failed" });
    await expect(reconcile(spec())).rejects.toThrow(/is failed: ACK changes Secret encryption only on a running cluster\. Nothing was sent/);
    expect(cloud.performed()).toHaveLength(0);
  });

  test("a busy cluster is waited for", async () => {
    cloud.emulator.service<AckService>("ack").patch(PAYMENTS, { state: "scaling" });
    const log = new MemoryLog();
    const clock = emulatedClock(cloud.emulator);
    const reconciler = new AckSecretEncryptionReconciler({ clock, log, env: cloud.env });
    const run = runReconcile(reconciler, spec(), "apply", log);
    // The cluster finishes scaling after a few polls.
    const realSleep = clock.sleep;
    let polls = 0;
    clock.sleep = async (ms) => {
      if (++polls === 3) cloud.emulator.service<AckService>("ack").patch(PAYMENTS, { state: "running" });
      await realSleep(ms);
    };
    await run;
    expect(log.lines.join("\n")).toContain("to be running: state scaling");
    expect(clusterState().secret_encryption).toBe("on");
  });

  test("ForbiddenUpdateKMSState is explained", async () => {
    cloud.emulator.faults.add({ operation: "UpdateKMSEncryption", status: 403, code: "ForbiddenUpdateKMSState", message: "The current user does not have permission to update KMS encryption" });
    await expect(reconcile(spec())).rejects.toThrow(
      /ACK UpdateKMSEncryption on cluster \S+ failed: ForbiddenUpdateKMSState \(HTTP 403\): The current user does not have permission to update KMS encryption \[request id [0-9A-F]{8}-[0-9A-F-]{27}\]\. Check: the RAM user or role needs the cluster's RBAC administrator or O&M engineer role/,
    );
  });

  test.each([
    ["key-shh6payments0secrets01", "UNVERIFIED.ACK.KmsKeyNotFound", /does not exist in region cn-hangzhou/],
    ["key-hzz6sm4000000000000001", "UNVERIFIED.ACK.KmsKeyInvalid", /Aliyun_AES_256 is required/],
    ["key-hzz6sign00000000000001", "UNVERIFIED.ACK.KmsKeyInvalid", /has spec RSA_2048/],
    ["key-hzz6disabled0000000001", "UNVERIFIED.ACK.KmsKeyInvalid", /is Disabled/],
    ["key-hzz6service00000000001", "UNVERIFIED.ACK.KmsKeyInvalid", /is a service key/],
  ])("the key %s is refused by ACK with %s, and the message says what to check", async (key, code, message) => {
    // A caller that may not read keys skips the preflight (one warning): ACK's own refusal stands.
    cloud.emulator.faults.add({ operation: "alikms:DescribeKey", status: 403, code: "Forbidden.NoPermission", message: "This operation is forbidden by permission system." });
    const error = reconcile(spec({ kmsKeyId: key }));
    await expect(error).rejects.toThrow(new RegExp(`failed: ${code.replace(/\./g, "\\.")} \\(HTTP 400\\)`));
    await expect(error).rejects.toThrow(message);
    await expect(error).rejects.toThrow(/Check: the KMS key \S+ is in the cluster's region, enabled, of spec Aliyun_AES_256 and usage ENCRYPT\/DECRYPT, and is not a service key/);
  });

  test("throttling is retried after x-acs-retry-after (milliseconds), and 503 with backoff", async () => {
    cloud.emulator.faults.add([
      { operation: "DescribeClusterDetail", status: 400, code: "Throttling.User", message: "Request was denied due to user flow control.", retry_after: 7, count: 1 },
      { operation: "UpdateKMSEncryption", status: 503, code: "ServiceUnavailable", message: "The request has failed due to a temporary failure of the server.", count: 2 },
    ]);
    const { log, clock } = await reconcile(spec());
    expect(clock.slept[0]).toBeGreaterThanOrEqual(7000);
    expect(clock.slept[0]).toBeLessThan(20_000);
    expect(log.lines.join("\n")).toMatch(/ACK DescribeClusterDetail on cluster \S+: Throttling\.User \(throttled: too many requests\), retrying in 7 s/);
    // A refused change is not resent blindly: observed again, decided anew.
    expect(log.lines.join("\n")).toContain("ACK refused UpdateKMSEncryption (ServiceUnavailable), so nothing was done: not sending it again blindly");
    expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(1);
    expect(clusterState().secret_encryption).toBe("on");
  });

  test("a lost change that ACK starts late (45 s still running) is still seen: the watch lasts the provider's 60 s", async () => {
    cloud.emulator.service<AckService>("ack").patch(PAYMENTS, { update_lag_seconds: 45 });
    cloud.emulator.faults.add({ operation: "UpdateKMSEncryption", reset: true, after: true });
    const { log } = await reconcile(spec());
    expect(log.lines.join("\n")).toContain("state updating");
    expect(clusterState()).toEqual(expect.objectContaining({ state: "running", secret_encryption: "on" }));
    expect(cloud.calls({ operation: "UpdateKMSEncryption" })).toHaveLength(1);
  });

  test("a lost change that never reached ACK is watched for 60 s before the run gives up, without resending", async () => {
    cloud.emulator.faults.add({ operation: "UpdateKMSEncryption", reset: true });
    const started = cloud.emulator.clock.now();
    await expect(reconcile(spec())).rejects.toThrow(/ConnectionReset/);
    const waited = cloud.emulator.clock.now() - started;
    expect(waited).toBeGreaterThanOrEqual(60_000);
    expect(waited).toBeLessThan(90_000);
    expect(cloud.calls({ operation: "UpdateKMSEncryption" })).toHaveLength(1);
  });

  test("Rejected.Throttling (HTTP 400) is throttling too: the change is decided again after observing, and made", async () => {
    cloud.emulator.faults.add({ operation: "UpdateKMSEncryption", status: 400, code: "Rejected.Throttling", message: "Request was denied due to flow control.", count: 2 });
    const { log } = await reconcile(spec());
    expect(log.lines.join("\n")).toContain("ACK refused UpdateKMSEncryption (Rejected.Throttling), so nothing was done: not sending it again blindly");
    expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(1);
    expect(clusterState().secret_encryption).toBe("on");
  });

  test("a RAM denial (StatusForbidden, HTTP 403) names the missing action", async () => {
    const { readOnlyAccessKeyId, readOnlyAccessKeySecret } = EMULATOR_CREDENTIALS.alibaba;
    const env = { ...cloud.env, ALIBABA_CLOUD_ACCESS_KEY_ID: readOnlyAccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: readOnlyAccessKeySecret };
    await expect(reconcile(spec(), "apply", env)).rejects.toThrow(
      /failed: StatusForbidden \(HTTP 403\): RAM policy Forbidden for action cs:UpdateKMSEncryption \[request id [0-9A-F-]{36}\]\. Check: the RAM user or role \(or the STS token's policy\) is allowed cs:UpdateKMSEncryption/,
    );
    expect(cloud.performed()).toHaveLength(0);
  });

  test("the region comes from ALICLOUD_REGION or ALIBABA_CLOUD_REGION (the provider's order) when the Spec has none", async () => {
    const { ALIBABA_CLOUD_REGION: _r, ...env } = cloud.env;
    await reconcile(spec({ region: undefined, clusterId: LEDGER, kmsKeyId: "key-hzz6ledger00secrets001" }), "apply", { ...env, ALICLOUD_REGION: REGION });
    await expect(reconcile(spec({ region: undefined }), "apply", env)).rejects.toThrow(
      /no region: give AckCluster\.fromId\(\{ region \}\) or set ALICLOUD_REGION or ALIBABA_CLOUD_REGION/,
    );
  });
});

describe("AckClient reads meta_data defensively", () => {
  const client = () => new AckClient({ region: REGION, env: cloud.env });
  test.each([
    ["never encrypted: DisableEncryption true, an empty key id", {}, { enabled: false, kmsKeyId: undefined }],
    ["normal, encrypted", { encryption_kms_key_id: KEY }, { enabled: true, kmsKeyId: KEY }],
    ["disabled but the key still recorded", { encryption_kms_key_id: KEY, disable_encryption: true }, { enabled: false, kmsKeyId: KEY }],
    ["empty string", { meta_data_mode: "empty" }, { enabled: false }],
    ["missing", { meta_data_mode: "missing" }, { enabled: false }],
  ])("%s", async (_name, fields, expected) => {
    cloud.emulator.service<AckService>("ack").patch(PAYMENTS, fields);
    expect((await client().describeClusterDetail(PAYMENTS)).encryption).toEqual(expected);
  });

  test("an unknown cluster is a one-line error with the request id and what to check", async () => {
    await expect(client().describeClusterDetail("c00000000000000000000000000000000")).rejects.toThrow(
      /^ACK DescribeClusterDetail on cluster c0{32} failed: ErrorClusterNotFound \(HTTP 404\): The specified cluster c0{32} is not found \[request id [0-9A-F-]+\]\. Check: the cluster id is right and the cluster is in this region/,
    );
  });

  test("wrong credentials are refused by the emulator's gateway, and the secret is not printed", async () => {
    const bad = new AckClient({ region: REGION, env: { ...cloud.env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: "not-the-secret-000000" } });
    const error = await bad.describeClusterDetail(PAYMENTS).catch((e: Error) => e);
    expect(String(error)).toMatch(/SignatureDoesNotMatch \(HTTP 400\).*Check: ALIBABA_CLOUD_ACCESS_KEY_SECRET belongs to ALIBABA_CLOUD_ACCESS_KEY_ID/);
    expect(String(error)).not.toContain("not-the-secret-000000");
  });
});

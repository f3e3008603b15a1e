// The two DWS kinds through the hook entry point, against the in-process emulator. The hook's
// clock sleeps by moving the emulator's clock, so jobs progress and nothing really waits.
import { runHook } from "../../../lib/cli/hook";
import { Clock } from "../../../lib/runtime/clock";
import { DwsClient } from "../../../lib/cloud/huawei/dws-client";
import { MemoryLog } from "../../../lib/runtime/log";
import { EMULATOR_CREDENTIALS } from "../../../lib/emulator/fixture";
import { DwsClusterState, DwsService, dwsTime } from "../../../lib/emulator/services/dws";
import { HuaweiKmsService } from "../../../lib/emulator/services/huawei-kms";
import { Duration } from "../../../lib/contract/duration";
import { dwsClusterEncryptionToMap } from "../../../lib/kinds/dws-cluster-encryption/spec";
import { dwsKeyRotationToMap } from "../../../lib/kinds/dws-key-rotation/spec";
import { RunningEmulator, startEmulator } from "../../support/emulator-harness";
import { emulatorDrivenClock } from "../../support/emulator-clocks";

const { region, projectId } = EMULATOR_CREDENTIALS.huawei;
const WAREHOUSE = "97cbaab3-939e-4dbc-9187-0fe240f2b9fd";
const ANALYTICS = "9f76c502-fc9c-4a52-8656-65d0da6e3d57";
const LEGACY = "2b7d0e3c-5a1f-4c8e-9d6b-7e4f3a2c1b0d";
const DR = "4c1e8f2a-6b3d-4e9f-8a7c-5d2b1e0f9a8c";
const OLD_AGENT = "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a098";
const KEY = "0f3196c8-5c23-469f-84da-92ecd2499dce";
const KEY2 = "5d3a3a51-7b9e-4d2c-9d8e-0c6a1f2b3c4d";
const DISABLED_KEY = "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4";
const UNKNOWN_KEY = "11111111-2222-4333-8444-555555555555";
const DAY = 86_400_000;

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

function encryptionSpec(fields: { clusterId?: string; masterKeyId?: string; masterKeyName?: string; algorithm?: "generalCipher" | "SMcompatible" } = {}) {
  return dwsClusterEncryptionToMap({
    region,
    projectId,
    clusterId: fields.clusterId ?? WAREHOUSE,
    masterKeyId: fields.masterKeyId ?? KEY,
    masterKeyName: fields.masterKeyName ?? "KMS-1abd-1016",
    algorithm: fields.algorithm ?? "generalCipher",
    timeout: Duration.minutes(30),
  });
}

function rotationSpec(fields: { clusterId?: string; masterKeyId?: string; period?: number } = {}) {
  return dwsKeyRotationToMap({
    region,
    projectId,
    clusterId: fields.clusterId ?? ANALYTICS,
    masterKeyId: fields.masterKeyId,
    rotationPeriod: Duration.days(fields.period ?? 90),
    checkInterval: Duration.days(9),
    rotationWindow: "2030-01-01",
    timeout: Duration.minutes(30),
  });
}

async function hook(spec: Record<string, string>, action: "apply" | "destroy" = "apply", clock = emulatorDrivenClock(cloud.emulator)) {
  const log = new MemoryLog();
  const code = await runHook([action], { env: { ...cloud.env, CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec) }, log, clock });
  return { code, lines: log.lines, text: log.lines.join("\n"), clock };
}

const mutations = () => cloud.calls().filter((c) => c.mutating);
const operations = () => cloud.calls().map((c) => `${c.method} ${c.operation}`);

describe("dws.cluster-encryption", () => {
  test("an ordinary cluster is converted: submit once, poll the job with progress, wait, verify", async () => {
    dws().patch(WAREHOUSE, { encrypt_duration_seconds: 300 });
    const { code, text, lines } = await hook(encryptionSpec());
    expect(code).toBe(0);
    expect(text).toContain(`convert DWS cluster ${WAREHOUSE} to encrypted with key KMS-1abd-1016 (${KEY}) (AES); the cluster restarts and cannot be decrypted afterwards (irreversible)`);
    expect(text).toMatch(/conversion submitted as job [0-9a-f]{32}/);
    expect(text).toMatch(/waiting for DWS job \S+ \(convert cluster \S+ to encrypted\): RUNNING \d+%, [\d.]+ s elapsed/);
    expect(lines.at(-1)).toMatch(/verified \(encrypted with master key KMS-1abd-1016 \(0f31.*\) \(AES\)\)$/);
    expect(cloud.performed("EncryptCluster")).toHaveLength(1);
    const polls = cloud.calls({ operation: "ShowJob" });
    expect(polls.length).toBeGreaterThanOrEqual(5);
    expect(operations()[0]).toBe("GET ShowClusterEncryptInfo");
    expect(operations().at(-1)).toBe("GET ShowClusterEncryptInfo");
    expect(cluster(WAREHOUSE)).toEqual(expect.objectContaining({ master_key_id: KEY, crypt_algorithm: "generalCipher", task_status: null }));
  });

  test("job polling starts fast and backs off", async () => {
    // The hook's clock also dates signatures, which the gateway accepts within 15 minutes.
    dws().patch(WAREHOUSE, { encrypt_duration_seconds: 700 });
    const clock = emulatorDrivenClock(cloud.emulator);
    const sleeps: number[] = [];
    const recording: Clock = { now: clock.now, sleep: async (ms) => void (sleeps.push(ms), await clock.sleep(ms)) };
    const code = await runHook(["apply"], { env: { ...cloud.env, CDKTF_ENCRYPTION_SPEC: JSON.stringify(encryptionSpec()) }, log: new MemoryLog(), clock: recording });
    expect(code).toBe(0);
    expect(sleeps[0]).toBe(1000);
    expect(Math.max(...sleeps)).toBe(30_000);
    // 700 s of job in far fewer polls than one per second.
    expect(cloud.calls({ operation: "ShowJob" }).length).toBeLessThan(120);
  });

  test("already as declared: exactly one GET", async () => {
    const { code, lines } = await hook(encryptionSpec({ clusterId: ANALYTICS }));
    expect(code).toBe(0);
    expect(operations()).toEqual(["GET ShowClusterEncryptInfo"]);
    expect(lines.at(-1)).toContain("in sync (encrypted with master key KMS-1abd-1016");
  });

  test("another algorithm is a clear error and nothing is sent", async () => {
    const { code, lines } = await hook(encryptionSpec({ clusterId: ANALYTICS, algorithm: "SMcompatible" }));
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(
      `error: GaussDB(DWS) cluster ${ANALYTICS} (cn-north-4) is encrypted with AES (generalCipher) but SM4 (SMcompatible) is declared: the algorithm of an encrypted DWS cluster cannot be changed. Nothing was sent. Declare algorithm: CryptAlgorithm.AES to match the cluster`,
    );
    expect(operations()).toEqual(["GET ShowClusterEncryptInfo"]);
  });

  test("another master key: moved with rotate-key master_key_id, said so in the plan", async () => {
    const { code, text } = await hook(encryptionSpec({ clusterId: ANALYTICS, masterKeyId: KEY2, masterKeyName: "rotation-key-2" }));
    expect(code).toBe(0);
    expect(text).toContain(
      `move DWS cluster ${ANALYTICS} from master key KMS-1abd-1016 (${KEY}) to rotation-key-2 (${KEY2}) (rotate-key with master_key_id: attempted and verified afterwards, because DWS documents no other way to change the master key; not repeated in this run if it does not take; the data stays encrypted)`,
    );
    expect(cloud.performed("RotateClusterKey")).toHaveLength(1);
    expect(cluster(ANALYTICS)).toEqual(expect.objectContaining({ master_key_id: KEY2, master_key_name: "rotation-key-2" }));
  });

  test("a cluster older than 8.0.0 is refused before anything is sent", async () => {
    const { code, lines } = await hook(encryptionSpec({ clusterId: LEGACY }));
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(
      `error: GaussDB(DWS) cluster ${LEGACY} (cn-north-4) runs version 7.3.0: converting to an encrypted cluster needs version 8.0.0 or later. Nothing was sent. Upgrade the cluster first`,
    );
    expect(mutations()).toHaveLength(0);
  });

  test.each([
    ["a disaster-recovery cluster", { clusterId: DR }, /EncryptCluster on cluster \S+ failed: UNVERIFIED\.DWS\.DisasterRecoveryCluster \(HTTP 400\): A disaster recovery cluster cannot be converted/],
    ["a guest agent too old (refused inside an HTTP 200)", { clusterId: OLD_AGENT }, /failed: UNVERIFIED\.DWS\.GuestAgentTooOld \(HTTP 200\): The guestAgent version 8\.2\.0\.100 is too old/],
    ["a disabled KMS key", { masterKeyId: DISABLED_KEY }, /failed: UNVERIFIED\.DWS\.KmsKeyNotEnabled \(HTTP 400\): The KMS key \S+ is disabled/],
    ["an unknown KMS key", { masterKeyId: UNKNOWN_KEY }, /failed: UNVERIFIED\.DWS\.KmsKeyNotFound \(HTTP 400\): The KMS key \S+ does not exist/],
  ])("%s: the service's refusal, in one line, and the cluster unchanged", async (_name, fields, message) => {
    // A caller that may not read keys skips the KMS preflight (one warning): the service's own refusal stands.
    cloud.emulator.faults.add({ operation: "kms:DescribeKey", status: 403, code: "KMS.0306", message: "The user has no permission to access the key." });
    const { code, lines } = await hook(encryptionSpec(fields));
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(/^error: GaussDB\(DWS\) /);
    expect(lines.at(-1)).toMatch(message);
    expect(lines.at(-1)).toMatch(/\[request id [0-9a-f-]+\]/);
    expect(cloud.performed()).toHaveLength(0);
  });

  test("an unknown cluster is a clear error", async () => {
    const { code, lines } = await hook(encryptionSpec({ clusterId: "00000000-0000-4000-8000-000000000000" }));
    expect(code).toBe(1);
    expect(lines.at(-1)).toContain("was not found: nothing was sent. Check that the cluster id and project id are right");
  });

  test.each([
    ["FAIL", /conversion job \S+ ended FAIL: UNVERIFIED\.DWS\.JobFailed: Failed to obtain the data key from KMS/],
    ["STOP", /conversion job \S+ ended STOP: UNVERIFIED\.DWS\.JobStopped: The job was stopped by an administrator/],
  ])("a job that ends %s is final, with its failed_code and failed_detail", async (outcome, message) => {
    dws().patch(WAREHOUSE, { next_job_outcome: outcome });
    const { code, lines } = await hook(encryptionSpec());
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(message);
    expect(lines.at(-1)).toContain("The cluster was not converted; fix the cause and deploy again");
    expect(cluster(WAREHOUSE).master_key_id).toBeNull();
  });

  test("a busy cluster is waited for before the conversion is sent", async () => {
    const busyUntil = new Date(cloud.emulator.clock.now() + 90_000).toISOString();
    dws().patch(WAREHOUSE, { task_status: "SNAPSHOTTING", action_progress: { SNAPSHOTTING: "20%" }, busy_until: busyUntil });
    const { code, text } = await hook(encryptionSpec());
    expect(code).toBe(0);
    expect(text).toContain(`wait for DWS cluster ${WAREHOUSE} to finish SNAPSHOTTING 20%`);
    expect(text.indexOf("to finish SNAPSHOTTING")).toBeLessThan(text.indexOf("conversion submitted"));
    expect(cloud.performed("EncryptCluster")).toHaveLength(1);
  });

  test("a run killed after submitting: the next run waits for the conversion and never submits again", async () => {
    dws().patch(WAREHOUSE, { encrypt_duration_seconds: 300 });
    const client = new DwsClient({ region, projectId, env: cloud.env });
    await client.encryptCluster(WAREHOUSE, { masterKeyId: KEY, cryptAlgorithm: "generalCipher" });
    cloud.emulator.clock.advance(30);
    cloud.clearCalls();
    const { code, text } = await hook(encryptionSpec());
    expect(code).toBe(0);
    expect(text).toMatch(/wait for DWS cluster \S+ to finish SETTING_CONFIGURATION \d+%/);
    expect(cloud.calls({ operation: "EncryptCluster" })).toHaveLength(0);
    expect(cluster(WAREHOUSE).master_key_id).toBe(KEY);
  });

  test("a lost answer to the submission is not repeated: the cluster is observed instead", async () => {
    cloud.emulator.faults.add({ operation: "EncryptCluster", status: 500, code: "DWS.9999", after: true });
    const { code, text } = await hook(encryptionSpec());
    expect(code).toBe(0);
    expect(text).toContain("the answer to the conversion request was lost (DWS.9999); not sending it again");
    expect(cloud.calls({ operation: "EncryptCluster" })).toHaveLength(1);
    expect(cluster(WAREHOUSE).master_key_id).toBe(KEY);
  });

  test("DWS.7023 on the submission: observed again and decided anew, not resent blindly; 503 and DWS.7023 while polling the job are survived", async () => {
    cloud.emulator.faults.add([
      { operation: "EncryptCluster", status: 403, code: "DWS.7023", message: "The cluster status is not allowed to operation." },
      { operation: "ShowJob", status: 503, code: "DWS.0005", count: 2 },
      { operation: "ShowJob", status: 403, code: "DWS.7023", count: 2 },
    ]);
    const { code, text } = await hook(encryptionSpec());
    expect(code).toBe(0);
    expect(text).not.toMatch(/EncryptCluster on cluster \S+: DWS\.7023 \(cluster busy\), retrying in/);
    expect(text).toContain("GaussDB(DWS) refused EncryptCluster (DWS.7023), so nothing was done: not sending it again blindly; observing again before deciding anew");
    // Observed between the refusal and the second submission.
    const sequence = operations().filter((o) => /EncryptCluster|ShowClusterEncryptInfo/.test(o));
    expect(sequence.slice(0, 4)).toEqual(["GET ShowClusterEncryptInfo", "POST EncryptCluster", "GET ShowClusterEncryptInfo", "POST EncryptCluster"]);
    expect(text).toMatch(/ShowJob on job \S+: DWS\.0005 \(service unavailable\), retrying in/);
    expect(cloud.performed("EncryptCluster")).toHaveLength(1);
  });

  test("destroy only forgets, and says the cluster stays encrypted", async () => {
    const { code, text } = await hook(encryptionSpec({ clusterId: ANALYTICS }), "destroy");
    expect(code).toBe(0);
    expect(text).toContain("GaussDB(DWS) encryption is one-way: the cluster stays encrypted with master key KMS-1abd-1016");
    expect(operations()).toEqual(["GET ShowClusterEncryptInfo"]);
  });
});

describe("dws.key-rotation", () => {
  function setLastRotation(id: string, ageDays: number | null): void {
    const now = cloud.emulator.clock.now();
    dws().patch(id, { last_rotate_key_time: ageDays === null ? null : dwsTime(now - ageDays * DAY), cooldown_until: null });
  }

  test("not due: one GET and a note saying when it is due", async () => {
    setLastRotation(ANALYTICS, 30);
    const { code, text } = await hook(rotationSpec());
    expect(code).toBe(0);
    expect(text).toMatch(/key rotation not due: last rotated \S+ \S+ UTC \(30 days ago\), due \S+ \S+ UTC; checked on the first deploy of each 9d window/);
    expect(operations()).toEqual(["GET ShowClusterEncryptInfo"]);
  });

  test("due once the emulated clock has moved past the period: one rotation, then none", async () => {
    setLastRotation(ANALYTICS, 30);
    cloud.emulator.clock.advance(61 * 86_400);
    const first = await hook(rotationSpec());
    expect(first.code).toBe(0);
    expect(first.text).toMatch(new RegExp(`rotate the encryption key of DWS cluster ${ANALYTICS}: last rotated \\S+ \\S+ UTC, 91 days ago, period 90d`));
    expect(cloud.performed("RotateClusterKey")).toHaveLength(1);
    const rotatedAt = cluster(ANALYTICS).last_rotate_key_time!;
    expect(Date.parse(`${rotatedAt.replace(" ", "T")}Z`)).toBeGreaterThan(Date.now() + 60 * DAY);

    cloud.clearCalls();
    const second = await hook(rotationSpec());
    expect(second.code).toBe(0);
    expect(second.text).toContain("key rotation not due");
    expect(cloud.performed()).toHaveLength(0);
  });

  test("no rotation recorded: rotated", async () => {
    setLastRotation(ANALYTICS, null);
    const { code, text } = await hook(rotationSpec());
    expect(code).toBe(0);
    expect(text).toContain("no key rotation is recorded");
    expect(cloud.performed("RotateClusterKey")).toHaveLength(1);
  });

  test("a declared master key the cluster does not use: rotated to it", async () => {
    setLastRotation(ANALYTICS, 1);
    const { code, text } = await hook(rotationSpec({ masterKeyId: KEY2 }));
    expect(code).toBe(0);
    expect(text).toContain(
      `rotate the master key of DWS cluster ${ANALYTICS} from KMS-1abd-1016 (${KEY}) to ${KEY2} (rotate-key with master_key_id: attempted and verified afterwards, because DWS documents no other way to change the master key; not repeated in this run if it does not take)`,
    );
    expect(cloud.performed("RotateClusterKey")).toHaveLength(1);
    expect(cluster(ANALYTICS).master_key_id).toBe(KEY2);
  });

  test("right after another operation DWS.7023 is waited out, observing before each new attempt", async () => {
    setLastRotation(ANALYTICS, 100);
    dws().patch(ANALYTICS, { cooldown_until: new Date(cloud.emulator.clock.now() + 5_000).toISOString() });
    const { code, text } = await hook(rotationSpec());
    expect(code).toBe(0);
    expect(text).toContain("GaussDB(DWS) refused RotateClusterKey (DWS.7023), so nothing was done: not sending it again blindly");
    expect(cloud.performed("RotateClusterKey")).toHaveLength(1);
    const sequence = operations().filter((o) => /RotateClusterKey|ShowClusterEncryptInfo/.test(o));
    for (let i = 1; i < sequence.length; i++) if (sequence[i] === "POST RotateClusterKey") expect(sequence[i - 1]).toBe("GET ShowClusterEncryptInfo");
  });

  test("a rotation another deploy made while this one was refused is not made again", async () => {
    setLastRotation(ANALYTICS, 100);
    cloud.emulator.faults.add({ operation: "RotateClusterKey", status: 403, code: "DWS.7023", message: "The cluster status is not allowed to operation." });
    // While this run backs off after the refusal, the other deploy's rotation lands.
    const base = emulatorDrivenClock(cloud.emulator);
    const clock = {
      ...base,
      sleep: async (ms: number) => {
        if (cloud.calls({ operation: "RotateClusterKey" }).length === 1) dws().patch(ANALYTICS, { last_rotate_key_time: dwsTime(cloud.emulator.clock.now()) });
        await base.sleep(ms);
      },
    };
    const { code, text } = await hook(rotationSpec(), "apply", clock);
    expect(code).toBe(0);
    expect(text).toContain("GaussDB(DWS) refused RotateClusterKey (DWS.7023), so nothing was done");
    expect(text).toMatch(/key rotation not due: last rotated/);
    expect(cloud.calls({ operation: "RotateClusterKey" })).toHaveLength(1);
  });

  test("a refusal asking to wait longer than the run has left ends the run at once, in one line", async () => {
    setLastRotation(ANALYTICS, 100);
    cloud.emulator.faults.add({ operation: "RotateClusterKey", status: 429, code: "APIGW.0308", message: "The throttling threshold has been reached", retry_after: 7200 });
    const { code, lines, clock } = await hook(rotationSpec());
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(/RotateClusterKey on cluster \S+ failed: APIGW\.0308 \(HTTP 429\): .*not sent again: the service asked to wait 2 h 0 min, more than the (\d+ s|\d+ min \d+ s) left of the run's time/);
    expect(clock.slept()).toBe(0);
    expect(cloud.calls({ operation: "RotateClusterKey" })).toHaveLength(1);
  });

  test("a lost answer to rotate-key is not repeated: the rotation it made is observed", async () => {
    setLastRotation(ANALYTICS, 100);
    cloud.emulator.faults.add({ operation: "RotateClusterKey", status: 500, code: "DWS.9999", after: true });
    const { code, text } = await hook(rotationSpec());
    expect(code).toBe(0);
    expect(text).toContain("was lost (DWS.9999); not sending it again, observing the resource instead");
    expect(text).toMatch(/verified \(master key KMS-1abd-1016/);
    expect(cloud.calls({ operation: "RotateClusterKey" })).toHaveLength(1);
  });

  test("a lost answer to a rotate-key that was not carried out: not sent again in this run, one clear line", async () => {
    setLastRotation(ANALYTICS, 100);
    cloud.emulator.faults.add({ operation: "RotateClusterKey", status: 500, code: "DWS.9999" });
    const { code, lines } = await hook(rotationSpec());
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(/RotateClusterKey on cluster \S+ failed: DWS\.9999 \(HTTP 500\): .*not sent again in this run, so nothing is done twice: .* still reads master key KMS-1abd-1016/);
    expect(cloud.calls({ operation: "RotateClusterKey" })).toHaveLength(1);
  });

  test("a cluster that is not encrypted: a clear error, nothing sent", async () => {
    const { code, lines } = await hook(rotationSpec({ clusterId: WAREHOUSE }));
    expect(code).toBe(1);
    expect(lines.at(-1)).toContain(`GaussDB(DWS) cluster ${WAREHOUSE} (cn-north-4) is not encrypted, so it has no key to rotate. Nothing was sent.`);
    expect(mutations()).toHaveLength(0);
  });

  test("the service's clock, not this machine's, decides", async () => {
    // Last rotation 95 days before the emulated now, which is 10 days behind this machine.
    cloud.emulator.clock.set(Date.now() - 10 * DAY);
    setLastRotation(ANALYTICS, 85);
    const { text } = await hook(rotationSpec());
    expect(text).toContain("key rotation not due");
  });

  test("destroy changes nothing", async () => {
    const { code, text } = await hook(rotationSpec(), "destroy");
    expect(code).toBe(0);
    expect(text).toContain("the cluster keeps its current keys");
    expect(mutations()).toHaveLength(0);
  });
});

describe("a master-key change through rotate-key (undocumented): attempted once, verified", () => {
  const ONE_LINE = new RegExp(
    `DWS accepted rotate-key with master_key_id ${KEY2}, but encrypt-info still reads master key ${KEY}: this DWS rotates the data key without moving the cluster to another master key, and DWS documents no other way to change it\\. Not repeated; nothing more was sent`,
  );

  test.each([
    ["EncryptedCluster", () => encryptionSpec({ clusterId: ANALYTICS, masterKeyId: KEY2, masterKeyName: "rotation-key-2" })],
    ["KeyRotationPolicy", () => rotationSpec({ masterKeyId: KEY2 })],
  ])("%s: with a DWS that only rotates, the run fails with one clear line and rotate-key is sent once", async (_kind, spec) => {
    dws().patch(ANALYTICS, { rotate_key_with_other_master_key: "rotates-only", cooldown_until: null });
    const { code, lines } = await hook(spec());
    expect(code).not.toBe(0);
    expect(lines.filter((l) => /^error: /.test(l))).toEqual([expect.stringMatching(ONE_LINE)]);
    expect(cloud.calls({ operation: "RotateClusterKey" })).toHaveLength(1);
    expect(cluster(ANALYTICS).master_key_id).toBe(KEY);
  });

  test("with a DWS that moves the key, the move is verified with encrypt-info right after it", async () => {
    const { code } = await hook(rotationSpec({ masterKeyId: KEY2 }));
    expect(code).toBe(0);
    const after = operations().slice(operations().indexOf("POST RotateClusterKey"));
    expect(after.slice(0, 2)).toEqual(["POST RotateClusterKey", "GET ShowClusterEncryptInfo"]);
    expect(cluster(ANALYTICS).master_key_id).toBe(KEY2);
  });
});

describe("DWS task states", () => {
  test("a failed task is reported at once with its name; nothing is sent and nothing waited for", async () => {
    dws().patch(WAREHOUSE, { task_status: "FLAVOR_RESIZING_FAILED" });
    const { code, lines, clock } = await hook(encryptionSpec());
    expect(code).not.toBe(0);
    expect(lines.at(-1)).toMatch(/cluster 97cbaab3-\S+ \(cn-north-4\): its task FLAVOR_RESIZING_FAILED failed, and DWS does not retry a failed task by itself: nothing more was sent/);
    expect(mutations()).toHaveLength(0);
    expect(clock.slept()).toBe(0);
  });

  test.each(["ORDER_PENDING", "ACTIVE_STANDY_SWITCHOVER", "REDISTRIBUTION_PAUSED"])("%s (no ING) is a pending task: waited for before converting", async (task) => {
    dws().patch(WAREHOUSE, { task_status: task, busy_until: new Date(cloud.emulator.clock.now() + 60_000).toISOString() });
    const { code, text } = await hook(encryptionSpec());
    expect(code).toBe(0);
    expect(text).toContain(`wait for DWS cluster ${WAREHOUSE} to finish ${task}`);
    expect(text.indexOf(`to finish ${task}`)).toBeLessThan(text.indexOf("conversion submitted"));
    expect(cloud.performed("EncryptCluster")).toHaveLength(1);
  });

  test("the emulated conversion shows documented task names only", async () => {
    const client = new DwsClient({ region, projectId, env: cloud.env });
    dws().patch(WAREHOUSE, { encrypt_duration_seconds: 100 });
    await client.encryptCluster(WAREHOUSE, { masterKeyId: KEY, cryptAlgorithm: "generalCipher" });
    const seen = new Set<string>();
    for (let t = 0; t < 100; t += 10) {
      const detail = await client.getCluster(WAREHOUSE);
      for (const task of [detail.taskStatus, ...Object.keys(detail.actionProgress)]) if (task) seen.add(task);
      cloud.emulator.clock.advance(10);
    }
    expect([...seen].sort()).toEqual(["REBOOTING", "SETTING_CONFIGURATION"]);
  });
});

test("the emulator refuses a rotate-key POST whose body is not a JSON object", () => {
  const route = dws().routes.find((r) => r.operation === "RotateClusterKey")!;
  const request = (body: unknown) => ({
    method: "POST",
    path: `/v1/${projectId}/clusters/${ANALYTICS}/rotate-key`,
    params: { project: projectId, id: ANALYTICS },
    query: new URLSearchParams(),
    headers: {},
    body,
    caller: { accessKey: "AK", readOnly: false },
  });
  for (const body of [undefined, [], "rotate", 1]) {
    const reply = (() => {
      try {
        return route.handle(request(body)) as { status: number; body: { error_msg: string } };
      } catch (error) {
        return error as { status: number; body: { error_msg: string } };
      }
    })();
    expect(reply.status).toBe(400);
    expect(reply.body.error_msg).toContain("must be a JSON object");
  }
  expect(cluster(ANALYTICS).last_rotate_key_time).not.toBe(dwsTime(cloud.emulator.clock.now()));
});

test("the KMS keys the emulator knows include the rotation target", () => {
  expect(cloud.emulator.service<HuaweiKmsService>("kms").find(KEY2, region, projectId)?.key_state).toBe("enabled");
});

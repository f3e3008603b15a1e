// Bad answers from the cloud and waits that never end, for every kind, against the emulator
// over loopback (the hook in this process on a virtual clock, so a 60-minute wait costs nothing):
// - non-JSON bodies, a gateway's HTML page, truncated and empty bodies, JSON with fields
//   missing or of the wrong type, unexpected enum values: one clear `error:` line naming the
//   operation, never a crash, never a stack;
// - every wait has an overall timeout (60 minutes unless the construct says otherwise) whose
//   message names what was awaited and the last state observed.
import { TerraformStack } from "cdktf";
import { AckCluster, BackupEncryption, DwsCluster, EncryptedCluster, KeyRotationPolicy } from "../../lib";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { FaultRule } from "../../lib/emulator/faults";
import { runInProcess } from "../chaos/campaign";
import { IDS, SCENARIOS, Scenario, specOf } from "../chaos/scenarios";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());

const scenario = (name: string): Scenario => SCENARIOS.find((s) => s.name === name)!;
const SERVICE: Record<string, string> = { taurusdb: "TaurusDB", dws: "GaussDB(DWS)", ack: "ACK" };

/** Bodies that are not the service's answer, for any operation. */
const GARBAGE: readonly [string, FaultRule][] = [
  ["a gateway's HTML error page (502)", { body: "html", status: 502 }],
  ["an HTML page with HTTP 200", { body: "html", status: 200 }],
  ["a non-JSON body", { body: "not-json", status: 200 }],
  ["a truncated JSON body", { body: "truncated", status: 200 }],
  ["an empty body", { body: "empty", status: 200 }],
  ["JSON with every field missing", { json: {} }],
  ["a JSON array", { json: [] }],
  ["JSON null", { json: null }],
];

/** Fields of the wrong type or enum values the clients do not know, per operation. */
const ODD_VALUES: readonly [string, string, string, unknown][] = [
  ["taurusdb off→on", "taurusdb", "ShowBackupEncryptStatus", { encryption_status: "pending" }],
  ["taurusdb off→on", "taurusdb", "ShowBackupEncryptStatus", { encryption_status: true }],
  ["taurusdb off→on", "taurusdb", "ShowInstanceDetail", { instance: { status: 42 } }],
  ["taurusdb off→on", "taurusdb", "SetBackupEncryption", { encryption_status: "maybe" }],
  ["dws convert", "dws", "ShowClusterEncryptInfo", { master_key_id: 7 }],
  ["dws convert", "dws", "ShowClusterDetail", { cluster: { status: null } }],
  ["dws convert", "dws", "ShowClusterDetail", { cluster: "AVAILABLE" }],
  ["dws convert", "dws", "EncryptCluster", { job_id: 12 }],
  ["dws convert", "dws", "ShowJob", { status: 3 }],
  ["dws rotate key", "dws", "ShowClusterEncryptInfo", { master_key_id: IDS.dwsKey, last_rotate_key_time: "yesterday" }],
  ["dws rotate key", "dws", "ShowClusterEncryptInfo", { master_key_id: IDS.dwsKey, last_rotate_key_time: 1700000000 }],
  ["ack enable", "ack", "DescribeClusterDetail", { state: "running", cluster_type: "ManagedKubernetes", cluster_spec: "ack.pro.small", meta_data: "{not json" }],
  ["ack enable", "ack", "DescribeClusterDetail", { state: 5 }],
  ["ack enable", "ack", "DescribeClusterDetail", { state: "running", cluster_type: "ManagedKubernetes", cluster_spec: "ack.pro.small", meta_data: { Capabilities: "x" } }],
];

/** Operations each scenario calls on its way to the change, so a fault on them is met. */
const OPERATIONS: Record<string, readonly string[]> = {
  "taurusdb off→on": ["ShowBackupEncryptStatus", "ShowInstanceDetail", "SetBackupEncryption"],
  "dws convert": ["ShowClusterEncryptInfo", "ShowClusterDetail", "EncryptCluster", "ShowJob"],
  "dws rotate key": ["ShowClusterEncryptInfo", "RotateClusterKey"],
  "ack enable": ["DescribeClusterDetail", "UpdateKMSEncryption"],
};

const cases: [string, string, string, FaultRule][] = [];
for (const [name, operations] of Object.entries(OPERATIONS)) {
  for (const operation of operations) for (const [what, rule] of GARBAGE) cases.push([name, operation, what, { ...rule, operation, count: 1000 }]);
}
for (const [name, , operation, json] of ODD_VALUES) cases.push([name, operation, `the odd answer ${JSON.stringify(json)}`, { operation, json, count: 1000 }]);

function expectOneClearLine(output: string): string {
  const errors = output.split("\n").filter((l) => l.startsWith("error: "));
  expect(errors).toHaveLength(1);
  expect(output).not.toMatch(/internal error|TypeError|SyntaxError|\n\s+at \S+/);
  return errors[0];
}

test.each(cases)("%s, %s answering %s: one clear line naming the operation", async (name, operation, _what, rule) => {
  const s = scenario(name);
  cloud.emulator.reset();
  s.prepare?.(cloud.emulator);
  cloud.emulator.faults.add(rule);
  const result = await runInProcess(cloud.emulator, specOf(s));
  // Answers the change itself gives are checked by reading the cloud again: such a run may
  // still converge (the change was made), or fail on its own words; never crash.
  const mutating = Object.keys(s.intended(cloud.emulator)).includes(operation);
  if (result.code === 0) {
    expect(mutating).toBe(true);
    return;
  }
  const line = expectOneClearLine(result.output);
  const service = SERVICE[s.kind.split(".")[0]];
  // The line names the operation that answered badly; or, where the answer was readable but
  // wrong for the state (an "on" the cloud never reaches, a time DWS does not write), what was
  // awaited or what the value is.
  const named = line.includes(`${service} ${operation} on `);
  const explained =
    /^error: gave up waiting for .+: last observed state /.test(line) ||
    / was sent, but the cloud still reads /.test(line) ||
    /last_rotate_key_time "yesterday" is not a time DWS writes/.test(line);
  if (!named && !explained) throw new Error(`the failure names neither ${operation} nor what went wrong: ${line}`);
  // A read answered with garbage is always named.
  if (!mutating && /body|JSON null|array|missing/.test(_what)) expect(named).toBe(true);
});

// ---- timeouts ------------------------------------------------------------------------------

const HW = EMULATOR_CREDENTIALS.huawei;

test.each([
  ["BackupEncryption", (stack: TerraformStack) => new BackupEncryption(stack, "b", { instance: { region: HW.region, projectId: HW.projectId, instanceId: IDS.orders }, kmsKeyId: IDS.backupKey })],
  ["EncryptedCluster (DWS)", (stack: TerraformStack) => new EncryptedCluster(stack, "c", { cluster: DwsCluster.fromId({ region: HW.region, projectId: HW.projectId, clusterId: IDS.warehouse }), masterKey: { id: IDS.dwsKey } })],
  ["EncryptedCluster (ACK)", (stack: TerraformStack) => new EncryptedCluster(stack, "c", { cluster: AckCluster.fromId({ clusterId: IDS.payments }), masterKey: { id: IDS.ackKey } })],
  ["KeyRotationPolicy", (stack: TerraformStack) => new KeyRotationPolicy(stack, "r", { cluster: DwsCluster.fromId({ region: HW.region, projectId: HW.projectId, clusterId: IDS.analytics }) })],
])("%s waits at most 60 minutes unless told otherwise", (_name, declare) => {
  const spec = specOf({ ...scenario("taurusdb off→on"), declare });
  expect(spec.timeout).toBe("1h");
});

/** A cloud kept busy for a day, a Spec with a 2-minute timeout: the run gives up and says on what. */
test.each([
  [
    "taurusdb off→on",
    (e: RunningEmulator["emulator"]) => e.service("taurusdb").patch(IDS.orders, { status: "BACKING UP", busy_until: new Date(e.clock.now() + 86_400_000).toISOString() }),
    /^error: gave up waiting for TaurusDB instance 7033e7c3cf93438797d44ad7ae0a7d95in07 to be ACTIVE after 2 min 0 s: last observed state status BACKING UP\. Run the deploy again to keep waiting, or raise the construct's timeout$/,
  ],
  [
    "dws convert",
    (e: RunningEmulator["emulator"]) => e.service("dws").patch(IDS.warehouse, { task_status: "SNAPSHOTTING", action_progress: { SNAPSHOTTING: "20%" }, busy_until: new Date(e.clock.now() + 86_400_000).toISOString() }),
    /^error: gave up waiting for GaussDB\(DWS\) cluster 97cbaab3-939e-4dbc-9187-0fe240f2b9fd \(cn-north-4\) to be available before converting after 2 min 0 s: last observed state status AVAILABLE, task SNAPSHOTTING 20%\. /,
  ],
  [
    "dws convert",
    (e: RunningEmulator["emulator"]) => e.service("dws").patch(IDS.warehouse, { encrypt_duration_seconds: 86_400 }),
    /^error: gave up waiting for DWS job [0-9a-f]+ \(convert cluster 97cbaab3-939e-4dbc-9187-0fe240f2b9fd to encrypted\) after 2 min 0 s: last observed state (INIT|RUNNING) 0%\. /,
  ],
  [
    "ack enable",
    (e: RunningEmulator["emulator"]) => e.service("ack").patch(IDS.payments, { state: "scaling" }),
    /^error: gave up waiting for ACK cluster c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6 \(cn-hangzhou\) to be running after (2 min 0 s|119 s): last observed state state scaling\. /,
  ],
  [
    "ack enable",
    (e: RunningEmulator["emulator"]) => e.service("ack").patch(IDS.payments, { update_lag_seconds: 1, update_seconds: 86_400 }),
    /^error: gave up waiting for ACK cluster c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6 \(cn-hangzhou\) to finish the update \(turn on Secret encryption at rest with KMS key key-hzz6payments0secrets01\) after (\d+ s|\d+ min \d+ s): last observed state state updating\. /,
  ],
] as const)("%s on a cloud that stays busy: the timeout names what was awaited and the last state", async (name, busy, message) => {
  const s = scenario(name);
  cloud.emulator.reset();
  s.prepare?.(cloud.emulator);
  busy(cloud.emulator);
  const result = await runInProcess(cloud.emulator, { ...specOf(s), timeout: "2m" });
  expect(result.code).toBe(1);
  expect(expectOneClearLine(result.output)).toMatch(message);
  // Waits before a change send nothing; a wait for a change in progress follows the one change.
  expect(cloud.performed()).toHaveLength(/DWS job|to finish the update/.test(String(message)) ? 1 : 0);
});

// The KMS preflight: before a DWS conversion, an ACK change or turning on TaurusDB encrypted
// backup, the hook reads the declared key and refuses a key the service cannot use, with one
// line and nothing sent. Through the hook entry point, against the in-process emulator.
import { runHook } from "../../../lib/cli/hook";
import { MemoryLog } from "../../../lib/runtime/log";
import { AlibabaKmsClient } from "../../../lib/cloud/alibaba/kms-client";
import { HuaweiKmsClient } from "../../../lib/cloud/huawei/kms-client";
import { EMULATOR_CREDENTIALS } from "../../../lib/emulator/fixture";
import { HuaweiKmsService } from "../../../lib/emulator/services/huawei-kms";
import { AlibabaKmsService } from "../../../lib/emulator/services/alibaba-kms";
import { Duration } from "../../../lib/contract/duration";
import { dwsClusterEncryptionToMap } from "../../../lib/kinds/dws-cluster-encryption/spec";
import { ACK_SPEC, TAURUSDB_SPEC } from "../../support/spec-fixtures";
import { RunningEmulator, startEmulator } from "../../support/emulator-harness";
import { emulatorDrivenClock } from "../../support/emulator-clocks";

const { region, projectId } = EMULATOR_CREDENTIALS.huawei;
const WAREHOUSE = "97cbaab3-939e-4dbc-9187-0fe240f2b9fd";
const ORDERS = "7033e7c3cf93438797d44ad7ae0a7d95in07";
const KEY = "0f3196c8-5c23-469f-84da-92ecd2499dce";
const BACKUP_KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526";
const DISABLED_KEY = "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4";
const UNKNOWN_KEY = "11111111-2222-4333-8444-555555555555";
const OTHER_PROJECT = "ffffffffffffffffffffffffffffffff";

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

const huaweiKeys = () => cloud.emulator.service<HuaweiKmsService>("kms");
const alibabaKeys = () => cloud.emulator.service<AlibabaKmsService>("alikms");

async function hook(spec: Record<string, string>) {
  const log = new MemoryLog();
  const code = await runHook(["apply"], { env: { ...cloud.env, CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec) }, log, clock: emulatorDrivenClock(cloud.emulator) });
  return { code, lines: log.lines, text: log.lines.join("\n") };
}

function dwsSpec(masterKeyId: string) {
  return dwsClusterEncryptionToMap({ region, projectId, clusterId: WAREHOUSE, masterKeyId, algorithm: "generalCipher", timeout: Duration.minutes(30) });
}

const mutations = () => cloud.calls().filter((c) => c.mutating);

describe("DWS conversion", () => {
  test.each([
    ["disabled", () => DISABLED_KEY, `is disabled: only an enabled key can be used`],
    ["pending deletion", () => (huaweiKeys().patch(KEY, { key_state: "pending_deletion" }), KEY), `is pending deletion (deletion scheduled for 20`],
    ["not found", () => UNKNOWN_KEY, `was not found in region ${region}, project ${projectId}`],
    ["in another project (and so another region)", () => (huaweiKeys().patch(KEY, { project_id: OTHER_PROJECT }), KEY), `was not found in region ${region}, project ${projectId} (a key of another region or project`],
  ])("a key %s is refused in one line, nothing sent", async (_name, keyOf, reason) => {
    const key = keyOf();
    const { code, lines } = await hook(dwsSpec(key));
    expect(code).toBe(1);
    const last = lines.at(-1)!;
    expect(last).toContain(`error: GaussDB(DWS) cluster ${WAREHOUSE} (${region}): KMS key ${key} ${reason}`);
    expect(last).toContain("Nothing was sent (checked before the one-way conversion)");
    expect(last).not.toContain("\n");
    expect(cloud.calls({ operation: "DescribeKey" })).toHaveLength(1);
    expect(mutations()).toHaveLength(0);
  });

  test("an enabled key passes and the conversion goes on", async () => {
    const { code } = await hook(dwsSpec(KEY));
    expect(code).toBe(0);
    const operations = cloud.calls().map((c) => c.operation);
    expect(operations.indexOf("DescribeKey")).toBeLessThan(operations.indexOf("EncryptCluster"));
    expect(cloud.performed("EncryptCluster")).toHaveLength(1);
  });

  test("a caller that may not read keys gets one warning line and the conversion goes on", async () => {
    cloud.emulator.faults.add({ operation: "kms:DescribeKey", status: 403, code: "KMS.0306", message: "The user has no permission to access the key." });
    const { code, lines } = await hook(dwsSpec(KEY));
    expect(code).toBe(0);
    const warnings = lines.filter((l) => l.startsWith("warning:"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`could not check KMS key ${KEY} before the one-way conversion: these credentials may not read it (kms:cmk:get); going on`);
    expect(warnings[0]).toContain("KMS.0306 (HTTP 403)");
    expect(cloud.performed("EncryptCluster")).toHaveLength(1);
  });
});

describe("TaurusDB encrypted backup", () => {
  test("turning it on with a disabled key is refused, nothing sent", async () => {
    const { code, lines } = await hook({ ...TAURUSDB_SPEC, kms_key_id: DISABLED_KEY });
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(
      `error: TaurusDB instance ${ORDERS} (${region}): KMS key ${DISABLED_KEY} is disabled: only an enabled key can be used. Nothing was sent (checked before turning on encrypted backup). Declare an enabled AES_256 or SM4 key of this region and project, or enable this one in the KMS console`,
    );
    expect(mutations()).toHaveLength(0);
  });

  test("a key of a spec TaurusDB does not take (not AES_256 or SM4) is refused, nothing sent", async () => {
    huaweiKeys().patch(BACKUP_KEY, { key_spec: "RSA_2048" });
    const { code, lines } = await hook({ ...TAURUSDB_SPEC, kms_key_id: BACKUP_KEY });
    expect(code).toBe(1);
    expect(lines.at(-1)).toContain(`KMS key ${BACKUP_KEY} has spec RSA_2048: only AES_256 or SM4 keys can be used. Nothing was sent`);
    expect(mutations()).toHaveLength(0);
  });

  test("an enabled key passes", async () => {
    const { code } = await hook({ ...TAURUSDB_SPEC, kms_key_id: BACKUP_KEY });
    expect(code).toBe(0);
    expect(cloud.performed("SetBackupEncryption")).toHaveLength(1);
  });

  test("turning it off reads no key", async () => {
    const { code } = await hook({ ...TAURUSDB_SPEC, instance_id: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07", encryption: "off", kms_key_id: "" });
    expect(code).toBe(0);
    expect(cloud.calls({ operation: "DescribeKey" })).toHaveLength(0);
  });
});

describe("ACK Secret encryption", () => {
  test.each([
    ["another region", "key-shh6payments0secrets01", "is in region cn-shanghai, not the cluster's region cn-hangzhou"],
    ["spec Aliyun_SM4", "key-hzz6sm4000000000000001", "has spec Aliyun_SM4, not Aliyun_AES_256"],
    ["usage SIGN/VERIFY", "key-hzz6sign00000000000001", "has spec RSA_2048, not Aliyun_AES_256; has usage SIGN/VERIFY, not ENCRYPT/DECRYPT"],
    ["Disabled", "key-hzz6disabled0000000001", "is Disabled, not Enabled"],
    ["a service key", "key-hzz6service00000000001", "is a service key (Creator Cs)"],
    ["not found", "key-hzz6nothere0000000001", "was not found in region cn-hangzhou"],
  ])("a key in %s is refused in one line, nothing sent", async (_name, key, reason) => {
    const { code, lines } = await hook({ ...ACK_SPEC, kms_key_id: key });
    expect(code).toBe(1);
    expect(lines.at(-1)).toContain(`error: ACK cluster ${ACK_SPEC.cluster_id} (cn-hangzhou): KMS key ${key} ${reason}`);
    expect(lines.at(-1)).toContain("Nothing was sent (checked before the change (turn on Secret encryption at rest with KMS key");
    expect(mutations()).toHaveLength(0);
  });

  test("PendingDeletion is refused", async () => {
    alibabaKeys().patch("key-hzz6payments0secrets01", { key_state: "PendingDeletion" });
    const { code, lines } = await hook(ACK_SPEC);
    expect(code).toBe(1);
    expect(lines.at(-1)).toContain("is PendingDeletion, not Enabled. Nothing was sent");
    expect(mutations()).toHaveLength(0);
  });

  test("a caller that may not read keys gets one warning line and the change goes on", async () => {
    cloud.emulator.faults.add({ operation: "alikms:DescribeKey", status: 403, code: "Forbidden.NoPermission", message: "This operation is forbidden by permission system." });
    const { code, lines } = await hook(ACK_SPEC);
    expect(code).toBe(0);
    const warnings = lines.filter((l) => l.startsWith("warning:"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("these credentials may not read it (kms:DescribeKey); going on");
    expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(1);
  });

  test("turning it off reads no key", async () => {
    const { code } = await hook({ ...ACK_SPEC, cluster_id: "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a", encryption: "off", kms_key_id: "" });
    expect(code).toBe(0);
    expect(cloud.calls({ operation: "DescribeKey" })).toHaveLength(0);
  });
});

describe("KMS clients against the emulator", () => {
  test("Huawei describe-key: the official model's fields, key_state as a code", async () => {
    const client = new HuaweiKmsClient({ region, projectId, env: cloud.env });
    const key = await client.describeKey(KEY);
    expect(key).toEqual(expect.objectContaining({ keyId: KEY, state: "enabled", rawState: "2", keySpec: "AES_256", keyUsage: "ENCRYPT_DECRYPT" }));
    const call = cloud.calls({ operation: "DescribeKey" })[0];
    expect(call).toEqual(expect.objectContaining({ method: "POST", path: `/v1.0/${projectId}/kms/describe-key`, status: 200, mutating: false }));
  });

  test("Huawei describe-key of an unknown key: KMS.0207 in KMS's nested error shape", async () => {
    const client = new HuaweiKmsClient({ region, projectId, env: cloud.env });
    await expect(client.describeKey(UNKNOWN_KEY)).rejects.toThrow(/KMS DescribeKey on key \S+ failed: KMS\.0207 \(HTTP 400\): The key does not exist/);
  });

  test("Alibaba DescribeKey: RPC call signed with ACS3, KeyMetadata with the region in its ARN", async () => {
    const client = new AlibabaKmsClient({ region: "cn-hangzhou", env: cloud.env });
    const key = await client.describeKey("key-hzz6payments0secrets01");
    expect(key).toEqual(expect.objectContaining({ keyState: "Enabled", keySpec: "Aliyun_AES_256", keyUsage: "ENCRYPT/DECRYPT", region: "cn-hangzhou", creator: "1540355698840000" }));
    expect(cloud.calls({ operation: "DescribeKey" })[0]).toEqual(expect.objectContaining({ method: "POST", path: "/", status: 200 }));
    await expect(client.describeKey("key-none")).rejects.toThrow(/KMS DescribeKey on key key-none failed: Forbidden\.KeyNotFound \(HTTP 404\): The specified Key is not found/);
  });
});

describe("the emulator's KMS answers carry every field of the official models", () => {
  // huaweicloud-sdk-nodejs-v3 services/kms/v2/model/KeyDetails.ts (ListKeyDetailResponse.key_info).
  const KEY_DETAILS = ["key_id", "domain_id", "key_alias", "realm", "key_spec", "key_usage", "key_description", "creation_date", "scheduled_deletion_date", "key_state", "default_key_flag", "key_type", "expiration_time", "origin", "key_rotation_enabled", "sys_enterprise_project_id", "keystore_id", "key_label", "partition_type"];
  // @alicloud/kms20160120 DescribeKeyResponseBodyKeyMetadata.
  const KEY_METADATA = ["Arn", "AutomaticRotation", "CreationDate", "Creator", "DKMSInstanceId", "DeleteDate", "DeletionProtection", "DeletionProtectionDescription", "Description", "KeyId", "KeySpec", "KeyState", "KeyUsage", "LastRotationDate", "MaterialExpireTime", "NextRotationDate", "Origin", "PrimaryKeyVersion", "ProtectionLevel", "RotationInterval"];

  test("Huawei describe-key: key_info", () => {
    const huawei = huaweiKeys().routes[0].handle({ method: "POST", path: `/v1.0/${projectId}/kms/describe-key`, params: { project: projectId }, query: new URLSearchParams(), headers: {}, body: { key_id: KEY }, caller: { accessKey: "a", readOnly: false } });
    expect(Object.keys((huawei.body as { key_info: object }).key_info).sort()).toEqual([...KEY_DETAILS].sort());
  });

  test("Alibaba DescribeKey: KeyMetadata and RequestId", () => {
    const alibaba = alibabaKeys().routes[0].handle({ method: "POST", path: "/", params: {}, query: new URLSearchParams({ KeyId: "key-hzz6payments0secrets01" }), headers: {}, body: undefined, caller: { accessKey: "a", readOnly: false } });
    const body = alibaba.body as { KeyMetadata: object; RequestId: string };
    expect(Object.keys(body.KeyMetadata).sort()).toEqual([...KEY_METADATA].sort());
    expect(body.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

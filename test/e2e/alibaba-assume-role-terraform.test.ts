import { TerraformStack } from "cdktf";
import { AckCluster, Duration, EncryptedCluster } from "../../lib";
import { ACK_WORLD, ackCluster } from "../support/ack-world";
import { ALI, ALIBABA_IDENTITIES as ID } from "../support/alibaba-identity-world";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { TerraformWorkspace, expectExit } from "../support/terraform-harness";

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());

/** A fresh emulator, then `terraform apply` of one stack turning on Secret encryption of the payments cluster, as the environment's identity. */
async function encryptPaymentsSecrets(env: Record<string, string>): Promise<Awaited<ReturnType<TerraformWorkspace["apply"]>>> {
  cloud.emulator.reset();
  cloud.emulator.service("ack").patch(ACK_WORLD.payments, { update_lag_seconds: 0, update_seconds: 1 });
  const ws = TerraformWorkspace.synth((stack: TerraformStack) => {
    new EncryptedCluster(stack, "payments-k8s", {
      cluster: AckCluster.fromId({ region: ACK_WORLD.region, clusterId: ACK_WORLD.payments }),
      masterKey: { id: ACK_WORLD.key },
      timeout: Duration.minutes(5),
    });
  }, env);
  const applied = await ws.apply();
  expectExit(applied, 0);
  expect(ackCluster(cloud.emulator)).toMatchObject({ secret_encryption: "on", encryption_kms_key_id: ACK_WORLD.key });
  return applied;
}

test("terraform apply with ALICLOUD_ASSUME_ROLE_ARN: the hook acts as the role Terraform's provider would, never as the base key", async () => {
  const env = {
    ...cloud.env,
    ALIBABA_CLOUD_ACCESS_KEY_ID: "",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "",
    ALICLOUD_ACCESS_KEY: ALI.accessKeyId,
    ALICLOUD_SECRET_KEY: ALI.accessKeySecret,
    ALICLOUD_ASSUME_ROLE_ARN: ID.encryptionAdmin,
    ALICLOUD_ASSUME_ROLE_SESSION_NAME: "terraform",
  };
  const applied = await encryptPaymentsSecrets(env);
  expect(applied.stdout).toContain("credentials: assumed role acs:ram::123…:role/encryption-admin (from ALICLOUD_ASSUME_ROLE_ARN; base identity: AccessKey LTAI…a001 (from ALICLOUD_ACCESS_KEY))");
  expect(applied.stdout).not.toContain(ALI.accessKeyId);
  const ack = cloud.calls({ service: "ack" });
  expect(ack.map((c) => c.operation)).toContain("UpdateKMSEncryption");
  expect(ack.every((c) => c.principal === `role ${ID.encryptionAdmin}` && c.accessKey?.startsWith("STS."))).toBe(true);
  expect(cloud.calls({ service: "sts" }).map((c) => `${c.operation} ${c.accessKey} ${c.status}`)).toEqual([`AssumeRole ${ALI.accessKeyId} 200`]);
  expect((cloud.emulator.snapshot().sts as { issued: { principal: string }[] }).issued).toEqual([expect.objectContaining({ principal: `role ${ID.encryptionAdmin}` })]);
});

test("terraform apply in CDKTF_ENCRYPTION_CONNECT_TO mode with keys and ALIBABA_CLOUD_ROLE_ARN (the provider's second assume_role.role_arn variable), STS in cn-wuhan: the role assumed at sts.aliyuncs.com, the host of the official STS map", async () => {
  const env = {
    ...cloud.env,
    ALIBABA_CLOUD_ACCESS_KEY_ID: ALI.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: ALI.accessKeySecret,
    ALIBABA_CLOUD_ROLE_ARN: ID.encryptionAdmin,
    ALIBABA_CLOUD_ROLE_SESSION_NAME: "pipeline",
    ALIBABA_CLOUD_STS_REGION: "cn-wuhan",
  };
  const applied = await encryptPaymentsSecrets(env);
  expect(applied.stdout).toContain("credentials: assumed role acs:ram::123…:role/encryption-admin (from ALIBABA_CLOUD_ROLE_ARN; base identity: AccessKey LTAI…a001 (from ALIBABA_CLOUD_ACCESS_KEY_ID))");
  const ack = cloud.calls({ service: "ack" });
  expect(ack.length).toBeGreaterThan(0);
  expect(ack.every((c) => c.principal === `role ${ID.encryptionAdmin}` && c.accessKey?.startsWith("STS."))).toBe(true);
  expect(cloud.calls({ service: "sts" }).map((c) => `${c.operation} ${c.host} ${c.accessKey} ${c.status}`)).toEqual([`AssumeRole sts.aliyuncs.com ${ALI.accessKeyId} 200`]);
});

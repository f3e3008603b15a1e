import { TerraformStack, Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest";
import { AckCluster, CryptAlgorithm, Duration, EncryptedCluster, EncryptedClusterProps, HookEngine, RemovalPolicy } from "../../../lib";
import { parseAckSecretEncryption } from "../../../lib/kinds/ack-secret-encryption/spec";
import { synthValidated } from "../../support/synth-validated";

const CLUSTER = "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6";
const KEY = "key-hzz6payments0secrets01";

function synth(props: Partial<EncryptedClusterProps> & Record<string, unknown> = {}, ref: Record<string, unknown> = { region: "cn-hangzhou", clusterId: CLUSTER }) {
  const stack = new TerraformStack(Testing.app(), "s");
  new EncryptedCluster(stack, "payments-k8s", {
    cluster: AckCluster.fromId(ref as never),
    masterKey: { id: KEY },
    hookEngine: HookEngine.TERRAFORM_DATA,
    ...props,
  } as EncryptedClusterProps);
  return synthValidated(stack);
}

test("the Spec lands in the hook resource's triggers_replace, readable in a plan", () => {
  const out = synth({ removalPolicy: RemovalPolicy.DISABLE, timeout: Duration.minutes(20) });
  expect(out).toHaveResourceWithProperties({ tfResourceType: "terraform_data" } as never, {
    triggers_replace: {
      spec_version: "1",
      kind: "ack.secret-encryption",
      region: "cn-hangzhou",
      cluster_id: CLUSTER,
      encryption: "on",
      kms_key_id: KEY,
      removal_policy: "disable",
      timeout: "20m",
    },
  });
  const hooks = JSON.parse(out).resource.terraform_data as Record<string, { triggers_replace: Record<string, string> }>;
  const spec = parseAckSecretEncryption(Object.values(hooks)[0].triggers_replace);
  expect(spec).toEqual(expect.objectContaining({ clusterId: CLUSTER, kmsKeyId: KEY, encryption: "on", removalPolicy: RemovalPolicy.DISABLE }));
});

test("enabled: false turns it off and records no key; the region may come from the environment", () => {
  const out = JSON.parse(synth({ enabled: false }, { clusterId: CLUSTER }));
  const input = Object.values(out.resource.terraform_data as Record<string, { triggers_replace: Record<string, string> }>)[0].triggers_replace;
  expect(input).toEqual(expect.objectContaining({ region: "", encryption: "off", kms_key_id: "", removal_policy: "retain", timeout: "1h" }));
});

test.each([
  ["a cluster id without the c", {}, { region: "cn-hangzhou", clusterId: "5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" }, 'cluster.clusterId "5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" is invalid: expected an ACK cluster id: c followed by 32 lowercase hex digits'],
  ["a cluster id one digit short", {}, { region: "cn-hangzhou", clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e" }, 'cluster.clusterId "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e" is invalid: expected an ACK cluster id'],
  ["a region that is not one", {}, { region: "Hangzhou", clusterId: CLUSTER }, 'cluster.region "Hangzhou" is invalid: expected an Alibaba Cloud region id such as cn-hangzhou'],
  ["a Huawei key id", { masterKey: { id: "0f3196c8-5c23-469f-84da-92ecd2499dcX" } }, undefined, 'masterKey.id "0f3196c8-5c23-469f-84da-92ecd2499dcX" is invalid: expected an Alibaba Cloud KMS key id such as key-hzz62f1cb66fa42qo9pjn'],
  ["an alias instead of a key id", { masterKey: { id: "alias/payments" } }, undefined, 'masterKey.id "alias/payments" is invalid'],
  ["no master key while enabled", { masterKey: undefined }, undefined, "masterKey is missing: expected { id } of an Alibaba Cloud KMS key, required while enabled is true"],
  ["a key name", { masterKey: { id: KEY, name: "payments" } }, undefined, 'masterKey.name "payments" is invalid: expected no name for an ACK cluster (ACK records only the key id)'],
  ["an algorithm", { algorithm: CryptAlgorithm.SM4 }, undefined, 'algorithm CryptAlgorithm.SM4 is invalid: expected no algorithm for an ACK cluster'],
  ["an unknown removal policy", { removalPolicy: "delete" }, undefined, 'removalPolicy "delete" is invalid: expected one of RemovalPolicy.RETAIN, RemovalPolicy.DISABLE'],
  ["enabled that is not a boolean", { enabled: "yes" }, undefined, 'enabled "yes" is invalid: expected one of true, false'],
  ["a timeout too short", { timeout: Duration.seconds(3) }, undefined, 'timeout Duration.seconds(3) is invalid'],
])("%s fails at synth naming the prop, the value and what is allowed", (_name, props, ref, message) => {
  const build = () => synth(props as Record<string, unknown>, ref ?? { region: "cn-hangzhou", clusterId: CLUSTER });
  expect(build).toThrow(/^Validation failed with the following errors:\n {2}\[s\/payments-k8s\] EncryptedCluster: /);
  expect(build).toThrow(`[s/payments-k8s] EncryptedCluster: ${message}`);
});

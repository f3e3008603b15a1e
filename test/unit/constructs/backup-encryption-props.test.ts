import { TerraformStack, Testing } from "cdktf";
import { BackupEncryption, BackupEncryptionProps, Duration, RemovalPolicy } from "../../../lib";
import { synthErrors, synthValidated } from "../../support/synth-validated";

const INSTANCE = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" };
const KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526";

function build(props: Record<string, unknown>): () => void {
  return () => {
    const stack = new TerraformStack(Testing.app(), "s");
    new BackupEncryption(stack, "orders-backups", { instance: INSTANCE, kmsKeyId: KEY, ...props } as BackupEncryptionProps);
    synthValidated(stack);
  };
}

test.each([
  ["a short project id", { instance: { ...INSTANCE, projectId: "abc123" } }, 'instance.projectId "abc123" is invalid: expected 32 letters or digits'],
  ["a project id with a dash", { instance: { ...INSTANCE, projectId: "0a1b2c3d-4e5f60718293a4b5c6d7e8f9" } }, 'instance.projectId "0a1b2c3d-4e5f60718293a4b5c6d7e8f9" is invalid'],
  ["an instance id without in07", { instance: { ...INSTANCE, instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in01" } }, 'instance.instanceId "7033e7c3cf93438797d44ad7ae0a7d95in01" is invalid: expected 36 letters or digits ending in in07'],
  ["an instance id one character short", { instance: { ...INSTANCE, instanceId: "033e7c3cf93438797d44ad7ae0a7d95in07" } }, 'instance.instanceId "033e7c3cf93438797d44ad7ae0a7d95in07" is invalid: expected 36 letters or digits ending in in07'],
  ["a malformed region", { instance: { ...INSTANCE, region: "North China" } }, 'instance.region "North China" is invalid: expected a Huawei Cloud region name such as cn-north-4'],
  ["an empty key while enabled", { kmsKeyId: "" }, 'kmsKeyId "" is invalid: expected a KMS key id (a UUID such as 0f3196c8-5c23-469f-84da-92ecd2499dce), required while enabled is true'],
  ["no key while enabled", { kmsKeyId: undefined }, "kmsKeyId is missing: expected a KMS key id"],
  ["a key that is not a key id", { kmsKeyId: "alias/backup" }, 'kmsKeyId "alias/backup" is invalid'],
  ["a key while disabled", { enabled: false }, `kmsKeyId "${KEY}" is invalid: expected no key while enabled is false`],
  ["an unknown removal policy", { removalPolicy: "destroy" }, 'removalPolicy "destroy" is invalid: expected one of RemovalPolicy.RETAIN, RemovalPolicy.DISABLE'],
  ["a timeout below the bound", { timeout: Duration.seconds(5) }, 'timeout Duration.seconds(5) is invalid: expected between 10 seconds and 24 hours'],
  ["a timeout above the bound", { timeout: Duration.days(2) }, 'timeout Duration.days(2) is invalid'],
  ["a timeout that is not a Duration", { timeout: 600 }, "timeout 600 is invalid: expected a Duration such as Duration.minutes(60)"],
  ["no instance", { instance: undefined }, "instance is missing: expected an object with region, projectId and instanceId"],
])("%s fails at synth with the prop, the value and the rule", (_name, props, message) => {
  expect(build(props)).toThrow(/^Validation failed with the following errors:\n {2}\[s\/orders-backups\] BackupEncryption: /);
  expect(build(props)).toThrow(`[s/orders-backups] BackupEncryption: ${message}`);
});

test("every problem is reported at once, one line each under the construct's path", () => {
  const stack = new TerraformStack(Testing.app(), "s");
  // Building never throws: the problems wait for cdktf's validation phase.
  new BackupEncryption(stack, "orders-backups", { instance: { region: "x", projectId: "y", instanceId: "z" }, kmsKeyId: "" });
  expect(synthErrors(stack)).toEqual([
    '[s/orders-backups] BackupEncryption: instance.region "x" is invalid: expected a Huawei Cloud region name such as cn-north-4',
    '[s/orders-backups] BackupEncryption: instance.projectId "y" is invalid: expected 32 letters or digits',
    '[s/orders-backups] BackupEncryption: instance.instanceId "z" is invalid: expected 36 letters or digits ending in in07',
    expect.stringMatching(/^\[s\/orders-backups\] BackupEncryption: kmsKeyId "" is invalid: expected a KMS key id/),
  ]);
});

test.each([
  ["a literal key", {}],
  ["encryption off without a key", { enabled: false, kmsKeyId: undefined }],
  ["DISABLE on destroy", { removalPolicy: RemovalPolicy.DISABLE }],
  ["the shortest timeout", { timeout: Duration.seconds(10) }],
  ["the longest timeout", { timeout: Duration.hours(24) }],
])("%s synthesizes", (_name, props) => {
  expect(build(props)).not.toThrow();
});

test("a key id known only at apply time (a token) is accepted and passed through", () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, "s");
  const other = new BackupEncryption(stack, "first", { instance: INSTANCE, kmsKeyId: KEY });
  const token = other.hook.resource.getStringAttribute("id");
  new BackupEncryption(stack, "second", { instance: INSTANCE, kmsKeyId: token });
  const synthesized = JSON.parse(Testing.synth(stack));
  const triggers = Object.values(synthesized.resource.null_resource as Record<string, { triggers: Record<string, string> }>).map((r) => r.triggers.kms_key_id);
  expect(triggers).toContainEqual(expect.stringMatching(/^\$\{null_resource\.first_encryption_hook_[0-9A-F]+\.id\}$/));
});

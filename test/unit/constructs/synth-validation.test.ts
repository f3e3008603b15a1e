import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { AckCluster, BackupEncryption, ContextKeys, CryptAlgorithm, Duration, DwsCluster, EncryptedCluster, KeyRotationPolicy } from "../../../lib";
import { kindOf } from "../../../lib/kinds/index";
import { parseSpecJson } from "../../../lib/contract/spec";
import { synthErrors } from "../../support/synth-validated";

const HW = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9" };
const INSTANCE = { ...HW, instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" };
const CLUSTER_ID = "97cbaab3-939e-4dbc-9187-0fe240f2b9fd";
const DWS = () => DwsCluster.fromId({ ...HW, clusterId: CLUSTER_ID });
const KEY = "0f3196c8-5c23-469f-84da-92ecd2499dce";
const KEY2 = "5d3a3a51-7b9e-4d2c-9d8e-0c6a1f2b3c4d";
const ACK = "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6";
const ACK_KEY = "key-hzz6payments0secrets01";

function app(): App {
  return Testing.app({ context: { [ContextKeys.SYNTH_TIME]: "2030-01-01T00:00:00Z" } });
}

/** Runs a whole-app synth as `cdktf synth` does; returns its error message. */
function appSynthError(target: App): string {
  try {
    target.synth();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the app synthesized");
}

describe("every invalid construct of the app is reported in one synth", () => {
  const target = app();
  const orders = new TerraformStack(target, "orders");
  const warehouse = new TerraformStack(target, "warehouse");
  // None of these throws while the app is built.
  new BackupEncryption(orders, "backups", { instance: INSTANCE, timeout: Duration.hours(36) });
  new EncryptedCluster(warehouse, "payments-k8s", { cluster: AckCluster.fromId({ clusterId: ACK }), masterKey: { id: ACK_KEY }, algorithm: CryptAlgorithm.SM4 });
  new KeyRotationPolicy(warehouse, "rotation", { cluster: DWS(), rotationPeriod: Duration.hours(36) });
  const message = appSynthError(target);
  const lines = message.split("\n").filter((line) => line.startsWith("  ["));

  test("each problem on its own line with the construct's path, the value written as in code", () => {
    const expected = [
      "[orders/backups] BackupEncryption: kmsKeyId is missing: expected a KMS key id (a UUID such as 0f3196c8-5c23-469f-84da-92ecd2499dce), required while enabled is true",
      "[orders/backups] BackupEncryption: timeout Duration.hours(36) is invalid: expected between 10 seconds and 24 hours, in whole seconds",
      "[warehouse/payments-k8s] EncryptedCluster: algorithm CryptAlgorithm.SM4 is invalid: expected no algorithm for an ACK cluster",
      "[warehouse/rotation] KeyRotationPolicy: rotationPeriod Duration.hours(36) is invalid: expected whole days from 1 to 3650 (Duration.days(n))",
    ];
    for (const problem of expected) expect(lines.some((line) => line.includes(problem))).toBe(true);
  });

  test("the constructs of the stack that is not validated first are reported too, once each", () => {
    expect(lines.filter((line) => line.includes("payments-k8s"))).toHaveLength(1);
    expect(lines.filter((line) => line.includes("orders/backups"))).toHaveLength(2);
  });

  test("no stack is written, and the message carries no stack trace", () => {
    const stacks = path.join(target.outdir, "stacks");
    expect(existsSync(stacks) ? readdirSync(stacks) : []).toEqual([]);
    expect(message).not.toMatch(/\n\s+at /);
  });
});

test("a construct refused at synth renders a Spec the hook refuses, should validations be skipped", () => {
  const stack = new TerraformStack(app(), "s");
  new BackupEncryption(stack, "backups", { instance: INSTANCE, kmsKeyId: "alias/backups" });
  const synthesized = JSON.parse(Testing.synth(stack)) as { resource: { null_resource: Record<string, { triggers: Record<string, string> }> } };
  const [triggers] = Object.values(synthesized.resource.null_resource).map((r) => r.triggers);
  expect(triggers.kms_key_id).toBeUndefined();
  expect(() => kindOf(parseSpecJson(JSON.stringify(triggers))).parse(triggers)).toThrow(/refused at synth \(invalid props\), and the stack was synthesized with skipValidation/);
});

describe("one cloud resource has one declaration in an app", () => {
  const twice = (first: string, second: string) =>
    expect.arrayContaining([expect.stringMatching(new RegExp(`^\\[${first}\\] .* is also declared by ${second}: one resource must have one declaration`))]);

  test("two EncryptedClusters on one DWS cluster, with different keys: both paths named", () => {
    const stack = new TerraformStack(app(), "s");
    new EncryptedCluster(stack, "warehouse", { cluster: DWS(), masterKey: { id: KEY } });
    new EncryptedCluster(stack, "warehouse-again", { cluster: DwsCluster.fromId({ ...HW, clusterId: CLUSTER_ID.toUpperCase() }), masterKey: { id: KEY2 } });
    const errors = synthErrors(stack);
    expect(errors).toEqual([
      `[s/warehouse] dws.cluster-encryption of GaussDB(DWS) cluster ${CLUSTER_ID} in project ${HW.projectId} of cn-north-4 is also declared by s/warehouse-again: one resource must have one declaration in an app (two would set it in turn on every deploy); keep one of them`,
      expect.stringMatching(/^\[s\/warehouse-again\] .* is also declared by s\/warehouse: /),
    ]);
  });

  test("a BackupEncryption on and another off for one instance, in two stacks of the app", () => {
    const target = app();
    const a = new TerraformStack(target, "a");
    const b = new TerraformStack(target, "b");
    new BackupEncryption(a, "on", { instance: INSTANCE, kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526" });
    new BackupEncryption(b, "off", { instance: INSTANCE, enabled: false });
    const message = appSynthError(target);
    expect(message).toMatch(/\[a\/on\] taurusdb\.backup-encryption of TaurusDB instance 7033e7c3cf93438797d44ad7ae0a7d95in07 in project \w+ of cn-north-4 is also declared by b\/off/);
    expect(message).toMatch(/in another stack: \[b\/off\] taurusdb\.backup-encryption .* is also declared by a\/on/);
  });

  test("two KeyRotationPolicies on one cluster, and two EncryptedClusters on one ACK cluster declared with and without its region", () => {
    const stack = new TerraformStack(app(), "s");
    new KeyRotationPolicy(stack, "yearly", { cluster: DWS() });
    new KeyRotationPolicy(stack, "quarterly", { cluster: DWS(), rotationPeriod: Duration.days(90) });
    new EncryptedCluster(stack, "k8s", { cluster: AckCluster.fromId({ region: "cn-hangzhou", clusterId: ACK }), masterKey: { id: ACK_KEY } });
    new EncryptedCluster(stack, "k8s-off", { cluster: AckCluster.fromId({ clusterId: ACK }), masterKey: { id: ACK_KEY }, enabled: false });
    const errors = synthErrors(stack);
    expect(errors).toHaveLength(4);
    expect(errors).toEqual(twice("s/yearly", "s/quarterly"));
    expect(errors).toEqual(twice("s/k8s-off", "s/k8s"));
  });

  test.each([
    ["an EncryptedCluster and a KeyRotationPolicy on one cluster (different things)", (stack: TerraformStack) => {
      const warehouse = new EncryptedCluster(stack, "warehouse", { cluster: DWS(), masterKey: { id: KEY } });
      new KeyRotationPolicy(stack, "rotation", { cluster: warehouse });
    }],
    ["one instance id in two projects", (stack: TerraformStack) => {
      new BackupEncryption(stack, "a", { instance: INSTANCE, kmsKeyId: KEY });
      new BackupEncryption(stack, "b", { instance: { ...INSTANCE, projectId: "ffffffffffffffffffffffffffffffff" }, kmsKeyId: KEY });
    }],
    ["one cluster id in two regions", (stack: TerraformStack) => {
      new EncryptedCluster(stack, "a", { cluster: DWS(), masterKey: { id: KEY } });
      new EncryptedCluster(stack, "b", { cluster: DwsCluster.fromId({ ...HW, region: "cn-east-3", clusterId: CLUSTER_ID }), masterKey: { id: KEY } });
    }],
  ])("%s synthesizes", (_name, declare) => {
    const stack = new TerraformStack(app(), "s");
    declare(stack);
    expect(synthErrors(stack)).toEqual([]);
  });
});

import { Resource as NullResource } from "@cdktf/provider-null/lib/resource";
import { App, TerraformStack, Testing } from "cdktf";
import {
  ContextKeys,
  CryptAlgorithm,
  Duration,
  DwsCluster,
  EncryptedCluster,
  EncryptedClusterProps,
  KeyRotationPolicy,
  KeyRotationPolicyProps,
  RemovalPolicy,
} from "../../../lib";
import { WarehouseStack } from "../../../examples/dws/main";
import { KINDS } from "../../../lib/kinds/index";
import { parseDwsClusterEncryption } from "../../../lib/kinds/dws-cluster-encryption/spec";
import { parseDwsKeyRotation, rotationWindowStart } from "../../../lib/kinds/dws-key-rotation/spec";
import { SpecMap } from "../../../lib/contract/spec";
import { silentLog } from "../../../lib/runtime/log";
import { synthValidated } from "../../support/synth-validated";

const IDS = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" };
const KEY = { id: "0f3196c8-5c23-469f-84da-92ecd2499dce", name: "KMS-1abd-1016" };

/** The Spec map an EncryptedCluster of IDS with KEY renders, with fields changed. */
function encryptionMap(fields: Partial<SpecMap> = {}): SpecMap {
  return {
    spec_version: "1",
    kind: "dws.cluster-encryption",
    region: IDS.region,
    project_id: IDS.projectId,
    cluster_id: IDS.clusterId,
    master_key_id: KEY.id,
    master_key_name: KEY.name,
    crypt_algorithm: "generalCipher",
    timeout: "1h",
    ...fields,
  };
}
const KEY2 = "5d3a3a51-7b9e-4d2c-9d8e-0c6a1f2b3c4d";
const NOW = "2030-01-01T12:00:00Z";

function stackAt(now = NOW): TerraformStack {
  const app = Testing.app({ context: { [ContextKeys.SYNTH_TIME]: now } });
  return new TerraformStack(app as App, "s");
}

function triggersOf(stack: TerraformStack, path: string): SpecMap {
  const synthed = JSON.parse(Testing.synth(stack)) as { resource: { null_resource: Record<string, { triggers: SpecMap; depends_on?: string[] }> } };
  const entry = Object.entries(synthed.resource.null_resource).find(([id]) => id.startsWith(path));
  if (!entry) throw new Error(`no null_resource ${path}* in ${Object.keys(synthed.resource.null_resource).join(", ")}`);
  return entry[1].triggers;
}

function resources(stack: TerraformStack): Record<string, { triggers: SpecMap; depends_on?: string[] }> {
  return (JSON.parse(Testing.synth(stack)) as { resource: { null_resource: Record<string, { triggers: SpecMap; depends_on?: string[] }> } }).resource.null_resource;
}

describe("EncryptedCluster with a DwsCluster", () => {
  test("renders the dws.cluster-encryption Spec as readable triggers, AES by default", () => {
    const stack = stackAt();
    new EncryptedCluster(stack, "warehouse", { cluster: DwsCluster.fromId(IDS), masterKey: KEY });
    const synthed = Testing.synth(stack);
    const spec = encryptionMap();
    expect(synthed).toHaveResourceWithProperties(NullResource, { triggers: spec });
    expect(parseDwsClusterEncryption(spec)).toEqual(expect.objectContaining({ clusterId: IDS.clusterId, algorithm: "generalCipher" }));
  });

  test("SM4 and no key name", () => {
    const stack = stackAt();
    new EncryptedCluster(stack, "warehouse", { cluster: DwsCluster.fromId(IDS), masterKey: { id: KEY.id }, algorithm: CryptAlgorithm.SM4 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(NullResource, { triggers: expect.objectContaining({ crypt_algorithm: "SMcompatible", master_key_name: "" }) });
  });

  function build(props: Record<string, unknown>): () => void {
    return () => {
      const stack = stackAt();
      new EncryptedCluster(stack, "warehouse", { cluster: DwsCluster.fromId(IDS), masterKey: KEY, ...props } as EncryptedClusterProps);
      synthValidated(stack);
    };
  }

  test.each([
    ["a short project id", { cluster: DwsCluster.fromId({ ...IDS, projectId: "abc" }) }, 'cluster.projectId "abc" is invalid: expected 32 letters or digits'],
    ["a cluster id that is not a UUID", { cluster: DwsCluster.fromId({ ...IDS, clusterId: "warehouse" }) }, 'cluster.clusterId "warehouse" is invalid: expected a GaussDB(DWS) cluster id (a UUID'],
    ["a malformed region", { cluster: DwsCluster.fromId({ ...IDS, region: "Beijing" }) }, 'cluster.region "Beijing" is invalid'],
    ["a key id that is not a KMS key id", { masterKey: { id: "alias/warehouse" } }, 'masterKey.id "alias/warehouse" is invalid: expected a KMS key id'],
    ["no master key", { masterKey: undefined }, "masterKey is missing: expected an object with the KMS key id"],
    ["a key name with spaces", { masterKey: { id: KEY.id, name: "my key" } }, 'masterKey.name "my key" is invalid: expected a KMS key alias'],
    ["an unknown algorithm", { algorithm: "AES-256" }, 'algorithm "AES-256" is invalid: expected one of CryptAlgorithm.AES, CryptAlgorithm.SM4'],
    ["enabled: false", { enabled: false }, "enabled false is invalid: expected true or unset: GaussDB(DWS) encryption is one-way, an encrypted cluster cannot be decrypted"],
    ["removalPolicy DISABLE", { removalPolicy: RemovalPolicy.DISABLE }, 'removalPolicy RemovalPolicy.DISABLE is invalid: expected RemovalPolicy.RETAIN or unset: GaussDB(DWS) encryption is one-way'],
    ["a timeout below the bound", { timeout: Duration.seconds(5) }, 'timeout Duration.seconds(5) is invalid'],
    ["no cluster", { cluster: undefined }, "cluster is missing: expected DwsCluster.fromId(…) or AckCluster.fromId(…)"],
  ])("%s fails at synth naming the prop, the value and what is allowed", (_name, props, message) => {
    expect(build(props)).toThrow(/^Validation failed with the following errors:\n {2}\[s\/warehouse\] EncryptedCluster: /);
    expect(build(props)).toThrow(`[s/warehouse] EncryptedCluster: ${message}`);
  });

  test("RETAIN and enabled: true are accepted (they say what DWS does anyway)", () => {
    expect(build({ removalPolicy: RemovalPolicy.RETAIN, enabled: true })).not.toThrow();
  });
});

describe("KeyRotationPolicy", () => {
  function declare(stack: TerraformStack, policy: Partial<KeyRotationPolicyProps> = {}, key = KEY): KeyRotationPolicy {
    const warehouse = new EncryptedCluster(stack, "warehouse", { cluster: DwsCluster.fromId(IDS), masterKey: key });
    return new KeyRotationPolicy(stack, "rotation", { cluster: warehouse, rotationPeriod: Duration.days(90), ...policy });
  }

  test("renders dws.key-rotation with the window of this synth, and runs after the cluster's hook", () => {
    const stack = stackAt();
    declare(stack);
    const all = resources(stack);
    const [rotationId, rotation] = Object.entries(all).find(([id]) => id.startsWith("rotation"))!;
    const [clusterId] = Object.entries(all).find(([id]) => id.startsWith("warehouse"))!;
    expect(rotation.triggers).toEqual({
      spec_version: "1",
      kind: "dws.key-rotation",
      region: IDS.region,
      project_id: IDS.projectId,
      cluster_id: IDS.clusterId,
      master_key_id: KEY.id,
      rotation_period: "90d",
      check_interval: "9d",
      rotation_window: "2030-01-01",
      timeout: "1h",
    });
    expect(rotation.depends_on).toEqual([`null_resource.${clusterId}`]);
    expect(rotationId).not.toBe(clusterId);
    expect(parseDwsKeyRotation(rotation.triggers).rotationPeriod.toDays()).toBe(90);
  });

  test("the triggers change once per check window, not on every synth", () => {
    const windowOf = (now: string) => {
      const stack = stackAt(now);
      declare(stack);
      return triggersOf(stack, "rotation").rotation_window;
    };
    expect(windowOf("2030-01-01T00:00:00Z")).toBe("2030-01-01");
    expect(windowOf("2030-01-09T23:59:59Z")).toBe("2030-01-01");
    expect(windowOf("2030-01-10T00:00:00Z")).toBe("2030-01-10");
    expect(windowOf("2030-03-05T12:00:00Z")).toBe("2030-03-05");
  });

  test("the check interval defaults to a tenth of the period, at least a day", () => {
    const at = (days: number) => {
      const stack = stackAt();
      return declare(stack, { rotationPeriod: Duration.days(days) }).checkInterval.toDays();
    };
    expect(at(90)).toBe(9);
    expect(at(365)).toBe(36);
    expect(at(5)).toBe(1);
    const stack = stackAt();
    expect(new KeyRotationPolicy(stack, "p", { cluster: DwsCluster.fromId(IDS) }).rotationPeriod.toDays()).toBe(365);
  });

  test("a DwsCluster encrypted elsewhere: no dependency, and masterKey moves it", () => {
    const stack = stackAt();
    new KeyRotationPolicy(stack, "rotation", { cluster: DwsCluster.fromId(IDS), rotationPeriod: Duration.days(30), masterKey: { id: KEY2 } });
    const [, rotation] = Object.entries(resources(stack))[0];
    expect(rotation.depends_on).toBeUndefined();
    expect(rotation.triggers).toEqual(expect.objectContaining({ master_key_id: KEY2, rotation_period: "30d", check_interval: "3d" }));
  });

  test("a DwsCluster without masterKey leaves the master key alone", () => {
    const stack = stackAt();
    new KeyRotationPolicy(stack, "rotation", { cluster: DwsCluster.fromId(IDS), rotationPeriod: Duration.days(30) });
    expect(Object.values(resources(stack))[0].triggers.master_key_id).toBe("");
  });

  test("a master key change on the EncryptedCluster reaches both hooks", () => {
    const stack = stackAt();
    declare(stack, {}, { id: KEY2, name: "rotation-key-2" });
    expect(triggersOf(stack, "warehouse").master_key_id).toBe(KEY2);
    expect(triggersOf(stack, "rotation").master_key_id).toBe(KEY2);
  });

  function build(props: Record<string, unknown>, now = NOW): () => void {
    return () => {
      const stack = stackAt(now);
      new KeyRotationPolicy(stack, "rotation", { cluster: DwsCluster.fromId(IDS), rotationPeriod: Duration.days(90), ...props } as KeyRotationPolicyProps);
      synthValidated(stack);
    };
  }

  test.each([
    ["a period of zero", { rotationPeriod: Duration.days(0) }, 'rotationPeriod Duration.days(0) is invalid: expected whole days from 1 to 3650 (Duration.days(n))'],
    ["a period in hours", { rotationPeriod: Duration.hours(36) }, 'rotationPeriod Duration.hours(36) is invalid: expected whole days from 1 to 3650'],
    ["a period over ten years", { rotationPeriod: Duration.days(3651) }, 'rotationPeriod Duration.days(3651) is invalid'],
    ["a period that is not a Duration", { rotationPeriod: 90 }, "rotationPeriod 90 is invalid: expected a Duration such as Duration.days(90)"],
    ["a check interval longer than the period", { checkInterval: Duration.days(91) }, 'checkInterval Duration.days(91) is invalid: expected whole days from 1 up to the rotation period'],
    ["a check interval in hours", { checkInterval: Duration.hours(12) }, 'checkInterval Duration.hours(12) is invalid'],
    ["a bad master key id", { masterKey: { id: "not-a-key" } }, 'masterKey.id "not-a-key" is invalid: expected a KMS key id'],
    ["a cluster that is not a DWS cluster", { cluster: { description: "x" } }, 'cluster {"description":"x"} is invalid: expected an EncryptedCluster of a DWS cluster, or DwsCluster.fromId(…)'],
    ["a cluster id that is not a UUID", { cluster: DwsCluster.fromId({ ...IDS, clusterId: "abc" }) }, 'cluster.clusterId "abc" is invalid'],
  ])("%s fails at synth naming the prop, the value and what is allowed", (_name, props, message) => {
    expect(build(props)).toThrow(/^Validation failed with the following errors:\n {2}\[s\/rotation\] KeyRotationPolicy: /);
    expect(build(props)).toThrow(`[s/rotation] KeyRotationPolicy: ${message}`);
  });

  test.each([
    ["the shortest period", { rotationPeriod: Duration.days(1) }],
    ["the longest period", { rotationPeriod: Duration.days(3650) }],
    ["a check interval equal to the period", { checkInterval: Duration.days(90) }],
    ["a daily check", { checkInterval: Duration.days(1) }],
  ])("%s synthesizes", (_name, props) => {
    expect(build(props)).not.toThrow();
  });

  test("a bad synth-time context is named", () => {
    expect(build({}, "yesterday")).toThrow('context cdktf-encryption:now "yesterday" is invalid: expected an ISO 8601 timestamp');
  });

  test("masterKey that contradicts the EncryptedCluster's is refused", () => {
    const stack = stackAt();
    declare(stack, { masterKey: { id: KEY2 } });
    expect(() => synthValidated(stack)).toThrow(
      `masterKey {"id":"${KEY2}"} is invalid: expected unset or the EncryptedCluster's masterKey (${KEY.id}): to move the cluster to another key, change masterKey on the EncryptedCluster`,
    );
  });
});

describe("review support in the registry", () => {
  const encryption = KINDS.get("dws.cluster-encryption")!;
  const rotation = KINDS.get("dws.key-rotation")!;
  const ctx = { clock: { now: () => 0, sleep: async () => {} }, log: silentLog, env: {} };

  test("summaries are plain words", () => {
    expect(encryption.summarize(encryption.parse(encryptionMap()))).toBe(
      `cluster ${IDS.clusterId} encrypted with master key KMS-1abd-1016 (${KEY.id}) (AES); converting is one-way and restarts the cluster`,
    );
    const stack = stackAt();
    new KeyRotationPolicy(stack, "rotation", { cluster: DwsCluster.fromId(IDS), rotationPeriod: Duration.days(90) });
    const spec = rotation.parse(Object.values(resources(stack))[0].triggers);
    expect(rotation.summarize(spec)).toBe(
      `rotate the encryption key of cluster ${IDS.clusterId} when the last rotation is 90d old; checked on the first deploy of each 9d window (this one from 2030-01-01)`,
    );
  });

  test("a new cluster encryption plans an irreversible conversion that restarts the cluster", () => {
    const spec = encryption.parse(encryptionMap());
    const plan = encryption.reconciler(ctx).plan(spec, encryption.assumeUnmanaged!(spec), "apply");
    expect(plan.actions).toEqual([
      {
        type: "convert-to-encrypted",
        description: `convert DWS cluster ${IDS.clusterId} to encrypted with key KMS-1abd-1016 (${KEY.id}) (AES); the cluster restarts and cannot be decrypted afterwards`,
        irreversible: true,
        restarts: true,
      },
    ]);
  });

  test("a key change plans rotate-key with master_key_id; unchanged plans nothing; an algorithm change is an error", () => {
    const before = encryption.parse(encryptionMap());
    const after = encryption.parse(encryptionMap({ master_key_id: KEY2, master_key_name: "rotation-key-2" }));
    const reconciler = encryption.reconciler(ctx);
    expect(reconciler.plan(after, encryption.assumeObserved(before), "apply").actions[0].description).toContain("rotate-key with master_key_id");
    expect(reconciler.plan(before, encryption.assumeObserved(before), "apply").actions).toEqual([]);
    const sm4 = encryption.parse(encryptionMap({ crypt_algorithm: "SMcompatible" }));
    expect(() => reconciler.plan(sm4, encryption.assumeObserved(before), "apply")).toThrow("cannot be changed");
  });

  test("a rotation policy as declared plans nothing; a new one plans a rotation", () => {
    const stack = stackAt();
    new KeyRotationPolicy(stack, "rotation", { cluster: DwsCluster.fromId(IDS), rotationPeriod: Duration.days(90) });
    const spec = rotation.parse(Object.values(resources(stack))[0].triggers);
    const reconciler = rotation.reconciler(ctx);
    expect(reconciler.plan(spec, rotation.assumeObserved(spec), "apply").actions).toEqual([]);
    expect(reconciler.plan(spec, rotation.assumeUnmanaged!(spec), "apply").actions[0].type).toBe("rotate-key");
  });
});

test("window starts are aligned on the epoch in whole intervals", () => {
  expect(rotationWindowStart(Date.parse("1970-01-01T00:00:00Z"), Duration.days(7))).toBe("1970-01-01");
  expect(rotationWindowStart(Date.parse("1970-01-15T13:00:00Z"), Duration.days(7))).toBe("1970-01-15");
  expect(rotationWindowStart(Date.parse("1970-01-14T23:59:59Z"), Duration.days(7))).toBe("1970-01-08");
});

test("the examples/dws stack synthesizes both hooks, the policy after the cluster", () => {
  const app = Testing.app({ context: { [ContextKeys.SYNTH_TIME]: NOW } });
  const stack = new WarehouseStack(app as App, "warehouse");
  const all = resources(stack);
  const kinds = Object.values(all).map((r) => r.triggers.kind).sort();
  expect(kinds).toEqual(["dws.cluster-encryption", "dws.key-rotation"]);
  expect(Object.values(all).find((r) => r.triggers.kind === "dws.key-rotation")!.depends_on).toHaveLength(1);
});

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { App, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { AckCluster, AssumedIdentity, BackupEncryption, ContextKeys, DwsCluster, EncryptedCluster, Identity, KeyRotationPolicy } from "../../../lib";
import { synthErrors } from "../../support/synth-validated";

const PROJECT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const INSTANCE = { region: "cn-north-4", projectId: PROJECT, instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" };
const KEY = "0f3196c8-5c23-469f-84da-92ecd2499dce";
const DWS = { region: "cn-north-4", projectId: PROJECT, clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" };
const ACK = { region: "cn-hangzhou", clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" };
const AGENCY = AssumedIdentity.huaweiAgency({ agencyName: "encryption-admin", domainName: "acme-prod" });
const TEAM_AGENCY = AssumedIdentity.huaweiAgency({ agencyName: "team-agency", domainId: "d0acme0team" });
const ROLE = AssumedIdentity.alibabaRole({ roleArn: "acs:ram::1234567890123456:role/encryption-admin" });

function newStack(): TerraformStack {
  const app: App = Testing.app({ context: { [ContextKeys.SYNTH_TIME]: "2030-01-01T00:00:00Z" } });
  return new TerraformStack(app, "prod");
}

/** cdk.tf.json of a stack whose identities are declared before, or after, its constructs. */
function synthesized(order: "before" | "after"): string {
  const stack = newStack();
  const team = new Construct(stack, "team");
  const k8s = new Construct(stack, "k8s");
  const assume = () => {
    Identity.of(stack).assume(AGENCY);
    Identity.of(team).assume(TEAM_AGENCY);
    Identity.of(k8s).assume(ROLE);
  };
  if (order === "before") assume();
  declareAllIn(stack, team, k8s);
  if (order === "after") assume();
  expect(synthErrors(stack)).toEqual([]);
  return readFileSync(path.join(Testing.fullSynth(stack), "stacks", "prod", "cdk.tf.json"), "utf8");
}

function declareAllIn(stack: TerraformStack, team: Construct, k8s: Construct): void {
  new BackupEncryption(team, "orders", { instance: INSTANCE, kmsKeyId: KEY });
  const warehouse = new EncryptedCluster(stack, "warehouse", { cluster: DwsCluster.fromId(DWS), masterKey: { id: KEY } });
  new KeyRotationPolicy(team, "rotation", { cluster: warehouse });
  new EncryptedCluster(k8s, "payments", { cluster: AckCluster.fromId(ACK), masterKey: { id: "key-hzz6payments0secrets01" } });
}

function triggersOf(json: string): Record<string, Record<string, string>> {
  const resources = JSON.parse(json).resource.null_resource as Record<string, { triggers: Record<string, string> }>;
  return Object.fromEntries(Object.entries(resources).map(([name, r]) => [name, r.triggers]));
}

test("assume() before or after the constructs gives the same cdk.tf.json, with every identity in place", () => {
  const before = synthesized("before");
  const after = synthesized("after");
  expect(after).toBe(before);
  const triggers = Object.values(triggersOf(after));
  // The nearest scope wins: team for the two in it, the stack for the warehouse, k8s for ACK.
  expect(triggers.map((t) => [t.kind, t.assume_agency_name ?? t.assume_role_arn])).toEqual(
    expect.arrayContaining([
      ["taurusdb.backup-encryption", "team-agency"],
      ["dws.key-rotation", "team-agency"],
      ["dws.cluster-encryption", "encryption-admin"],
      ["ack.secret-encryption", "acs:ram::1234567890123456:role/encryption-admin"],
    ]),
  );
  expect(triggers).toHaveLength(4);
});

test("a nearer scope declared later still wins over an outer one declared first", () => {
  const stack = newStack();
  Identity.of(stack).assume(AGENCY);
  const team = new Construct(stack, "team");
  const orders = new BackupEncryption(team, "orders", { instance: INSTANCE, kmsKeyId: KEY });
  expect(orders.hook.spec.assume_agency_name).toBe("encryption-admin");
  Identity.of(team).assume(TEAM_AGENCY);
  expect(orders.hook.spec).toMatchObject({ assume_agency_name: "team-agency", assume_agency_domain_id: "d0acme0team" });
  expect(orders.hook.spec.assume_agency_domain_name).toBeUndefined();
  expect(Testing.synth(stack)).toContain('"assume_agency_name": "team-agency"');
});

test("a construct's own identity wins over a scope declared after it", () => {
  const stack = newStack();
  const own = AssumedIdentity.huaweiAgency({ agencyName: "orders-only", domainName: "acme-prod" });
  const orders = new BackupEncryption(stack, "orders", { instance: INSTANCE, kmsKeyId: KEY, identity: own });
  Identity.of(stack).assume(AGENCY);
  expect(orders.hook.spec.assume_agency_name).toBe("orders-only");
});

test("a later scope identity of the wrong cloud is refused at synth under the construct, naming the scope", () => {
  const stack = newStack();
  new BackupEncryption(stack, "orders", { instance: INSTANCE, kmsKeyId: KEY });
  Identity.of(stack).assume(ROLE);
  expect(synthErrors(stack)).toEqual([
    expect.stringMatching(/^\[prod\/orders\] BackupEncryption: identity \(from Identity\.of\(prod\)\) AssumedIdentity\.alibabaRole\(.*\) is invalid: expected a Huawei Cloud identity/),
  ]);
});

test("two identities on one scope are refused, naming both, whatever came between them", () => {
  const stack = newStack();
  Identity.of(stack).assume(AGENCY);
  new BackupEncryption(stack, "orders", { instance: INSTANCE, kmsKeyId: KEY });
  expect(() => Identity.of(stack).assume(TEAM_AGENCY)).toThrow(
    /^Identity\.of\(prod\)\.assume\(AssumedIdentity\.huaweiAgency\(.*"team-agency".*\)\): the scope is already managed as agency encryption-admin in domain acme-prod; one scope has one identity/,
  );
});

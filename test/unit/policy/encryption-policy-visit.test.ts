import { App, Aspects, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { Construct } from "constructs";
import { BackupEncryption, DwsCluster, EncryptedCluster, EncryptionPolicy, IPolicyRule, RemovalPolicy, Rules, Severity } from "../../../lib";
import { SpecMap } from "../../../lib/contract/spec";
import { VERDICTS_KEY } from "../../../lib/policy/policy-check";
import { synthErrors } from "../../support/synth-validated";

const DWS = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" };
const DWS_KEY = { id: "0f3196c8-5c23-469f-84da-92ecd2499dce" };
const INSTANCE = { region: "cn-north-4", projectId: DWS.projectId, instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" };
const TAURUS_KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526";

function newStack(name = "dw"): TerraformStack {
  return new TerraformStack(Testing.app(), name);
}

function warehouse(scope: Construct, id = "warehouse", clusterId = DWS.clusterId): EncryptedCluster {
  return new EncryptedCluster(scope, id, { cluster: DwsCluster.fromId({ ...DWS, clusterId }), masterKey: DWS_KEY });
}

type Recorded = { rule: string; verdict: string }[] | undefined;

/** The verdicts recorded in each hook resource's `//` comment, by the path of its declaring construct below the stack. */
function verdicts(stack: TerraformStack): Record<string, Recorded> {
  // Testing.synth runs the aspects but drops `//` comments; the stack's own JSON keeps them.
  Testing.synth(stack);
  const resources = (stack.toTerraform() as { resource: Record<string, unknown> }).resource.null_resource as Record<string, { "//"?: Record<string, unknown> }>;
  // A resource is named after its path: team_warehouse_encryption_hook_1A2B3C4D.
  return Object.fromEntries(Object.entries(resources).map(([name, r]) => [name.replace(/_(encryption|rotation)_hook_[0-9A-F]+$/, ""), r["//"]?.[VERDICTS_KEY] as Recorded]));
}

test("visit does the checking: a policy that is no aspect records its verdicts on the hook it is handed, and only there", () => {
  const stack = newStack();
  const checked = warehouse(stack);
  warehouse(new Construct(stack, "other"), "unchecked", "5a0c6d1e-2f3b-4c5d-8e9f-a0b1c2d3e4f5");
  const policy = new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED] });
  policy.visit(stack);
  policy.visit(checked);
  expect(verdicts(stack)).toEqual({ warehouse: undefined, other_unchecked: undefined });
  policy.visit(checked.hook);
  expect(verdicts(stack).other_unchecked).toBeUndefined();
  expect(verdicts(stack).warehouse).toEqual([{ rule: "SM4_REQUIRED", severity: "error", verdict: "violation", finding: expect.stringContaining("crypt_algorithm generalCipher (AES)") }]);
});

test("a hook visited twice by one policy is checked once: one warning, one verdict", () => {
  const stack = newStack();
  const cluster = warehouse(stack);
  const policy = new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED.withSeverity(Severity.WARNING)] });
  policy.visit(cluster.hook);
  policy.visit(cluster.hook);
  const warnings = cluster.node.metadata.filter((m) => m.type === "@cdktf/warn");
  expect(warnings).toHaveLength(1);
  expect(verdicts(stack).warehouse).toHaveLength(1);
});

test("two policies, on the app and on the stack, each visit: both verdicts recorded (outer first), both errors reported", () => {
  const stack = newStack();
  warehouse(stack);
  Aspects.of(stack.node.root).add(new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED] }));
  Aspects.of(stack).add(new EncryptionPolicy({ rules: [Rules.NO_DISABLE, Rules.RETAIN_ON_DESTROY] }));
  expect(verdicts(stack).warehouse?.map((v) => [v.rule, v.verdict])).toEqual([
    ["SM4_REQUIRED", "violation"],
    ["NO_DISABLE", "pass"],
    ["RETAIN_ON_DESTROY", "pass"],
  ]);
  expect(synthErrors(stack)).toEqual([expect.stringContaining("SM4_REQUIRED (error) at dw/warehouse")]);
});

test("a policy on a nested scope holds only what is below it", () => {
  const stack = newStack();
  const team = new Construct(stack, "team");
  warehouse(team);
  new BackupEncryption(stack, "orders", { instance: INSTANCE, kmsKeyId: TAURUS_KEY, removalPolicy: RemovalPolicy.DISABLE });
  Aspects.of(team).add(new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED, Rules.RETAIN_ON_DESTROY] }));
  expect(verdicts(stack)).toEqual({ team_warehouse: expect.any(Array), orders: undefined });
  expect(synthErrors(stack)).toEqual([expect.stringContaining("SM4_REQUIRED (error) at dw/team/warehouse")]);
});

test("a construct added to a scope after the policy was added is visited and checked", () => {
  const app: App = Testing.app();
  Aspects.of(app).add(new EncryptionPolicy({ rules: [Rules.RETAIN_ON_DESTROY] }));
  const stack = new TerraformStack(app, "db");
  new BackupEncryption(stack, "orders", { instance: INSTANCE, kmsKeyId: TAURUS_KEY, removalPolicy: RemovalPolicy.DISABLE });
  expect(verdicts(stack).orders).toEqual([expect.objectContaining({ rule: "RETAIN_ON_DESTROY", verdict: "violation" })]);
  expect(synthErrors(stack)).toEqual([expect.stringContaining("RETAIN_ON_DESTROY (error) at db/orders: declared removalPolicy: RemovalPolicy.DISABLE")]);
});

test("built-in rules read the construct's typed Spec, so a key known only at apply (a token) does not hide a finding", () => {
  const stack = newStack("db");
  const kmsKeyId = new TerraformVariable(stack, "kms-key-id", { type: "string" }).stringValue;
  const orders = new BackupEncryption(stack, "orders", { instance: INSTANCE, kmsKeyId, removalPolicy: RemovalPolicy.DISABLE });
  expect(orders.hook.spec.kms_key_id).toMatch(/TfToken/);
  Aspects.of(stack).add(new EncryptionPolicy({ rules: [Rules.NO_DISABLE] }));
  expect(verdicts(stack).orders).toEqual([expect.objectContaining({ rule: "NO_DISABLE", verdict: "violation" })]);
});

test("a user's own rule still receives the Spec map, and the built-in rules' public check reads maps too", () => {
  const seen: SpecMap[] = [];
  const mine: IPolicyRule = {
    id: "MY_RULE",
    title: "mine",
    severity: Severity.ERROR,
    help: "records what it sees",
    references: [],
    check: (resource) => {
      seen.push(resource.spec);
      return [];
    },
    withSeverity: () => mine,
  };
  const stack = newStack();
  const cluster = warehouse(stack);
  new EncryptionPolicy({ rules: [mine] }).visit(cluster.hook);
  expect(seen).toEqual([expect.objectContaining({ kind: "dws.cluster-encryption", crypt_algorithm: "generalCipher" })]);
  expect(Rules.SM4_REQUIRED.check({ path: "dw/warehouse", spec: cluster.hook.spec }, [])).toEqual([
    expect.objectContaining({ declared: "crypt_algorithm generalCipher (AES)" }),
  ]);
});

// AckCluster.fromResource: an ACK cluster that the same stack creates with the alicloud
// provider. The provider cannot be downloaded here, so the cluster is a hand-written
// TerraformResource of its type and the stack is only synthesized (no terraform init).
import { TerraformProvider, TerraformResource, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import "cdktf/lib/testing/adapters/jest";
import { AckCluster, EncryptedCluster, HookEngine } from "../../../lib";
import { SpecError } from "../../../lib/contract/spec-error";

const KEY = "key-hzz6payments0secrets01";
const OTHER_KEY = "key-hzz6payments0secrets02";

/** What a generated binding of the alicloud provider would be, reduced to what the tests need. */
class CsManagedKubernetes extends TerraformResource {
  constructor(scope: Construct, id: string, config: { lifecycle?: TerraformResource["lifecycle"]; provider?: TerraformProvider; type?: string } = {}) {
    super(scope, id, { terraformResourceType: config.type ?? "alicloud_cs_managed_kubernetes", lifecycle: config.lifecycle, provider: config.provider });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { name: "payments", cluster_spec: "ack.pro.small" };
  }
}

class AlicloudProvider extends TerraformProvider {
  constructor(
    scope: Construct,
    id: string,
    readonly region: string,
  ) {
    super(scope, id, { terraformResourceType: "alicloud" });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { region: this.region };
  }
}

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), "s");
}

function encrypt(scope: TerraformStack, cluster: TerraformResource, props: { enabled?: boolean; key?: string } = {}): EncryptedCluster {
  return new EncryptedCluster(scope, "payments-k8s", {
    cluster: AckCluster.fromResource(cluster),
    masterKey: { id: props.key ?? KEY },
    enabled: props.enabled,
    hookEngine: HookEngine.TERRAFORM_DATA,
  });
}

function synthesized(s: TerraformStack): { resource: Record<string, Record<string, Record<string, unknown>>> } {
  return JSON.parse(Testing.synth(s, true));
}

const hookInput = (out: ReturnType<typeof synthesized>) => Object.values(out.resource.terraform_data)[0].triggers_replace as Record<string, string>;

test("the id comes from the resource and ignore_changes gains the two encryption attributes, merged", () => {
  const s = stack();
  const cluster = new CsManagedKubernetes(s, "payments", { lifecycle: { ignoreChanges: ["tags"], preventDestroy: true } });
  encrypt(s, cluster);
  const out = synthesized(s);
  expect(out.resource.alicloud_cs_managed_kubernetes.payments.lifecycle).toEqual({
    ignore_changes: ["tags", "encryption_provider_key", "disable_encryption"],
    prevent_destroy: true,
  });
  expect(hookInput(out)).toEqual(expect.objectContaining({ cluster_id: "${alicloud_cs_managed_kubernetes.payments.id}", kms_key_id: KEY, encryption: "on" }));
});

test("the serverless resource too; an ignore_changes set by addOverride is merged where it lives; the provider's region is taken", () => {
  const s = stack();
  const provider = new AlicloudProvider(s, "alicloud", "cn-shanghai");
  const cluster = new CsManagedKubernetes(s, "serverless", { type: "alicloud_cs_serverless_kubernetes", provider });
  cluster.addOverride("lifecycle.ignore_changes", ["vswitch_ids"]);
  encrypt(s, cluster);
  const out = synthesized(s);
  expect(out.resource.alicloud_cs_serverless_kubernetes.serverless.lifecycle).toEqual({ ignore_changes: ["vswitch_ids", "encryption_provider_key", "disable_encryption"] });
  expect(hookInput(out).region).toBe("cn-shanghai");
});

test("ignore_changes = all is left as it is", () => {
  const s = stack();
  const cluster = new CsManagedKubernetes(s, "payments", { lifecycle: { ignoreChanges: "all" } });
  encrypt(s, cluster);
  expect(synthesized(s).resource.alicloud_cs_managed_kubernetes.payments.lifecycle).toEqual({ ignore_changes: "all" });
});

test.each([
  ["another resource type", (s: TerraformStack) => new CsManagedKubernetes(s, "k", { type: "alicloud_cs_kubernetes" }), "cluster is a resource of type alicloud_cs_kubernetes"],
  ["not a resource", () => ({ id: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" }), "cluster is an object that is not a Terraform resource"],
])("%s is refused, naming what is allowed", (_name, make, message) => {
  const made = make(stack());
  const call = () => AckCluster.fromResource(made as TerraformResource);
  expect(call).toThrow(SpecError);
  expect(call).toThrow(message);
  expect(call).toThrow("expected an alicloud_cs_managed_kubernetes or alicloud_cs_serverless_kubernetes resource (use AckCluster.fromId for a cluster this stack does not create)");
});

describe("the key declared in both places", () => {
  test("a different key is refused at synth, naming both construct paths", () => {
    const s = stack();
    const cluster = new CsManagedKubernetes(s, "payments");
    cluster.addOverride("encryption_provider_key", OTHER_KEY);
    encrypt(s, cluster);
    expect(() => Testing.synth(s, true)).toThrow(
      `s/payments-k8s declares Secret encryption on with KMS key ${KEY}, but s/payments (alicloud_cs_managed_kubernetes) declares encryption_provider_key = "${OTHER_KEY}": declare Secret encryption in one place`,
    );
  });

  test("the same key is accepted (the provider sets it at creation, then ignores it)", () => {
    const s = stack();
    const cluster = new CsManagedKubernetes(s, "payments");
    cluster.addOverride("encryption_provider_key", KEY);
    encrypt(s, cluster);
    expect(synthesized(s).resource.alicloud_cs_managed_kubernetes.payments.encryption_provider_key).toBe(KEY);
  });

  test("disable_encryption on the resource while the construct turns encryption on is refused", () => {
    const s = stack();
    const cluster = new CsManagedKubernetes(s, "payments");
    cluster.addOverride("disable_encryption", true);
    encrypt(s, cluster);
    expect(() => Testing.synth(s, true)).toThrow(`s/payments-k8s declares Secret encryption on with KMS key ${KEY}, but s/payments (alicloud_cs_managed_kubernetes) declares disable_encryption = true`);
  });

  test("a key on the resource while the construct turns encryption off is refused", () => {
    const s = stack();
    const cluster = new CsManagedKubernetes(s, "payments");
    cluster.addOverride("encryption_provider_key", KEY);
    encrypt(s, cluster, { enabled: false });
    expect(() => Testing.synth(s, true)).toThrow("s/payments-k8s declares Secret encryption off, but s/payments (alicloud_cs_managed_kubernetes) declares encryption_provider_key");
  });

  test("a lifecycle replaced after fromResource is refused: the two would fight on every apply", () => {
    const s = stack();
    const cluster = new CsManagedKubernetes(s, "payments");
    encrypt(s, cluster);
    cluster.lifecycle = { ignoreChanges: ["tags"] };
    expect(() => Testing.synth(s, true)).toThrow(
      "s/payments (alicloud_cs_managed_kubernetes): lifecycle.ignore_changes no longer lists encryption_provider_key and disable_encryption (changed after AckCluster.fromResource?)",
    );
  });
});

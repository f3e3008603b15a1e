import { TerraformResource, Token } from "../core";
import { Construct } from "constructs";
import { ALIBABA_REGION_PATTERN } from "../cloud/alibaba/alibaba-region";
import { SpecError } from "../contract/spec-error";

/**
 * The alicloud provider's ACK cluster resources that also manage Secret encryption
 * (`encryption_provider_key`, `disable_encryption`): managed since v1.276.0, serverless since
 * v1.286.0.
 */
export const ALICLOUD_ACK_RESOURCE_TYPES = ["alicloud_cs_managed_kubernetes", "alicloud_cs_serverless_kubernetes"] as const;

/** The resource's attributes that our hook manages too; the provider must ignore their drift. */
export const ALICLOUD_ENCRYPTION_ATTRIBUTES = ["encryption_provider_key", "disable_encryption"] as const;

/** What one EncryptedCluster declares for the resource's cluster. */
export interface AckDeclaration {
  /** The EncryptedCluster construct, for its path. */
  readonly construct: Construct;
  readonly enabled: boolean;
  readonly kmsKeyId?: string;
}

/** Fails at once (at synth) when `resource` is not one of the alicloud ACK cluster resources. */
export function requireAlicloudAckResource(resource: unknown): asserts resource is TerraformResource {
  const type = TerraformResource.isTerraformResource(resource) ? resource.terraformResourceType : undefined;
  if (!type || !(ALICLOUD_ACK_RESOURCE_TYPES as readonly string[]).includes(type)) {
    const got = type ? `a resource of type ${type}` : typeof resource === "object" && resource !== null ? "an object that is not a Terraform resource" : JSON.stringify(resource);
    throw new SpecError(
      `AckCluster.fromResource: cluster is ${got}: expected an ${ALICLOUD_ACK_RESOURCE_TYPES.join(" or ")} resource (use AckCluster.fromId for a cluster this stack does not create)`,
    );
  }
}

/** The region of the resource's provider, when it is a literal region id; otherwise undefined. */
export function providerRegion(resource: TerraformResource): string | undefined {
  const region = (resource.provider as unknown as { region?: unknown } | undefined)?.region;
  return typeof region === "string" && !Token.isUnresolved(region) && ALIBABA_REGION_PATTERN.test(region) ? region : undefined;
}

/**
 * Adds the two encryption attributes to the resource's `lifecycle.ignore_changes`, keeping
 * what is there (an `ignore_changes` set through `addOverride` is merged where it lives).
 */
export function ignoreEncryptionChanges(resource: TerraformResource): void {
  const overridden = (synthesized(resource).lifecycle as { ignore_changes?: unknown } | undefined)?.ignore_changes;
  const viaOverride = hasOverride(resource);
  const current = viaOverride ? overridden : resource.lifecycle?.ignoreChanges;
  if (current === "all") return;
  const merged = [...new Set([...(Array.isArray(current) ? (current as string[]) : []), ...ALICLOUD_ENCRYPTION_ATTRIBUTES])];
  if (viaOverride) resource.addOverride("lifecycle.ignore_changes", merged);
  else resource.lifecycle = { ...resource.lifecycle, ignoreChanges: merged };
}

/**
 * The synth-time problems of an alicloud cluster resource that an EncryptedCluster also
 * manages: the provider no longer ignores the encryption attributes (a later change of its
 * lifecycle), or the resource declares Secret encryption differently from the construct.
 * Values known only at apply (tokens) are compared only when they are the same token.
 */
export function coexistenceProblems(resource: TerraformResource, declarations: readonly AckDeclaration[]): string[] {
  const attributes = synthesized(resource);
  const where = `${resource.node.path} (${resource.terraformResourceType})`;
  const problems: string[] = [];
  const ignored = (attributes.lifecycle as { ignore_changes?: unknown } | undefined)?.ignore_changes;
  const missing = ignored === "all" ? [] : ALICLOUD_ENCRYPTION_ATTRIBUTES.filter((a) => !(Array.isArray(ignored) && ignored.includes(a)));
  if (missing.length > 0 && declarations.length > 0) {
    problems.push(
      `${where}: lifecycle.ignore_changes no longer lists ${missing.join(" and ")} (changed after AckCluster.fromResource?), so the alicloud provider and ${declarations.map((d) => d.construct.node.path).join(", ")} would undo each other's Secret encryption on every apply: keep ${ALICLOUD_ENCRYPTION_ATTRIBUTES.join(" and ")} in its ignore_changes`,
    );
  }
  const providerKey = attributes.encryption_provider_key;
  const providerDisables = attributes.disable_encryption === true || attributes.disable_encryption === "true";
  const declaresKey = typeof providerKey === "string" && providerKey !== "";
  for (const declared of declarations) {
    const ours = declared.enabled ? `Secret encryption on with KMS key ${declared.kmsKeyId}` : "Secret encryption off";
    const theirs = providerDisables ? "disable_encryption = true" : declaresKey ? `encryption_provider_key = "${providerKey}"` : undefined;
    if (!theirs) continue;
    const differs = declared.enabled
      ? providerDisables || (declaresKey && knownDifferent(providerKey as string, declared.kmsKeyId))
      : declaresKey && !providerDisables;
    if (differs) {
      problems.push(
        `${declared.construct.node.path} declares ${ours}, but ${where} declares ${theirs}: declare Secret encryption in one place (remove encryption_provider_key and disable_encryption from the cluster resource and keep the EncryptedCluster), or give both the same setting`,
      );
    }
  }
  return problems;
}

function knownDifferent(a: string, b: string | undefined): boolean {
  if (b === undefined || a === b) return false;
  return !Token.isUnresolved(a) && !Token.isUnresolved(b);
}

/** The resource's attributes as they will be written, overrides included. */
function synthesized(resource: TerraformResource): Record<string, unknown> {
  const block = resource.toTerraform().resource?.[resource.terraformResourceType]?.[resource.friendlyUniqueId];
  return (block ?? {}) as Record<string, unknown>;
}

function hasOverride(resource: TerraformResource): boolean {
  const overrides = (resource as unknown as { rawOverrides?: { lifecycle?: { ignore_changes?: unknown } } }).rawOverrides;
  return overrides?.lifecycle?.ignore_changes !== undefined;
}

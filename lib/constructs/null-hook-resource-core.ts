import { Construct } from "constructs";
import { TerraformProvider, TerraformResource, TerraformStack, hashMapper, stringToTerraform } from "../core";
import { NullHookResourceConfig } from "./null-hook-resource-config";

// `null_resource` written with the CDK core alone, for the CDK Terrain build, where no null
// provider bindings exist (scripts/build-cdktn.mjs puts it in place of null-hook-resource).
// It synthesizes exactly what @cdktf/provider-null 11.0.1 does, so a stack moved from cdktf to
// cdktn keeps its hook resources (a test compares the two).
const NULL_PROVIDER = { providerName: "null", providerVersion: "3.2.4", providerVersionConstraint: "~> 3.0" };

class NullProviderFromCore extends TerraformProvider {
  // The core's provider keeps no alias itself: generated bindings override the accessors.
  private aliasValue?: string;

  constructor(scope: Construct, id: string, alias: string) {
    super(scope, id, { terraformResourceType: "null", terraformGeneratorMetadata: NULL_PROVIDER, terraformProviderSource: "null" });
    this.aliasValue = alias;
  }

  override get alias(): string | undefined {
    return this.aliasValue;
  }

  override set alias(value: string | undefined) {
    this.aliasValue = value;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { alias: stringToTerraform(this.alias) };
  }
}

class NullResourceFromCore extends TerraformResource {
  constructor(scope: Construct, id: string, config: NullHookResourceConfig & { provider: TerraformProvider }) {
    super(scope, id, {
      terraformResourceType: "null_resource",
      terraformGeneratorMetadata: NULL_PROVIDER,
      provider: config.provider,
      dependsOn: config.dependsOn,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
    });
    this.triggers = config.triggers;
  }

  triggers: Record<string, string>;

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { triggers: hashMapper(stringToTerraform)(this.triggers) };
  }
}

/** A `null_resource` with the library's own aliased hashicorp/null provider. */
export function nullHookResource(scope: Construct, id: string, config: NullHookResourceConfig): TerraformResource {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild("cdktf-encryption-null") as TerraformProvider | undefined;
  const provider = existing ?? new NullProviderFromCore(stack, "cdktf-encryption-null", "cdktf_encryption");
  return new NullResourceFromCore(scope, id, { ...config, provider });
}

import { NullProvider } from "@cdktf/provider-null/lib/provider";
import { Resource as NullResource } from "@cdktf/provider-null/lib/resource";
import { Construct } from "constructs";
import { TerraformResource, TerraformStack } from "../core";
import { NullHookResourceConfig } from "./null-hook-resource-config";

// The only module that needs @cdktf/provider-null. The CDK Terrain build, where those bindings
// do not exist, puts null-hook-resource-core (the same resource from the core alone) in its place.

/** A `null_resource` with the library's own aliased hashicorp/null provider. */
export function nullHookResource(scope: Construct, id: string, config: NullHookResourceConfig): TerraformResource {
  return new NullResource(scope, id, { ...config, provider: nullProvider(scope) });
}

/** One hashicorp/null provider per stack, created on first use. */
function nullProvider(scope: Construct): NullProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild("cdktf-encryption-null");
  return (existing as NullProvider | undefined) ?? new NullProvider(stack, "cdktf-encryption-null", { alias: "cdktf_encryption" });
}

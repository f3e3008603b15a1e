import { AssetType, TerraformAsset, TerraformStack } from "../core";
import { Construct } from "constructs";
import { hookBundlePath } from "./hook-bundle-path";

const ASSET_ID = "cdktf-encryption-hook";

/**
 * The hook CLI as one self-contained file, copied into the synthesized stack once per stack,
 * so `cdktf.out` applies on any machine with Node and no `node_modules`. Its path in the
 * configuration is relative and content-addressed: the same on every checkout.
 */
export function hookAsset(scope: Construct): TerraformAsset {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(ASSET_ID);
  if (existing) return existing as TerraformAsset;
  return new TerraformAsset(stack, ASSET_ID, { path: hookBundlePath(), type: AssetType.FILE });
}

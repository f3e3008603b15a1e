import { existsSync } from "node:fs";
import * as path from "node:path";
import { AssetType, TerraformAsset, TerraformStack } from "../core";
import { Construct } from "constructs";

const ASSET_ID = "cdktf-encryption-hook";

/** Where the bundled hook lives in this package (built by `npm run build`). */
export function hookBundlePath(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, "dist", "hook", "hook.js");
    if (existsSync(candidate)) return candidate;
    const sibling = path.join(dir, "hook", "hook.js");
    if (path.basename(dir) === "dist" && existsSync(sibling)) return sibling;
    dir = path.dirname(dir);
  }
  throw new Error("cdktf-encryption: the bundled hook (dist/hook/hook.js) is missing; run `npm run build` in the cdktf-encryption package");
}

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

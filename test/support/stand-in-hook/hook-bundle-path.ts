import * as path from "node:path";

/**
 * Replaces lib/constructs/hook-bundle-path.ts in the unit and integration tiers (jest.config.js
 * maps it): they synthesize stacks without `npm run build` and never run the hook from a
 * synthesized stack, so the hook asset is a stand-in file. The e2e tier uses the built bundle.
 */
export function hookBundlePath(): string {
  return path.join(__dirname, "hook.js");
}

import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** Set by the hook bundler (scripts/bundle-hook.mjs): the bundled hook has no package.json beside it. */
declare const CDKTF_ENCRYPTION_BUNDLED_VERSION: string | undefined;

/** The version of cdktf-encryption this code belongs to, from its package.json. */
export function packageVersion(): string {
  if (typeof CDKTF_ENCRYPTION_BUNDLED_VERSION === "string") return CDKTF_ENCRYPTION_BUNDLED_VERSION;
  // lib/cli when run from sources, dist/lib/cli when built: walk up to the package's own file.
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === "cdktf-encryption" && manifest.version) return manifest.version;
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}

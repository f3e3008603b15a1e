import { existsSync } from "node:fs";
import * as path from "node:path";

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

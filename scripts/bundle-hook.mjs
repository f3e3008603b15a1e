// Bundles the hook CLI into one file with no runtime dependencies, so the synthesized stack
// carries it as an asset and applies on any machine with Node, without node_modules.
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const { version } = JSON.parse(readFileSync("package.json", "utf8"));

await build({
  entryPoints: ["lib/cli/hook-main.ts"],
  outfile: "dist/hook/hook.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  minify: true,
  legalComments: "none",
  banner: { js: "// cdktf-encryption hook: bundled; see the cdktf-encryption package for sources and licenses." },
  define: { CDKTF_ENCRYPTION_BUNDLED_VERSION: JSON.stringify(version) },
  logLevel: "warning",
});

// `npm run chaos`: bundles the campaign runner (test/chaos/run-chaos.ts) with esbuild, leaving
// packages external, and runs it with the given arguments (--seed=N, --only=ack, --in-process=N,
// --hook-process=N, --terraform=N, --crashes=N,
// --blocking-files=N, --hostile-proxy=N). Needs `npm run build` first (the hook bundle).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import path from "node:path";

// Inside node_modules so the external packages resolve; not part of the published dist/.
const outfile = path.join(process.cwd(), "node_modules", ".cache", "cdktf-encryption-chaos", "run-chaos.js");
await build({
  entryPoints: ["test/chaos/run-chaos.ts"],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  logLevel: "warning",
});
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(result.status ?? 1);

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { run, terraformEnv } from "../support/terraform-harness";

const ROOT = path.resolve(__dirname, "../..");

test("npm run demo's program converges the emulated cloud, applies again with no API call, and destroys", async () => {
  const outdir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-demo-"));
  const result = await run(process.execPath, [path.join(ROOT, "dist/examples/demo/run-demo.js"), "--outdir", outdir], { cwd: ROOT, env: terraformEnv() });
  if (result.code !== 0) throw new Error(`demo failed:\n${result.stdout}\n${result.stderr}`);
  expect(result.stdout).toContain("=== Cloud state after");
  expect(result.stdout).toMatch(/taurusdb instance 7033e7c3cf93438797d44ad7ae0a7d95in07: .*backup_encryption="on"/);
  expect(result.stdout).toContain("API calls made by the second apply: 0");
  expect(result.stdout).toContain("Destroy complete!");
});

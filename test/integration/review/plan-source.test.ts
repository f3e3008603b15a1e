import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { loadPlan } from "../../../lib/review/plan-source";

test("a terraform show -json that never ends is killed at its bound and said in one line", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-stuck-terraform-"));
  // A terraform that waits for ever (as on a state lock or a hung network mount).
  writeFileSync(path.join(dir, "terraform"), "#!/bin/sh\nexec sleep 600\n", { mode: 0o755 });
  const planFile = path.join(dir, "plan.bin");
  writeFileSync(planFile, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]));
  const saved = process.env.PATH;
  process.env.PATH = `${dir}:${saved ?? ""}`;
  try {
    const started = Date.now();
    await expect(loadPlan(planFile, { showTimeoutMs: 300 })).rejects.toThrow(`terraform show -json ${planFile} gave no result within 0.3 s in ${dir}: run it yourself`);
    expect(Date.now() - started).toBeLessThan(5_000);
  } finally {
    process.env.PATH = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});

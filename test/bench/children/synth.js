"use strict";
// Synthesizes one stack of N resources in a fresh process and prints, as JSON, the time of
// construction + synth (modules already loaded), the whole process's time so far and its
// peak memory. variant "constructs": N BackupEncryption constructs (null_resource engine);
// "bare": N null_resources with one local-exec provisioner, what a user would write by hand.
const { mkdtempSync, rmSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { dist } = require("../paths");
const [variant, n] = [process.argv[2], Number(process.argv[3])];

const { App, TerraformStack } = require("cdktf");
const { NullProvider } = require("@cdktf/provider-null/lib/provider");
const { Resource } = require("@cdktf/provider-null/lib/resource");
const lib = variant === "constructs" ? require(dist("lib/index")) : undefined;

const outdir = mkdtempSync(path.join(os.tmpdir(), "cdktf-bench-synth-"));
const t0 = process.hrtime.bigint();
const app = new App({ outdir });
const stack = new TerraformStack(app, "bench");
if (variant === "constructs") {
  for (let i = 0; i < n; i++) {
    new lib.BackupEncryption(stack, `backup-${i}`, {
      instance: { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", instanceId: `${String(i).padStart(32, "0")}in07` },
      kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
    });
  }
} else if (variant === "same-body") {
  // By hand, the very resource the construct renders: Spec triggers, create and destroy
  // provisioners running the hook with the Spec from self, create_before_destroy, aliased provider.
  const provider = new NullProvider(stack, "null", { alias: "cdktf_encryption" });
  for (let i = 0; i < n; i++) {
    const provisioner = (action) => ({
      type: "local-exec",
      interpreter: ["node", "assets/cdktf-encryption-hook/0123456789abcdef/hook.js"],
      command: action,
      environment: { CDKTF_ENCRYPTION_SPEC: "${jsonencode(self.triggers)}" },
      ...(action === "destroy" ? { when: "destroy" } : {}),
    });
    new Resource(stack, `hook-${i}`, {
      provider,
      lifecycle: { createBeforeDestroy: true },
      provisioners: [provisioner("apply"), provisioner("destroy")],
      triggers: {
        spec_version: "1", kind: "taurusdb.backup-encryption", region: "cn-north-4", project_id: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        instance_id: `${String(i).padStart(32, "0")}in07`, encryption: "on", kms_key_id: "b82fa43f-f6e8-4ec4-9c31-231bc547c526", removal_policy: "retain", timeout: "1h",
      },
    });
  }
} else {
  new NullProvider(stack, "null");
  for (let i = 0; i < n; i++) {
    new Resource(stack, `hook-${i}`, {
      triggers: { instance_id: `${String(i).padStart(32, "0")}in07`, kms_key_id: "b82fa43f-f6e8-4ec4-9c31-231bc547c526", encryption: "on" },
      provisioners: [{ type: "local-exec", command: "node hook.js apply", environment: { SPEC: "${jsonencode(self.triggers)}" } }],
    });
  }
}
app.synth();
const synthMs = Number(process.hrtime.bigint() - t0) / 1e6;
rmSync(outdir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({ variant, n, synthMs, processMs: process.uptime() * 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, heapUsedMb: process.memoryUsage().heapUsed / 1048576 }) + "\n",
);

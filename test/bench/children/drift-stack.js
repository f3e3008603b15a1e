"use strict";
// Synthesizes a stack of N BackupEncryption constructs (TaurusDB instances bench…in07) into
// the given directory, for the drift bench.
const { App, TerraformStack } = require("cdktf");
const { dist } = require("../paths");
const lib = require(dist("lib/index"));
const [outdir, n] = [process.argv[2], Number(process.argv[3])];
const app = new App({ outdir, context: { "cdktf-encryption:hookEngine": "terraform_data" } });
const stack = new TerraformStack(app, "estate");
for (let i = 0; i < n; i++) {
  new lib.BackupEncryption(stack, `backup-${i}`, {
    instance: { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", instanceId: benchInstanceId(i) },
    kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
  });
}
app.synth();
function benchInstanceId(i) {
  return `${String(i).padStart(32, "0")}in07`;
}

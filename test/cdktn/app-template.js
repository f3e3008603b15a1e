"use strict";
// One app, two cores: run with CORE=cdktf LIB=<cdktf-encryption> or CORE=cdktn LIB=cdktn-encryption.
// Declares every construct of the library, so both builds can be compared resource by resource.
// The core is the one the library resolves (its peer): this file sits inside the repository,
// whose own node_modules holds a cdktn too (the one the cdktn build compiles against), and a
// second copy of the core in one app would split Aspects and validations between the two.
const lib = require(process.env.LIB);
const core = require(require.resolve(process.env.CORE, { paths: [require.resolve(process.env.LIB)] }));

const app = new core.App({ outdir: process.env.OUTDIR });
const stack = new core.TerraformStack(app, "estate");
new core.LocalBackend(stack, { path: `${process.env.OUTDIR}/estate.tfstate` });
const hw = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9" };

const orders = new lib.BackupEncryption(stack, "orders-backups", {
  instance: { ...hw, instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" },
  kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
});
if (process.env.ONLY !== "taurusdb") {
  const warehouse = new lib.EncryptedCluster(stack, "warehouse", {
    cluster: lib.DwsCluster.fromId({ ...hw, clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" }),
    masterKey: { id: "0f3196c8-5c23-469f-84da-92ecd2499dce", name: "KMS-1abd-1016" },
    algorithm: lib.CryptAlgorithm.SM4,
  });
  new lib.KeyRotationPolicy(stack, "warehouse-rotation", { cluster: warehouse, rotationPeriod: lib.Duration.days(90) });
  const payments = new lib.EncryptedCluster(stack, "payments", {
    cluster: lib.AckCluster.fromId({ region: "cn-hangzhou", clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" }),
    masterKey: { id: "key-hzz6payments0secrets01" },
  });
  core.Aspects.of(app).add(lib.EncryptionPolicy.pack("mlps-level-3"));
  lib.EncryptionPolicy.suppress(payments, "SM4_REQUIRED", "ACK keys are AES-256 only");
}
core.Aspects.of(stack).add(new lib.ReconcileOnEveryDeploy());
void orders;
app.synth();

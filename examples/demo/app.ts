// The demo app that cdktf.json points at: one stack declaring encryption for resources of
// the emulator's default world. `npm run demo` drives it against the embedded emulator.
import { App, LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AckCluster, BackupEncryption, Duration, DwsCluster, EncryptedCluster, KeyRotationPolicy } from "cdktf-encryption";

/** The emulator's default project (see docs/emulator.md). */
export const DEMO_PROJECT = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9" };

export class DemoStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new BackupEncryption(this, "orders-backups", {
      instance: { ...DEMO_PROJECT, instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" },
      kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
    });

    // section: dws
    const warehouse = new EncryptedCluster(this, "warehouse", {
      cluster: DwsCluster.fromId({ ...DEMO_PROJECT, clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" }),
      masterKey: { id: "0f3196c8-5c23-469f-84da-92ecd2499dce", name: "KMS-1abd-1016" },
    });
    new KeyRotationPolicy(this, "warehouse-rotation", { cluster: warehouse, rotationPeriod: Duration.days(90) });

    // section: ack
    new EncryptedCluster(this, "payments-k8s", {
      cluster: AckCluster.fromId({ region: "cn-hangzhou", clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" }),
      masterKey: { id: "key-hzz6payments0secrets01" },
    });
  }
}

/** Synthesizes the demo into `outdir`, its state kept there too; returns the stack's directory. */
export function synthDemo(outdir = "cdktf.out", context: Record<string, unknown> = {}): string {
  const app = new App({ outdir, context });
  const stack = new DemoStack(app, "demo");
  new LocalBackend(stack, { path: `${outdir}/demo.tfstate` });
  app.synth();
  return `${outdir}/stacks/demo`;
}

if (require.main === module) {
  const app = new App();
  new DemoStack(app, "demo");
  app.synth();
}

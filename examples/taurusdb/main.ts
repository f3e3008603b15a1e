// A stack a user would copy: encrypted backups for a TaurusDB instance.
// Ids come from the environment here; in your code they usually come from other resources.
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { BackupEncryption, RemovalPolicy } from "cdktf-encryption";

export class OrdersDatabaseStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new BackupEncryption(this, "orders-backups", {
      instance: {
        region: process.env.HW_REGION_NAME ?? "cn-north-4",
        projectId: process.env.HW_PROJECT_ID ?? "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
        instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07",
      },
      kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
      // Keep backups encrypted even if this construct is removed (the default).
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new OrdersDatabaseStack(app, "orders-database");
  app.synth();
}

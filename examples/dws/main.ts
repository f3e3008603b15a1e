// A stack a user would copy: convert a GaussDB(DWS) cluster to an encrypted one and rotate its
// key every 90 days. Ids come from the environment here; in your code the cluster id and key
// id usually come from other resources (huaweicloud_dws_cluster, huaweicloud_kms_key).
import { App, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { CryptAlgorithm, Duration, DwsCluster, EncryptedCluster, KeyRotationPolicy } from "cdktf-encryption";

export class WarehouseStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = process.env.HW_REGION_NAME ?? "cn-north-4";
    const projectId = process.env.HW_PROJECT_ID ?? "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    // One-way: the first deploy converts the cluster (it restarts); it can never be decrypted.
    const warehouse = new EncryptedCluster(this, "warehouse", {
      cluster: DwsCluster.fromId({ region, projectId, clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" }),
      masterKey: { id: "0f3196c8-5c23-469f-84da-92ecd2499dce", name: "KMS-1abd-1016" },
      algorithm: CryptAlgorithm.AES,
      timeout: Duration.minutes(90),
    });

    // Rotates the cluster encryption key once the last rotation is 90 days old; checked on the
    // first deploy of each 9-day window. Change masterKey above to move the cluster to a new key.
    new KeyRotationPolicy(this, "warehouse-rotation", {
      cluster: warehouse,
      rotationPeriod: Duration.days(90),
    });
  }
}

if (require.main === module) {
  const app = new App();
  new WarehouseStack(app, "warehouse");
  app.synth();
}

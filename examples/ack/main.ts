// A CDK Terrain stack a user would copy: Secret encryption at rest for an ACK Pro cluster with a
// KMS key. (On CDKTF 0.21, import "cdktf" and "cdktf-encryption" instead.) Compiled by the cdktn
// build (scripts/build-cdktn.mjs), not by the cdktf one.
// The region may be left out: the hook then reads ALICLOUD_REGION (else ALIBABA_CLOUD_REGION), as the alicloud provider.
import { App, TerraformStack } from "cdktn";
import { Construct } from "constructs";
import { AckCluster, Duration, EncryptedCluster, RemovalPolicy } from "cdktn-encryption";

export class PaymentsClusterStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new EncryptedCluster(this, "payments-k8s", {
      cluster: AckCluster.fromId({ region: "cn-hangzhou", clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" }),
      // An Aliyun_AES_256 ENCRYPT/DECRYPT customer master key in the cluster's region.
      masterKey: { id: "key-hzz6payments0secrets01" },
      // Keep Secrets encrypted even if this construct is removed (the default).
      removalPolicy: RemovalPolicy.RETAIN,
      // Covers waiting for the cluster, ACK's 5-minute cool-down between changes and the update.
      timeout: Duration.minutes(30),
    });
  }
}

if (require.main === module) {
  const app = new App();
  new PaymentsClusterStack(app, "payments-cluster");
  app.synth();
}

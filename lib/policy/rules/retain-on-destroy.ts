import { Severity, defineRule } from "../policy-rule";

/** Destroying a construct leaves the cloud resource encrypted. */
export const RETAIN_ON_DESTROY = defineRule({
  id: "RETAIN_ON_DESTROY",
  title: "Keep encryption when the construct is destroyed",
  severity: Severity.ERROR,
  help:
    "Every declaration with a removal policy (BackupEncryption, ACK EncryptedCluster) must use RemovalPolicy.RETAIN, " +
    "so `cdktf destroy` or deleting the construct never decrypts a resource. DWS encryption cannot be undone and always complies.",
  references: ["GB/T 22239-2019 §8.1.4.8"],
  check(resource) {
    const policy = resource.spec.removal_policy;
    if (policy === undefined || policy === "retain") return [];
    return [
      {
        declared: `removalPolicy: RemovalPolicy.${policy.toUpperCase()}`,
        needs: "RemovalPolicy.RETAIN",
        fix: "drop removalPolicy (RETAIN is the default)",
      },
    ];
  },
});

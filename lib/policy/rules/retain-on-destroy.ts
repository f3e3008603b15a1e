import { RemovalPolicy } from "../../contract/removal-policy";
import { defineRule } from "../built-in-rule";
import { Severity } from "../policy-rule";

/** Destroying a construct leaves the cloud resource encrypted. */
export const RETAIN_ON_DESTROY = defineRule({
  id: "RETAIN_ON_DESTROY",
  title: "Keep encryption when the construct is destroyed",
  severity: Severity.ERROR,
  help:
    "Every declaration with a removal policy (BackupEncryption, ACK EncryptedCluster) must use RemovalPolicy.RETAIN, " +
    "so `cdktf destroy` or deleting the construct never decrypts a resource. DWS encryption cannot be undone and always complies.",
  references: ["GB/T 22239-2019 §8.1.4.8"],
  check(spec) {
    if (!("removalPolicy" in spec) || spec.removalPolicy === RemovalPolicy.RETAIN) return [];
    return [
      {
        declared: `removalPolicy: RemovalPolicy.${spec.removalPolicy.toUpperCase()}`,
        needs: "RemovalPolicy.RETAIN",
        fix: "drop removalPolicy (RETAIN is the default)",
      },
    ];
  },
});

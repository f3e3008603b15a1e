import { RemovalPolicy } from "../../contract/removal-policy";
import { defineRule } from "../built-in-rule";
import { RuleViolation, Severity } from "../policy-rule";

/** No declaration turns encryption off, now or when it is destroyed. */
export const NO_DISABLE = defineRule({
  id: "NO_DISABLE",
  title: "Never turn encryption off",
  severity: Severity.ERROR,
  help:
    "Flags `enabled: false` and `RemovalPolicy.DISABLE` on BackupEncryption and on ACK EncryptedClusters. " +
    "DWS encryption is one-way and always complies.",
  references: [
    "GB/T 22239-2019 §8.1.4.8",
    "Huawei Cloud Config dws-enable-kms",
    "Alibaba Cloud Config ack-cluster-encryption-enabled",
  ],
  check(spec) {
    // The two kinds that can be switched off; DWS encryption is one-way.
    if (spec.kind !== "taurusdb.backup-encryption" && spec.kind !== "ack.secret-encryption") return [];
    const violations: RuleViolation[] = [];
    if (spec.encryption === "off") {
      violations.push({ declared: "enabled: false", needs: "encryption on", fix: "remove enabled: false and declare the KMS key" });
    }
    if (spec.removalPolicy === RemovalPolicy.DISABLE) {
      violations.push({
        declared: "removalPolicy: RemovalPolicy.DISABLE",
        needs: "encryption that stays on when the construct is destroyed",
        fix: "use RemovalPolicy.RETAIN (the default)",
      });
    }
    return violations;
  },
});

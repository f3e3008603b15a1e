import { describeCryptAlgorithm } from "../../cloud/huawei/dws-crypt-algorithm";
import { defineRule } from "../built-in-rule";
import { Severity } from "../policy-rule";

/** Data at rest is encrypted with the SM-series block cipher SM4 (GB/T 39786-2021). */
export const SM4_REQUIRED = defineRule({
  id: "SM4_REQUIRED",
  title: "Encrypt with SM4, the SM-series cipher",
  severity: Severity.ERROR,
  help:
    "DWS cluster encryption must use crypt_algorithm SMcompatible (SM4); it is fixed at conversion. " +
    "ACK Secret encryption cannot use SM4 (its key must be Aliyun_AES_256), so every ACK declaration is flagged: suppress it with the reason. " +
    "TaurusDB backup encryption takes the KMS key's algorithm, which a Spec does not show: not checked at synth.",
  references: ["GB/T 39786-2021 (commercial cryptography, SM-series algorithms)", "GB/T 22239-2019 §8.1.4.8"],
  check(spec) {
    if (spec.kind === "dws.cluster-encryption" && spec.algorithm !== "SMcompatible") {
      return [
        {
          declared: `crypt_algorithm ${spec.algorithm} (${describeCryptAlgorithm(spec.algorithm)})`,
          needs: "SMcompatible (SM4)",
          fix: "set algorithm: CryptAlgorithm.SM4 before the cluster is converted (the algorithm cannot change afterwards)",
        },
      ];
    }
    if (spec.kind === "ack.secret-encryption") {
      return [
        {
          declared: "ACK Secret encryption, whose keys can only be Aliyun_AES_256",
          needs: "SM4",
          fix: "ACK cannot meet it: suppress the finding with the compensating control as reason",
        },
      ];
    }
    return [];
  },
});

import { ACK_SECRET_ENCRYPTION } from "../../kinds/ack-secret-encryption/spec";
import { DWS_CLUSTER_ENCRYPTION, describeCryptAlgorithm } from "../../kinds/dws-cluster-encryption/spec";
import { Severity, defineRule } from "../policy-rule";

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
  check(resource) {
    const spec = resource.spec;
    if (spec.kind === DWS_CLUSTER_ENCRYPTION && spec.crypt_algorithm !== "SMcompatible") {
      return [
        {
          declared: `crypt_algorithm ${spec.crypt_algorithm} (${describeCryptAlgorithm(spec.crypt_algorithm)})`,
          needs: "SMcompatible (SM4)",
          fix: "set algorithm: CryptAlgorithm.SM4 before the cluster is converted (the algorithm cannot change afterwards)",
        },
      ];
    }
    if (spec.kind === ACK_SECRET_ENCRYPTION) {
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

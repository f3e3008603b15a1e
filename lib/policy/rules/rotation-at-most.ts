import { Duration } from "../../contract/duration";
import { defineRule } from "../built-in-rule";
import { IPolicyRule, Severity } from "../policy-rule";

/** The longest rotation period the clouds' KMS allow (Huawei KMS 30–365 days, Alibaba 7–365). */
export const KMS_MAX_ROTATION_DAYS = 365;

/**
 * Every encrypted DWS cluster has a KeyRotationPolicy that rotates its key at least every
 * `max`. The period is an organisation's choice: no standard fixes it.
 */
export function rotationAtMost(max: Duration): IPolicyRule {
  if (!(max instanceof Duration)) {
    throw new Error(`Rules.rotationAtMost(max): max ${JSON.stringify(max)} is invalid: expected a Duration such as Duration.days(180)`);
  }
  const days = max.toDays();
  if (!Number.isInteger(days) || days < 1 || days > KMS_MAX_ROTATION_DAYS) {
    throw new Error(
      `Rules.rotationAtMost(max): max ${max.toText()} is invalid: expected whole days from 1 to ${KMS_MAX_ROTATION_DAYS} (the KMS maximum), e.g. Duration.days(180)`,
    );
  }
  return defineRule({
    id: "ROTATION_AT_MOST",
    title: `Rotate DWS cluster keys at least every ${days} days`,
    severity: Severity.ERROR,
    help:
      `Every DWS EncryptedCluster needs a KeyRotationPolicy on the same cluster with a rotationPeriod of at most ${days} days. ` +
      "ACK and TaurusDB keys rotate in KMS itself (automatic key rotation), which a Spec does not show: not checked at synth.",
    references: [
      "GB/T 39786-2021 (key lifecycle; the period is the organisation's policy)",
      "Huawei Cloud Config kms-rotation-enabled",
      "Checkov CKV_ALI_27",
      'KICS "High KMS Key Rotation Period"',
    ],
    check(spec, _resource, app) {
      if (spec.kind === "dws.key-rotation") {
        if (spec.rotationPeriod.toDays() <= days) return [];
        return [{ declared: `rotationPeriod ${spec.rotationPeriod.toText()}`, needs: `at most ${days}d`, fix: `set rotationPeriod: Duration.days(${days}) or less` }];
      }
      if (spec.kind !== "dws.cluster-encryption") return [];
      const rotated = app.some(
        ({ spec: other }) =>
          other.kind === "dws.key-rotation" && other.region === spec.region && other.projectId === spec.projectId && other.clusterId === spec.clusterId,
      );
      if (rotated) return [];
      return [
        {
          declared: "an encrypted DWS cluster without a KeyRotationPolicy",
          needs: `a KeyRotationPolicy with rotationPeriod of at most ${days}d`,
          fix: `add new KeyRotationPolicy(scope, id, { cluster, rotationPeriod: Duration.days(${days}) })`,
        },
      ];
    },
  });
}

import { Duration } from "../spec/duration";
import { PolicyRule } from "./policy-rule";
import { NO_DISABLE } from "./rules/no-disable";
import { RETAIN_ON_DESTROY } from "./rules/retain-on-destroy";
import { rotationAtMost } from "./rules/rotation-at-most";
import { SM4_REQUIRED } from "./rules/sm4-required";

/** The rules an EncryptionPolicy can hold. */
export const Rules = {
  SM4_REQUIRED,
  NO_DISABLE,
  RETAIN_ON_DESTROY,
  /** Every encrypted DWS cluster has a KeyRotationPolicy rotating at least every `max` (1–365 days). */
  rotationAtMost,
} as const;

/** One instance of every rule, for the rule table and for checking suppressed ids. */
export function allRules(): readonly PolicyRule[] {
  return [SM4_REQUIRED, rotationAtMost(Duration.days(365)), RETAIN_ON_DESTROY, NO_DISABLE];
}

export const RULE_IDS: readonly string[] = allRules().map((rule) => rule.id);

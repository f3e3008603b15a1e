import { Duration } from "../contract/duration";
import { IPolicyRule } from "./policy-rule";
import { NO_DISABLE } from "./rules/no-disable";
import { RETAIN_ON_DESTROY } from "./rules/retain-on-destroy";
import { rotationAtMost } from "./rules/rotation-at-most";
import { SM4_REQUIRED } from "./rules/sm4-required";

/**
 * The rules an EncryptionPolicy can hold: `Rules.SM4_REQUIRED`, `Rules.rotationAtMost(Duration.days(180))`.
 * A class of static members (not an object) so that every jsii language sees it.
 */
export class Rules {
  /** Data at rest is encrypted with the SM-series block cipher SM4 (GB/T 39786-2021). */
  static readonly SM4_REQUIRED: IPolicyRule = SM4_REQUIRED;
  /** No declaration turns encryption off, now or when it is destroyed. */
  static readonly NO_DISABLE: IPolicyRule = NO_DISABLE;
  /** Destroying a construct leaves the cloud resource encrypted (`RemovalPolicy.RETAIN`). */
  static readonly RETAIN_ON_DESTROY: IPolicyRule = RETAIN_ON_DESTROY;

  /** Every encrypted DWS cluster has a KeyRotationPolicy rotating at least every `max` (1–365 days). */
  static rotationAtMost(max: Duration): IPolicyRule {
    return rotationAtMost(max);
  }

  private constructor() {}
}

/** One instance of every rule, for the rule table and for checking suppressed ids. */
export function allRules(): IPolicyRule[] {
  return [SM4_REQUIRED, rotationAtMost(Duration.days(365)), RETAIN_ON_DESTROY, NO_DISABLE];
}

export const RULE_IDS: readonly string[] = allRules().map((rule) => rule.id);

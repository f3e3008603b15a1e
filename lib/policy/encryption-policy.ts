import { IAspect } from "../core";
import { IConstruct } from "constructs";
import { packRules } from "./packs";
import { registerPolicy, visitWithPolicy } from "./policy-findings";
import { IPolicyRule } from "./policy-rule";
import { recordSuppression } from "./suppression";

export interface EncryptionPolicyProps {
  /** The rules every encryption construct in scope must follow: `Rules.SM4_REQUIRED`, `Rules.rotationAtMost(Duration.days(180))`. */
  readonly rules: IPolicyRule[];
}

/**
 * Holds every encryption construct in its scope against rules when the app is synthesized:
 * `Aspects.of(app).add(new EncryptionPolicy({ rules: [...] }))`. Violations of error rules fail
 * the synth with one line each (all of the app's at once); warning rules print and go on.
 * Each hook resource records the verdicts in its `//` comment, for review.
 */
export class EncryptionPolicy implements IAspect {
  /** A named pack of rules: `"baseline"` or `"mlps-level-3"`. */
  static pack(name: string): EncryptionPolicy {
    return new EncryptionPolicy({ rules: packRules(name) });
  }

  /**
   * Exempts `scope` and everything below it from one rule. The reason is mandatory: review and
   * reports show it beside the finding.
   */
  static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    recordSuppression(scope, ruleId, reason);
  }

  readonly rules: IPolicyRule[];

  constructor(props: EncryptionPolicyProps) {
    const rules = props?.rules;
    if (!Array.isArray(rules) || rules.some((rule) => typeof rule?.check !== "function")) {
      throw new Error(`EncryptionPolicy: rules ${safeJson(rules)} is invalid: expected a list of rules such as [Rules.NO_DISABLE]`);
    }
    this.rules = [...rules];
    registerPolicy(this);
  }

  /**
   * Checks `node` when it is the hook of an encryption construct: each rule against its declared
   * resource (and the app's others). Errors fail the synth in its validation phase, all of the
   * app's at once; warnings are printed; every verdict goes to the hook's `//` comment.
   */
  visit(node: IConstruct): void {
    visitWithPolicy(this, node);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

import { SpecMap } from "../contract/spec";

/** How a violation of a rule acts at synth. */
export enum Severity {
  /** The synth fails. */
  ERROR = "error",
  /** The synth goes on; the finding is printed as a warning and shown in review. */
  WARNING = "warning",
}

/** One encryption resource as the policy sees it: where it is declared and its Spec. */
export interface DeclaredResource {
  /** Construct path of the declaring construct, e.g. `prod/warehouse`. */
  readonly path: string;
  readonly spec: SpecMap;
}

/** What one rule found wrong with one declared resource. */
export interface RuleViolation {
  /** What was declared, in words: "crypt_algorithm generalCipher (AES)". */
  readonly declared: string;
  /** What the rule needs instead: "SMcompatible (SM4)". */
  readonly needs: string;
  /** How to comply: "set algorithm: CryptAlgorithm.SM4". */
  readonly fix: string;
}

/**
 * A rule of an encryption policy: a pure function from one declared resource (and the app's
 * other declared resources, for rules that relate two of them) to its violations.
 */
export interface IPolicyRule {
  /** The id users suppress by and reports name: `SM4_REQUIRED`. */
  readonly id: string;
  /** One line: what the rule demands. */
  readonly title: string;
  readonly severity: Severity;
  /** What the rule checks and does not check, in a sentence or two. */
  readonly help: string;
  /** Standards clauses and external rules that check the same thing, with their published ids. */
  readonly references: string[];
  /** Violations of this rule by `resource`; empty when it complies or the rule does not apply. */
  check(resource: DeclaredResource, app: DeclaredResource[]): RuleViolation[];
  /** The same rule acting with another severity. */
  withSeverity(severity: Severity): IPolicyRule;
}

import { Annotations, Aspects, TerraformResource, TerraformStack } from "../core";
import { IConstruct } from "constructs";
import { SpecMap } from "../contract/spec";
import { EncryptionPolicy } from "./encryption-policy";
import { DeclaredResource, IPolicyRule, RuleViolation, Severity } from "./policy-rule";
import { RULE_IDS } from "./rules";
import { SUPPRESSION_METADATA, Suppression, declaredOn, suppressionsOver } from "./suppression";

/** Where a hook resource records the policy's verdicts, inside its `//` comment. */
export const VERDICTS_KEY = "cdktf-encryption-policy";

/** What a hook construct offers the policy check. */
export interface PolicySubject extends IConstruct {
  readonly spec: SpecMap;
  readonly resource: TerraformResource;
}

/** One rule's verdict on one declared resource, as review and reports read it. */
export interface Verdict {
  readonly rule: string;
  readonly severity: Severity;
  readonly verdict: "pass" | "violation" | "suppressed";
  /** The violation in words, when there is one. */
  readonly finding?: string;
  /** The suppression's reason, when suppressed. */
  readonly reason?: string;
}

const subjects = new WeakMap<IConstruct, PolicySubject[]>();

/**
 * Puts a hook under the policies of its scopes. Called by every hook; the first hook of a stack
 * adds the stack's validation, which checks the whole app so one synth reports every violation.
 */
export function enforceEncryptionPolicies(subject: PolicySubject): void {
  const root = subject.node.root;
  const known = subjects.get(root) ?? [];
  if (known.length === 0) subjects.set(root, known);
  known.push(subject);
  const stack = TerraformStack.of(subject);
  if (!known.some((other) => other !== subject && TerraformStack.of(other) === stack)) {
    stack.node.addValidation({ validate: () => validateStack(stack) });
  }
}

/** Every policy over a construct: those added as Aspects to it or to any scope above it. */
export function policiesOver(scope: IConstruct): EncryptionPolicy[] {
  const found = new Set<EncryptionPolicy>();
  for (const construct of scope.node.scopes) {
    for (const aspect of Aspects.of(construct).all) if (aspect instanceof EncryptionPolicy) found.add(aspect);
  }
  return [...found];
}

interface Finding {
  readonly subject: PolicySubject;
  readonly rule: IPolicyRule;
  readonly violation: RuleViolation;
  readonly suppression?: Suppression;
}

function validateStack(stack: TerraformStack): string[] {
  const all = subjects.get(stack.node.root) ?? [];
  const declared = all.map(declaredResource);
  const errors = suppressionProblems(stack.node.root);
  for (const subject of all) {
    const findings = evaluate(subject, declared);
    if (TerraformStack.of(subject) === stack) record(subject, findings);
    for (const finding of findings) {
      if (!finding.suppression && finding.rule.severity === Severity.ERROR) errors.push(findingLine(finding));
    }
  }
  return errors;
}

function evaluate(subject: PolicySubject, app: readonly DeclaredResource[]): Finding[] {
  const resource = declaredResource(subject);
  const suppressions = suppressionsOver(subject);
  const findings: Finding[] = [];
  for (const policy of policiesOver(subject)) {
    for (const rule of policy.rules) {
      const suppression = suppressions.find((s) => s.ruleId === rule.id && s.reason.trim() !== "");
      for (const violation of rule.check(resource, [...app])) findings.push({ subject, rule, violation, suppression });
    }
  }
  return findings;
}

/** Warnings as annotations and every verdict in the resource's `//` comment, for review. */
function record(subject: PolicySubject, findings: readonly Finding[]): void {
  const verdicts: Verdict[] = [];
  for (const policy of policiesOver(subject)) {
    for (const rule of policy.rules) {
      const mine = findings.filter((f) => f.rule === rule);
      if (mine.length === 0) verdicts.push({ rule: rule.id, severity: rule.severity, verdict: "pass" });
      for (const finding of mine) {
        verdicts.push({
          rule: rule.id,
          severity: rule.severity,
          verdict: finding.suppression ? "suppressed" : "violation",
          finding: describe(finding.violation),
          ...(finding.suppression ? { reason: finding.suppression.reason } : {}),
        });
        if (!finding.suppression && rule.severity === Severity.WARNING) Annotations.of(subject.node.scope ?? subject).addWarning(findingLine(finding));
      }
    }
  }
  if (verdicts.length > 0) subject.resource.addOverride(`//.${VERDICTS_KEY}`, verdicts);
}

function declaredResource(subject: PolicySubject): DeclaredResource {
  return { path: (subject.node.scope ?? subject).node.path, spec: subject.spec };
}

function describe(violation: RuleViolation): string {
  return `declared ${violation.declared}; the rule needs ${violation.needs}`;
}

function findingLine(finding: Finding): string {
  const path = declaredResource(finding.subject).path;
  return (
    `${finding.rule.id} (${finding.rule.severity}) at ${path}: ${describe(finding.violation)}. ` +
    `Fix: ${finding.violation.fix}; or suppress: EncryptionPolicy.suppress(<the construct>, "${finding.rule.id}", "<reason>")`
  );
}

/** A suppression of an unknown rule or without a reason is a mistake to fix, not a silent no-op. */
function suppressionProblems(root: IConstruct): string[] {
  const problems: string[] = [];
  for (const construct of root.node.findAll()) {
    if (!construct.node.metadata.some((m) => m.type === SUPPRESSION_METADATA)) continue;
    for (const s of declaredOn(construct)) {
      if (!RULE_IDS.includes(s.ruleId)) {
        problems.push(`EncryptionPolicy.suppress at ${s.path}: rule id ${JSON.stringify(s.ruleId)} is unknown: expected one of ${RULE_IDS.join(", ")}`);
      } else if (s.reason.trim() === "") {
        problems.push(`EncryptionPolicy.suppress at ${s.path}: the suppression of ${s.ruleId} has no reason: give the reason reviewers and auditors will read`);
      }
    }
  }
  return problems;
}

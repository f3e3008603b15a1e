import { Annotations, Aspects, TerraformResource } from "../core";
import { IConstruct } from "constructs";
import { SpecMap } from "../contract/spec";
import { DeclaredSpec } from "../kinds";
import { TypedResource, isBuiltInRule } from "./built-in-rule";
import { DeclaredResource, IPolicyRule, RuleViolation, Severity } from "./policy-rule";
import { Suppression, suppressionsOver } from "./suppression";

/** Where a hook resource records the policy's verdicts, inside its `//` comment. */
export const VERDICTS_KEY = "cdktf-encryption-policy";

/** What a hook construct offers the policy. */
export interface PolicySubject extends IConstruct {
  readonly spec: SpecMap;
  readonly resource: TerraformResource;
  /** The typed Spec the map is rendered from; undefined for a construct refused at synth. */
  readonly _declaredSpec?: DeclaredSpec;
}

/** A set of rules that visits constructs: what `EncryptionPolicy` is to this module. */
export interface RuleSet {
  readonly rules: IPolicyRule[];
  visit(node: IConstruct): void;
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

export interface Finding {
  readonly subject: PolicySubject;
  readonly rule: IPolicyRule;
  readonly violation: RuleViolation;
  readonly suppression?: Suppression;
}

const POLICIES = new WeakSet<RuleSet>();
const SUBJECTS = new WeakMap<IConstruct, PolicySubject[]>();
/** What each policy found on each hook it has visited. */
const FINDINGS = new WeakMap<PolicySubject, Map<RuleSet, Finding[]>>();

/** Makes `policy` one the hooks' scopes are searched for (`policiesOver`). */
export function registerPolicy(policy: RuleSet): void {
  POLICIES.add(policy);
}

/** Makes `subject` a hook policies check, and one of its app's declared resources. */
export function registerSubject(subject: PolicySubject): void {
  const root = subject.node.root;
  const subjects = SUBJECTS.get(root);
  if (subjects) subjects.push(subject);
  else SUBJECTS.set(root, [subject]);
  FINDINGS.set(subject, new Map());
}

/** The hooks of the app `scope` belongs to, in the order they were created. */
export function subjectsOf(scope: IConstruct): PolicySubject[] {
  return SUBJECTS.get(scope.node.root) ?? [];
}

/** Every policy over a construct: those added as Aspects to it or to any scope above it, outermost first. */
export function policiesOver(scope: IConstruct): RuleSet[] {
  const found = new Set<RuleSet>();
  for (const construct of scope.node.scopes) {
    for (const aspect of Aspects.of(construct).all) if (POLICIES.has(aspect as unknown as RuleSet)) found.add(aspect as unknown as RuleSet);
  }
  return [...found];
}

/**
 * The work of one policy visiting one construct: when it is a hook, every rule of the policy
 * is checked against its declared resource; the findings are kept for the synth's validation,
 * warnings become annotations and the hook's `//` comment records every verdict so far, for
 * review. A construct is checked once per policy however often it is visited.
 */
export function visitWithPolicy(policy: RuleSet, node: IConstruct): void {
  const subject = node as PolicySubject;
  const visited = FINDINGS.get(subject);
  if (!visited || visited.has(policy)) return;
  const findings = evaluate(policy, subject);
  visited.set(policy, findings);
  for (const finding of findings) {
    if (!finding.suppression && finding.rule.severity === Severity.WARNING) Annotations.of(declaringConstruct(subject)).addWarning(findingLine(finding));
  }
  recordVerdicts(subject);
}

/** The findings of every policy that has visited `subject`, in `visitorsOf` order. */
export function findingsOn(subject: PolicySubject): Finding[] {
  const visited = FINDINGS.get(subject);
  return visited ? visitorsOf(subject).flatMap((policy) => visited.get(policy) ?? []) : [];
}

/**
 * The policies that have visited `subject`: those over it in `policiesOver` order (not the
 * order cdktf happened to visit in), then any called directly, in the order they visited.
 */
function visitorsOf(subject: PolicySubject): RuleSet[] {
  const visited = FINDINGS.get(subject);
  if (!visited) return [];
  return [...new Set([...policiesOver(subject), ...visited.keys()])].filter((policy) => visited.has(policy));
}

function evaluate(policy: RuleSet, subject: PolicySubject): Finding[] {
  const app = appAsRulesRead(subjectsOf(subject));
  const suppressions = suppressionsOver(subject);
  const findings: Finding[] = [];
  for (const rule of policy.rules) {
    const suppression = suppressions.find((s) => s.ruleId === rule.id && s.reason.trim() !== "");
    for (const violation of check(rule, subject, app)) findings.push({ subject, rule, violation, suppression });
  }
  return findings;
}

/** The app's declared resources as both kinds of rule read them, made once per evaluation, not once per rule. */
interface AppAsRulesRead {
  readonly typed: () => TypedResource[];
  readonly maps: () => DeclaredResource[];
}

function appAsRulesRead(subjects: readonly PolicySubject[]): AppAsRulesRead {
  let typed: TypedResource[] | undefined;
  let maps: DeclaredResource[] | undefined;
  return {
    typed: () => (typed ??= subjects.map(typedResource).filter((r): r is TypedResource => r !== undefined)),
    maps: () => (maps ??= subjects.map(subjectResource)),
  };
}

/** Built-in rules read the constructs' typed Specs; users' rules the Spec maps. */
function check(rule: IPolicyRule, subject: PolicySubject, app: AppAsRulesRead): RuleViolation[] {
  if (isBuiltInRule(rule)) {
    const resource = typedResource(subject);
    return resource ? rule._checkTyped(resource, app.typed()) : [];
  }
  return rule.check(subjectResource(subject), app.maps());
}

/** Every verdict of the policies that have visited `subject`, in its `//` comment. */
function recordVerdicts(subject: PolicySubject): void {
  const visited = FINDINGS.get(subject)!;
  const verdicts: Verdict[] = [];
  for (const policy of visitorsOf(subject)) {
    const findings = visited.get(policy)!;
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
      }
    }
  }
  if (verdicts.length > 0) subject.resource.addOverride(`//.${VERDICTS_KEY}`, verdicts);
}

/** The construct a user declared (the hook's parent), whose path findings name. */
function declaringConstruct(subject: PolicySubject): IConstruct {
  return subject.node.scope ?? subject;
}

function subjectResource(subject: PolicySubject): DeclaredResource {
  return { path: declaringConstruct(subject).node.path, spec: subject.spec };
}

function typedResource(subject: PolicySubject): TypedResource | undefined {
  const spec = subject._declaredSpec;
  return spec && { path: declaringConstruct(subject).node.path, spec };
}

function describe(violation: RuleViolation): string {
  return `declared ${violation.declared}; the rule needs ${violation.needs}`;
}

/** One finding as the synth error or warning prints it. */
export function findingLine(finding: Finding): string {
  const path = declaringConstruct(finding.subject).node.path;
  return (
    `${finding.rule.id} (${finding.rule.severity}) at ${path}: ${describe(finding.violation)}. ` +
    `Fix: ${finding.violation.fix}; or suppress: EncryptionPolicy.suppress(<the construct>, "${finding.rule.id}", "<reason>")`
  );
}

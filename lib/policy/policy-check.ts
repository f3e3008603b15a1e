import { Aspects, IAspect, TerraformStack } from "../core";
import { IConstruct } from "constructs";
import { PolicySubject, findingLine, findingsOn, policiesOver, registerSubject, subjectsOf } from "./policy-findings";
import { Severity } from "./policy-rule";
import { RULE_IDS } from "./rules";
import { SUPPRESSION_METADATA, declaredOn } from "./suppression";

export { VERDICTS_KEY } from "./policy-findings";

/** The stacks whose first hook has brought them the policies above them (once per stack, not once per hook). */
const STACKS_UNDER_POLICY = new WeakSet<TerraformStack>();
export type { PolicySubject, Verdict } from "./policy-findings";

/**
 * Puts a hook under the policies of its scopes. Called by every hook; the first hook of a stack
 * gives the stack the aspect that brings it the policies above it, and the validation that
 * fails the synth with the error findings of the whole app at once.
 */
export function enforceEncryptionPolicies(subject: PolicySubject): void {
  registerSubject(subject);
  const stack = TerraformStack.of(subject);
  if (STACKS_UNDER_POLICY.has(stack)) return;
  STACKS_UNDER_POLICY.add(stack);
  Aspects.of(stack).add(new PoliciesAboveStack(stack));
  stack.node.addValidation({ validate: () => validateApp(stack) });
}

/**
 * cdktf (0.21, `invokeAspects` in lib/synthesize/synthesizer.js) invokes aspects one stack at a
 * time from the stack down, so a policy added to the App, or to any scope above a stack, never
 * visits it. This aspect, on each stack that holds a hook, hands every construct it visits to
 * those policies too; a policy visits each construct once, so one cdktf may some day invoke
 * itself is not run twice.
 */
class PoliciesAboveStack implements IAspect {
  constructor(private readonly stack: TerraformStack) {}

  visit(node: IConstruct): void {
    const above = this.stack.node.scope;
    if (!above) return;
    for (const policy of policiesOver(above)) policy.visit(node);
  }
}

/**
 * The error findings of every hook of the app and the mistaken suppressions, so that the first
 * stack cdktf validates fails with all of them. cdktf has visited only the stacks synthesized
 * so far: the policies over the hooks of the others visit them now.
 */
function validateApp(stack: TerraformStack): string[] {
  const errors = suppressionProblems(stack.node.root);
  for (const subject of subjectsOf(stack)) {
    for (const policy of policiesOver(subject)) policy.visit(subject);
    for (const finding of findingsOn(subject)) {
      if (!finding.suppression && finding.rule.severity === Severity.ERROR) errors.push(findingLine(finding));
    }
  }
  return errors;
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

import { DeclaredSpec, parseSpec } from "../kinds";
import { DeclaredResource, IPolicyRule, RuleViolation } from "./policy-rule";

/** A declared resource with its kind's typed Spec, as built-in rules see it. */
export interface TypedResource {
  /** Construct path of the declaring construct, e.g. `prod/warehouse`. */
  readonly path: string;
  readonly spec: DeclaredSpec;
}

/**
 * What a built-in rule is made of. Its check receives the typed Spec (narrow it by `kind`)
 * instead of the wire map of `IPolicyRule.check`: the public interface keeps `SpecMap` because
 * jsii cannot express the `DeclaredSpec` union, and users' own rules keep working as they are.
 */
export interface BuiltInRuleParts extends Omit<IPolicyRule, "withSeverity" | "check"> {
  check(spec: DeclaredSpec, resource: TypedResource, app: readonly TypedResource[]): RuleViolation[];
}

/** A rule whose check reads typed Specs; the policy hands it the constructs' own typed Specs. */
export interface BuiltInRule extends IPolicyRule {
  /** @internal */
  _checkTyped(resource: TypedResource, app: readonly TypedResource[]): RuleViolation[];
}

/** A public rule from typed parts; `withSeverity` keeps everything else. */
export function defineRule(parts: BuiltInRuleParts): BuiltInRule {
  const checkTyped = (resource: TypedResource, app: readonly TypedResource[]) => parts.check(resource.spec, resource, app);
  return {
    id: parts.id,
    title: parts.title,
    severity: parts.severity,
    help: parts.help,
    references: parts.references,
    // Called with wire maps (a user's code or test): each map is read into its typed Spec first.
    check: (resource: DeclaredResource, app: DeclaredResource[]) => checkTyped(typedFromMap(resource), app.map(typedFromMap)),
    _checkTyped: checkTyped,
    withSeverity: (severity) => defineRule({ ...parts, severity }),
  };
}

export function isBuiltInRule(rule: IPolicyRule): rule is BuiltInRule {
  return typeof (rule as Partial<BuiltInRule>)._checkTyped === "function";
}

function typedFromMap(resource: DeclaredResource): TypedResource {
  return { path: resource.path, spec: parseSpec(resource.spec) };
}

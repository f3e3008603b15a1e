import { Construct, IConstruct } from "constructs";
import { DeclaredIdentity } from "../contract/declared-identity";
import { cloudOfKind } from "../kinds/resource-identity";
import { AssumedIdentity } from "./assumed-identity";
import { PropValidator } from "./prop-validation";
import { SynthChecks } from "./synth-checks";

const DECLARED = new WeakMap<IConstruct, AssumedIdentity>();

/**
 * The identity every encryption construct in a scope (an app, a stack, any construct) is
 * managed as. The nearest scope's declaration wins, and a construct's own `identity` prop wins
 * over every scope. It is resolved when the app is synthesized, like Tags or Aspects: the call
 * may come before or after the constructs are added.
 *
 * @exampleMetadata fixture=api
 * @example
 * Identity.of(paymentsStack).assume(AssumedIdentity.alibabaRole({ roleArn: "acs:ram::1234567890123456:role/encryption-admin" }));
 */
export class Identity {
  /** The identity declarations of `scope`. */
  static of(scope: IConstruct): Identity {
    return new Identity(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
   * Manages every encryption construct under this scope as `identity` (unless a nearer scope or
   * the construct itself names another). The hook assumes it with the deploy environment's base
   * credentials before any service call.
   */
  assume(identity: AssumedIdentity): void {
    const path = scopeWords(this.scope);
    if (!(identity instanceof AssumedIdentity)) {
      throw new Error(`Identity.of(${path}).assume: ${JSON.stringify(identity)} is invalid: expected AssumedIdentity.huaweiAgency(…) or AssumedIdentity.alibabaRole(…)`);
    }
    const existing = DECLARED.get(this.scope);
    if (existing) {
      throw new Error(`Identity.of(${path}).assume(${identity.source}): the scope is already managed as ${existing.description}; one scope has one identity (declare it on a nested scope or on the construct)`);
    }
    DECLARED.set(this.scope, identity);
  }

  /** The identity declared on this very scope, if any (not its parents'). */
  get declared(): AssumedIdentity | undefined {
    return DECLARED.get(this.scope);
  }
}

/**
 * The identity a construct of Spec kind `kind` is managed as, asked at synth: its own prop
 * (checked now, problems into `check`), else the nearest scope's declaration at the time it is
 * asked, whose problems are reported at synth under the construct's path. The answer is
 * undefined when none is declared or the declared one is invalid.
 */
export function identityResolver(construct: Construct, own: AssumedIdentity | undefined, kind: string, check: PropValidator): () => DeclaredIdentity | undefined {
  const cloud = cloudOfKind(kind);
  if (own !== undefined) {
    if (!(own instanceof AssumedIdentity)) {
      check.fail("identity", own, "AssumedIdentity.huaweiAgency(…) or AssumedIdentity.alibabaRole(…)");
      return () => undefined;
    }
    const valid = cloud ? own._validateFor(cloud, check, "identity") : undefined;
    return () => valid;
  }
  const fromScopes = () => {
    const scoped = new PropValidator(check.owner);
    const found = nearestDeclaration(construct);
    const identity = found && cloud ? found.identity._validateFor(cloud, scoped, `identity (from Identity.of(${scopeWords(found.scope)}))`) : undefined;
    return { identity, problems: scoped.problems.map((problem) => `${check.owner}: ${problem}`) };
  };
  SynthChecks.of(construct).addProblemSource(construct, () => fromScopes().problems);
  return () => fromScopes().identity;
}

function nearestDeclaration(construct: IConstruct): { scope: IConstruct; identity: AssumedIdentity } | undefined {
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const identity = DECLARED.get(scopes[i]);
    if (identity) return { scope: scopes[i], identity };
  }
  return undefined;
}

function scopeWords(scope: IConstruct): string {
  return scope.node.path === "" ? "app" : scope.node.path;
}

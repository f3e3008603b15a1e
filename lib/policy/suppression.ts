import { IConstruct } from "constructs";

/** The metadata type under which a suppression is recorded on a construct. */
export const SUPPRESSION_METADATA = "cdktf-encryption:suppress";

/** A rule switched off for a construct and everything below it, with the reason reports show. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Path of the construct the suppression was declared on. */
  readonly path: string;
}

export function recordSuppression(scope: IConstruct, ruleId: string, reason: string): void {
  scope.node.addMetadata(SUPPRESSION_METADATA, { ruleId, reason });
}

/** Suppressions declared on `scope` and its ancestors, nearest first. */
export function suppressionsOver(scope: IConstruct): Suppression[] {
  return scope.node.scopes
    .slice()
    .reverse()
    .flatMap((construct) => declaredOn(construct));
}

/** Suppressions declared on this one construct. */
export function declaredOn(construct: IConstruct): Suppression[] {
  return construct.node.metadata
    .filter((entry) => entry.type === SUPPRESSION_METADATA)
    .map((entry) => {
      const data = entry.data as { ruleId: unknown; reason: unknown };
      return { ruleId: String(data.ruleId), reason: typeof data.reason === "string" ? data.reason : "", path: construct.node.path };
    });
}

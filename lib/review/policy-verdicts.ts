import { existsSync } from "node:fs";
import * as path from "node:path";
import { VERDICTS_KEY, Verdict } from "../policy/policy-check";
import { readStack } from "../stack/read-stack";
import { Review, ReviewRow } from "./review";

/**
 * The encryption policy's verdicts that synth recorded in each hook resource's `//` comment of
 * cdk.tf.json, by Terraform address; empty when the directory holds no synthesized stack.
 */
export function readPolicyVerdicts(stackDir: string): Map<string, readonly Verdict[]> {
  const verdicts = new Map<string, readonly Verdict[]>();
  if (!existsSync(path.join(stackDir, "cdk.tf.json"))) return verdicts;
  for (const hook of readStack(stackDir).hooks) {
    const recorded = hook.comment[VERDICTS_KEY];
    if (Array.isArray(recorded)) verdicts.set(hook.address, recorded as Verdict[]);
  }
  return verdicts;
}

/** Puts the verdicts on their rows, with a note per violation and per suppression. */
export function withPolicyVerdicts(review: Review, verdicts: ReadonlyMap<string, readonly Verdict[]>): Review {
  if (verdicts.size === 0) return review;
  const resources = review.resources.map((row): ReviewRow => {
    const policy = verdicts.get(row.address);
    if (!policy) return row;
    const notes = policy.flatMap((v) =>
      v.verdict === "violation"
        ? [`policy ${v.rule} (${v.severity}) is violated: ${v.finding ?? "see the synth warning"}`]
        : v.verdict === "suppressed"
          ? [`policy ${v.rule} is suppressed: ${v.reason}`]
          : [],
    );
    return { ...row, policy, notes: [...row.notes, ...notes] };
  });
  return { ...review, resources };
}

import { FoundSpec, findSpec, isForeign } from "./hook-spec";
import { ReviewError } from "./review-error";

/**
 * What Terraform does to one hook resource, in the terms that decide whether the hook runs:
 * - `create`, `replace`: the create provisioner runs `hook apply` with the new Spec
 *   (with `create_before_destroy`, a replaced object's destroy provisioner does not run);
 * - `destroy`: the destroy provisioner runs `hook destroy` with the old Spec;
 * - `remove`: the resource left the code, and its provisioners with it: nothing runs;
 * - `forget`: a `removed` block with `destroy = false`: nothing runs;
 * - `update`, `no-op`: nothing runs.
 */
export type HookChangeType = "create" | "replace" | "update" | "destroy" | "remove" | "forget" | "no-op";

export interface HookChange {
  /** Terraform address, e.g. `terraform_data.orders-backups_encryption_hook_B23149E0`. */
  readonly address: string;
  readonly change: HookChangeType;
  /** Terraform's `action_reason`, when it gave one. */
  readonly actionReason?: string;
  /** The Spec in state (absent for a create). */
  readonly before?: FoundSpec;
  /** The Spec planned (absent for a destroy). */
  readonly after?: FoundSpec;
}

export interface PlannedHooks {
  readonly changes: readonly HookChange[];
  /** Things the reviewer should know that are not rows: Specs of unknown kinds, an errored plan. */
  readonly warnings: readonly string[];
}

const REMOVED_FROM_CODE = new Set(["delete_because_no_resource_config", "delete_because_no_module"]);

/** The hook resources of a `terraform show -json` plan and what the plan does to each. */
export function hookChangesFromPlan(plan: unknown): PlannedHooks {
  if (!plan || typeof plan !== "object" || Array.isArray(plan)) {
    throw new ReviewError("the plan is not terraform plan JSON: expected the object that `terraform show -json <plan file>` prints");
  }
  const doc = plan as Record<string, unknown>;
  if (typeof doc.format_version !== "string" || !("planned_values" in doc || "resource_changes" in doc)) {
    throw new ReviewError(
      "the JSON is not a terraform plan (no format_version and planned_values): give `terraform show -json <plan file>` output or the plan file itself, not state or cdk.tf.json",
    );
  }
  const warnings: string[] = [];
  if (doc.errored === true) warnings.push("Terraform reported errors while planning: this plan may be incomplete.");
  const changes: HookChange[] = [];
  const resourceChanges = Array.isArray(doc.resource_changes) ? doc.resource_changes : [];
  for (const entry of resourceChanges as Record<string, unknown>[]) {
    if (!entry || entry.mode !== "managed" || typeof entry.address !== "string") continue;
    const change = (entry.change ?? {}) as Record<string, unknown>;
    const before = findSpec(change.before);
    const after = findSpec(change.after, change.after_unknown);
    const foreign = [before, after].find(isForeign);
    if (foreign) {
      warnings.push(`${entry.address} holds a Spec of kind "${foreign.foreignKind}", which this version of cdktf-encryption does not know: it is not reviewed.`);
      continue;
    }
    if (!before && !after) continue;
    const actions = Array.isArray(change.actions) ? (change.actions as string[]) : [];
    const actionReason = typeof entry.action_reason === "string" ? entry.action_reason : undefined;
    changes.push({
      address: entry.address,
      change: classify(actions, actionReason),
      actionReason,
      before: before as FoundSpec | undefined,
      after: after as FoundSpec | undefined,
    });
  }
  return { changes, warnings };
}

function classify(actions: readonly string[], reason: string | undefined): HookChangeType {
  const has = (a: string) => actions.includes(a);
  if (has("create") && has("delete")) return "replace";
  if (has("create")) return "create";
  if (has("delete")) return reason && REMOVED_FROM_CODE.has(reason) ? "remove" : "destroy";
  if (has("forget")) return "forget";
  if (has("update")) return "update";
  return "no-op";
}

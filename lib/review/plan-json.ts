import { FoundSpec, findSpec, isForeign } from "../stack/hook-spec";
import { InputError } from "../runtime/input-error";

/**
 * What Terraform does to one hook resource, in the terms that decide whether the hook runs:
 * - `create`, `replace`: the create provisioner runs `hook apply` with the new Spec
 *   (with `create_before_destroy`, a replaced object's destroy provisioner does not run);
 * - `destroy`: the destroy provisioner runs `hook destroy` with the old Spec;
 * - `remove`: the resource left the code, and its provisioners with it: nothing runs;
 * - `forget`: a `removed` block with `destroy = false`: nothing runs;
 * - `update`, `no-op`: nothing runs;
 * - `deposed`: only a deposed object (left by a failed create-before-destroy replacement) is
 *   deleted: Terraform destroys deposed objects without configuration, so no provisioner runs
 *   (hashicorp/terraform internal/terraform/node_resource_destroy_deposed.go).
 */
export type HookChangeType = "create" | "replace" | "update" | "destroy" | "remove" | "forget" | "no-op" | "deposed";

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
  /**
   * The object in state is tainted (a failed create or replacement): its Spec may never have
   * been applied, so the replacement is planned as a create.
   */
  readonly tainted?: boolean;
  /** Deposed objects of this address that the plan deletes (no hook runs for them). */
  readonly deposed?: readonly DeposedObject[];
  /** Addresses this resource depends on (`depends_on` in the plan's configuration): they are applied first. */
  readonly dependsOn?: readonly string[];
}

/** An older object of an address, deposed by a create-before-destroy replacement that failed. */
export interface DeposedObject {
  /** Terraform's deposed key, e.g. `4e1bc3d2`. */
  readonly key: string;
  readonly before?: FoundSpec;
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
    throw new InputError("the plan is not terraform plan JSON: expected the object that `terraform show -json <plan file>` prints");
  }
  const doc = plan as Record<string, unknown>;
  if (typeof doc.format_version !== "string" || !("planned_values" in doc || "resource_changes" in doc)) {
    throw new InputError(
      "the JSON is not a terraform plan (no format_version and planned_values): give `terraform show -json <plan file>` output or the plan file itself, not state or cdk.tf.json",
    );
  }
  const warnings: string[] = [];
  if (doc.errored === true) warnings.push("Terraform reported errors while planning: this plan may be incomplete.");
  const changes: HookChange[] = [];
  const deposed = new Map<string, DeposedObject[]>();
  const dependsOn = dependencies(doc.configuration);
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
    if (typeof entry.deposed === "string") {
      deposed.set(entry.address, [...(deposed.get(entry.address) ?? []), { key: entry.deposed, before: before as FoundSpec | undefined }]);
      continue;
    }
    const actions = Array.isArray(change.actions) ? (change.actions as string[]) : [];
    const actionReason = typeof entry.action_reason === "string" ? entry.action_reason : undefined;
    changes.push({
      address: entry.address,
      change: classify(actions, actionReason),
      actionReason,
      before: before as FoundSpec | undefined,
      after: after as FoundSpec | undefined,
      tainted: actionReason === "replace_because_tainted" || undefined,
      dependsOn: dependsOn.get(entry.address),
    });
  }
  // One row per address: a deposed object joins the row of its address's current object.
  const merged = changes.map((c) => (deposed.has(c.address) ? { ...c, deposed: deposed.get(c.address) } : c));
  for (const [address, objects] of deposed) {
    if (!changes.some((c) => c.address === address)) merged.push({ address, change: "deposed", before: objects[0].before, deposed: objects, dependsOn: dependsOn.get(address) });
  }
  return { changes: merged, warnings };
}

/** `depends_on` of the root module's resources, from the plan's `configuration`. */
function dependencies(configuration: unknown): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const resources = (configuration as { root_module?: { resources?: unknown } } | undefined)?.root_module?.resources;
  for (const r of Array.isArray(resources) ? (resources as Record<string, unknown>[]) : []) {
    if (typeof r?.address === "string" && Array.isArray(r.depends_on)) result.set(r.address, r.depends_on.filter((d): d is string => typeof d === "string"));
  }
  return result;
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

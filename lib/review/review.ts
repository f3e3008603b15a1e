import { silentLog } from "../cloud/log";
import { systemClock } from "../cloud/clock";
import { KINDS, KindDefinition } from "../reconcile/kinds";
import { Action, Plan, Reconciler } from "../reconcile/reconciler";
import { mapBounded } from "./bounded";
import { FoundSpec } from "./hook-spec";
import { LiveOptions, observeLive } from "./live";
import { HookChange, HookChangeType, PlannedHooks } from "./plan-json";

/** One Spec field that the plan changes. */
export interface FieldChange {
  readonly field: string;
  readonly before?: string;
  readonly after?: string;
}

/** The cloud as read during review (`--live`), beside what the plan does. */
export interface LiveState {
  /**
   * - `in-sync`: the cloud reads what the last applied Spec declares;
   * - `drifted`: it does not (`corrections` say what the hook would do);
   * - `unmanaged`: nothing applied yet (a create): `observed` is the starting point;
   * - `unreachable`: no usable answer (not drift); `error`: the cloud answered with an error.
   */
  readonly status: "in-sync" | "drifted" | "unmanaged" | "unreachable" | "error";
  readonly observed?: string;
  readonly corrections?: readonly string[];
  readonly detail?: string;
}

export interface ReviewRow {
  readonly address: string;
  readonly kind: string;
  /** The kind's title: "TaurusDB backup encryption". */
  readonly title: string;
  /** "TaurusDB instance 7033…in07 (cn-north-4)"; the address when the Spec cannot be read. */
  readonly target: string;
  readonly change: HookChangeType;
  /** Which hook run this deploy makes, if any. */
  readonly hookRuns?: "apply" | "destroy";
  /** The declared state in words, before and after. */
  readonly declaredBefore?: string;
  readonly declaredAfter?: string;
  readonly fields: readonly FieldChange[];
  /** What the hook will do, from the kind's own `plan`. */
  readonly actions: readonly Action[];
  readonly notes: readonly string[];
  /**
   * What the actions were planned against: `declared` (the cloud assumed to read the last
   * applied Spec), `assumed` (a create's worst case, not read), `live` (read from the cloud),
   * `none` (the hook does not run, or the Spec cannot be read).
   */
  readonly basis: "declared" | "assumed" | "live" | "none";
  /** The cloud state assumed for a create when it was not read. */
  readonly assumedObserved?: string;
  readonly irreversible: boolean;
  readonly restarts: boolean;
  readonly reconcilesOnEveryDeploy: boolean;
  readonly live?: LiveState;
  /** Why the row could not be planned (unknown values, an invalid Spec). */
  readonly problem?: string;
}

export interface ReviewCounts {
  readonly resources: number;
  readonly create: number;
  readonly replace: number;
  readonly destroy: number;
  readonly remove: number;
  readonly forget: number;
  readonly update: number;
  readonly unchanged: number;
  readonly irreversible: number;
  readonly restarts: number;
  readonly drifted: number;
  readonly unreachable: number;
}

export interface Review {
  /** One line for the top of a PR comment. */
  readonly summary: string;
  readonly counts: ReviewCounts;
  readonly live: boolean;
  readonly resources: readonly ReviewRow[];
  readonly warnings: readonly string[];
}

export interface ReviewOptions {
  /** Read each resource from the cloud too. */
  readonly live?: LiveOptions;
  /** The environment reconcilers are built with (they read nothing from it offline). */
  readonly env?: NodeJS.ProcessEnv;
}

interface Side {
  readonly found: FoundSpec;
  readonly spec?: unknown;
  readonly problem?: string;
}

/** Turns the hook changes of a plan into reviewable rows, planned by each kind's reconciler. */
export async function buildReview(planned: PlannedHooks, options: ReviewOptions = {}): Promise<Review> {
  const env = options.live?.env ?? options.env ?? process.env;
  const rows = await mapBounded(planned.changes, options.live?.concurrency ?? 1, (change) => reviewOne(change, env, options.live));
  const counts = countRows(rows);
  return { summary: summaryLine(counts, options.live !== undefined), counts, live: options.live !== undefined, resources: rows, warnings: planned.warnings };
}

async function reviewOne(change: HookChange, env: NodeJS.ProcessEnv, live: LiveOptions | undefined): Promise<ReviewRow> {
  const kind = KINDS.get((change.after ?? change.before)!.map.kind)!;
  const reconciler = kind.reconciler({ clock: systemClock, log: silentLog, env });
  const before = change.before && side(kind, change.before);
  const after = change.after && side(kind, change.after);
  const current = after?.spec !== undefined ? after : before;
  const target = current?.spec !== undefined ? reconciler.describeTarget(current.spec) : change.address;
  const hookRuns = change.change === "create" || change.change === "replace" ? "apply" : change.change === "destroy" ? "destroy" : undefined;

  const offline = planOffline(change.change, kind, reconciler, before, after);
  let { actions, notes } = offline.plan;
  let basis = offline.basis;
  let liveState: LiveState | undefined;
  if (live) {
    const result = await planLive(change.change, kind, before, after, live);
    liveState = result.state;
    if (result.plan) {
      ({ actions, notes } = result.plan);
      basis = "live";
    }
  }
  notes = [...notes, ...extraNotes(change, kind, reconciler, before, after, liveState)];
  const problem = (hookRuns === "destroy" ? before : (after ?? before))?.problem;
  return {
    address: change.address,
    kind: kind.kind,
    title: kind.title,
    target,
    change: change.change,
    hookRuns,
    declaredBefore: before?.spec !== undefined ? kind.summarize(before.spec) : undefined,
    declaredAfter: after?.spec !== undefined ? kind.summarize(after.spec) : undefined,
    fields: fieldChanges(change.before?.map, change.after?.map),
    actions,
    notes,
    basis: hookRuns === undefined ? "none" : problem ? "none" : basis,
    assumedObserved: basis === "assumed" ? offline.assumed : undefined,
    irreversible: actions.some((a) => a.irreversible),
    restarts: actions.some((a) => a.restarts),
    reconcilesOnEveryDeploy: (change.after ?? change.before)!.reconcilesOnEveryDeploy,
    live: liveState,
    problem,
  };
}

function side(kind: KindDefinition, found: FoundSpec): Side {
  if (found.unknown.length > 0) return { found, problem: `values known only after apply: ${found.unknown.join(", ")}` };
  try {
    return { found, spec: kind.parse(found.map) };
  } catch (error) {
    return { found, problem: error instanceof Error ? error.message : String(error) };
  }
}

const NOTHING: Plan = { actions: [], notes: [] };

function planOffline(
  change: HookChangeType,
  kind: KindDefinition,
  reconciler: Reconciler<unknown, unknown>,
  before: Side | undefined,
  after: Side | undefined,
): { plan: Plan; basis: ReviewRow["basis"]; assumed?: string } {
  if (change === "create" && after?.spec !== undefined) {
    if (!kind.assumeUnmanaged) return { plan: NOTHING, basis: "none" };
    const assumed = kind.assumeUnmanaged(after.spec);
    return { plan: reconciler.plan(after.spec, assumed, "apply"), basis: "assumed", assumed: reconciler.describeObserved(assumed) };
  }
  if (change === "replace" && after?.spec !== undefined && before?.spec !== undefined) {
    return { plan: reconciler.plan(after.spec, kind.assumeObserved(before.spec), "apply"), basis: "declared" };
  }
  if (change === "destroy" && before?.spec !== undefined) {
    return { plan: reconciler.plan(before.spec, kind.assumeObserved(before.spec), "destroy"), basis: "declared" };
  }
  return { plan: NOTHING, basis: "none" };
}

async function planLive(
  change: HookChangeType,
  kind: KindDefinition,
  before: Side | undefined,
  after: Side | undefined,
  live: LiveOptions,
): Promise<{ state: LiveState; plan?: Plan }> {
  const applied = change === "create" ? undefined : before?.spec;
  const declared = change === "destroy" || change === "remove" || change === "forget" ? undefined : after?.spec;
  const readFor = declared ?? applied;
  if (readFor === undefined) return { state: { status: "error", detail: (after ?? before)?.problem ?? "the Spec cannot be read" } };
  const reading = await observeLive(kind, readFor, live);
  if (reading.status !== "observed") return { state: { status: reading.status, detail: reading.detail } };
  const { reconciler, observed } = reading;
  // Drift is measured against the last applied Spec, on the resource it names.
  let state: LiveState = { status: "unmanaged", observed: reading.description };
  if (applied !== undefined) {
    const sameTarget = declared === undefined || reconciler.describeTarget(applied) === reconciler.describeTarget(declared);
    const appliedReading = sameTarget ? reading : await observeLive(kind, applied, live);
    if (appliedReading.status !== "observed") {
      state = { status: appliedReading.status, detail: appliedReading.detail };
    } else {
      const corrections = reconciler.plan(applied, appliedReading.observed, "apply").actions.map((a) => a.description);
      state = { status: corrections.length > 0 ? "drifted" : "in-sync", observed: appliedReading.description, corrections };
    }
  }
  let plan: Plan | undefined;
  if ((change === "create" || change === "replace") && declared !== undefined) plan = reconciler.plan(declared, observed, "apply");
  if (change === "destroy" && applied !== undefined) plan = reconciler.plan(applied, observed, "destroy");
  return { state, plan };
}

function extraNotes(
  change: HookChange,
  kind: KindDefinition,
  reconciler: Reconciler<unknown, unknown>,
  before: Side | undefined, after: Side | undefined, live: LiveState | undefined): string[] {
  const notes: string[] = [];
  if (change.change === "remove") {
    notes.push(
      "removed from the code: Terraform deletes the hook resource without running its destroy hook (the provisioner left with the code), so the cloud stays as it is and no removal policy is applied",
    );
  }
  if (change.change === "forget") notes.push("Terraform forgets the hook resource (removed block with destroy = false): the cloud stays as it is");
  if (change.change === "update") notes.push("an in-place update of the hook resource: the hook does not run");
  if (change.change === "create" && after?.spec !== undefined && live === undefined && !kind.assumeUnmanaged) {
    notes.push("the cloud was not read (add --live to read it): the hook observes first and does only what is missing");
  }
  if (change.change === "replace" && before?.spec !== undefined && after?.spec !== undefined) {
    const old = reconciler.describeTarget(before.spec);
    if (old !== reconciler.describeTarget(after.spec)) {
      notes.push(`${old} is no longer managed: its destroy hook does not run on replacement, so it stays as it is`);
    }
  }
  if (change.change === "replace" && change.after?.reconcilesOnEveryDeploy && fieldChanges(change.before?.map, change.after?.map).length === 0) {
    notes.push("no declared change: reconcile on every deploy re-reads the cloud and corrects any drift");
  }
  if (live?.status === "drifted" && change.change !== "replace" && change.change !== "create" && change.change !== "destroy") {
    notes.push("this deploy does not run the hook, so the drift stays: see `cdktf-encryption drift` to correct it");
  }
  return notes;
}

function fieldChanges(before: Record<string, string> | undefined, after: Record<string, string> | undefined): FieldChange[] {
  if (!before || !after) return [];
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.filter((f) => before[f] !== after[f]).map((field) => ({ field, before: before[field], after: after[field] }));
}

function countRows(rows: readonly ReviewRow[]): ReviewCounts {
  const count = (p: (r: ReviewRow) => boolean) => rows.filter(p).length;
  return {
    resources: rows.length,
    create: count((r) => r.change === "create"),
    replace: count((r) => r.change === "replace"),
    destroy: count((r) => r.change === "destroy"),
    remove: count((r) => r.change === "remove"),
    forget: count((r) => r.change === "forget"),
    update: count((r) => r.change === "update"),
    unchanged: count((r) => r.change === "no-op"),
    irreversible: count((r) => r.irreversible),
    restarts: count((r) => r.restarts),
    drifted: count((r) => r.live?.status === "drifted"),
    unreachable: count((r) => r.live?.status === "unreachable"),
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function summaryLine(c: ReviewCounts, live: boolean): string {
  if (c.resources === 0) return "No encryption resources in this plan.";
  const parts = (
    [
      [c.create, "new"],
      [c.replace, "changed"],
      [c.destroy, "destroyed"],
      [c.remove, "removed from code"],
      [c.forget, "forgotten"],
      [c.update, "updated in place"],
      [c.unchanged, "unchanged"],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, words]) => `${n} ${words}`);
  const flags = [c.irreversible > 0 ? `${c.irreversible} irreversible` : "nothing irreversible", c.restarts > 0 ? `${c.restarts} ${c.restarts === 1 ? "restarts" : "restart"} a service` : "no restarts"];
  if (live) {
    flags.push(c.drifted > 0 ? `${c.drifted} drifted` : "no drift");
    if (c.unreachable > 0) flags.push(`${c.unreachable} unreachable`);
  }
  return `${plural(c.resources, "encryption resource")}: ${parts.join(", ")} · ${flags.join(" · ")}`;
}

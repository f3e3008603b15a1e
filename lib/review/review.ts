import { DeclaredIdentity, describeIdentity } from "../contract/declared-identity";
import { silentLog } from "../runtime/log";
import { Verdict } from "../policy/policy-check";
import { systemClock } from "../runtime/clock";
import { KINDS, KindDefinition } from "../kinds/index";
import { Action, Mode, Plan, Reconciler } from "../reconcile/reconciler";
import { ReconcileError } from "../reconcile/reconcile-error";
import { mapBounded } from "../runtime/concurrency-limit";
import { EarlierStep } from "../kinds/kind-definition";
import { afterEarlierSteps, dependenciesOf, deployOrder } from "./deploy-sequence";
import { FoundSpec } from "../stack/hook-spec";
import { LiveOptions, LiveReading, observeLive } from "./live";
import { HookChange, HookChangeType, PlannedHooks } from "./plan-json";

/** One Spec field that the plan changes. */
export interface FieldChange {
  readonly field: string;
  readonly before?: string;
  readonly after?: string;
}

/**
 * A resource's status against the live cloud (`--live`):
 * - `in-sync`: the cloud reads what the declaration being deployed declares;
 * - `drifted`: the cloud no longer reads what was last applied (`corrections` say what the hook
 *   would do), a change made outside Terraform;
 * - `will-change`: the cloud reads what was last applied, and this deploy changes it to the
 *   new declaration;
 * - `due`: only time passed (a key rotation whose period ran out): not drift;
 * - `refused`: the hook would refuse to run against the cloud as it reads (`detail` says why);
 * - `unreachable`: no usable answer (not drift); `error`: the cloud answered with an error;
 * - `unresolved`: the Spec holds values known only after apply, so nothing could be read.
 */
export type LiveStatus = "in-sync" | "drifted" | "will-change" | "due" | "refused" | "unreachable" | "error" | "unresolved";

/** The cloud as read during review (`--live`), beside what the plan does. */
export interface LiveState {
  readonly status: LiveStatus;
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
  /** Why the hook would refuse to run (the reconciler's own words); the deploy fails on it. */
  readonly refused?: string;
  /** The object in state is tainted by a failed deploy: planned as a create. */
  readonly tainted?: boolean;
  /** Keys of deposed objects (left by a failed replacement) this deploy deletes, without running their hook. */
  readonly deposed?: readonly string[];
  /** The encryption policy's verdicts recorded at synth, when an EncryptionPolicy held the resource. */
  readonly policy?: readonly Verdict[];
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
  /** Rows whose cloud read ended in an error, or could not be made (unresolved values). */
  readonly unread: number;
  readonly refused: number;
  readonly due: number;
  readonly tainted: number;
  readonly deposed: number;
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

/**
 * Turns the hook changes of a plan into reviewable rows, planned by each kind's reconciler.
 * Rows come in the order the deploy runs the hooks (dependencies first); each hook is planned
 * from the cloud as the hooks before it leave it, so a change shows once, where it is made.
 */
export async function buildReview(planned: PlannedHooks, options: ReviewOptions = {}): Promise<Review> {
  const env = options.live?.env ?? options.env ?? process.env;
  const ordered = deployOrder(planned.changes);
  const prepared = ordered.map((change) => prepare(change, env));
  const readings = await mapBounded(prepared, options.live?.concurrency ?? 1, (p) => (options.live ? readLive(p, options.live) : Promise.resolve(undefined)));
  const earlier: EarlierStep[] = [];
  const rows: ReviewRow[] = [];
  for (const [i, p] of prepared.entries()) {
    const before = dependenciesOf(p.change, ordered);
    const row = planRow(p, readings[i], earlier.filter((step) => before.has(step.address)));
    if (row.hookRuns === "apply" && p.declared !== undefined) earlier.push({ address: row.address, kind: row.kind, spec: p.declared, actions: row.actions });
    rows.push(row);
  }
  const counts = countRows(rows);
  return { summary: summaryLine(counts, options.live !== undefined), counts, live: options.live !== undefined, resources: rows, warnings: planned.warnings };
}

/** One plan change with its Specs parsed and its roles named. */
interface Prepared {
  readonly change: HookChange;
  readonly kind: KindDefinition;
  readonly reconciler: Reconciler<unknown, unknown>;
  readonly before?: Side;
  readonly after?: Side;
  /** The Spec this deploy makes true, when the resource stays declared. */
  readonly declared?: unknown;
  /** The Spec the cloud was last made to read: none for a create or a tainted object, which may never have been applied. */
  readonly applied?: unknown;
  readonly hookRuns?: "apply" | "destroy";
}

function prepare(change: HookChange, env: NodeJS.ProcessEnv): Prepared {
  const kind = KINDS.get((change.after ?? change.before)!.map.kind)!;
  const reconciler = kind.reconciler({ clock: systemClock, log: silentLog, env });
  const before = change.before && side(kind, change.before);
  const after = change.after && side(kind, change.after);
  const stays = !["destroy", "remove", "forget", "deposed"].includes(change.change);
  const hookRuns = change.change === "create" || change.change === "replace" ? "apply" : change.change === "destroy" ? "destroy" : undefined;
  return {
    change,
    kind,
    reconciler,
    before,
    after,
    declared: stays ? after?.spec : undefined,
    applied: change.change === "create" || change.tainted ? undefined : before?.spec,
    hookRuns,
  };
}

/** The cloud read for one row: for the resource the hook acts on, and for the last applied one when it names another. */
interface LiveRead {
  readonly reading?: LiveReading;
  readonly appliedReading?: LiveReading;
  /** Why nothing was read. */
  readonly state?: LiveState;
}

async function readLive(p: Prepared, live: LiveOptions): Promise<LiveRead> {
  const uses = p.hookRuns === "destroy" || p.declared === undefined ? p.before : (p.after ?? p.before);
  if (uses?.found.unknown.length) return { state: { status: "unresolved", detail: uses.problem } };
  const readFor = p.declared ?? p.applied ?? p.before?.spec;
  if (readFor === undefined) return { state: { status: "error", detail: (p.after ?? p.before)?.problem ?? "the Spec cannot be read" } };
  const reading = await observeLive(p.kind, readFor, live);
  const sameTarget = p.applied === undefined || p.reconciler.describeTarget(p.applied) === p.reconciler.describeTarget(readFor);
  return { reading, appliedReading: sameTarget ? reading : await observeLive(p.kind, p.applied, live) };
}

function planRow(p: Prepared, read: LiveRead | undefined, earlier: readonly EarlierStep[]): ReviewRow {
  const { change, kind, reconciler, before, after, hookRuns } = p;
  const current = after?.spec !== undefined ? after : before;
  const target = current?.spec !== undefined ? reconciler.describeTarget(current.spec) : change.address;
  const problem = (hookRuns === "destroy" ? before : (after ?? before))?.problem;

  let result: Planned = { plan: NOTHING, basis: "none" };
  let liveState: LiveState | undefined;
  if (!problem) {
    if (read === undefined) {
      result = planOffline(p, earlier);
    } else if (read.state) {
      liveState = read.state;
    } else {
      liveState = liveStatus(p, read);
      // Not read: planned as offline, from the declarations.
      result = read.reading?.status === "observed" ? planFromReading(p, read.reading.observed, "live", earlier) : planOffline(p, earlier);
    }
  } else if (read) {
    liveState = read.state ?? { status: "error", detail: problem };
  }
  const { actions, notes } = result.plan;
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
    notes: [...notes, ...extraNotes(change, kind, reconciler, before, after, liveState)],
    basis: hookRuns === undefined || problem || result.refused ? "none" : result.basis,
    assumedObserved: result.basis === "assumed" ? result.assumed : undefined,
    irreversible: actions.some((a) => a.irreversible),
    restarts: actions.some((a) => a.restarts),
    reconcilesOnEveryDeploy: (change.after ?? change.before)!.reconcilesOnEveryDeploy,
    live: liveState,
    problem,
    refused: result.refused,
    tainted: change.tainted,
    deposed: change.deposed?.map((d) => d.key),
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

interface Planned {
  readonly plan: Plan;
  readonly basis: ReviewRow["basis"];
  readonly assumed?: string;
  readonly refused?: string;
}

/** The kind's own plan, or the refusal it would stop the deploy with. */
function tryPlan(reconciler: Reconciler<unknown, unknown>, spec: unknown, observed: unknown, mode: Mode): { plan: Plan; refused?: undefined } | { plan?: undefined; refused: string } {
  try {
    return { plan: reconciler.plan(spec, observed, mode) };
  } catch (error) {
    if (error instanceof ReconcileError) return { refused: error.message };
    throw error;
  }
}

function planOffline(p: Prepared, earlier: readonly EarlierStep[]): Planned {
  const { kind, before, hookRuns } = p;
  if (hookRuns === "apply" && p.declared !== undefined && p.applied === undefined) {
    if (!kind.assumeUnmanaged) return { plan: NOTHING, basis: "none" };
    const assumed = kind.assumeUnmanaged(p.declared);
    return { ...planFromReading(p, assumed, "assumed", earlier), assumed: p.reconciler.describeObserved(assumed) };
  }
  if (hookRuns === "apply" && p.declared !== undefined) return planFromReading(p, kind.assumeObserved(p.applied), "declared", earlier);
  if (hookRuns === "destroy" && before?.spec !== undefined) return planFromReading(p, kind.assumeObserved(before.spec), "declared", earlier);
  return { plan: NOTHING, basis: "none" };
}

/** What the hook does from one reading of the cloud, after the hooks that run before it. */
function planFromReading(p: Prepared, observed: unknown, basis: ReviewRow["basis"], earlier: readonly EarlierStep[]): Planned {
  if (p.hookRuns === "destroy" && p.before?.spec !== undefined) {
    const planned = tryPlan(p.reconciler, p.before.spec, observed, "destroy");
    return planned.plan ? { plan: planned.plan, basis } : { plan: NOTHING, basis, refused: planned.refused };
  }
  if (p.hookRuns !== "apply" || p.declared === undefined) return { plan: NOTHING, basis: "none" };
  const sequenced = afterEarlierSteps(p.kind.kind, p.declared, observed, earlier);
  const planned = tryPlan(p.reconciler, p.declared, sequenced.observed, "apply");
  if (!planned.plan) return { plan: NOTHING, basis, refused: planned.refused };
  if (!sequenced.after) return { plan: planned.plan, basis };
  const note = `planned after ${sequenced.after}, which this deploy runs first: the cloud then reads ${p.reconciler.describeObserved(sequenced.observed)}`;
  return { plan: { actions: planned.plan.actions, notes: [note, ...planned.plan.notes] }, basis };
}

/** The row's status against the cloud as read now (see LiveStatus), before this deploy acts. */
function liveStatus(p: Prepared, read: LiveRead): LiveState {
  const { reconciler } = p;
  for (const r of [read.reading, read.appliedReading]) {
    if (r && r.status !== "observed") return { status: r.status, detail: r.detail };
  }
  const reading = read.reading as Extract<LiveReading, { status: "observed" }>;
  const observed = reading.description;
  let declaredActions: readonly Action[] | undefined;
  if (p.declared !== undefined) {
    const planned = tryPlan(reconciler, p.declared, reading.observed, "apply");
    if (!planned.plan) return { status: "refused", observed, detail: planned.refused };
    if (planned.plan.actions.length === 0) return { status: "in-sync", observed };
    declaredActions = planned.plan.actions;
  }
  let appliedActions: readonly Action[] = [];
  if (p.applied !== undefined) {
    const appliedReading = read.appliedReading as Extract<LiveReading, { status: "observed" }>;
    const planned = tryPlan(reconciler, p.applied, appliedReading.observed, "apply");
    if (!planned.plan) return { status: "refused", observed: appliedReading.description, detail: planned.refused };
    appliedActions = planned.plan.actions;
    const corrections = appliedActions.filter((a) => !a.periodic).map((a) => a.description);
    if (corrections.length > 0) return { status: "drifted", observed: appliedReading.description, corrections };
  }
  const pending = declaredActions ?? appliedActions;
  if (pending.length === 0) return { status: "in-sync", observed };
  if (pending.every((a) => a.periodic)) return { status: "due", observed, corrections: pending.map((a) => a.description) };
  return { status: "will-change", observed };
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
  if (change.tainted) {
    notes.push("tainted by a failed deploy: the last Spec may never have been applied, so this is planned as a create (the hook observes first and does only what is missing)");
  }
  for (const d of change.deposed ?? []) {
    notes.push(
      `deposed object ${d.key}, left by a failed replacement, is deleted: Terraform runs no provisioner for a deposed object, so its destroy hook does not run and the cloud stays as it is`,
    );
  }
  if ((change.change === "create" || change.tainted) && after?.spec !== undefined && live === undefined && !kind.assumeUnmanaged) {
    notes.push("the cloud was not read (add --live to read it): the hook observes first and does only what is missing");
  }
  if (change.change === "replace" && before?.spec !== undefined && after?.spec !== undefined) {
    const old = reconciler.describeTarget(before.spec);
    if (old !== reconciler.describeTarget(after.spec)) {
      notes.push(`${old} is no longer managed: its destroy hook does not run on replacement, so it stays as it is`);
    }
  }
  if (change.change === "replace" && before?.spec !== undefined && after?.spec !== undefined) {
    const was = managedAs(before.spec);
    const now = managedAs(after.spec);
    if (was !== now) notes.push(`the hook now acts as ${now} (was ${was}): that identity must be allowed to read and change the resource`);
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
    unchanged: count((r) => r.change === "no-op" || r.change === "deposed"),
    irreversible: count((r) => r.irreversible),
    restarts: count((r) => r.restarts),
    drifted: count((r) => r.live?.status === "drifted"),
    unreachable: count((r) => r.live?.status === "unreachable"),
    unread: count((r) => r.live?.status === "error" || r.live?.status === "unresolved"),
    refused: count((r) => r.refused !== undefined || r.live?.status === "refused"),
    due: count((r) => r.live?.status === "due"),
    tainted: count((r) => r.tainted === true),
    deposed: count((r) => (r.deposed?.length ?? 0) > 0),
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
  if (c.tainted > 0) flags.push(`${c.tainted} tainted by a failed deploy`);
  if (c.deposed > 0) flags.push(`${plural(c.deposed, "deposed object")} deleted`);
  if (c.refused > 0) flags.push(`${c.refused} refused`);
  if (live) {
    flags.push(c.drifted > 0 ? `${c.drifted} drifted` : "no drift");
    if (c.due > 0) flags.push(`${c.due} due`);
    if (c.unreachable > 0) flags.push(`${c.unreachable} unreachable`);
    if (c.unread > 0) flags.push(`${c.unread} not read (error or unresolved)`);
  }
  return `${plural(c.resources, "encryption resource")}: ${parts.join(", ")} · ${flags.join(" · ")}`;
}

/** The identity a parsed Spec is managed as, in words. */
function managedAs(spec: unknown): string {
  const identity = (spec as { identity?: DeclaredIdentity }).identity;
  return identity ? describeIdentity(identity) : "the deploy environment's own identity";
}

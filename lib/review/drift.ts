import { existsSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { systemClock } from "../runtime/clock";
import { silentLog } from "../runtime/log";
import { KINDS } from "../kinds/index";
import { mapBounded } from "../runtime/concurrency-limit";
import { FoundSpec, findSpec, isForeign } from "./hook-spec";
import { LiveOptions, observeLive } from "./live";
import { Action } from "../reconcile/reconciler";
import { ReconcileError } from "../reconcile/reconcile-error";
import { ReviewError } from "./review-error";
import { declaredResource } from "../contract/resource-identity";
import { LocalFileProblem, readLocalFile } from "../cloud/local-file";

/** One hook resource declared in a synthesized stack. */
export interface StackHook {
  /** Terraform address in the stack, e.g. `terraform_data.orders-backups_encryption_hook_B23149E0`. */
  readonly address: string;
  readonly found: FoundSpec;
  /** The resource's `//` comment: cdktf's metadata (construct path) and the policy's verdicts. */
  readonly comment: Record<string, unknown>;
}

export interface SynthesizedStack {
  readonly name: string;
  /** The directory holding cdk.tf.json, where `terraform` runs for this stack. */
  readonly dir: string;
  readonly hooks: readonly StackHook[];
  readonly warnings: readonly string[];
}

/**
 * Where the stack is: a directory holding cdk.tf.json, the file itself, or a stack name under
 * `cdktf.out/stacks`; with nothing given, the only stack under `cdktf.out/stacks`.
 */
export function resolveStackDir(given: string | undefined, cwd = process.cwd()): string {
  const stacksDir = path.join(cwd, "cdktf.out", "stacks");
  if (given === undefined) {
    const names = existsSync(stacksDir) ? readdirSync(stacksDir).filter((n) => existsSync(path.join(stacksDir, n, "cdk.tf.json"))) : [];
    if (names.length === 1) return path.join(stacksDir, names[0]);
    throw new ReviewError(
      names.length === 0
        ? "no synthesized stack in cdktf.out/stacks: run `cdktf synth` first, or give --stack <dir with cdk.tf.json>"
        : `several stacks in cdktf.out/stacks (${names.join(", ")}): choose one with --stack cdktf.out/stacks/NAME`,
    );
  }
  const candidates = [path.resolve(cwd, given), path.join(stacksDir, given)];
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return path.dirname(candidate);
    if (existsSync(path.join(candidate, "cdk.tf.json"))) return candidate;
  }
  throw new ReviewError(`--stack ${given} has no cdk.tf.json: give a synthesized stack directory such as cdktf.out/stacks/NAME (run \`cdktf synth\` first)`);
}

/** Far above any synthesized stack (500 hook resources are about 2 MiB). */
const MAX_STACK_BYTES = 256 * 1024 * 1024;

/** Reads the hook resources a synthesized stack declares, recognised by the shape of their Spec. */
export function readStack(dir: string): SynthesizedStack {
  const file = path.join(dir, "cdk.tf.json");
  let config: { resource?: Record<string, Record<string, Record<string, unknown>>>; "//"?: { metadata?: { stackName?: string } } };
  try {
    config = JSON.parse(readLocalFile(file, MAX_STACK_BYTES).toString("utf8"));
  } catch (error) {
    if (error instanceof LocalFileProblem) throw new ReviewError(`${error.message}: give a synthesized stack directory (run \`cdktf synth\` first)`);
    throw new ReviewError(`${file} cannot be read as JSON (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): synthesize the stack again`);
  }
  if (!config || typeof config !== "object" || Array.isArray(config)) {
    throw new ReviewError(`${file} is not a cdktf configuration (a JSON object with resources): synthesize the stack again`);
  }
  const hooks: StackHook[] = [];
  const warnings: string[] = [];
  for (const [type, byName] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(byName ?? {})) {
      const found = findSpec(body, undefined, (v) => v.includes("${"));
      if (!found) continue;
      if (isForeign(found)) {
        warnings.push(`${type}.${name} holds a Spec of kind "${found.foreignKind}", which this version of cdktf-encryption does not know: not checked`);
        continue;
      }
      const comment = body?.["//"];
      hooks.push({ address: `${type}.${name}`, found, comment: comment && typeof comment === "object" ? (comment as Record<string, unknown>) : {} });
    }
  }
  return { name: config["//"]?.metadata?.stackName ?? path.basename(dir), dir, hooks, warnings };
}

/**
 * `in-sync`: the cloud reads what is declared; `drifted`: it does not (a change made outside
 * Terraform); `due`: only a key rotation has come due (time passed, not drift); `refused`: the
 * hook would refuse to run against the cloud as it reads (`detail` says why); `unreachable`,
 * `error`, `unresolved`: the resource could not be checked.
 */
export type DriftStatus = "in-sync" | "drifted" | "due" | "refused" | "unreachable" | "error" | "unresolved";

export interface DriftEntry {
  readonly address: string;
  readonly kind: string;
  readonly target: string;
  /** The declared state in words. */
  readonly declared?: string;
  readonly status: DriftStatus;
  /** The cloud as read, in words. */
  readonly observed?: string;
  /** What the hook would do to bring the cloud back to the declaration. */
  readonly corrections?: readonly string[];
  /** Why the resource could not be checked. */
  readonly detail?: string;
}

export interface DriftReport {
  readonly stack: string;
  readonly dir: string;
  readonly summary: string;
  readonly counts: Record<DriftStatus, number>;
  readonly resources: readonly DriftEntry[];
  readonly warnings: readonly string[];
  /**
   * Resources of this stack that a stack of another app (`--other-app`) declares too: a synth
   * cannot see two apps, and the two deploys would change the resource back and forth.
   */
  readonly declaredElsewhere?: readonly string[];
}

/** Notes every resource of `stack` that one of `others` declares too (same kind, same cloud resource). */
export function withDeclaredElsewhere(report: DriftReport, stack: SynthesizedStack, others: readonly SynthesizedStack[]): DriftReport {
  if (others.length === 0) return report;
  const elsewhere = new Map<string, string[]>();
  for (const other of others) {
    for (const hook of other.hooks) {
      if (hook.found.unknown.length > 0) continue;
      const { key } = declaredResource(hook.found.map);
      elsewhere.set(key, [...(elsewhere.get(key) ?? []), `${other.name}/${hook.address} (${other.dir})`]);
    }
  }
  const found: string[] = [];
  for (const hook of stack.hooks) {
    if (hook.found.unknown.length > 0) continue;
    const { key, description } = declaredResource(hook.found.map);
    const there = elsewhere.get(key);
    if (there) found.push(`${hook.address}: ${description} is declared by another app too, in ${there.join(" and ")}: each deploy changes it back; keep one declaration`);
  }
  return found.length === 0 ? report : { ...report, declaredElsewhere: found, warnings: [...report.warnings, ...found] };
}

/**
 * Checks every declared hook of a stack against the live cloud: observes each through its
 * kind's reconciler (at most `concurrency` at once) and plans from the declaration; a
 * non-empty plan is drift. A resource that does not answer is `unreachable`, never drift.
 */
export async function checkDrift(stack: SynthesizedStack, options: LiveOptions): Promise<DriftReport> {
  const resources = await mapBounded(stack.hooks, options.concurrency, async (hook): Promise<DriftEntry> => {
    const kind = KINDS.get(hook.found.map.kind)!;
    const base = { address: hook.address, kind: kind.kind, target: hook.address };
    if (hook.found.unknown.length > 0) {
      const refs = hook.found.unknown.map((f) => `${f} = ${hook.found.map[f]}`).join(", ");
      return { ...base, status: "unresolved", detail: `refers to other resources (${refs}), resolved only at deploy: check it with \`cdktf-encryption review --plan <plan> --live\`` };
    }
    let spec: unknown;
    try {
      spec = kind.parse(hook.found.map);
    } catch (error) {
      return { ...base, status: "error", detail: (error as Error).message };
    }
    const described = { ...base, target: kind.reconciler({ clock: systemClock, log: silentLog, env: options.env }).describeTarget(spec), declared: kind.summarize(spec) };
    const reading = await observeLive(kind, spec, options);
    if (reading.status !== "observed") return { ...described, status: reading.status, detail: reading.detail };
    let actions: readonly Action[];
    try {
      actions = reading.reconciler.plan(spec, reading.observed, "apply").actions;
    } catch (error) {
      if (!(error instanceof ReconcileError)) throw error;
      return { ...described, status: "refused", observed: reading.description, detail: error.message };
    }
    const status = actions.length === 0 ? "in-sync" : actions.every((a) => a.periodic) ? "due" : "drifted";
    return { ...described, status, observed: reading.description, corrections: actions.map((a) => a.description) };
  });
  const counts: Record<DriftStatus, number> = { "in-sync": 0, drifted: 0, due: 0, refused: 0, unreachable: 0, error: 0, unresolved: 0 };
  for (const r of resources) counts[r.status] += 1;
  const summary =
    resources.length === 0
      ? "no encryption resources declared in this stack"
      : (Object.entries(counts) as [DriftStatus, number][])
          .filter(([status, n]) => n > 0 || status === "in-sync" || status === "drifted")
          .map(([status, n]) => `${n} ${status.replace("-", " ")}`)
          .join(", ");
  return { stack: stack.name, dir: stack.dir, summary, counts, resources, warnings: stack.warnings };
}

/**
 * `terraform plan -detailed-exitcode` style: 2 when anything drifted, else 1 when anything
 * could not be checked or would be refused, else 0. A rotation merely due is not drift: 0,
 * unless `failOnDue` (`--fail-on due`), then 2.
 */
export function driftExitCode(report: DriftReport, failOnDue = false): number {
  if (report.counts.drifted > 0 || (report.declaredElsewhere?.length ?? 0) > 0) return 2;
  if (report.counts.unreachable + report.counts.error + report.counts.unresolved + report.counts.refused > 0) return 1;
  if (failOnDue && report.counts.due > 0) return 2;
  return 0;
}

import { systemClock } from "../runtime/clock";
import { silentLog } from "../runtime/log";
import { KINDS } from "../kinds/index";
import { mapBounded } from "../runtime/concurrency-limit";
import { LiveOptions, observeLive } from "./live";
import { driftVerdict } from "./drift-verdict";
import { declaredResource } from "../kinds/resource-identity";
import { SynthesizedStack } from "../stack/read-stack";

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
    return { ...described, ...driftVerdict(reading.reconciler, spec, reading.observed) };
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

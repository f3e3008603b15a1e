import { Verdict } from "../policy/policy-check";
import { Duration } from "../contract/duration";
import { kindOf, servicesOf } from "../kinds/index";
import { DriftVerdict, driftVerdict } from "../review/drift-verdict";
import { systemClock } from "../runtime/clock";
import { silentLog } from "../runtime/log";
import { Finding } from "./audit-findings";
import { AuditScope, declaredScope, scopeKey } from "./audit-scope";
import { Declaration } from "./declarations";
import { LiveResource, ScopeInventory } from "./inventory";

/** One resource of the audit: what the account holds (or a declaration of something it does not). */
export interface AuditRow {
  readonly resource: LiveResource;
  /** False for a declaration whose resource the listing did not find. */
  readonly found: boolean;
  readonly declaredBy: readonly Declaration[];
  /** Per declaration, in the order of `declaredBy`: what its kind's reconciler plans against the resource as read. */
  readonly drift: readonly DeclarationDrift[];
  readonly findings: readonly Finding[];
  /** Policy verdicts recorded at synth by the declarations, suppressions with their reasons. */
  readonly verdicts: readonly Verdict[];
}

/**
 * One declaration judged as `drift` judges it: `in-sync`, `drifted`, `due` (a rotation came
 * due), `refused` (the hook would refuse to run); `unresolved` (a field is known only at
 * deploy) and `error` (not read, or not a valid Spec) are not judged.
 */
export type DeclarationDrift = {
  /** `stack/construct path`, as findings name a declaration. */
  readonly declaration: string;
  /** The hook resource's Terraform address, as `drift` reports it. */
  readonly address: string;
  readonly kind: string;
} & (
  | DriftVerdict
  | { readonly status: "unresolved" | "error"; readonly detail: string }
);

export interface AuditReport {
  readonly generatedAt: string;
  readonly scopes: readonly { readonly scope: AuditScope; readonly errors: readonly string[]; readonly readFrom: string; readonly readUntil: string; readonly resources: number }[];
  readonly stacks: readonly string[];
  readonly rows: readonly AuditRow[];
  /** Declarations whose target is a `${…}` reference: they cannot be matched to a resource. */
  readonly unresolved: readonly Declaration[];
}

export interface AuditOptions {
  /** The oldest a DWS key may be when no KeyRotationPolicy declares a period. @default 365 days */
  readonly maxKeyAge?: Duration;
  readonly now: Date;
}

const DAY_MS = 86_400_000;

function key(r: { service: string; region: string; projectId?: string; id: string }): string {
  return `${r.service}/${r.region}/${r.projectId ?? ""}/${r.id}`;
}

/** Matches what the accounts hold with what the stacks declare, and finds what is wrong. */
export function audit(inventories: readonly ScopeInventory[], declarations: readonly Declaration[], stacks: readonly string[], options: AuditOptions): AuditReport {
  const byTarget = new Map<string, Declaration[]>();
  const unresolved: Declaration[] = [];
  for (const d of declarations) {
    if (d.target.unresolved) {
      unresolved.push(d);
      continue;
    }
    const k = key(d.target);
    byTarget.set(k, [...(byTarget.get(k) ?? []), d]);
  }
  const rows: AuditRow[] = [];
  const seen = new Set<string>();
  for (const inventory of inventories) {
    for (const resource of inventory.resources) {
      const k = key(resource);
      // One account listed as two identities (the environment's and a declared one) lists a resource twice: one row.
      if (seen.has(k)) continue;
      seen.add(k);
      const declaredBy = byTarget.get(k) ?? [];
      const drift = declaredBy.map((d) => driftOfDeclaration(d, resource, options.now));
      // The services' answers stay out of the report: it shows what they mean.
      const { read: _answers, ...shown } = resource;
      rows.push({ resource: shown, found: true, declaredBy, drift, findings: findingsFor(resource, declaredBy, drift, options), verdicts: mergeVerdicts(declaredBy) });
    }
  }
  const listedScopes = new Set(inventories.filter((i) => i.errors.length === 0).map((i) => scopeKey(i.scope)));
  for (const [k, declaredBy] of byTarget) {
    if (seen.has(k)) continue;
    const t = declaredBy[0].target;
    // Only a scope listed completely proves the resource is not there.
    if (!listedScopes.has(scopeKey(declaredScope(declaredBy[0])))) continue;
    const resource: LiveResource = { cloud: t.cloud, service: t.service, region: t.region, projectId: t.projectId, id: t.id, encryption: { state: "unknown" } };
    rows.push({
      resource,
      found: false,
      declaredBy,
      drift: [],
      verdicts: mergeVerdicts(declaredBy),
      findings: [{ kind: "declared-not-found", message: `declared by ${declaredBy.map(where).join(", ")}, but ${t.region}${t.projectId ? ` project ${t.projectId}` : ""} holds no such ${SERVICE_NAMES[t.service]} resource` }],
    });
  }
  return {
    generatedAt: options.now.toISOString(),
    scopes: inventories.map((i) => ({ scope: i.scope, errors: i.errors, readFrom: i.readFrom, readUntil: i.readUntil, resources: i.resources.length })),
    stacks,
    rows,
    unresolved,
  };
}

/** Each audited service's title, by id, from the registry of kinds: { dws: "GaussDB(DWS)", … }. */
export const SERVICE_NAMES: Readonly<Record<string, string>> = Object.fromEntries(servicesOf().map((service) => [service.id, service.title]));

const VERDICT_WEIGHT = { pass: 0, suppressed: 1, violation: 2 } as const;

/** One verdict per rule over all declarations of a resource: a violation outweighs a suppression, which outweighs a pass. */
function mergeVerdicts(declaredBy: readonly Declaration[]): Verdict[] {
  const byRule = new Map<string, Verdict>();
  for (const v of declaredBy.flatMap((d) => d.verdicts)) {
    const current = byRule.get(v.rule);
    if (!current || VERDICT_WEIGHT[v.verdict] > VERDICT_WEIGHT[current.verdict]) byRule.set(v.rule, v);
  }
  return [...byRule.values()];
}

export function where(d: Declaration): string {
  return `${d.stack}/${d.constructPath ? d.constructPath.split("/").slice(1, -2).join("/") || d.address : d.address}`;
}

function findingsFor(resource: LiveResource, declaredBy: readonly Declaration[], drift: readonly DeclarationDrift[], options: AuditOptions): Finding[] {
  const findings: Finding[] = [];
  const encryption = resource.encryption;
  if (declaredBy.length === 0) {
    findings.push({ kind: "not-declared", message: `no stack declares its encryption (it is ${encryption.state === "unknown" ? "of unknown state" : encryption.state === "on" ? "encrypted" : "not encrypted"})` });
  }
  if (encryption.state === "off") findings.push({ kind: "not-encrypted", message: resource.service === "taurusdb" ? "backup encryption is off" : resource.service === "ack" ? "Secret encryption is off" : "the cluster is not encrypted" });
  const kinds = new Map<string, Declaration[]>();
  for (const d of declaredBy) kinds.set(d.spec.kind, [...(kinds.get(d.spec.kind) ?? []), d]);
  for (const [kind, same] of kinds) {
    const stacks = new Set(same.map((d) => `${d.file}#${d.address}`));
    if (stacks.size > 1) findings.push({ kind: "declared-twice", message: `${kind} is declared by ${same.map(where).join(" and ")}` });
  }
  const overdue: Finding[] = [];
  for (const [i, d] of declaredBy.entries()) {
    const finding = driftFinding(drift[i]);
    if (finding) (finding.kind === "rotation-overdue" ? overdue : findings).push(finding);
    for (const v of d.verdicts) {
      if (v.verdict === "violation") findings.push({ kind: "policy-violation", message: `${v.rule} (${v.severity}): ${v.finding ?? "violation"}` });
    }
  }
  findings.push(...overdue);
  // A resource no declaration plans the key rotation of is held to --max-key-age.
  const rotationPlanned = declaredBy.some((d) => kindOf(d.spec).plansKeyRotation);
  if (encryption.state === "on" && encryption.lastRotation && !rotationPlanned) {
    const max = options.maxKeyAge ?? Duration.days(365);
    const last = Date.parse(`${encryption.lastRotation.replace(" ", "T")}Z`);
    const ageDays = Math.floor((options.now.getTime() - last) / DAY_MS);
    if (Number.isFinite(last) && options.now.getTime() - last > max.toMilliseconds()) {
      findings.push({ kind: "rotation-overdue", message: `key last rotated ${encryption.lastRotation} UTC, ${ageDays} days ago; --max-key-age is ${max.toText()}` });
    }
  }
  return findings;
}

/**
 * Drift as `drift` judges it: the declaration's kind plans from the observed state its
 * reconciler would read, built from what the inventory read (no further call).
 */
function driftOfDeclaration(d: Declaration, resource: LiveResource, now: Date): DeclarationDrift {
  const kind = kindOf(d.spec);
  const base = { declaration: where(d), address: d.address, kind: kind.kind };
  if (d.unresolvedFields.length > 0) {
    return { ...base, status: "unresolved", detail: `refers to other resources (${d.unresolvedFields.join(", ")}), resolved only at deploy: check it with \`cdktf-encryption review --plan <plan> --live\`` };
  }
  const observed = resource.read && kind.observedFromInventory(resource.read, now.getTime());
  if (observed === undefined) return { ...base, status: "error", detail: resource.encryption.error ?? "its encryption could not be read" };
  let spec: unknown;
  try {
    spec = kind.parse(d.spec);
  } catch (error) {
    return { ...base, status: "error", detail: (error as Error).message };
  }
  // The reconciler only plans here: it reads nothing, so it needs no environment.
  const reconciler = kind.reconciler({ clock: systemClock, log: silentLog, env: {} });
  return { ...base, ...driftVerdict(reconciler, spec, observed) };
}

/** `drifted` for drift and for a declaration the hook would refuse; `rotation-overdue` for a rotation come due. */
function driftFinding(drift: DeclarationDrift): Finding | undefined {
  switch (drift.status) {
    case "drifted":
      return { kind: "drifted", message: `${drift.declaration}: it reads ${drift.observed}; the next deploy would ${drift.corrections!.join("; ")}` };
    case "refused":
      return { kind: "drifted", message: `${drift.declaration}: it reads ${drift.observed}; the hook would refuse to run: ${drift.detail}` };
    case "due":
      return { kind: "rotation-overdue", message: `${drift.declaration}: ${drift.corrections!.join("; ")}` };
    default:
      return undefined;
  }
}

/** 0 clean, 2 findings, 1 when a scope or service could not be read. */
export function auditExitCode(report: AuditReport): number {
  if (report.scopes.some((s) => s.errors.length > 0)) return 1;
  return report.rows.some((r) => r.findings.length > 0) ? 2 : 0;
}

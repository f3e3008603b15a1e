import { Verdict } from "../policy/policy-check";
import { Duration } from "../contract/duration";
import { servicesOf } from "../kinds/index";
import { ACK_SECRET_ENCRYPTION } from "../kinds/ack-secret-encryption/spec";
import { DWS_CLUSTER_ENCRYPTION } from "../kinds/dws-cluster-encryption/spec";
import { DWS_KEY_ROTATION } from "../kinds/dws-key-rotation/spec";
import { TAURUSDB_BACKUP_ENCRYPTION } from "../kinds/taurusdb-backup-encryption/spec";
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
  readonly findings: readonly Finding[];
  /** Policy verdicts recorded at synth by the declarations, suppressions with their reasons. */
  readonly verdicts: readonly Verdict[];
}

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
      rows.push({ resource, found: true, declaredBy, findings: findingsFor(resource, declaredBy, options), verdicts: mergeVerdicts(declaredBy) });
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

function findingsFor(resource: LiveResource, declaredBy: readonly Declaration[], options: AuditOptions): Finding[] {
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
  for (const d of declaredBy) {
    const drift = driftOf(d, resource);
    if (drift) findings.push({ kind: "drifted", message: `${where(d)} declares ${drift}` });
    for (const v of d.verdicts) {
      if (v.verdict === "violation") findings.push({ kind: "policy-violation", message: `${v.rule} (${v.severity}): ${v.finding ?? "violation"}` });
    }
  }
  if (resource.service === "dws" && encryption.state === "on" && encryption.lastRotation) {
    const rotation = declaredBy.find((d) => d.spec.kind === DWS_KEY_ROTATION);
    const max = rotation ? Duration.parse(rotation.spec.rotation_period) : (options.maxKeyAge ?? Duration.days(365));
    const last = Date.parse(`${encryption.lastRotation.replace(" ", "T")}Z`);
    const ageDays = Math.floor((options.now.getTime() - last) / DAY_MS);
    if (Number.isFinite(last) && options.now.getTime() - last > max.toMilliseconds()) {
      findings.push({ kind: "rotation-overdue", message: `key last rotated ${encryption.lastRotation} UTC, ${ageDays} days ago; ${rotation ? `${where(rotation)} rotates every` : "--max-key-age is"} ${max.toText()}` });
    }
  }
  return findings;
}

/** What a declaration wants that the live resource does not have, in words; undefined when it matches. */
function driftOf(d: Declaration, resource: LiveResource): string | undefined {
  const spec = d.spec;
  const live = resource.encryption;
  if (live.state === "unknown") return undefined;
  const keyDiffers = (declared: string | undefined) => declared !== undefined && declared !== "" && !declared.includes("${") && live.keyId !== undefined && declared !== live.keyId;
  switch (spec.kind) {
    case DWS_CLUSTER_ENCRYPTION:
      if (live.state !== "on") return `encryption with key ${spec.master_key_id}, but the cluster is not encrypted`;
      if (keyDiffers(spec.master_key_id)) return `master key ${spec.master_key_id}, but the cluster uses ${live.keyId}`;
      if (live.algorithm && live.algorithm !== (spec.crypt_algorithm === "SMcompatible" ? "SM4" : "AES")) return `${spec.crypt_algorithm}, but the cluster uses ${live.algorithm}`;
      return undefined;
    case DWS_KEY_ROTATION:
      if (live.state !== "on") return "key rotation, but the cluster is not encrypted";
      if (keyDiffers(spec.master_key_id)) return `master key ${spec.master_key_id}, but the cluster uses ${live.keyId}`;
      return undefined;
    case TAURUSDB_BACKUP_ENCRYPTION:
    case ACK_SECRET_ENCRYPTION:
      if (spec.encryption !== live.state) return `encryption ${spec.encryption}, but it is ${live.state}`;
      if (spec.encryption === "on" && keyDiffers(spec.kms_key_id)) return `KMS key ${spec.kms_key_id}, but the cluster uses ${live.keyId}`;
      return undefined;
    default:
      return undefined;
  }
}

/** 0 clean, 2 findings, 1 when a scope or service could not be read. */
export function auditExitCode(report: AuditReport): number {
  if (report.scopes.some((s) => s.errors.length > 0)) return 1;
  return report.rows.some((r) => r.findings.length > 0) ? 2 : 0;
}

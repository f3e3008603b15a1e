import { terminalText } from "../output/terminal-text";
import { AuditReport, AuditRow, SERVICE_NAMES, where } from "./audit";
import { scopeName } from "./audit-scope";

export function serviceName(row: AuditRow): string {
  return SERVICE_NAMES[row.resource.service];
}

/** `on (SM4, key 0f31…, rotated 2025-05-14 08:02:59)`: the encryption cell of every report. */
export function describeEncryption(row: AuditRow): string {
  const e = row.resource.encryption;
  if (!row.found) return "not found";
  if (e.state === "unknown") return `unknown${e.error ? ` (${e.error})` : ""}`;
  if (e.state === "off") return "off";
  const parts = [e.algorithm, e.keyId ? `key ${e.keyId}${e.keyName ? ` (${e.keyName})` : ""}` : undefined, e.lastRotation ? `last rotated ${e.lastRotation} UTC` : undefined].filter(Boolean);
  return parts.length ? `on (${parts.join(", ")})` : "on";
}

/** The row's one-word status: compliant, or its findings' kinds. */
export function rowStatus(row: AuditRow): string {
  if (row.findings.length === 0) return row.declaredBy.length ? "compliant" : "ok";
  return [...new Set(row.findings.map((f) => f.kind))].join(", ");
}

export function summaryLine(report: AuditReport): string {
  const counts = new Map<string, number>();
  for (const row of report.rows) for (const f of new Set(row.findings.map((x) => x.kind))) counts.set(f, (counts.get(f) ?? 0) + 1);
  const compliant = report.rows.filter((r) => r.findings.length === 0).length;
  const unreadable = report.scopes.filter((s) => s.errors.length > 0).length;
  const parts = [`${report.rows.length} resources`, `${compliant} without findings`, ...[...counts].map(([k, n]) => `${n} ${k}`)];
  if (unreadable) parts.push(`${unreadable} scope(s) not fully read`);
  return parts.join(", ");
}

/** The report for a terminal or a CI log; every value from the cloud is kept on its line (terminalText). */
export function renderAuditText(report: AuditReport): string {
  const t = terminalText;
  const lines = [`Encryption audit, ${report.generatedAt}`];
  for (const s of report.scopes) {
    lines.push(`  ${t(scopeName(s.scope))}: ${s.resources} resources read${s.errors.length ? `; NOT READ: ${t(s.errors.join("; "))}` : ""}`);
  }
  lines.push("");
  for (const row of report.rows) {
    const r = row.resource;
    lines.push(`${rowStatus(row).padEnd(16)} ${serviceName(row)} ${t(r.region)} ${t(r.id)}${r.name ? ` (${t(r.name)})` : ""}: ${t(describeEncryption(row))}`);
    for (const d of row.declaredBy) lines.push(`    declared by ${t(where(d))}`);
    for (const f of row.findings) lines.push(`    ${f.kind}: ${t(f.message)}`);
    for (const v of row.verdicts.filter((x) => x.verdict === "suppressed")) lines.push(`    ${v.rule} suppressed: ${t(v.reason ?? "")}`);
  }
  for (const d of report.unresolved) lines.push(`unresolved       ${t(where(d))}: its target is known only at apply; not matched`);
  lines.push("", summaryLine(report));
  return `${lines.join("\n")}\n`;
}

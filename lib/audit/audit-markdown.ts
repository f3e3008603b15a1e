import { markdownText } from "../output/markdown-text";
import { AuditReport, where } from "./audit";
import { scopeName } from "./audit-scope";
import { FINDING_KINDS } from "./audit-findings";
import { describeEncryption, rowStatus, serviceName, summaryLine } from "./audit-text";

/** Every value of a cell is text from outside (the cloud's ids, names, messages): shown, never rendered. */
const cell = markdownText;

/**
 * The evidence report for an auditor: when and where it was read, every resource with its
 * algorithm, key, last rotation, declaration, rule verdicts and suppressions, and a summary.
 */
export function renderAuditMarkdown(report: AuditReport): string {
  const out: string[] = [
    "# Encryption audit",
    "",
    `Report generated ${report.generatedAt} by \`cdktf-encryption audit\`. Every state below was read live from the cloud APIs in the window shown per scope; declarations come from the synthesized stacks listed.`,
    "",
    "## Accounts and regions covered",
    "",
    "| scope | read from | read until | resources | completeness |",
    "|---|---|---|---|---|",
    ...report.scopes.map((s) => `| ${cell(scopeName(s.scope))} | ${s.readFrom} | ${s.readUntil} | ${s.resources} | ${s.errors.length ? `not fully read: ${cell(s.errors.join("; "))}` : "complete"} |`),
    "",
    `Stacks compared: ${report.stacks.length ? report.stacks.map((s) => `\`${s}\``).join(", ") : "none (every resource reads as not declared)"}.`,
    "",
    "## Resources",
    "",
    "| status | service | region / project | resource | algorithm | key id | key name | last rotation (UTC) | declared by | rule verdicts | findings |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const row of report.rows) {
    const r = row.resource;
    const e = r.encryption;
    const verdicts = row.verdicts.map((v) => `${v.rule}: ${v.verdict}${v.reason ? ` (${v.reason})` : ""}`).join("; ");
    out.push(
      `| ${rowStatus(row)} | ${serviceName(row)} | ${cell(r.region)}${r.projectId ? ` / ${cell(r.projectId)}` : ""} | ${cell(r.id)}${r.name ? ` (${cell(r.name)})` : ""} | ${cell(e.state === "on" ? (e.algorithm ?? "—") : describeEncryption(row))} | ${cell(e.keyId ?? "—")} | ${cell(e.keyName ?? "—")} | ${cell(e.lastRotation ?? "—")} | ${cell(row.declaredBy.map(where).join(", ")) || "—"} | ${cell(verdicts) || "—"} | ${cell(row.findings.map((f) => `${f.kind}: ${f.message}`).join("; ")) || "none"} |`,
    );
  }
  if (report.unresolved.length) {
    out.push("", "Declarations whose target is known only at apply, not matched: " + cell(report.unresolved.map(where).join(", ")) + ".");
  }
  out.push("", "## Findings explained", "", ...Object.entries(FINDING_KINDS).map(([id, k]) => `- **${id}** (${k.level}): ${k.help}`));
  out.push("", `**Summary:** ${summaryLine(report)}.`, "");
  return out.join("\n");
}

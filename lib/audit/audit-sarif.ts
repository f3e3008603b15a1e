import * as path from "node:path";
import { sarifText } from "../output/sarif-text";
import { AuditReport } from "./audit";
import { scopeName } from "./audit-scope";
import { FINDING_KINDS, FindingKind } from "./audit-findings";
import { describeEncryption, serviceName } from "./audit-text";

const INFORMATION_URI = "https://www.npmjs.com/package/cdktf-encryption";

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per finding kind, one result per finding,
 * located at the declaring stack's cdk.tf.json, or at `cdktf.json` (the app) for a resource no
 * stack declares. Locations are relative to `cwd`, as code scanning expects.
 */
export function renderAuditSarif(report: AuditReport, cwd: string, version: string): string {
  const kinds = Object.keys(FINDING_KINDS) as FindingKind[];
  const results = report.rows.flatMap((row) =>
    row.findings.map((finding) => {
      const file = row.declaredBy[0]?.file;
      const uri = (file ? path.relative(cwd, path.resolve(cwd, file)) : "cdktf.json").split(path.sep).join("/");
      const r = row.resource;
      return {
        ruleId: finding.kind,
        ruleIndex: kinds.indexOf(finding.kind),
        level: FINDING_KINDS[finding.kind].level,
        message: { text: sarifText(`${serviceName(row)} ${r.id} in ${r.region}${r.projectId ? ` (project ${r.projectId})` : ""}: ${finding.message}. Encryption: ${describeEncryption(row)}.`) },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri } },
            logicalLocations: [{ fullyQualifiedName: `${r.service}/${r.region}/${r.id}`, kind: "resource" }],
          },
        ],
        partialFingerprints: { resource: `${r.service}/${r.region}/${r.projectId ?? ""}/${r.id}/${finding.kind}` },
      };
    }),
  );
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "cdktf-encryption audit",
            version,
            informationUri: INFORMATION_URI,
            rules: kinds.map((id) => ({
              id,
              name: id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: FINDING_KINDS[id].title },
              fullDescription: { text: FINDING_KINDS[id].help },
              help: { text: FINDING_KINDS[id].help },
              defaultConfiguration: { level: FINDING_KINDS[id].level },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: report.scopes.every((s) => s.errors.length === 0),
            endTimeUtc: report.generatedAt,
            // A scope not fully read (unreachable, denied, an incomplete listing) is named: its resources may be missing from the results.
            toolExecutionNotifications: report.scopes.flatMap((s) => s.errors.map((error) => ({ level: "error", message: { text: sarifText(`${scopeName(s.scope)} not fully read: ${error}`) } }))),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

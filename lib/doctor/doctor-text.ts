import { terminalText as t } from "../output/terminal-text";
import { DoctorCheck, DoctorReport } from "./doctor";

const STATUS_WORDS: Record<DoctorCheck["status"], string> = {
  ready: "READY",
  "no-credentials": "NOT READY: no credentials",
  unreachable: "NOT READY: unreachable",
  unauthenticated: "NOT READY: credentials refused",
  unauthorised: "NOT READY: not authorised",
  error: "NOT READY: error",
};

function readLine(check: DoctorCheck): string {
  const { read } = check;
  if (!read.sent) return `${read.operation}: not sent${read.error ? ` (${t(read.error)})` : ""}`;
  if (check.status === "ready") return `${read.operation}: reachable, authenticated, authorised to read (sees ${read.visible} in this region${check.projectId ? " and project" : ""})`;
  const proved = [read.reachable ? "reachable" : "not reachable", read.reachable ? (read.authenticated ? "authenticated" : "not authenticated") : undefined, read.authenticated ? (read.authorised ? "authorised" : "not authorised") : undefined];
  return `${read.operation}: ${proved.filter(Boolean).join(", ")}`;
}

/** The chain's sources in the order it tried them: `1. IAM token: not configured (HW_AUTH_TOKEN … not set)`. */
function sourceLines(check: DoctorCheck): string[] {
  return (check.sourcesTried ?? []).map(
    (tried, i) => `  ${i === 0 ? "sources    " : "           "}  ${i + 1}. ${tried.source}: ${tried.outcome}${tried.why ? ` (${t(tried.why)})` : ""}`,
  );
}

/** The report for a terminal or a CI log: one block per service, then what could not be checked. */
export function renderDoctorText(report: DoctorReport): string {
  const lines = [`cdktf-encryption doctor: ${report.summary}`, ""];
  for (const check of report.checks) {
    lines.push(`${check.cloud} ${check.title} in ${check.region}${check.projectId ? ` (project ${check.projectId})` : ""}${check.identity ? ` as ${t(check.identity)}` : ""}: ${STATUS_WORDS[check.status]}`);
    lines.push(`  credentials  ${t(check.credentials.source ?? `none: ${check.credentials.error ?? "not read"}`)}`);
    lines.push(...sourceLines(check));
    if (check.endpoint) lines.push(`  endpoint     ${check.endpoint}`);
    if (check.network) lines.push(`  network      ${check.network.route}${check.network.extraCaCerts ? `; also trusts the CA in ${check.network.extraCaCerts} (NODE_EXTRA_CA_CERTS)` : ""}`);
    lines.push(`  read         ${readLine(check)}`);
    if (check.read.sent && check.read.error) lines.push(`  refusal      ${t(check.read.error)}`);
    if (check.usedBy.length > 0) lines.push(`  used by      ${check.usedBy.join(", ")}`);
    lines.push("");
  }
  for (const problem of report.problems) lines.push(`not checked: ${t(problem)}`);
  if (report.checks.some((c) => c.status === "ready")) {
    lines.push("A successful read proves reachability, authentication and read permission; write permissions are judged by each service at deploy.");
  }
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}

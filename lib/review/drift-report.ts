import * as path from "node:path";
import { terminalText } from "../output/terminal-text";
import { DriftEntry, DriftReport } from "./drift";

/** The shell command that makes the hooks of the drifted resources run again on the next apply. */
export function replaceRecipe(report: DriftReport, cwd = process.cwd()): string | undefined {
  const drifted = report.resources.filter((r) => r.status === "drifted");
  if (drifted.length === 0) return undefined;
  const relative = path.relative(cwd, report.dir);
  const dir = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : report.dir;
  return `terraform -chdir=${dir} apply ${drifted.map((r) => `-replace='${r.address}'`).join(" ")}`;
}

/** The drift report as a table for a terminal or a CI log; the cloud's words stay on their lines (terminalText). */
export function renderDriftText(report: DriftReport, cwd = process.cwd()): string {
  const lines = [`Drift of stack ${report.stack} against the live cloud: ${report.summary}`, ""];
  if (report.resources.length > 0) {
    const rows = report.resources.map((r) => [r.status.replace("-", " "), terminalText(r.target), terminalText(now(r))]);
    const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i].length), ["STATUS", "RESOURCE"][i].length));
    const line = (cells: string[]) => `${cells[0].padEnd(widths[0])}  ${cells[1].padEnd(widths[1])}  ${cells[2]}`.trimEnd();
    lines.push(line(["STATUS", "RESOURCE", "CLOUD NOW"]));
    for (const [i, row] of rows.entries()) {
      lines.push(line(row));
      const entry = report.resources[i];
      const indent = " ".repeat(widths[0] + 2);
      if (entry.status === "drifted") lines.push(`${indent}declared: ${terminalText(entry.declared ?? "")}; to correct: ${terminalText((entry.corrections ?? []).join("; "))}`);
      if (entry.status === "due") lines.push(`${indent}due, not drift: ${terminalText((entry.corrections ?? []).join("; "))} (on the first deploy of the next check window, or now with -replace)`);
      if (entry.status === "refused") lines.push(`${indent}refused: ${terminalText(entry.detail ?? "")}`);
    }
    lines.push("");
  }
  for (const warning of report.warnings) lines.push(`warning: ${terminalText(warning)}`);
  const recipe = replaceRecipe(report, cwd);
  if (recipe) {
    lines.push(
      "To correct the drift, run the hooks of the drifted resources again on the next apply:",
      `  ${recipe}`,
      "or let every deploy reconcile: Aspects.of(stack).add(new ReconcileOnEveryDeploy()).",
    );
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function now(entry: DriftEntry): string {
  return entry.observed ?? entry.detail ?? "";
}

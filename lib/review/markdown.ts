import { Action } from "../reconcile/reconciler";
import { LiveState, Review, ReviewRow } from "./review";

/** The first line of every review comment: how a workflow finds its own comment to update. */
export const REVIEW_MARKER = "<!-- cdktf-encryption:review -->";

/** The review as Markdown for a pull-request comment: a summary line and one row per resource. */
export function renderReviewMarkdown(review: Review): string {
  const lines = [REVIEW_MARKER, "### Encryption changes", "", `**${review.summary}**`, ""];
  if (review.resources.length > 0) {
    const header = ["Resource", "Terraform", "What the hook does", ...(review.live ? ["Cloud now"] : [])];
    lines.push(`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`);
    for (const row of review.resources) {
      const cells = [resourceCell(row), row.change, whatCell(row), ...(review.live ? [liveCell(row.live)] : [])];
      lines.push(`| ${cells.map(cell).join(" | ")} |`);
    }
    lines.push("");
  }
  for (const warning of review.warnings) lines.push(`> **Warning:** ${warning}`, "");
  lines.push(
    review.live
      ? "<sub>Planned by cdktf-encryption from the plan's Specs and the cloud as read now (`--live`).</sub>"
      : "<sub>Planned by cdktf-encryption from the plan's Specs, assuming the cloud reads what was last applied; `--live` reads it.</sub>",
  );
  return `${lines.join("\n")}\n`;
}

function resourceCell(row: ReviewRow): string[] {
  return [`**${row.title}**`, row.target === row.address ? "" : row.target, `\`${row.address}\``].filter(Boolean);
}

function whatCell(row: ReviewRow): string[] {
  const out: string[] = [];
  if (row.problem) out.push(`⚠️ Cannot be planned: ${row.problem}`);
  else if (row.hookRuns === undefined) out.push("The hook does not run.");
  else if (row.basis === "none") out.push("The hook reads the cloud and does what the declaration needs (not planned here).");
  else if (row.actions.length === 0) out.push("Nothing to change in the cloud.");
  for (const action of row.actions) out.push(actionLine(action));
  if (row.assumedObserved) {
    out.push(`_Assuming the cloud reads: ${row.assumedObserved} (not read; \`--live\` reads it). The hook observes first and does only what is missing._`);
  }
  for (const note of row.notes) out.push(`_Note: ${note}._`);
  for (const f of row.fields) out.push(`\`${f.field}\`: ${value(f.before)} → ${value(f.after)}`);
  const declared = row.change === "destroy" || row.change === "remove" || row.change === "forget" ? row.declaredBefore : row.declaredAfter;
  if (declared) out.push(`Declared: ${declared}.`);
  if (row.reconcilesOnEveryDeploy) out.push("_Reconciles on every deploy._");
  return out;
}

function actionLine(action: Action): string {
  const flags = [action.irreversible ? "**irreversible**" : "", action.restarts ? "**restarts the service**" : ""].filter(Boolean);
  return `${capitalize(action.description)}${flags.length ? ` — ${flags.join(", ")}` : ""}`;
}

function liveCell(live: LiveState | undefined): string[] {
  if (!live) return [];
  switch (live.status) {
    case "in-sync":
      return [`In sync: ${live.observed}`];
    case "drifted":
      return [`**Drifted**: ${live.observed}`, ...(live.corrections ?? []).map((c) => `to correct: ${c}`)];
    case "unmanaged":
      return [`Not yet managed: ${live.observed}`];
    case "unreachable":
      return [`Unreachable (not drift): ${live.detail}`];
    case "error":
      return [`Error: ${live.detail}`];
  }
}

function value(text: string | undefined): string {
  if (text === undefined) return "(none)";
  return text === "" ? '`""`' : `\`${text.replace(/`/g, "'")}\``;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A table cell: lines joined with <br>, pipes escaped so they do not end the cell. */
function cell(content: string | string[]): string {
  const lines = Array.isArray(content) ? content : [content];
  return lines.map((l) => l.replace(/\r?\n/g, " ").replace(/\|/g, "\\|")).join("<br>");
}

import { Action } from "../reconcile/reconciler";
import { htmlText, markdownText } from "../output/markdown-text";
import { terminalText } from "../output/terminal-text";
import { LiveState, Review, ReviewRow } from "./review";

/** The first line of every review comment: how a workflow finds its own comments to update. */
export const REVIEW_MARKER = "<!-- cdktf-encryption:review -->";

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Parts past this many are not posted: the last one points to the job summary instead. */
export const MAX_COMMENT_PARTS = 10;

const TITLE = "### Encryption changes";

/**
 * The review as Markdown: a summary line, then a summary table with one short row per
 * resource (what Terraform does, what the hook does, the cloud now), then each resource's
 * details collapsed in `<details>`, as tfcmt and Atlantis lay out a plan comment.
 */
export function renderReviewMarkdown(review: Review): string {
  const { head, tableHeader, rows, details, tail } = blocks(review);
  return [...head, ...(rows.length ? [...tableHeader, ...rows, ""] : []), ...details, ...tail].join("\n") + "\n";
}

/**
 * The review as pull-request comments of at most `limit` characters each: the same layout as
 * `renderReviewMarkdown`, split between blocks into numbered parts ("part 2 of 3"), every part
 * starting with REVIEW_MARKER so a workflow can update them as a set. Past `maxParts`, or for
 * a block that alone exceeds the limit, the text is cut with a pointer to the job summary.
 */
export function renderReviewComments(review: Review, limit = GITHUB_COMMENT_LIMIT, maxParts = MAX_COMMENT_PARTS): string[] {
  const whole = renderReviewMarkdown(review);
  if (whole.length <= limit) return [whole];
  const { head, tableHeader, rows, details, tail } = blocks(review);
  // Room for the part heading ("(part 10 of 10)") and a cut notice.
  const cut = "> **Cut here:** the rest of this review is in the workflow run's job summary.";
  const budget = limit - 64 - cut.length;
  const parts: string[][] = [];
  let current: string[] = [];
  let size = 0;
  let inTable = false;
  const startPart = () => {
    if (current.length) parts.push(current);
    current = [];
    size = 0;
  };
  const add = (block: string, table: boolean) => {
    const blank = current.length > 0 && current[current.length - 1] !== "" ? [""] : [];
    const lead = table && (!inTable || current.length === 0) ? [...blank, ...tableHeader] : !table && inTable ? blank : [];
    const needed = [...lead, block].reduce((n, l) => n + l.length + 1, 0);
    if (size + needed > budget && current.length > 0) {
      startPart();
      return add(block, table);
    }
    // A cut details block is closed again: an open <details> would swallow all that follows.
    const close = block.startsWith("<details>") ? "\n\n</details>" : "";
    const fitted = needed > budget ? `${block.slice(0, budget - (needed - block.length) - cut.length - close.length - 2)}…${close}\n\n${cut}` : block;
    current.push(...lead, fitted);
    size += needed;
    inTable = table;
  };
  for (const line of head.slice(1)) add(line, false);
  for (const row of rows) add(row, true);
  for (const block of [...details, ...tail]) add(block, false);
  startPart();
  const shown = parts.slice(0, maxParts);
  if (parts.length > maxParts) shown[maxParts - 1] = [...shown[maxParts - 1], "", cut];
  return shown.map((lines, i) => {
    const heading = lines[0] === TITLE ? [`${TITLE} (part ${i + 1} of ${shown.length})`, ...lines.slice(1)] : [`${TITLE} (part ${i + 1} of ${shown.length}, continued)`, "", ...lines];
    return `${[REVIEW_MARKER, ...heading].join("\n").trimEnd()}\n`;
  });
}

interface Blocks {
  readonly head: string[];
  readonly tableHeader: string[];
  readonly rows: string[];
  readonly details: string[];
  readonly tail: string[];
}

function blocks(review: Review): Blocks {
  const head = [REVIEW_MARKER, TITLE, "", `**${review.summary}**`, ""];
  const header = ["Resource", "Terraform", "What the hook does", ...(review.live ? ["Cloud now"] : [])];
  const tableHeader = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  const rows = review.resources.map((row) => {
    const cells = [resourceCell(row), terraformCell(row), whatCell(row), ...(review.live ? [liveCell(row.live)] : [])];
    return `| ${cells.map(cell).join(" | ")} |`;
  });
  const details = review.resources.flatMap((row) => {
    const lines = detailLines(row);
    if (lines.length === 0) return [];
    return [`<details><summary>${htmlText(row.target)} — details</summary>\n\n${lines.map((l) => `- ${l}`).join("\n")}\n\n</details>\n`];
  });
  const tail: string[] = [];
  for (const warning of review.warnings) tail.push(`> **Warning:** ${markdownText(warning)}`, "");
  tail.push(
    review.live
      ? "<sub>Planned by cdktf-encryption from the plan's Specs and the cloud as read now (`--live`).</sub>"
      : "<sub>Planned by cdktf-encryption from the plan's Specs, assuming the cloud reads what was last applied; `--live` reads it.</sub>",
  );
  return { head, tableHeader, rows, details, tail };
}

function resourceCell(row: ReviewRow): string[] {
  return [`**${row.title}**`, row.target === row.address ? "" : markdownText(row.target), codeSpan(row.address)].filter(Boolean);
}

function terraformCell(row: ReviewRow): string[] {
  return [
    row.change === "deposed" ? "delete deposed" : row.change,
    row.tainted ? "_tainted by a failed deploy_" : "",
    row.deposed?.length ? `_+ deletes deposed object${row.deposed.length > 1 ? "s" : ""} ${markdownText(row.deposed.join(", "))} (no hook runs)_` : "",
  ].filter(Boolean);
}

function whatCell(row: ReviewRow): string[] {
  const out: string[] = [];
  if (row.problem) out.push(`⚠️ Cannot be planned: ${markdownText(row.problem)}`);
  else if (row.refused) out.push(`⛔ **Refused**: ${markdownText(row.refused)}`);
  else if (row.hookRuns === undefined) out.push("The hook does not run.");
  else if (row.basis === "none") out.push("The hook reads the cloud and does what the declaration needs (not planned here).");
  else if (row.actions.length === 0) out.push("Nothing to change in the cloud.");
  for (const action of row.actions) out.push(actionLine(action));
  return out;
}

function detailLines(row: ReviewRow): string[] {
  const out: string[] = [];
  if (row.assumedObserved) {
    out.push(`_Assuming the cloud reads: ${markdownText(row.assumedObserved)} (not read; \`--live\` reads it). The hook observes first and does only what is missing._`);
  }
  for (const note of row.notes) out.push(`_Note: ${markdownText(note)}._`);
  for (const f of row.fields) out.push(`${codeSpan(f.field)}: ${value(f.before)} → ${value(f.after)}`);
  const declared = ["destroy", "remove", "forget", "deposed"].includes(row.change) ? row.declaredBefore : row.declaredAfter;
  if (declared) out.push(`Declared: ${markdownText(declared)}.`);
  if (row.live?.observed) out.push(`Cloud now: ${markdownText(row.live.observed)}.`);
  for (const c of row.live?.corrections ?? []) out.push(`${row.live?.status === "due" ? "Due" : "To correct"}: ${markdownText(c)}.`);
  if (row.live?.status === "refused" && !row.refused) out.push(`**Refused** against the cloud as read: ${markdownText(row.live.detail ?? "")}`);
  else if (row.live?.detail && row.live.status !== "refused") out.push(`Not read: ${markdownText(row.live.detail)}.`);
  if (row.reconcilesOnEveryDeploy) out.push("_Reconciles on every deploy._");
  return out;
}

function actionLine(action: Action): string {
  const flags = [action.irreversible ? "**irreversible**" : "", action.restarts ? "**restarts the service**" : ""].filter(Boolean);
  return `${markdownText(capitalize(action.description))}${flags.length ? ` — ${flags.join(", ")}` : ""}`;
}

/** The status words of the live column; details hold the readings in full. */
export const LIVE_STATUS_WORDS: Record<LiveState["status"], string> = {
  "in-sync": "In sync",
  drifted: "**Drifted**",
  "will-change": "Will change on deploy",
  due: "Due",
  refused: "**Refused**",
  unreachable: "Unreachable (not drift)",
  error: "Error",
  unresolved: "Unresolved",
};

function liveCell(live: LiveState | undefined): string[] {
  if (!live) return [];
  const words = LIVE_STATUS_WORDS[live.status];
  // A refusal's reason is in "What the hook does" or the details; this column says what the cloud reads.
  if (live.status === "unreachable" || live.status === "error" || live.status === "unresolved") return [`${words}: ${markdownText(live.detail ?? "")}`];
  return [`${words}: ${markdownText(live.observed ?? "")}`];
}

function value(text: string | undefined): string {
  if (text === undefined) return "(none)";
  return text === "" ? '`""`' : codeSpan(text);
}

/** A plan's own text as code: backticks become quotes so the span cannot end early; one line. */
function codeSpan(text: string): string {
  return `\`${terminalText(text).replace(/`/g, "'")}\``;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A table cell: lines joined with <br>. Every value in it is escaped already (markdownText);
 * pipes are escaped again here for the code spans, where GitHub still ends a cell at `|`.
 */
function cell(content: string | string[]): string {
  const lines = Array.isArray(content) ? content : [content];
  return lines.map((l) => l.replace(/(?<!\\)\|/g, "\\|")).join("<br>");
}

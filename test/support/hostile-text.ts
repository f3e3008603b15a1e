/**
 * Names and messages a hostile or broken cloud answer may carry, and checks that what people read
 * shows them as text: no live mention, link, image or HTML in Markdown, no line of their own and
 * no control character in a terminal.
 */

/** The line a cloud value forges to look like Terraform's own end of apply. */
export const FORGED_LINE = "Apply complete! Resources: 9 added, 0 changed, 0 destroyed.";

/** A name for Markdown: a mention, a link, an image, raw HTML, a table pipe, a section that closes and reopens. */
export const HOSTILE_MARKDOWN_NAME =
  "@octocat [click](https://evil.example/x) ![img](https://evil.example/i.png) <img src=x onerror=alert(1)> | col | `code` **Refused** www.evil.example </details><details open><summary>pwned</summary> #1";

/** A name for a terminal: newlines, carriage return, escape sequences and a bidi override around a forged line. */
export const HOSTILE_TERMINAL_NAME = `key-1\n\n${FORGED_LINE}\r${FORGED_LINE}\u001b[2K\u001b]0;title\u0007\u202etxt.exe\u2028end`;

/** Both at once, as a service message may be. */
export const HOSTILE_NAME = `${HOSTILE_MARKDOWN_NAME} ${HOSTILE_TERMINAL_NAME}`;

/** Control characters other than the newline that ends a line of output. */
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

/** Why `text` is not safe for a terminal, or undefined: a control character, or a forged line. */
export function terminalProblem(text: string): string | undefined {
  const control = CONTROLS.exec(text);
  if (control) return `control character U+${control[0].charCodeAt(0).toString(16).padStart(4, "0")} at ${control.index}: ${JSON.stringify(text.slice(Math.max(0, control.index - 40), control.index + 40))}`;
  const forged = text.split(/[\r\n]/).find((line) => line.replace(/^.*\(local-exec\): /, "").trimStart().startsWith(FORGED_LINE));
  return forged === undefined ? undefined : `a forged line: ${JSON.stringify(forged)}`;
}

/** Tags the renderers write themselves; any other is raw HTML from a value. */
const OWN_TAGS = new Set(["details", "summary", "sub", "br"]);

/**
 * Why `markdown` would not show every value as text on GitHub, or undefined: a live mention,
 * reference or autolink, an unescaped `[` (link, image), raw HTML, unbalanced `<details>` or
 * `<summary>`, a table row with more cells than its header, a control character.
 */
export function markdownProblem(markdown: string): string | undefined {
  const terminal = terminalProblem(markdown);
  if (terminal) return terminal;
  const at = (re: RegExp) => {
    const m = re.exec(markdown);
    return m ? `${JSON.stringify(m[0])} at ${m.index}: ${JSON.stringify(markdown.slice(Math.max(0, m.index - 40), m.index + 40))}` : undefined;
  };
  const live =
    at(/@[\p{L}\p{N}]/u) ?? at(/(?<!&)#[\p{N}]/u) ?? at(/https?:\/\//) ?? at(/\bwww\./i) ?? at(/(?<!\\)\[/);
  if (live) return `live Markdown ${live}`;
  const span = codeSpans(markdown).find((code) => /evil|octocat/.test(code));
  if (span !== undefined) return `a value as a code span: ${JSON.stringify(span)}`;
  const tags = [...markdown.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase());
  const foreign = tags.find((t) => !OWN_TAGS.has(t));
  if (foreign) return `raw HTML <${foreign}>`;
  for (const tag of ["details", "summary"]) {
    const opened = (markdown.match(new RegExp(`<${tag}[\\s>]`, "g")) ?? []).length;
    const closed = (markdown.match(new RegExp(`</${tag}>`, "g")) ?? []).length;
    if (opened !== closed) return `<${tag}> opened ${opened} times, closed ${closed}`;
  }
  let cells: number | undefined;
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) {
      cells = undefined;
      continue;
    }
    const count = (line.match(/(?<!\\)\|/g) ?? []).length;
    if (cells === undefined) cells = count;
    else if (count !== cells) return `a table row with ${count - 1} cells under a header of ${cells - 1}: ${line.slice(0, 120)}`;
  }
  return undefined;
}

/** The code spans of Markdown made of single backticks: opened by an unescaped one, closed by the next. */
function codeSpans(markdown: string): string[] {
  const spans: string[] = [];
  for (const line of markdown.split("\n")) {
    let open: number | undefined;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === "\\" && open === undefined) i++;
      else if (line[i] === "`" && open === undefined) open = i;
      else if (line[i] === "`") {
        spans.push(line.slice(open! + 1, i));
        open = undefined;
      }
    }
  }
  return spans;
}

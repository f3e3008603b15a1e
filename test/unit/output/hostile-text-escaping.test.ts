import { htmlText, markdownText } from "../../../lib/output/markdown-text";
import { terminalText } from "../../../lib/output/terminal-text";
import { FORGED_LINE, HOSTILE_MARKDOWN_NAME, HOSTILE_NAME, HOSTILE_TERMINAL_NAME, markdownProblem, terminalProblem } from "../../support/hostile-text";

describe("terminalText", () => {
  test("a hostile name stays on its line, its controls shown as escapes", () => {
    const shown = terminalText(HOSTILE_TERMINAL_NAME);
    expect(terminalProblem(shown)).toBeUndefined();
    expect(shown.split("\n")).toHaveLength(1);
    expect(shown).toBe(`key-1\\x0a\\x0a${FORGED_LINE}\\x0d${FORGED_LINE}\\x1b[2K\\x1b]0;title\\x07\\u202etxt.exe\\u2028end`);
  });

  test("the check itself sees what the escaping removes", () => {
    expect(terminalProblem(HOSTILE_TERMINAL_NAME)).toMatch(/control character U\+000d|forged line/);
    expect(terminalProblem(`ok\n${FORGED_LINE}`)).toMatch(/forged line/);
  });

  test("ordinary names are unchanged", () => {
    expect(terminalText("KMS-1abd-1016 (cn-north-4), status AVAILABLE")).toBe("KMS-1abd-1016 (cn-north-4), status AVAILABLE");
  });
});

describe("markdownText", () => {
  test.each([HOSTILE_MARKDOWN_NAME, HOSTILE_TERMINAL_NAME, HOSTILE_NAME])("%j is text in a table cell and in <details>", (name) => {
    const table = `| a | b |\n|---|---|\n| ${markdownText(name)} | x |\n`;
    const details = `<details><summary>${htmlText(name)}</summary>\n\n- ${markdownText(name)}\n\n</details>\n`;
    expect(markdownProblem(table)).toBeUndefined();
    expect(markdownProblem(details)).toBeUndefined();
  });

  test("the check itself sees each kind of live Markdown", () => {
    for (const live of ["@octocat", "[a](b)", "![a](b)", "<img src=x>", "https://evil.example", "`evil`", "</details>", "| a | b | c |", "#12"]) {
      expect(markdownProblem(`| a | b |\n|---|---|\n${live}\n`) ?? markdownProblem(`| a | b |\n${live}`)).toEqual(expect.any(String));
    }
  });

  test("ordinary names read the same", () => {
    expect(markdownText("KMS-1abd-1016 (cn-north-4), status AVAILABLE")).toBe("KMS-1abd-1016 (cn-north-4), status AVAILABLE");
    expect(markdownText("a_b *c* [d] <e> & f|g")).toBe("a\\_b \\*c\\* \\[d\\] &lt;e&gt; &amp; f\\|g");
  });
});

test("htmlText keeps its entities whole and breaks mentions", () => {
  expect(htmlText("[#1] @x <b>")).toBe("&#91;#\u20601&#93; @\u2060x &lt;b&gt;");
});

// Every relative link of the README and the guides in docs/ points at a file that exists, and
// every #anchor at a heading of its page (GitHub's heading slugs).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "../..");
const PAGES = ["README.md", ...readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

function anchorsOf(markdown: string): Set<string> {
  const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, "").replace(/\s/g, "-");
  return new Set(markdown.split("\n").filter((line) => /^#{1,6} /.test(line)).map((line) => slug(line.replace(/^#+ /, ""))));
}

test.each(PAGES)("the links of %s resolve", (page) => {
  const text = readFileSync(path.join(ROOT, page), "utf8").replace(/```[\s\S]*?```/g, "");
  const broken: string[] = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/.test(target)) continue;
    const [file, anchor] = target.split("#");
    const resolved = file ? path.join(ROOT, path.dirname(page), file) : path.join(ROOT, page);
    if (!existsSync(resolved)) broken.push(`${target}: no such file`);
    else if (anchor && resolved.endsWith(".md") && !anchorsOf(readFileSync(resolved, "utf8")).has(anchor)) broken.push(`${target}: no such heading`);
  }
  expect(broken).toEqual([]);
});

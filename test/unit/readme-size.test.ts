// The README is the front door (issue 20): what it is, install, one example per cloud, the
// commands and the Map. Everything else belongs in a page of docs/, linked from the Map.
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";

const README = path.join(__dirname, "../../README.md");

test("README.md stays a front door: at most 16,000 bytes", () => {
  expect(readFileSync(README).byteLength).toBeLessThanOrEqual(16_000);
});

test("the Map links every page of docs/", () => {
  const readme = readFileSync(README, "utf8");
  const map = readme.slice(readme.indexOf("## Map"));
  const linked = new Set([...map.matchAll(/\]\((docs\/[^)#\s]+\.md)/g)].map((m) => m[1]));
  const pages = readdirSync(path.join(__dirname, "../../docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
  expect(pages.filter((page) => !linked.has(page))).toEqual([]);
});

import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { extractSnippets, typeCheckSnippets } from "../support/readme-snippets";

const ROOT = path.resolve(__dirname, "../..");

/**
 * The names README snippets use without declaring them: the stack they add to and the values
 * a user has at hand. A snippet may declare any of them itself. The README is written for CDK
 * Terrain; the cdktf assembly's copy (imports rewritten by scripts/cdktf-assembly-readme.mjs) is
 * compiled by jsii-rosetta --strict in test/e2e/jsii-packages.test.ts.
 */
const ASSUMED = `
declare const app: import("cdktn").App;
declare const stack: import("cdktn").TerraformStack;
declare const key: { readonly id: string };
declare const projectId: string;
declare const instanceId: string;
declare const clusterId: string;
declare const warehouse: import("cdktn-encryption").EncryptedCluster;
`;

test("every TypeScript snippet of the README type-checks against the package built for CDK Terrain", () => {
  const snippets = extractSnippets(readFileSync(path.join(ROOT, "README.md"), "utf8"));
  expect(snippets.length).toBeGreaterThanOrEqual(2); // one example per cloud
  // On failure each line names the snippet by its heading and README line.
  expect(typeCheckSnippets("README.md", snippets, ASSUMED, ROOT)).toEqual([]);
});

/** The pages of docs/ that hold TypeScript examples. */
const DOC_PAGES = readdirSync(path.join(ROOT, "docs"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => `docs/${f}`)
  .filter((page) => extractSnippets(readFileSync(path.join(ROOT, page), "utf8")).length > 0);

test.each(DOC_PAGES)("every TypeScript snippet of %s type-checks against the package built for CDK Terrain", (page) => {
  const snippets = extractSnippets(readFileSync(path.join(ROOT, page), "utf8"));
  expect(typeCheckSnippets(page, snippets, ASSUMED, ROOT)).toEqual([]);
});

test("a snippet that does not compile is named by its heading and line", () => {
  const markdown = [
    "# Title",
    "## Usage",
    "",
    "```ts",
    'import { BackupEncryption } from "cdktn-encryption";',
    "",
    'new BackupEncryption(stack, "b", { instance: { region: "cn-north-4" }, kmsKeyId: key.id });',
    "```",
    "## Other",
    "```sh",
    "not checked",
    "```",
    "```typescript",
    'import { Duration } from "cdktn-encryption";',
    "const d: Duration = Duration.weeks(2);",
    "```",
  ].join("\n");
  const snippets = extractSnippets(markdown);
  expect(snippets.map((s) => [s.heading, s.line])).toEqual([
    ["## Usage", 5],
    ["## Other", 14],
  ]);
  const problems = typeCheckSnippets("DOC.md", snippets, ASSUMED, ROOT);
  expect(problems).toEqual([
    expect.stringMatching(/^DOC\.md "## Usage" snippet at line 5, line 7: TS2739 Type '{ region: string; }' is missing the following properties from type 'TaurusDbInstanceRef': projectId, instanceId$/),
    expect.stringMatching(/^DOC\.md "## Other" snippet at line 14, line 15: TS2339 Property 'weeks' does not exist on type 'typeof Duration'/),
  ]);
});

test("the README's TypeScript examples lead with CDK Terrain: they import cdktn, never cdktf", () => {
  const imports = extractSnippets(readFileSync(path.join(ROOT, "README.md"), "utf8")).flatMap((s) => [...s.code.matchAll(/from "([^"]+)"/g)].map((m) => m[1]));
  expect(imports).toEqual(expect.arrayContaining(["cdktn", "cdktn-encryption"]));
  expect(imports.filter((name) => /^(@cdktf\/|cdktf)/.test(name))).toEqual([]);
});

test("snippets are checked against the cdktn core: a cdktn resource is accepted where the library takes one, a cdktf resource is not", () => {
  const markdown = [
    "## cdktn",
    "```ts",
    'import { TerraformResource } from "cdktn";',
    'import { AckCluster } from "cdktn-encryption";',
    "declare const cluster: TerraformResource;",
    "AckCluster.fromResource(cluster);",
    "```",
    "## cdktf",
    "```ts",
    'import { TerraformResource } from "cdktf";',
    'import { AckCluster } from "cdktn-encryption";',
    "declare const cluster: TerraformResource;",
    "AckCluster.fromResource(cluster);",
    "```",
  ].join("\n");
  const problems = typeCheckSnippets("DOC.md", extractSnippets(markdown), ASSUMED, ROOT);
  expect(problems).toEqual([expect.stringMatching(/^DOC\.md "## cdktf" snippet at line 10, line 13: TS2345 Argument of type 'import\(".*\/node_modules\/cdktf\/lib\/.*"\)\.TerraformResource' is not assignable/)]);
});

test("a block fenced ```ts contributor shows internals and is not a user's example; ```ts and ```typescript are", () => {
  const markdown = ["# Page", "```ts", "const a = 1;", "```", "```ts contributor", "internal();", "```", "```typescript", "const b = 2;", "```"].join("\n");
  expect(extractSnippets(markdown).map((s) => s.code)).toEqual(["const a = 1;", "const b = 2;"]);
});

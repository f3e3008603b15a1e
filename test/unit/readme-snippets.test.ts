import { readFileSync } from "node:fs";
import * as path from "node:path";
import { extractSnippets, typeCheckSnippets } from "../support/readme-snippets";

const ROOT = path.resolve(__dirname, "../..");

/**
 * The names README snippets use without declaring them: the stack they add to and the values
 * a user has at hand. A snippet may declare any of them itself.
 */
const ASSUMED = `
declare const app: import("cdktf").App;
declare const stack: import("cdktf").TerraformStack;
declare const key: { readonly id: string };
declare const projectId: string;
declare const instanceId: string;
declare const clusterId: string;
declare const warehouse: import("cdktf-encryption").EncryptedCluster;
`;

test("every TypeScript snippet of the README type-checks against the package", () => {
  const snippets = extractSnippets(readFileSync(path.join(ROOT, "README.md"), "utf8"));
  expect(snippets.length).toBeGreaterThanOrEqual(3);
  // On failure each line names the snippet by its heading and README line.
  expect(typeCheckSnippets("README.md", snippets, ASSUMED, ROOT)).toEqual([]);
});

test("a snippet that does not compile is named by its heading and line", () => {
  const markdown = [
    "# Title",
    "## Usage",
    "",
    "```ts",
    'import { BackupEncryption } from "cdktf-encryption";',
    "",
    'new BackupEncryption(stack, "b", { instance: { region: "cn-north-4" }, kmsKeyId: key.id });',
    "```",
    "## Other",
    "```sh",
    "not checked",
    "```",
    "```typescript",
    'import { Duration } from "cdktf-encryption";',
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

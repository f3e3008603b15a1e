// The README of the CDKTF build's jsii assembly. The repository README leads with CDK Terrain:
// its TypeScript examples import "cdktn" and "cdktn-encryption", which cannot compile against
// this assembly. jsii takes the README from ./README.md (it has no option to name another
// file), so after `jsii` compiles, this step rewrites the imports of the ts blocks of the
// README jsii embedded to "cdktf" and "cdktf-encryption" and writes the assembly back with
// @jsii/spec's replaceAssembly — the API jsii-rosetta's `infuse` uses to amend an assembly; it
// marks the fingerprint as changed rather than forging one. jsii-rosetta (--strict) then
// compiles these examples against this assembly, and pacmak gives them to the Python, Java, Go
// and .NET packages. The checked-in README.md is not modified; the npm tarball of
// cdktf-encryption carries it as it is (npm always packs the package root's README).
import { loadAssemblyFromPath, replaceAssembly } from "@jsii/spec";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const assembly = loadAssemblyFromPath(root, false);
if (!assembly.readme?.markdown) throw new Error("cdktf-assembly-readme: the cdktf-encryption assembly has no README; run jsii first");
const TS_BLOCK = /^[ \t]*```(ts|typescript)\n[\s\S]*?^[ \t]*```$/gm;
const markdown = assembly.readme.markdown.replace(TS_BLOCK, (block) =>
  block.replace(/from "cdktn"/g, 'from "cdktf"').replace(/from "cdktn-encryption"/g, 'from "cdktf-encryption"'),
);
const leftover = (markdown.match(TS_BLOCK) ?? []).find((block) => block.includes('"cdktn'));
if (leftover) throw new Error(`cdktf-assembly-readme: a TypeScript example still names cdktn after the rewrite:\n${leftover}`);
assembly.readme = {
  markdown: `> **cdktf-encryption** is the CDKTF build, frozen at \`cdktf\` 0.21: the examples below import \`cdktf\` and \`cdktf-encryption\`. For CDK Terrain, use \`cdktn-encryption\`.\n\n${markdown}`,
};
replaceAssembly(assembly, root);

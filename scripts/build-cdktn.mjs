// Builds the CDK Terrain package (cdktn-encryption) from the cdktf build in dist/: the same
// compiled code and hook bundle, with the two modules that name the CDK core swapped — lib/core
// (re-exports "cdktn" instead of "cdktf") and lib/constructs/null-hook-resource (no
// @cdktf/provider-null exists for cdktn: null_resource is rendered from the core alone).
// Output: dist-cdktn/, a package directory for `npm pack dist-cdktn`.
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist-cdktn");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
if (!existsSync(path.join(root, "dist", "lib", "core.js"))) throw new Error("build-cdktn: dist/lib/core.js is missing; run tsc first");

rmSync(out, { recursive: true, force: true });
// The compiled examples are cdktf apps: not part of this package.
cpSync(path.join(root, "dist"), path.join(out, "dist"), { recursive: true, filter: (src) => !src.startsWith(path.join(root, "dist", "examples")) });

const lib = path.join(out, "dist", "lib");
writeFileSync(
  path.join(lib, "core.js"),
  `"use strict";
// CDK Terrain build: the CDK core is "cdktn".
Object.defineProperty(exports, "__esModule", { value: true });
const core = require("cdktn");
for (const name of Object.keys(core)) {
  if (name !== "default") Object.defineProperty(exports, name, { enumerable: true, get: () => core[name] });
}
exports.CORE_PACKAGE = "cdktn";
`,
);
writeFileSync(path.join(lib, "core.d.ts"), `export * from "cdktn";\n/** Which core the library was built for. */\nexport declare const CORE_PACKAGE: "cdktf" | "cdktn";\n`);
for (const ext of [".js", ".d.ts"]) {
  cpSync(path.join(lib, "constructs", `null-hook-resource-core${ext}`), path.join(lib, "constructs", `null-hook-resource${ext}`));
}

// Nothing else may name the cdktf core: one require of it would mix two cores in a cdktn app.
for (const file of readdirSync(path.join(out, "dist"), { recursive: true })) {
  if (!String(file).endsWith(".js")) continue;
  const text = readFileSync(path.join(out, "dist", String(file)), "utf8");
  const named = /require\("(cdktf|@cdktf\/[^"]+)(\/[^"]*)?"\)/.exec(text);
  if (named) throw new Error(`build-cdktn: dist/${file} requires "${named[1]}": import the core from lib/core instead`);
}

const { cdktf: _cdktf, constructs: _constructs, "@cdktf/provider-null": _null, ...runtime } = pkg.dependencies ?? {};
const cdktnPkg = {
  name: "cdktn-encryption",
  version: pkg.version,
  description: `${pkg.description} — the CDK Terrain (cdktn) build`,
  license: pkg.license,
  ...(pkg.repository ? { repository: pkg.repository } : {}),
  keywords: [...new Set(["cdktn", "cdk-terrain", ...(pkg.keywords ?? [])])],
  main: pkg.main,
  types: pkg.types,
  exports: pkg.exports,
  bin: { "cdktn-encryption": pkg.bin["cdktf-encryption"], "cdktf-encryption": pkg.bin["cdktf-encryption"] },
  files: ["dist/"],
  engines: { node: ">=22.19" },
  dependencies: runtime,
  peerDependencies: { cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0" },
};
writeFileSync(path.join(out, "package.json"), `${JSON.stringify(cdktnPkg, null, 2)}\n`);
writeFileSync(
  path.join(out, "README.md"),
  `# cdktn-encryption\n\nThe CDK Terrain (\`cdktn\`) build of cdktf-encryption: the same constructs, policy, review, drift,\ndoctor and audit, for stacks written with \`import { … } from "cdktn"\`. See the main README's\n"CDK Terrain" section for what differs.\n`,
);
for (const file of ["LICENSE"]) if (existsSync(path.join(root, file))) cpSync(path.join(root, file), path.join(out, file));

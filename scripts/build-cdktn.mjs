// Builds the CDK Terrain package (cdktn-encryption) as a jsii build of its own: the library's
// sources, with the two modules that name the CDK core swapped — lib/core (re-exports "cdktn"
// instead of "cdktf") and lib/constructs/null-hook-resource (no @cdktf/provider-null exists for
// cdktn: null_resource is rendered from the core alone) — compiled by jsii against cdktn's own
// assembly, so the .jsii of this package names cdktn's types. The hook bundle is shared.
// Output: dist-cdktn/, a package directory for `npm pack dist-cdktn` (its sources stay out of
// the tarball: `files` lists dist/ and .jsii only).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist-cdktn");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const hook = path.join(root, "dist", "hook", "hook.js");
if (!existsSync(hook)) throw new Error("build-cdktn: dist/hook/hook.js is missing; run `npm run build:hook` first");

/** The cdktn releases, constructs and Node.js this build supports (and the tests check). */
const support = JSON.parse(readFileSync(path.join(root, "scripts", "cdktn-support.json"), "utf8"));

rmSync(out, { recursive: true, force: true });
mkdirSync(out);
// Sources: the library, the command and the CDK Terrain example app (examples/ack, left out of
// the cdktf build by tsconfig.json; compiled here so it type-checks against this build, and
// synthesized by test/e2e/cdktn.test.ts). The other examples are cdktf apps.
const CDKTN_EXAMPLES = ["examples/ack"];
for (const dir of ["lib", "bin", ...CDKTN_EXAMPLES]) cpSync(path.join(root, dir), path.join(out, dir), { recursive: true });
cpSync(path.join(root, "scripts", "cdktn-core.ts"), path.join(out, "lib", "core.ts"));
cpSync(path.join(out, "lib", "constructs", "null-hook-resource-core.ts"), path.join(out, "lib", "constructs", "null-hook-resource.ts"));

const tsconfig = JSON.parse(readFileSync(path.join(root, "tsconfig.json"), "utf8"));
tsconfig.compilerOptions.paths = { "cdktn-encryption": ["./lib/index.ts"] };
tsconfig.compilerOptions.types = ["node"];
tsconfig.include = ["lib/**/*.ts", "bin/**/*.ts", ...CDKTN_EXAMPLES.map((dir) => `${dir}/**/*.ts`)];
tsconfig.exclude = ["node_modules", "dist"];
writeFileSync(path.join(out, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);

// The rosetta fixtures of the API examples, for the cdktn core.
mkdirSync(path.join(out, "rosetta"));
for (const file of readdirSync(path.join(root, "rosetta"))) {
  const text = readFileSync(path.join(root, "rosetta", file), "utf8");
  writeFileSync(path.join(out, "rosetta", file), text.replace(/"cdktf"/g, '"cdktn"').replace(/"cdktf-encryption"/g, '"cdktn-encryption"'));
}

const { cdktf: _cdktf, constructs: _constructs, "@cdktf/provider-null": _null, ...runtime } = pkg.dependencies ?? {};
const targets = {
  python: { distName: "cdktn-encryption", module: "cdktn_encryption" },
  java: { package: "io.github.cdktn_encryption", maven: { groupId: "io.github.cdktf-encryption", artifactId: "cdktn-encryption" } },
  go: { moduleName: "github.com/cdktf-encryption/cdktn-encryption-go", packageName: "cdktnencryption" },
  dotnet: { namespace: "CdktnEncryption", packageId: "CdktnEncryption" },
};
const cdktnPkg = {
  name: "cdktn-encryption",
  version: pkg.version,
  description: `${pkg.description} — the CDK Terrain (cdktn) build`,
  license: pkg.license,
  author: pkg.author,
  ...(pkg.repository ? { repository: pkg.repository } : {}),
  keywords: [...new Set(["cdktn", "cdk-terrain", ...(pkg.keywords ?? []).filter((k) => k !== "cdktf")])],
  main: pkg.main,
  types: pkg.types,
  exports: pkg.exports,
  bin: { "cdktn-encryption": pkg.bin["cdktf-encryption"], "cdktf-encryption": pkg.bin["cdktf-encryption"] },
  files: ["dist/lib/", "dist/bin/", "dist/hook/", ".jsii"],
  engines: { node: support.node },
  dependencies: runtime,
  bundledDependencies: pkg.bundledDependencies,
  peerDependencies: { cdktn: support.cdktn, constructs: support.constructs },
  // What jsii compiles against: the versions installed in this repository (root devDependencies).
  devDependencies: { cdktn: installedVersion("cdktn"), constructs: installedVersion("constructs") },
  jsii: { ...pkg.jsii, outdir: "../dist-langs/cdktn-encryption", targets },
};
writeFileSync(path.join(out, "package.json"), `${JSON.stringify(cdktnPkg, null, 2)}\n`);
// The package's README is the repository's, whose TypeScript examples are written for CDK
// Terrain (jsii-rosetta compiles them against this build's assembly, fixtures in rosetta/).
// The CDKTF build's assembly gets them rewritten to cdktf: scripts/cdktf-assembly-readme.mjs.
writeFileSync(
  path.join(out, "README.md"),
  `> **cdktn-encryption** is the CDK Terrain (\`cdktn\`) build of cdktf-encryption: cdktn ${support.cdktn} (tested: ${support.tested.join(", ")}), Node.js ${support.node}.\n\n${readFileSync(path.join(root, "README.md"), "utf8")}`,
);
for (const file of ["LICENSE"]) if (existsSync(path.join(root, file))) cpSync(path.join(root, file), path.join(out, file));
// Bundled dependencies are packed from the package's own node_modules.
for (const name of pkg.bundledDependencies ?? []) {
  cpSync(path.join(root, "node_modules", name), path.join(out, "node_modules", name), { recursive: true, dereference: true });
}

execFileSync(process.execPath, [path.join(root, "node_modules", "jsii", "bin", "jsii"), "--silence-warnings=metadata/missing-dev-dependency"], {
  cwd: out,
  stdio: "inherit",
  env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split(".")[0] },
});
cpSync(hook, path.join(out, "dist", "hook", "hook.js"));

// Nothing else may name the cdktf core: one require of it would mix two cores in a cdktn app.
for (const file of readdirSync(path.join(out, "dist"), { recursive: true })) {
  if (!String(file).endsWith(".js")) continue;
  const text = readFileSync(path.join(out, "dist", String(file)), "utf8");
  const named = /require\("(cdktf|@cdktf\/[^"]+)(\/[^"]*)?"\)/.exec(text);
  if (named) throw new Error(`build-cdktn: dist/${file} requires "${named[1]}": import the core from lib/core instead`);
}

function installedVersion(name) {
  return JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version;
}

// The Python, Java, Go and .NET packages of both builds (cdktf-encryption from this directory,
// cdktn-encryption from dist-cdktn/), from their jsii assemblies; run after `npm run build`.
//
// 1. jsii-rosetta compiles every README and API example of each assembly (--strict: one that
//    does not compile fails the run) and translates them, for the bindings' docs.
// 2. jsii-pacmak generates the sources of each language (--code-only: building them needs the
//    jsii runtimes and the cdktf/cdktn packages from PyPI, Maven Central, the Go module proxy
//    and NuGet).
// 3. The Python sources are byte-compiled and built into a wheel, offline: setup.py needs only
//    setuptools and wheel (no build isolation, no dependency download).
// Output: dist-langs/<package>/{python,java,go,dotnet}, dist-langs/<package>/python/dist/*.whl.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGETS = ["python", "java", "go", "dotnet"];
const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split(".")[0] };
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const step = (what) => process.stderr.write(`package-languages: ${what}\n`);

const projects = [root, path.join(root, "dist-cdktn")];
for (const project of projects) {
  if (!existsSync(path.join(project, ".jsii"))) throw new Error(`package-languages: ${path.relative(root, project) || "."}/.jsii is missing; run \`npm run build\` first`);
}

const outdirs = projects.map((project) => path.join(root, "dist-langs", JSON.parse(readFileSync(path.join(project, "package.json"), "utf8")).name));
for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });

for (const project of projects) {
  step(`jsii-rosetta extract --strict (${path.relative(root, project) || "."})`);
  execFileSync(bin("jsii-rosetta"), ["extract", "--strict"], { cwd: project, env, stdio: "inherit" });
}

step(`jsii-pacmak --code-only (${TARGETS.join(", ")})`);
for (const [i, project] of projects.entries()) {
  // pacmak packs the npm tarball every binding embeds; the build is done, so no prepack.
  execFileSync(
    bin("jsii-pacmak"),
    ["--code-only", "--no-npmignore", "--no-fingerprint", "--targets", ...TARGETS, "--outdir", outdirs[i], "--rosetta-tablet", path.join(project, ".jsii.tabl.json"), project],
    { cwd: root, env: { ...env, npm_config_ignore_scripts: "true" }, stdio: "inherit" },
  );
}

const python = findPython();
for (const outdir of outdirs) {
  const sources = path.join(outdir, "python");
  step(`python wheel (${path.relative(root, sources)}) with ${python}`);
  execFileSync(python, ["-m", "compileall", "-q", "src"], { cwd: sources, stdio: "inherit" });
  execFileSync(python, ["-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--quiet", "--wheel-dir", "dist", "."], { cwd: sources, stdio: "inherit" });
  const wheels = readdirSync(path.join(sources, "dist")).filter((f) => f.endsWith(".whl"));
  if (wheels.length !== 1) throw new Error(`package-languages: expected one wheel in ${sources}/dist, found ${wheels.join(", ") || "none"}`);
}

/** A Python 3 that can build a wheel offline: $PYTHON, else python3, else the system's. */
function findPython() {
  const candidates = [process.env.PYTHON, "python3", "/usr/bin/python3"].filter(Boolean);
  for (const candidate of candidates) {
    try {
      execFileSync(candidate, ["-c", "import setuptools, wheel"], { stdio: "ignore" });
      return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error(`package-languages: no Python 3 with setuptools and wheel (tried ${candidates.join(", ")}); install them (Debian: apt-get install python3-setuptools python3-wheel) or set PYTHON`);
}

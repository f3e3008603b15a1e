// The jsii builds: the assemblies of both packages (cdktf-encryption's .jsii and dist-cdktn's),
// what they hold and what they leave out, the npm tarballs shipping them, API.md as jsii-docgen
// writes it now, every README and API example compiled by jsii-rosetta, and the Python, Java,
// Go and .NET packages jsii-pacmak generates (one run of scripts/package-languages.mjs, shared).
import { validateAssembly } from "@jsii/spec";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { extractSnippets } from "../support/readme-snippets";
import { run } from "../support/terraform-harness";

const ROOT = path.resolve(__dirname, "../..");
const BUILDS = [
  { name: "cdktf-encryption", dir: ROOT, core: "cdktf", module: "cdktf_encryption", java: "io/github/cdktf_encryption", go: "cdktfencryption", dotnet: "CdktfEncryption" },
  { name: "cdktn-encryption", dir: path.join(ROOT, "dist-cdktn"), core: "cdktn", module: "cdktn_encryption", java: "io/github/cdktn_encryption", go: "cdktnencryption", dotnet: "CdktnEncryption" },
] as const;
const JSII_ENV = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split(".")[0] };

interface Assembly {
  name: string;
  dependencies?: Record<string, string>;
  types: Record<string, { name: string; kind: string; locationInModule?: { filename: string }; properties?: { name: string; static?: boolean }[]; methods?: { name: string; static?: boolean }[] }>;
}
const assembly = (dir: string): Assembly => JSON.parse(readFileSync(path.join(dir, ".jsii"), "utf8"));

/** What lib/index.ts exports: its runtime values and its exported interfaces (type aliases excluded). */
function publicNames(): string[] {
  const runtime = Object.keys(require(path.join(ROOT, "dist/lib/index.js")));
  const source = readFileSync(path.join(ROOT, "lib/index.ts"), "utf8");
  const typeOnly = [...source.matchAll(/^export type \{([^}]*)\}/gm)].flatMap((m) => m[1].split(",").map((n) => n.trim()));
  return [...runtime, ...typeOnly.filter((name) => name !== "SpecMap")].sort();
}

describe.each(BUILDS)("the $name assembly", (build) => {
  test("is a valid jsii assembly of the package", () => {
    const a = assembly(build.dir);
    expect(() => validateAssembly(a)).not.toThrow();
    expect(a.name).toBe(build.name);
  });

  test("holds every public name of lib/index.ts, Rules included, and no other type", () => {
    const names = Object.values(assembly(build.dir).types).map((t) => t.name).sort();
    expect(names).toEqual(publicNames());
    const rules = assembly(build.dir).types[`${build.name}.Rules`];
    expect(rules.kind).toBe("class");
    expect(rules.properties?.filter((p) => p.static).map((p) => p.name).sort()).toEqual(["NO_DISABLE", "RETAIN_ON_DESTROY", "SM4_REQUIRED"]);
    expect(rules.methods?.filter((m) => m.static).map((m) => m.name)).toEqual(["rotationAtMost"]);
  });

  test("declares its types in the constructs, policy and spec modules only: nothing of the command, the hook, the emulator, the clients or the reconcilers", () => {
    const files = [...new Set(Object.values(assembly(build.dir).types).map((t) => t.locationInModule?.filename.split("/").slice(0, 2).join("/")))].sort();
    expect(files).toEqual(["lib/constructs", "lib/contract", "lib/policy"]);
  });

  test(`names the ${build.core} core's types, never the other core's`, () => {
    const a = assembly(build.dir);
    const other = build.core === "cdktf" ? "cdktn" : "cdktf";
    expect(Object.keys(a.dependencies ?? {})).toContain(build.core);
    expect(Object.keys(a.dependencies ?? {}).filter((d) => d === other || d.startsWith(`@${other}/`))).toEqual([]);
    const text = readFileSync(path.join(build.dir, ".jsii"), "utf8");
    expect(text).toContain(`"fqn": "${build.core}.TerraformResource"`);
    expect(text).not.toMatch(new RegExp(`"fqn": "(@${other}/[^"]+|${other})\\.`));
  });

  test("npm pack ships the assembly, and undici bundled", async () => {
    const packed = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: build.dir });
    expect(packed.code).toBe(0);
    const files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining([".jsii", "dist/lib/index.js", "dist/hook/hook.js", "node_modules/undici/package.json"]));
    expect(files.filter((f) => /^(lib|bin|rosetta)\/|\.tabl\.json$/.test(f))).toEqual([]);
  });
});

test("the cdktn assembly carries the repository README as it is; the cdktf assembly the same README with its TypeScript examples importing cdktf", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const cdktn = (assembly(path.join(ROOT, "dist-cdktn")) as Assembly & { readme: { markdown: string } }).readme.markdown;
  expect(cdktn.endsWith(readme)).toBe(true);
  const cdktf = (assembly(ROOT) as Assembly & { readme: { markdown: string } }).readme.markdown;
  expect(cdktf).toMatch(/^> \*\*cdktf-encryption\*\* is the CDKTF build, frozen at `cdktf` 0\.21/);
  // Inside ts blocks the cdktf copy names cdktf only; naming cdktn again, it is the repository's README.
  const snippets = extractSnippets(cdktf);
  expect(snippets.map((s) => s.code).join("\n")).not.toMatch(/from "cdktn/);
  const back = cdktf.replace(/^[^\n]*\n\n/, "").replace(/^[ \t]*```(ts|typescript)\n[\s\S]*?^[ \t]*```$/gm, (block) => block.replace(/from "cdktf(-encryption)?"/g, 'from "cdktn$1"'));
  expect(back).toBe(readme);
});

test("API.md is what jsii-docgen writes for the assembly now (regenerate it with `npm run docgen`)", () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "cdktf-encryption-docgen-")), "API.md");
  execFileSync(path.join(ROOT, "node_modules/.bin/jsii-docgen"), ["--output", out], { cwd: ROOT, env: JSII_ENV, stdio: "pipe" });
  expect(readFileSync(path.join(ROOT, "API.md"), "utf8")).toBe(readFileSync(out, "utf8"));
});

describe("the language packages (scripts/package-languages.mjs)", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, "scripts/package-languages.mjs")], { cwd: ROOT, env: JSII_ENV, stdio: "pipe" });
  }, 600_000);

  describe.each(BUILDS)("$name", (build) => {
    const out = path.join(ROOT, "dist-langs", build.name);

    test(`jsii-rosetta compiled every TypeScript snippet of the README (written for ${build.core}) and every API example, and translated them`, () => {
      const tablet = JSON.parse(readFileSync(path.join(build.dir, ".jsii.tabl.json"), "utf8")) as {
        snippets: Record<string, { didCompile: boolean; location: { api: { api: string } }; translations: Record<string, { source: string }> }>;
      };
      const snippets = Object.values(tablet.snippets);
      const readme = snippets.filter((s) => s.location.api.api === "moduleReadme");
      expect(readme).toHaveLength(extractSnippets(readFileSync(path.join(ROOT, "README.md"), "utf8")).length);
      const other = build.core === "cdktf" ? "cdktn" : "cdktf";
      for (const s of readme) expect(s.translations.$.source).not.toMatch(new RegExp(`from "${other}`));
      // One example per cloud, each importing this build's package.
      expect(readme.length).toBeGreaterThanOrEqual(2);
      expect(readme.filter((s) => !s.translations.$.source.includes(`from "${build.name}"`))).toEqual([]);
      // The @example of the classes and of AckCluster.fromResource.
      expect(snippets.length - readme.length).toBeGreaterThanOrEqual(9);
      expect(snippets.filter((s) => !s.didCompile)).toEqual([]);
      for (const s of snippets) expect(Object.keys(s.translations)).toEqual(expect.arrayContaining(["$", "csharp", "go", "java", "python"]));
    });

    test("Python, Java, Go and .NET sources name every public type", () => {
      const python = readFileSync(path.join(out, "python/src", build.module, "__init__.py"), "utf8");
      for (const name of publicNames()) {
        expect(python).toMatch(new RegExp(`^class ${name}\\b`, "m"));
        expect(existsSync(path.join(out, "java/src/main/java", build.java, `${name}.java`))).toBe(true);
        expect(existsSync(path.join(out, "go", build.go, `${name}.go`))).toBe(true);
        expect(existsSync(path.join(out, "dotnet", build.dotnet, build.dotnet, `${name}.cs`))).toBe(true);
      }
    });

    test(`each language package depends on ${build.core}, not on the other core`, () => {
      const other = build.core === "cdktf" ? "cdktn" : "cdktf";
      const setup = readFileSync(path.join(out, "python/setup.py"), "utf8");
      expect(setup).toMatch(new RegExp(`"${build.core}>=`));
      expect(setup).not.toMatch(new RegExp(`"${other}>=|"${other}-cdktf-provider`));
      const pom = readFileSync(path.join(out, "java/pom.xml"), "utf8");
      expect(pom).toContain(`<artifactId>${build.core}</artifactId>`);
      expect(pom).not.toContain(`<artifactId>${other}</artifactId>`);
    });

    test("the Python wheel holds the module and the npm package it runs", () => {
      const dist = path.join(out, "python/dist");
      const wheels = readdirSync(dist).filter((f) => f.endsWith(".whl"));
      expect(wheels).toEqual([`${build.module}-0.1.0-py3-none-any.whl`]);
      const listing = execFileSync("python3", ["-m", "zipfile", "-l", path.join(dist, wheels[0])], { encoding: "utf8" });
      expect(listing).toContain(`${build.module}/__init__.py`);
      expect(listing).toContain(`${build.module}/_jsii/${build.name}@0.1.0.jsii.tgz`);
    });
  });
});

// The package as users get it: `npm pack` of this checkout, installed into a scratch cdktf app
// that already has cdktf, constructs and @cdktf/provider-null, synthesizing one construct.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { run } from "../support/terraform-harness";

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<string, Record<string, string>>;
const PEERS = ["cdktf", "constructs", "@cdktf/provider-null"];

/** npm with no audit or funding calls, the cache preferred over the registry. */
function npm(args: string[], cwd: string) {
  return run("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], { cwd, env: { ...process.env, npm_config_update_notifier: "false" } });
}

/** Every installed copy of a package under node_modules (nested ones included). */
function copiesOf(nodeModules: string, name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith("@")) {
        walk(full);
        continue;
      }
      const relative = path.relative(nodeModules, full).split(path.sep);
      const packageName = relative[relative.length - 2]?.startsWith("@") ? relative.slice(-2).join("/") : entry.name;
      if (packageName === name) found.push(full);
      const nested = path.join(full, "node_modules");
      try {
        walk(nested);
      } catch {
        // no nested node_modules
      }
    }
  };
  walk(nodeModules);
  return found;
}

test("the manifest: cdktf, constructs and provider-null are peers (and dev dependencies for our build), no prepare script, license and metadata", () => {
  expect(MANIFEST.peerDependencies).toEqual({ "@cdktf/provider-null": ">=11.0.0 <12.0.0", cdktf: "^0.21.0", constructs: "^10.4.2" });
  for (const name of PEERS) {
    expect(MANIFEST.dependencies[name]).toBeUndefined();
    expect(MANIFEST.devDependencies[name]).toBeDefined();
  }
  expect(MANIFEST.scripts.prepare).toBeUndefined();
  expect(MANIFEST.license).toBe("Apache-2.0");
  expect(readFileSync(path.join(ROOT, "LICENSE"), "utf8")).toMatch(/Apache License\s+Version 2\.0, January 2004/);
  expect(MANIFEST.repository).toEqual({ type: "git", url: expect.stringMatching(/^git\+https:\/\/.+\.git$/) });
  expect(MANIFEST.keywords).toEqual(expect.arrayContaining(["cdktf", "terraform", "huaweicloud", "alibabacloud", "encryption", "kms"]));
});

test("npm pack ships the library, its jsii assembly, the command, the bundled hook and undici, README and LICENSE, and nothing else", async () => {
  const packed = await npm(["pack", "--dry-run", "--json", "--ignore-scripts"], ROOT);
  expect(packed.code).toBe(0);
  const files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
  expect(files).toEqual(
    expect.arrayContaining([".jsii", "LICENSE", "README.md", "package.json", "dist/lib/index.js", "dist/lib/index.d.ts", "dist/bin/cdktf-encryption.js", "dist/hook/hook.js", "node_modules/undici/package.json"]),
  );
  // undici is the one runtime dependency, bundled (jsii packages may depend only on jsii packages).
  const unexpected = files.filter((f) => !/^(\.jsii|LICENSE|README\.md|package\.json|dist\/(lib|bin)\/.+\.(js|d\.ts)|dist\/hook\/hook\.js|node_modules\/undici\/.+)$/.test(f));
  expect(unexpected).toEqual([]);
  // A stack trace or source map must not point into files the package does not ship.
  expect(files.filter((f) => !f.startsWith("node_modules/") && (f.endsWith(".map") || (f.endsWith(".ts") && !f.endsWith(".d.ts"))))).toEqual([]);
});

test("installed from the packed tarball into an app that has cdktf: one copy of cdktf and constructs, and a construct synthesizes", async () => {
  const app = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-consumer-"));
  const packed = await npm(["pack", "--json", "--ignore-scripts", "--pack-destination", app], ROOT);
  expect(packed.code).toBe(0);
  const tarball = (JSON.parse(packed.stdout) as { filename: string }[])[0].filename;

  // The app as `cdktf init` leaves it: cdktf, constructs and the null provider already
  // installed (copied from this checkout's node_modules, so the test needs no download of them).
  const versions: Record<string, string> = {};
  for (const name of PEERS) {
    cpSync(path.join(ROOT, "node_modules", name), path.join(app, "node_modules", name), { recursive: true });
    versions[name] = (JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  }
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, dependencies: versions }, null, 2));
  const installed = await npm(["install", `./${tarball}`], app);
  expect(installed.stderr).not.toMatch(/ERESOLVE|peer dep|conflicting peer/i);
  expect(installed.code).toBe(0);

  const nodeModules = path.join(app, "node_modules");
  for (const name of ["cdktf", "constructs"]) expect(copiesOf(nodeModules, name)).toEqual([path.join(nodeModules, name)]);

  mkdirSync(path.join(app, "out"));
  writeFileSync(
    path.join(app, "main.js"),
    `const { App, TerraformStack } = require("cdktf");
const { BackupEncryption } = require("cdktf-encryption");
const app = new App({ outdir: "out" });
const stack = new TerraformStack(app, "orders");
new BackupEncryption(stack, "orders-backups", {
  instance: { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" },
  kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
});
app.synth();
// The library resolves the app's own cdktf, not a copy of its own.
console.log(require.resolve("cdktf", { paths: [require.resolve("cdktf-encryption")] }));
`,
  );
  const synth = await run(process.execPath, ["main.js"], { cwd: app });
  expect(synth.stderr).toBe("");
  expect(synth.code).toBe(0);
  expect(synth.stdout.trim()).toBe(path.join(nodeModules, "cdktf", "lib", "index.js"));
  const config = JSON.parse(readFileSync(path.join(app, "out", "stacks", "orders", "cdk.tf.json"), "utf8")) as { resource: { null_resource: Record<string, { triggers: Record<string, string> }> } };
  expect(Object.values(config.resource.null_resource).map((r) => r.triggers.instance_id)).toEqual(["7033e7c3cf93438797d44ad7ae0a7d95in07"]);
});

import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const INSTANCE = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" };
const KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526";

test("two checkouts at different paths synthesize identical resources and provisioners", () => {
  const root = path.resolve(__dirname, "../..");
  const outputs = ["first-checkout", "second/deeper/checkout"].map((where) => {
    const checkout = path.join(mkdtempSync(path.join(tmpdir(), "cdktf-encryption-portable-")), where);
    cpSync(path.join(root, "dist"), path.join(checkout, "dist"), { recursive: true });
    cpSync(path.join(root, "package.json"), path.join(checkout, "package.json"));
    symlinkSync(path.join(root, "node_modules"), path.join(checkout, "node_modules"), "dir");
    const program = `
      const { App, TerraformStack } = require("cdktf");
      const { BackupEncryption } = require("./dist/lib");
      const app = new App({ outdir: "cdktf.out" });
      new BackupEncryption(new TerraformStack(app, "portable"), "orders-backups", ${JSON.stringify({ instance: INSTANCE, kmsKeyId: KEY })});
      app.synth();`;
    execFileSync(process.execPath, ["-e", program], { cwd: checkout });
    const json = JSON.parse(readFileSync(path.join(checkout, "cdktf.out/stacks/portable/cdk.tf.json"), "utf8"));
    const assets = filesUnder(path.join(checkout, "cdktf.out/stacks/portable/assets")).map((f) => path.relative(checkout, f));
    return { resource: json.resource, provider: json.provider, assets };
  });
  expect(outputs[0].resource).toEqual(outputs[1].resource);
  expect(outputs[0].provider).toEqual(outputs[1].provider);
  expect(outputs[0].assets).toEqual(outputs[1].assets);
  expect(JSON.stringify(outputs[0].resource)).not.toContain(tmpdir());
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

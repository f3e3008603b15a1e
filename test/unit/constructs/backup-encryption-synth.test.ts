import { mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Resource as NullResource } from "@cdktf/provider-null/lib/resource";
import { App, DataResource, TerraformStack, Testing } from "cdktf";
import { BackupEncryption, ContextKeys, HookEngine, RemovalPolicy } from "../../../lib";

const INSTANCE = { region: "cn-north-4", projectId: "0a1b2c3d4e5f60718293a4b5c6d7e8f9", instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" };
const KEY = "b82fa43f-f6e8-4ec4-9c31-231bc547c526";

const EXPECTED_SPEC = {
  spec_version: "1",
  kind: "taurusdb.backup-encryption",
  region: "cn-north-4",
  project_id: INSTANCE.projectId,
  instance_id: INSTANCE.instanceId,
  encryption: "on",
  kms_key_id: KEY,
  removal_policy: "retain",
  timeout: "1h",
};

function synth(engine?: HookEngine, context: Record<string, unknown> = {}): string {
  return Testing.synthScope((scope) => {
    for (const [key, value] of Object.entries(context)) scope.node.setContext(key, value);
    new BackupEncryption(scope, "orders-backups", { instance: INSTANCE, kmsKeyId: KEY, hookEngine: engine });
  });
}

describe("hook resource", () => {
  test("null_resource by default: the Spec in triggers, provisioners read it from self", () => {
    const out = synth();
    expect(out).toHaveResourceWithProperties(NullResource, { triggers: EXPECTED_SPEC });
    expect(onlyResource(out, "null_resource")).toEqual({
      provider: "null.cdktf_encryption",
      triggers: EXPECTED_SPEC,
      lifecycle: { create_before_destroy: true },
      provisioner: [
        { "local-exec": expect.objectContaining({ command: "apply", interpreter: ["node", expect.stringMatching(/hook\.js$/)], environment: { CDKTF_ENCRYPTION_SPEC: "${jsonencode(self.triggers)}" } }) },
        { "local-exec": expect.objectContaining({ command: "destroy", when: "destroy", environment: { CDKTF_ENCRYPTION_SPEC: "${jsonencode(self.triggers)}" } }) },
      ],
    });
    expect(out).not.toHaveResource(DataResource);
  });

  test.each([
    ["the construct's hookEngine prop", HookEngine.TERRAFORM_DATA, {}],
    ["the app's context key", undefined, { [ContextKeys.HOOK_ENGINE]: "terraform_data" }],
  ])("terraform_data chosen through %s: the Spec once, in triggers_replace (a change replaces the hook), read from there", (_how, engine, context) => {
    const out = synth(engine, context);
    expect(out).toHaveResourceWithProperties(DataResource, { triggers_replace: EXPECTED_SPEC });
    const resource = onlyResource(out, "terraform_data");
    expect(resource).toMatchObject({
      triggers_replace: EXPECTED_SPEC,
      lifecycle: { create_before_destroy: true },
      provisioner: [
        { "local-exec": expect.objectContaining({ command: "apply", environment: { CDKTF_ENCRYPTION_SPEC: "${jsonencode(self.triggers_replace)}" } }) },
        { "local-exec": expect.objectContaining({ command: "destroy", when: "destroy", environment: { CDKTF_ENCRYPTION_SPEC: "${jsonencode(self.triggers_replace)}" } }) },
      ],
    });
    // Rendered once: not also in input, which would double every plan.
    expect(resource).not.toHaveProperty("input");
    expect(out).not.toHaveResource(NullResource);
  });

  test("an unknown engine in the context fails with the key, the value and the choices", () => {
    expect(() => synth(undefined, { [ContextKeys.HOOK_ENGINE]: "null" })).toThrow(
      'context cdktf-encryption:hookEngine "null" is invalid: expected "null_resource" or "terraform_data"',
    );
  });
});

describe("no credential enters the configuration", () => {
  const CANARIES = {
    HW_ACCESS_KEY: "CANARYAKSYNTH0000001",
    HW_SECRET_KEY: "canarySecretSynth000000000000000000001",
    HW_SECURITY_TOKEN: "canarySecurityTokenSynth0001",
    HW_AUTH_TOKEN: "canaryAuthTokenSynth0001",
  };

  test("with credentials in the environment, nothing synthesized contains them", () => {
    const saved = { ...process.env };
    Object.assign(process.env, CANARIES);
    try {
      const outdir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-secrets-"));
      const app = new App({ outdir });
      new BackupEncryption(new TerraformStack(app, "s"), "b", { instance: INSTANCE, kmsKeyId: KEY });
      app.synth();
      const text = filesUnder(outdir).map((f) => readFileSync(f, "utf8")).join("\n");
      expect(text.length).toBeGreaterThan(1000);
      for (const canary of Object.values(CANARIES)) expect(text).not.toContain(canary);
    } finally {
      process.env = saved;
    }
  });
});

/** The single resource of a type in a synthesized stack. */
function onlyResource(synthesized: string, type: string): Record<string, unknown> {
  const resources = Object.values(JSON.parse(synthesized).resource[type] ?? {});
  expect(resources).toHaveLength(1);
  return resources[0] as Record<string, unknown>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

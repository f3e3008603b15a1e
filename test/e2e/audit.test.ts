import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App, Aspects, TerraformStack } from "cdktf";
import {
  AckCluster,
  BackupEncryption,
  Duration,
  DwsCluster,
  EncryptedCluster,
  EncryptionPolicy,
  KeyRotationPolicy,
  Rules,
  Severity,
} from "../../lib";
import { runAuditCommand } from "../../lib/cli/audit-command";
import { EMULATOR_CREDENTIALS, defaultFixture } from "../../lib/emulator/fixture";
import { estateFixture } from "../support/estate-fixture";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";

const HW = EMULATOR_CREDENTIALS.huawei;
const ALI = EMULATOR_CREDENTIALS.alibaba;
const OTHER_PROJECT = "ffffffffffffffffffffffffffffffff";
const DAY = 86_400_000;
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
const OVERDUE_ID = "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c";
const MISSING_INSTANCE = "0000000000000000000000000000deadin07";

/** The default world plus enough TaurusDB instances and ACK clusters to need several pages. */
function fixture(): Record<string, unknown> {
  const world = defaultFixture() as Record<string, { clusters?: unknown[]; instances?: unknown[] }>;
  const estate = estateFixture({ huaweiRegions: [HW.region], alibabaRegions: [ALI.region], dwsPerRegion: 0, taurusDbPerRegion: 130, ackPerRegion: 120 });
  const inProject = (items: unknown[]) => items.map((i) => ({ ...(i as object), project_id: HW.projectId }));
  world.taurusdb.instances = [...(world.taurusdb.instances ?? []), ...inProject(estate.taurusdb.instances)];
  world.ack.clusters = [...(world.ack.clusters ?? []), ...estate.ack.clusters];
  world.dws.clusters = [
    ...(world.dws.clusters ?? []),
    {
      cluster_id: OVERDUE_ID,
      name: "forgotten-dw",
      region: HW.region,
      project_id: HW.projectId,
      version: "8.1.3.110",
      status: "AVAILABLE",
      task_status: null,
      action_progress: {},
      master_key_id: "0f3196c8-5c23-469f-84da-92ecd2499dce",
      master_key_name: "KMS-1abd-1016",
      crypt_algorithm: "SMcompatible",
      last_rotate_key_time: utc(Date.now() - 400 * DAY),
    },
  ];
  // analytics-dw was rotated 100 days ago: its 90-day policy is overdue.
  const analytics = (world.dws.clusters as Record<string, unknown>[]).find((c) => c.name === "analytics-dw")!;
  analytics.last_rotate_key_time = utc(Date.now() - 100 * DAY);
  return world;
}

/** One synthesized app: its stack directory. */
function synthStack(name: string, build: (stack: TerraformStack, app: App) => void): string {
  const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), "cdktf-encryption-audit-")), context: { "cdktf-encryption:now": new Date().toISOString() } });
  build(new TerraformStack(app, name), app);
  app.synth();
  return path.join(app.outdir, "stacks", name);
}

let emu: RunningEmulator;
let estateStack: string;
let otherAppStack: string;

beforeAll(async () => {
  emu = await startEmulator({ fixture: fixture() });
  // A second project whose endpoint drops every connection: a scope that cannot be read.
  emu.emulator.faults.add({ path: `/${OTHER_PROJECT}/`, reset: true, count: 1000 });
  estateStack = synthStack("estate", (stack, app) => {
    const dws = (clusterId: string) => DwsCluster.fromId({ region: HW.region, projectId: HW.projectId, clusterId });
    const analytics = new EncryptedCluster(stack, "analytics", { cluster: dws("9f76c502-fc9c-4a52-8656-65d0da6e3d57"), masterKey: { id: "0f3196c8-5c23-469f-84da-92ecd2499dce" } });
    new KeyRotationPolicy(stack, "analytics-rotation", { cluster: analytics, rotationPeriod: Duration.days(90) });
    new EncryptedCluster(stack, "warehouse", { cluster: dws("97cbaab3-939e-4dbc-9187-0fe240f2b9fd"), masterKey: { id: "0f3196c8-5c23-469f-84da-92ecd2499dce" } });
    new BackupEncryption(stack, "ledger", { instance: { region: HW.region, projectId: HW.projectId, instanceId: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07" }, kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526" });
    new BackupEncryption(stack, "typo", { instance: { region: HW.region, projectId: HW.projectId, instanceId: MISSING_INSTANCE }, kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526" });
    const ledgerK8s = new EncryptedCluster(stack, "ledger-k8s", { cluster: AckCluster.fromId({ region: ALI.region, clusterId: "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a" }), masterKey: { id: "key-hzz6ledger00secrets001" } });
    Aspects.of(app).add(new EncryptionPolicy({ rules: [Rules.SM4_REQUIRED.withSeverity(Severity.WARNING)] }));
    EncryptionPolicy.suppress(ledgerK8s, "SM4_REQUIRED", "ACK keys are AES-256 only; ticket SEC-77");
  });
  otherAppStack = synthStack("payments", (stack) => {
    new EncryptedCluster(stack, "ledger-k8s", { cluster: AckCluster.fromId({ region: ALI.region, clusterId: "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a" }), masterKey: { id: "key-hzz6payments0secrets01" } });
  });
}, 60_000);

afterAll(() => emu.stop());

async function runAudit(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runAuditCommand(args, { env: { ...emu.env, CDKTF_ENCRYPTION_REQUEST_TIMEOUT: "2s" }, stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

interface JsonRow {
  resource: { service: string; id: string; name?: string; encryption: { state: string } };
  found: boolean;
  findings: { kind: string; message: string }[];
  verdicts: { rule: string; verdict: string; reason?: string }[];
}

describe("audit against the emulator", () => {
  let report: { scopes: { scope: { projectId?: string }; errors: string[]; resources: number }[]; rows: JsonRow[] };
  let result: { code: number; out: string; err: string };

  beforeAll(async () => {
    emu.clearCalls();
    result = await runAudit(["--stack", estateStack, "--stack", otherAppStack, "--huawei", `${HW.region}:${HW.projectId}`, "--huawei", `cn-east-3:${OTHER_PROJECT}`, "--alibaba", ALI.region, "--format", "json"]);
    report = JSON.parse(result.out);
  }, 60_000);

  const row = (id: string) => report.rows.find((r) => r.resource.id === id)!;
  const kinds = (id: string) => row(id).findings.map((f) => f.kind).sort();

  test("exit 1: a scope could not be read, and the rest is still reported", () => {
    expect(result.code).toBe(1);
    const other = report.scopes.find((s) => s.scope.projectId === OTHER_PROJECT)!;
    expect(other.errors).toEqual([
      expect.stringMatching(/^GaussDB\(DWS\) ListClusters on project f+ failed: ConnectionReset/),
      expect.stringMatching(/^TaurusDB ListGaussMySqlInstances on project f+ failed: ConnectionReset/),
    ]);
    expect(report.rows.length).toBeGreaterThan(250);
  });

  test("paging: every TaurusDB instance (130 + 3, pages of 100) and ACK cluster (120 + 3) is listed once", () => {
    const count = (service: string) => report.rows.filter((r) => r.resource.service === service && r.found).length;
    expect(count("taurusdb")).toBe(133);
    expect(count("ack")).toBe(123);
    expect(emu.calls({ operation: "ListGaussMySqlInstances" }).filter((c) => c.path.includes(HW.projectId))).toHaveLength(2);
    expect(emu.calls({ operation: "DescribeClustersV1" })).toHaveLength(2);
  });

  test("declared and compliant; suppressions are shown with their reasons", () => {
    expect(kinds("3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07")).toEqual([]);
    expect(row("c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a").verdicts).toContainEqual(expect.objectContaining({ rule: "SM4_REQUIRED", verdict: "suppressed", reason: "ACK keys are AES-256 only; ticket SEC-77" }));
  });

  test("declared and drifted, and not encrypted", () => {
    expect(kinds("97cbaab3-939e-4dbc-9187-0fe240f2b9fd")).toEqual(["drifted", "not-encrypted", "policy-violation"]);
  });

  test("not declared anywhere, encrypted or not", () => {
    expect(kinds("2b7d0e3c-5a1f-4c8e-9d6b-7e4f3a2c1b0d")).toEqual(["not-declared", "not-encrypted"]);
    expect(row(OVERDUE_ID).findings).toContainEqual({ kind: "not-declared", message: "no stack declares its encryption (it is encrypted)" });
  });

  test("rotation overdue: against the declared period, and against --max-key-age for undeclared clusters", () => {
    expect(row("9f76c502-fc9c-4a52-8656-65d0da6e3d57").findings).toContainEqual({ kind: "rotation-overdue", message: expect.stringMatching(/^estate\/analytics-rotation: rotate the encryption key of DWS cluster 9f76c502-fc9c-4a52-8656-65d0da6e3d57: last rotated .* UTC, 100 days ago, period 90d$/) });
    expect(row(OVERDUE_ID).findings).toContainEqual({ kind: "rotation-overdue", message: expect.stringMatching(/400 days ago; --max-key-age is 365d$/) });
  });

  test("non-compliant with the policy (a warning rule at synth)", () => {
    expect(row("9f76c502-fc9c-4a52-8656-65d0da6e3d57").findings).toContainEqual({ kind: "policy-violation", message: "SM4_REQUIRED (warning): declared crypt_algorithm generalCipher (AES); the rule needs SMcompatible (SM4)" });
  });

  test("declared in two apps, and declared but not found", () => {
    expect(row("c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a").findings).toContainEqual({ kind: "declared-twice", message: "ack.secret-encryption is declared by estate/ledger-k8s and payments/ledger-k8s" });
    expect(row(MISSING_INSTANCE)).toMatchObject({ found: false, findings: [{ kind: "declared-not-found" }] });
  });

  test("progress goes to stderr", () => {
    expect(result.err).toContain(`audit: Huawei Cloud ${HW.region} project ${HW.projectId}: `);
  });
});

describe("report formats", () => {
  test("exit 2 on findings when every scope was read; text ends with a summary line", async () => {
    const { code, out } = await runAudit(["--stack", estateStack, "--huawei", `${HW.region}:${HW.projectId}`]);
    expect(code).toBe(2);
    expect(out.trim().split("\n").pop()).toMatch(/^\d+ resources, \d+ without findings, .*\d+ not-declared/);
  }, 60_000);

  test("exit 0 when clean", async () => {
    const clean = synthStack("clean", (stack) => {
      new BackupEncryption(stack, "ledger", { instance: { region: HW.region, projectId: HW.projectId, instanceId: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07" }, kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526" });
    });
    emu.emulator.faults.add({ operation: "ListClusters", json: { clusters: [], count: 0 } });
    emu.emulator.faults.add({ operation: "ListGaussMySqlInstances", json: { instances: [{ id: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07", name: "ledger-db", status: "ACTIVE" }], total_count: 1 } });
    const { code, out } = await runAudit(["--stack", clean, "--huawei", `${HW.region}:${HW.projectId}`]);
    expect(out).toContain("compliant        TaurusDB cn-north-4 3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07 (ledger-db): on");
    expect(code).toBe(0);
  }, 60_000);

  test("SARIF 2.1.0: rules with ids and help, results with level, message and a location", async () => {
    const { out } = await runAudit(["--stack", estateStack, "--huawei", `${HW.region}:${HW.projectId}`, "--format", "sarif"]);
    const log = JSON.parse(out);
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("cdktf-encryption audit");
    for (const rule of run.tool.driver.rules) {
      expect(rule).toEqual(expect.objectContaining({ id: expect.stringMatching(/^[a-z-]+$/), shortDescription: { text: expect.any(String) }, help: { text: expect.any(String) } }));
    }
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(run.results.length).toBeGreaterThan(0);
    for (const r of run.results) {
      expect(ids[r.ruleIndex]).toBe(r.ruleId);
      expect(["error", "warning", "note"]).toContain(r.level);
      expect(r.message.text).toEqual(expect.any(String));
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toEqual(expect.any(String));
      expect(r.locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/^\//);
    }
    const declared = run.results.find((r: { ruleId: string }) => r.ruleId === "drifted");
    expect(declared.locations[0].physicalLocation.artifactLocation.uri).toMatch(/stacks\/estate\/cdk\.tf\.json$/);
    const undeclared = run.results.find((r: { ruleId: string }) => r.ruleId === "not-declared");
    expect(undeclared.locations[0].physicalLocation.artifactLocation.uri).toBe("cdktf.json");
  }, 60_000);

  test("Markdown evidence report (snapshot, with times and generated ids masked)", async () => {
    const { out } = await runAudit(["--stack", estateStack, "--huawei", `${HW.region}:${HW.projectId}`, "--format", "markdown"]);
    const masked = out
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, "<time>")
      .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/g, "<rotation time>")
      .replace(/\d+ days ago/g, "<n> days ago")
      .replace(/`?\/tmp\/[^ |`]*/g, "<dir>")
      .split("\n")
      .filter((line) => !/\| db-cn-north-4-\d+ |\(db-cn-north-4-\d+\)/.test(line));
    expect(masked.join("\n")).toMatchSnapshot();
  }, 60_000);
});

describe("bad input", () => {
  test.each([
    [["--stack", "/nonexistent-dir"], "--stack /nonexistent-dir is not a synthesized stack"],
    [["--huawei", "cn-north-4"], '--huawei "cn-north-4" is invalid: expected REGION:PROJECT_ID'],
    [["--format", "pdf", "--alibaba", "cn-hangzhou"], '--format "pdf" is invalid: expected one of text, json, sarif, markdown'],
    [["--max-key-age", "a year", "--alibaba", "cn-hangzhou"], '--max-key-age "a year" is invalid'],
  ])("audit %j fails with one line", async (args, message) => {
    const { code, err, out } = await runAudit(args);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err.trim().split("\n")).toEqual([expect.stringContaining(message)]);
  });

  test("a directory whose cdk.tf.json is not a cdktf configuration", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "not-a-stack-"));
    writeFileSync(path.join(dir, "cdk.tf.json"), "[1,2,3]");
    const { code, err } = await runAudit(["--stack", dir]);
    expect(code).toBe(1);
    expect(err).toContain("is not a synthesized stack");
  });

  test("nothing to audit says what to give", async () => {
    let err = "";
    const code = await runAuditCommand([], { env: { PATH: process.env.PATH }, stdout: () => {}, stderr: (t) => (err += t) });
    expect(code).toBe(1);
    expect(err).toContain("nothing to audit: give --huawei REGION:PROJECT_ID or --alibaba REGION");
  });
});

test("the estate generator is deterministic", () => {
  const a = estateFixture({ huaweiRegions: ["cn-north-4"], alibabaRegions: ["cn-hangzhou"], dwsPerRegion: 3, taurusDbPerRegion: 3, ackPerRegion: 3 });
  expect(estateFixture({ huaweiRegions: ["cn-north-4"], alibabaRegions: ["cn-hangzhou"], dwsPerRegion: 3, taurusDbPerRegion: 3, ackPerRegion: 3 })).toEqual(a);
  expect([a.dws.clusters.length, a.taurusdb.instances.length, a.ack.clusters.length]).toEqual([3, 3, 3]);
});

describe("the scheduled audit workflow example", () => {
  const workflow = parse(readFileSync(path.join(__dirname, "../../examples/github/encryption-audit.yml"), "utf8")) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { environment?: string; env: Record<string, string>; steps: { run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string> }[] }>;
  };
  const job = Object.values(workflow.jobs)[0];

  test("runs on a schedule, never on pull requests, may upload to code scanning and nothing more", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({ contents: "read", "security-events": "write" });
    expect(job.environment).toBe("encryption-audit");
    expect(job.steps.find((s) => s.uses?.startsWith("actions/checkout"))?.with).toMatchObject({ "persist-credentials": false });
    expect(job.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))?.with?.sarif_file).toBe("encryption-audit.sarif");
  });

  test("actions pinned by commit SHA, commands installed by the app, secrets given to the audit step only", () => {
    for (const step of job.steps.filter((s) => s.uses)) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
    for (const step of job.steps.filter((s) => s.run?.includes("npx "))) expect(step.run).not.toMatch(/npx (?!--no-install)/);
    const withSecrets = job.steps.filter((s) => JSON.stringify(s).includes("secrets."));
    expect(withSecrets.map((s) => s.run?.includes("cdktf-encryption audit"))).toEqual([true]);
    expect(JSON.stringify(job.env)).not.toContain("secrets.");
  });

  test("its audit line runs as written and writes the SARIF and Markdown files it uploads", async () => {
    const line = job.steps.map((s) => s.run ?? "").join("\n").split("\n").find((l) => l.includes("cdktf-encryption audit "))!;
    const args = [...line.slice(line.indexOf(" audit ") + " audit".length).split(">")[0].matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2]).replace("$STACK", "estate"));
    const cwd = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-audit-workflow-"));
    cpSync(path.dirname(estateStack), path.join(cwd, "cdktf.out", "stacks"), { recursive: true });
    let out = "";
    const code = await runAuditCommand(args, { cwd, env: { ...emu.env, HW_REGION_NAME: HW.region, HW_PROJECT_ID: HW.projectId }, stdout: (t) => (out += t), stderr: () => {} });
    expect(code).toBe(2);
    expect(out).toMatch(/\d+ resources, /);
    expect(JSON.parse(readFileSync(path.join(cwd, "encryption-audit.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readFileSync(path.join(cwd, "encryption-audit.md"), "utf8")).toMatch(/^# Encryption audit/);
  }, 60_000);

  test("--output with an unknown format is refused", async () => {
    const { code, err } = await runAudit(["--alibaba", "cn-hangzhou", "--output", "pdf=x.pdf"]);
    expect(code).toBe(1);
    expect(err).toContain('--output "pdf=x.pdf" is invalid: expected FORMAT=FILE');
  });
});

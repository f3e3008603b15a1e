// Issue 22: what the cloud names and says reaches audit reports as text, never as Markdown,
// HTML or terminal control; and a list API's total is checked against what arrives, never trusted.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { DwsCluster, EncryptedCluster } from "../../lib";
import { runAuditCommand } from "../../lib/cli/audit-command";
import { EMULATOR_CREDENTIALS, defaultFixture } from "../../lib/emulator/fixture";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { HOSTILE_NAME, markdownProblem, terminalProblem } from "../support/hostile-text";

const HW = EMULATOR_CREDENTIALS.huawei;
const ALI = EMULATOR_CREDENTIALS.alibaba;
const ANALYTICS = "9f76c502-fc9c-4a52-8656-65d0da6e3d57";
const ORDERS = "7033e7c3cf93438797d44ad7ae0a7d95in07";
const PAYMENTS = "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6";
const DENYING_PROJECT = "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee";

/** The default world with every name a service returns, and a key alias, made hostile. */
function hostileWorld(): Record<string, unknown> {
  const world = defaultFixture() as Record<string, { clusters: Record<string, unknown>[]; instances: Record<string, unknown>[] }>;
  Object.assign(world.dws.clusters.find((c) => c.cluster_id === ANALYTICS)!, { name: HOSTILE_NAME, master_key_name: HOSTILE_NAME });
  Object.assign(world.taurusdb.instances.find((i) => i.instance_id === ORDERS)!, { name: HOSTILE_NAME });
  Object.assign(world.ack.clusters.find((c) => c.cluster_id === PAYMENTS)!, { name: HOSTILE_NAME });
  return world;
}

let emu: RunningEmulator;
let stack: string;

beforeAll(async () => {
  emu = await startEmulator({ fixture: hostileWorld() });
  const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), "cdktf-encryption-audit-hostile-")) });
  const s = new TerraformStack(app, "hostile");
  new EncryptedCluster(s, "analytics", { cluster: DwsCluster.fromId({ region: HW.region, projectId: HW.projectId, clusterId: ANALYTICS }), masterKey: { id: "0f3196c8-5c23-469f-84da-92ecd2499dce" } });
  app.synth();
  stack = path.join(app.outdir, "stacks", "hostile");
});

afterAll(() => emu.stop());
beforeEach(() => {
  emu.emulator.faults.clear();
  emu.clearCalls();
});

async function runAudit(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runAuditCommand(["--stack", stack, ...args], { env: { ...emu.env, CDKTF_ENCRYPTION_REQUEST_TIMEOUT: "5s" }, stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const SCOPES = ["--huawei", `${HW.region}:${HW.projectId}`, "--huawei", `${HW.region}:${DENYING_PROJECT}`, "--alibaba", ALI.region];

/** A project whose every call is refused with a hostile service message. */
function denyWithHostileMessage(): void {
  emu.emulator.faults.add({ path: `/${DENYING_PROJECT}/`, status: 403, code: "DWS.0015", message: HOSTILE_NAME, count: 100 });
}

describe("hostile names and messages from the cloud", () => {
  test("text: every value stays on its line, its control characters shown as escapes", async () => {
    denyWithHostileMessage();
    const { code, out, err } = await runAudit(SCOPES);
    expect(code).toBe(1);
    expect(terminalProblem(out)).toBeUndefined();
    expect(terminalProblem(err)).toBeUndefined();
    // Shown, not dropped: the reader sees what the cloud holds.
    expect(out).toContain(`${ANALYTICS} (@octocat [click](https://evil.example/x)`);
    expect(out).toContain("key-1\\x0a\\x0aApply complete!");
    expect(out).toContain("\\x1b[2K");
    expect(out).toMatch(/NOT READ: .*DWS\.0015.*@octocat/);
  }, 60_000);

  test("Markdown: no mention, link, image, raw HTML, broken table or section; the values still read", async () => {
    denyWithHostileMessage();
    const { out } = await runAudit([...SCOPES, "--format", "markdown"]);
    expect(markdownProblem(out)).toBeUndefined();
    expect(out).toContain("@\u2060octocat \\[click\\](https:\u2060//evil.example/x)");
    expect(out).toContain("&lt;/details&gt;&lt;details open&gt;");
    const denied = out.split("\n").find((line) => line.includes(DENYING_PROJECT))!;
    expect(denied).toMatch(/not fully read: .*DWS\.0015/);
  }, 60_000);

  test("SARIF: a name cannot embed a link in a result's message (SARIF 2.1.0 §3.11.6), nor break its line", async () => {
    denyWithHostileMessage();
    const { out } = await runAudit([...SCOPES, "--format", "sarif"]);
    const run = JSON.parse(out).runs[0] as { results: { message: { text: string } }[]; invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] };
    const texts = [...run.results.map((r) => r.message.text), ...run.invocations[0].toolExecutionNotifications.map((n) => n.message.text)];
    const hostile = texts.filter((t) => t.includes("octocat"));
    expect(hostile.length).toBeGreaterThanOrEqual(2);
    for (const text of hostile) {
      expect(text).not.toMatch(/(?<!\\)\[/);
      expect(terminalProblem(text)).toBeUndefined();
    }
    expect(hostile.join("\n")).toContain("\\[click\\](https://evil.example/x)");
  }, 60_000);
});

/** An ACK list item the client reads: an id, a name, a state, meta_data without Secret encryption. */
const ackItem = (n: number) => ({ cluster_id: `c${String(n).padStart(32, "0")}`, name: `k8s-${n}`, state: "running", cluster_spec: "ack.pro.small", meta_data: "{}" });

describe("audit paging trusts what arrives, not the service's total", () => {
  test("a total larger than what arrives: the listing is named incomplete in every format, exit 1", async () => {
    // The real listing (3 instances), claiming 1000.
    const lie = () => emu.emulator.faults.add({ operation: "ListGaussMySqlInstances", list_total: 1000, count: 100 });
    const reason = /TaurusDB ListGaussMySqlInstances on project 0a1b\S+: listing incomplete: the service reported 1000 instances, 3 arrived/;
    lie();
    const text = await runAudit(["--huawei", `${HW.region}:${HW.projectId}`]);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(reason);
    expect(text.out).toMatch(/1 scope\(s\) not fully read/);
    // One page asked for: a short page is the last.
    expect(emu.calls({ operation: "ListGaussMySqlInstances" })).toHaveLength(1);
    for (const format of ["json", "markdown", "sarif"]) {
      emu.emulator.faults.clear();
      lie();
      const { code, out } = await runAudit(["--huawei", `${HW.region}:${HW.projectId}`, "--format", format]);
      expect(code).toBe(1);
      expect(out).toMatch(reason);
    }
  }, 60_000);

  test("a page that repeats the one before: paging stops, the ids are listed once, the scope is incomplete", async () => {
    emu.emulator.faults.add({ operation: "DescribeClustersV1", json: { clusters: Array.from({ length: 100 }, (_, i) => ackItem(i)), page_info: { total_count: 250, page_number: 1, page_size: 100 } }, count: 100 });
    const { code, out } = await runAudit(["--alibaba", ALI.region, "--format", "json"]);
    const report = JSON.parse(out) as { scopes: { errors: string[] }[]; rows: { resource: { service: string; id: string } }[] };
    expect(code).toBe(1);
    expect(report.scopes[0].errors).toEqual([`ACK DescribeClustersV1 on region ${ALI.region}: listing incomplete: page 2 repeated clusters already listed; the service reported 250 clusters, 100 arrived`]);
    const ids = report.rows.filter((r) => r.resource.service === "ack").map((r) => r.resource.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(emu.calls({ operation: "DescribeClustersV1" })).toHaveLength(2);
  }, 60_000);

  test("a huge total allocates nothing by it: one page asked for, the scope incomplete", async () => {
    emu.emulator.faults.add({ operation: "DescribeClustersV1", list_total: Number.MAX_SAFE_INTEGER });
    const { code, out } = await runAudit(["--alibaba", ALI.region]);
    expect(code).toBe(1);
    expect(out).toContain(`listing incomplete: the service reported ${Number.MAX_SAFE_INTEGER} clusters, 3 arrived`);
    expect(emu.calls({ operation: "DescribeClustersV1" })).toHaveLength(1);
  }, 60_000);

  test("honest paging is complete: no error, every ACK cluster once", async () => {
    const { code, out } = await runAudit(["--alibaba", ALI.region, "--format", "json"]);
    const report = JSON.parse(out) as { scopes: { errors: string[] }[] };
    expect(report.scopes[0].errors).toEqual([]);
    expect(code).toBe(2);
  }, 60_000);
});

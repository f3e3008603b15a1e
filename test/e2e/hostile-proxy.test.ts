// Hostile proxies (issue 22): a proxy that closes the CONNECT, never answers it, refuses it with
// 502, or opens the tunnel and closes it before TLS. The bundled hook process and the real CLI
// (`doctor`, `drift`, `review --live`, `audit`) go through it with HTTPS_PROXY set: each ends
// within its deadline (the construct's `timeout`, the command's `--timeout`), tries a bounded
// number of CONNECTs with backoff, and prints one line that names the proxy (never its
// password) and what it waited for.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { TerraformStack } from "cdktf";
import { BackupEncryption, Duration } from "../../lib";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { markdownText } from "../../lib/output/markdown-text";
import { HOOK_BUNDLE } from "../chaos/campaign";
import { HOSTILE_BEHAVIOURS, HostileBehaviour, HostileProxy } from "../support/hostile-proxy";
import { TAURUSDB, savePlan } from "../support/review-harness";
import { TAURUSDB_IN_SYNC_SPEC } from "../support/spec-fixtures";
import { TerraformWorkspace } from "../support/terraform-harness";

jest.setTimeout(120_000);

const CLI = path.join(path.dirname(path.dirname(HOOK_BUNDLE)), "bin", "cdktf-encryption.js");
const SECRET = "proxy-pass-0022";
const HOST = "gaussdb.cn-north-4.myhuaweicloud.com:443";
/** How long a process may run before the test gives up on it (today's main looped past any bound). */
const KILL_AFTER_MS = 60_000;

const hw = EMULATOR_CREDENTIALS.huawei;
const proxies = new Map<HostileBehaviour, HostileProxy>();
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-hostile-proxy-"));
  for (const behaviour of HOSTILE_BEHAVIOURS) proxies.set(behaviour, await HostileProxy.start(behaviour));
});

afterAll(async () => {
  for (const proxy of proxies.values()) await proxy.stop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const [behaviour, proxy] of proxies) proxy.misbehave(behaviour);
});

interface Finished {
  readonly code: number | null;
  readonly stderr: string;
  readonly stdout: string;
  readonly ms: number;
}

/** A process with the proxy in HTTPS_PROXY (with a password), the emulator's credentials, no endpoint variable; killed after KILL_AFTER_MS. */
function runThrough(proxy: HostileProxy, args: readonly string[], env: Record<string, string> = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? "",
        CHECKPOINT_DISABLE: "1",
        HW_ACCESS_KEY: hw.accessKey,
        HW_SECRET_KEY: hw.secretKey,
        HW_REGION_NAME: hw.region,
        HW_PROJECT_ID: hw.projectId,
        HTTPS_PROXY: proxy.url(`proxyuser:${SECRET}`),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const kill = setTimeout(() => child.kill("SIGKILL"), KILL_AFTER_MS);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(kill);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const errorLines = (text: string) => text.split("\n").filter((l) => l.startsWith("error: "));

/** What each behaviour's line says, after `proxy http://127.0.0.1:PORT (from HTTPS_PROXY)`. */
const SAYS: Record<HostileBehaviour, RegExp> = {
  close: new RegExp(`^ closed the connection before answering CONNECT to ${HOST}`),
  hang: new RegExp(`^ left CONNECT to ${HOST} unanswered for \\d+(\\.\\d)? s`),
  refuse: new RegExp(`^ answered HTTP 502 to CONNECT to ${HOST}`),
  "open-then-close": new RegExp(`^ opened the tunnel \\(CONNECT to ${HOST}\\), then the TLS handshake with the service through it failed`),
};

describe("the bundled hook, construct timeout 10 s, default 30 s per attempt", () => {
  test.each(HOSTILE_BEHAVIOURS)("a proxy that %ss: exit 1 within the timeout, a few CONNECTs, one line naming the proxy and the CONNECT", async (behaviour) => {
    const proxy = proxies.get(behaviour)!;
    const spec = { ...TAURUSDB_IN_SYNC_SPEC, timeout: "10s" };
    const result = await runThrough(proxy, [HOOK_BUNDLE, "apply"], { CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec) });
    // The run deadline is authoritative: 10 s, plus process start and the final line.
    expect(result.ms).toBeLessThan(18_000);
    expect(result.code).toBe(1);
    // A proxy failure is an attempt with backoff, not a reconnect loop (today's main: ~100 000 CONNECTs for `close`).
    expect(proxy.connects.length).toBeGreaterThanOrEqual(1);
    expect(proxy.connects.length).toBeLessThanOrEqual(8);
    expect(new Set(proxy.connects)).toEqual(new Set([HOST]));
    const lines = errorLines(result.stderr);
    expect(lines).toHaveLength(1);
    const named = `proxy http://127.0.0.1:${proxy.port} (from HTTPS_PROXY)`;
    expect(lines[0]).toContain(named);
    expect(lines[0].slice(lines[0].indexOf(named) + named.length)).toMatch(SAYS[behaviour]);
    expect(result.stderr + result.stdout).not.toContain(SECRET);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("the CLI through a proxy that never answers CONNECT", () => {
  let ws: TerraformWorkspace;
  let plan: string;
  beforeAll(async () => {
    ws = TerraformWorkspace.synth((stack: TerraformStack) => {
      new BackupEncryption(stack, "ledger-backups", {
        instance: { region: TAURUSDB.region, projectId: TAURUSDB.projectId, instanceId: TAURUSDB.ledger },
        kmsKeyId: TAURUSDB.key,
        timeout: Duration.minutes(2),
      });
    }, {});
    plan = (await savePlan(ws)).json;
  });
  afterAll(() => rmSync(ws.outdir, { recursive: true, force: true }));

  const hang = () => proxies.get("hang")!;
  const named = () => `proxy http://127.0.0.1:${hang().port} (from HTTPS_PROXY)`;

  test("doctor --timeout 2s: each of its two attempts ends at 2 s; not ready (exit 1), the read names the proxy and the CONNECT", async () => {
    const result = await runThrough(hang(), [CLI, "doctor", "--huawei-region", hw.region, "--project-id", hw.projectId, "--timeout", "2s", "--format", "json"]);
    expect(result.ms).toBeLessThan(12_000);
    expect(result.code).toBe(1);
    // The flags' region and project name both Huawei services: DWS and TaurusDB.
    const checks = JSON.parse(result.stdout).checks as { service: string; status: string; read: { error: string } }[];
    expect(checks.map((c) => [c.service, c.status])).toEqual([
      ["dws", "unreachable"],
      ["taurusdb", "unreachable"],
    ]);
    expect(checks[0].read.error).toContain(`ProxyTimeout: ${named()} left CONNECT to dws.cn-north-4.myhuaweicloud.com:443 unanswered for 2 s; gave up after 2 attempts`);
    expect(checks[1].read.error).toContain(`ProxyTimeout: ${named()} left CONNECT to ${HOST} unanswered for 2 s; gave up after 2 attempts`);
    expect(hang().connects).toHaveLength(4);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  test("drift --timeout 2s: the resource is unreachable, waiting for the CONNECT through the proxy; exit 1", async () => {
    const result = await runThrough(hang(), [CLI, "drift", "--stack", ws.stackDir, "--timeout", "2s", "--format", "json"]);
    expect(result.ms).toBeLessThan(10_000);
    expect(result.code).toBe(1);
    const [row] = JSON.parse(result.stdout).resources;
    expect(JSON.stringify(row)).toContain(`waiting for CONNECT to ${HOST} through ${named()}`);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  test("review --live --timeout 2s --fail-on unreachable: the live column says what it waited for; exit 2", async () => {
    const result = await runThrough(hang(), [CLI, "review", "--plan", plan, "--live", "--timeout", "2s", "--fail-on", "unreachable"]);
    expect(result.ms).toBeLessThan(10_000);
    expect(result.code).toBe(2);
    // The review comment is Markdown: the words arrive escaped for it (lib/output/markdown-text.ts).
    expect(result.stdout).toContain(markdownText(`waiting for CONNECT to ${HOST} through ${named()}`));
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  test("audit --timeout 2s: each listing's three attempts end at 2 s; exit 1, the scope not read names the proxy and the CONNECT", async () => {
    const result = await runThrough(hang(), [CLI, "audit", "--huawei", `${hw.region}:${hw.projectId}`, "--timeout", "2s", "--format", "json"]);
    expect(result.ms).toBeLessThan(15_000);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${named()} left CONNECT to dws.cn-north-4.myhuaweicloud.com:443 unanswered for 2 s`);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });
});

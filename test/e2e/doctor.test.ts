// `cdktf-encryption doctor` against the emulator: ready, wrong secret, missing permission,
// unreachable endpoint, no credentials, a proxy that does not answer, and usage errors — each
// with its exit code and JSON fields. The services come from a synthesized stack or the flags.
import { TerraformStack } from "cdktf";
import { AckCluster, BackupEncryption, Duration, EncryptedCluster } from "../../lib";
import { DoctorCheck, DoctorReport } from "../../lib/doctor/doctor";
import { runDoctorCommand } from "../../lib/cli/doctor-command";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { RunningEmulator } from "../support/emulator-harness";
import { TAURUSDB, runCommand, useEmulator } from "../support/review-harness";
import { closedPort } from "../support/closed-port";
import { TerraformWorkspace } from "../support/terraform-harness";

const hw = EMULATOR_CREDENTIALS.huawei;
const ali = EMULATOR_CREDENTIALS.alibaba;
const FLAGS = ["--huawei-region", hw.region, "--project-id", hw.projectId, "--alibaba-region", ali.region];

const emulator = useEmulator();
let cloud: RunningEmulator;
beforeEach(() => {
  cloud = emulator();
});

async function doctor(env: Record<string, string>, ...args: string[]): Promise<{ code: number; report: DoctorReport; stderr: string }> {
  const result = await runCommand(runDoctorCommand, [...args, "--format", "json"], { env });
  return { code: result.code, report: JSON.parse(result.stdout) as DoctorReport, stderr: result.stderr };
}

const byService = (report: DoctorReport) => Object.fromEntries(report.checks.map((c) => [c.service, c])) as Record<DoctorCheck["service"], DoctorCheck>;


test("ready: a synthesized stack's services, each with its credential source, endpoint, route and read; exit 0", async () => {
  const ws = TerraformWorkspace.synth((stack: TerraformStack) => {
    new BackupEncryption(stack, "orders-backups", { instance: { region: TAURUSDB.region, projectId: TAURUSDB.projectId, instanceId: TAURUSDB.orders }, kmsKeyId: TAURUSDB.key, timeout: Duration.minutes(2) });
    new BackupEncryption(stack, "ledger-backups", { instance: { region: TAURUSDB.region, projectId: TAURUSDB.projectId, instanceId: TAURUSDB.ledger }, kmsKeyId: TAURUSDB.key, timeout: Duration.minutes(2) });
    new EncryptedCluster(stack, "payments-k8s", { cluster: AckCluster.fromId({ region: ali.region, clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" }), masterKey: { id: "key-hzz6payments0secrets01" }, timeout: Duration.minutes(10) });
  }, cloud.env);

  const { code, report } = await doctor(cloud.env, "--stack", ws.stackDir);
  expect(code).toBe(0);
  expect(report.ready).toBe(true);
  expect(report.checks.map((c) => [c.service, c.region, c.status, c.usedBy.length])).toEqual([
    ["taurusdb", hw.region, "ready", 2],
    ["ack", ali.region, "ready", 1],
  ]);
  const { taurusdb, ack } = byService(report);
  expect(taurusdb).toMatchObject({
    cloud: "Huawei Cloud",
    projectId: hw.projectId,
    credentials: { source: "access key EMUL…0001 from HW_ACCESS_KEY/HW_SECRET_KEY" },
    endpoint: "http://gaussdb.cn-north-4.myhuaweicloud.com/",
    network: { route: `connects to ${cloud.url} (CDKTF_ENCRYPTION_CONNECT_TO), no proxy`, connectTo: cloud.url },
    read: { operation: "ListGaussMySqlInstances", sent: true, reachable: true, authenticated: true, authorised: true, visible: 3 },
  });
  expect(ack).toMatchObject({ endpoint: "http://cs.cn-hangzhou.aliyuncs.com/", read: { operation: "DescribeClustersV1", visible: 3, authorised: true } });
  expect(cloud.calls().map((c) => c.operation).sort()).toEqual(["DescribeClustersV1", "ListGaussMySqlInstances"]);
  expect(cloud.calls().every((c) => !c.mutating)).toBe(true);

  const text = await runCommand(runDoctorCommand, ["--stack", ws.stackDir], { env: cloud.env });
  expect(text.code).toBe(0);
  expect(text.stdout).toContain("Huawei Cloud TaurusDB in cn-north-4 (project 0a1b2c3d4e5f60718293a4b5c6d7e8f9): READY");
  expect(text.stdout).toContain("  read         ListGaussMySqlInstances: reachable, authenticated, authorised to read (sees 3 in this region and project)");
});

test("doctor prints the Huawei sources in the order the chain tried them (the provider's), why each was passed over, and the agency API", async () => {
  const env = { ...cloud.env, HW_ASSUME_ROLE_AGENCY_NAME: "encryption-admin", HW_ASSUME_ROLE_DOMAIN_ID: "d0acme0prod0000000000000000000001" };
  const { report } = await doctor(env, "--huawei-region", hw.region, "--project-id", hw.projectId);
  const { taurusdb } = byService(report);
  expect(taurusdb.sourcesTried?.map((t) => [t.source, t.outcome])).toEqual([
    ["IAM token", "not configured"],
    ["OIDC federation", "not configured"],
    ["shared config file profile", "not configured"],
    ["environment access keys", "used"],
  ]);
  expect(taurusdb.credentials.source).toContain("via STS v5 /v5/agencies/assume, STS's default duration;");
  const text = await runCommand(runDoctorCommand, ["--huawei-region", hw.region, "--project-id", hw.projectId], { env });
  expect(text.stdout).toContain("  sources      1. IAM token: not configured (HW_AUTH_TOKEN and OS_AUTH_TOKEN are not set)\n               2. OIDC federation: not configured");
  expect(text.stdout).toContain("               4. environment access keys: used\n");

  // With nothing configured and no metadata service, every source is listed with why it was passed over.
  const { CDKTF_ENCRYPTION_CONNECT_TO: _url, HW_ACCESS_KEY: _ak, HW_SECRET_KEY: _sk, ...bare } = cloud.env;
  const none = await doctor({ ...bare, CDKTF_ENCRYPTION_HUAWEI_METADATA_URL: `http://127.0.0.1:${await closedPort()}` }, "--huawei-region", hw.region, "--project-id", hw.projectId);
  const last = byService(none.report).dws.sourcesTried?.at(-1);
  expect(byService(none.report).dws.sourcesTried).toHaveLength(6);
  expect(last).toMatchObject({ source: "ECS instance agency (metadata)", outcome: "absent" });
});

test("doctor prints the Alibaba sources in the order the chain tried them (the alicloud provider's)", async () => {
  const { report } = await doctor(cloud.env, "--alibaba-region", ali.region);
  const tried = byService(report).ack.sourcesTried;
  expect(tried?.map((t) => [t.source, t.outcome])).toEqual([[expect.stringMatching(/keys/i), "used"]]);
  const { ALICLOUD_ACCESS_KEY: _ak, ALICLOUD_SECRET_KEY: _sk, ALIBABA_CLOUD_ACCESS_KEY_ID: _id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: _secret, ...bare } = cloud.env;
  const none = await doctor({ ...bare, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" }, "--alibaba-region", ali.region);
  const all = byService(none.report).ack.sourcesTried ?? [];
  expect(all.length).toBeGreaterThan(3);
  expect(all.every((t) => t.outcome !== "used" && t.why.length > 0)).toBe(true);
  // A configured source that is broken ends the account, with its reason; nothing after it is tried.
  const broken = await doctor({ ...bare, ALICLOUD_PROFILE: "no-such-profile" }, "--alibaba-region", ali.region);
  const last = byService(broken.report).ack.sourcesTried?.at(-1);
  expect(last).toMatchObject({ outcome: "failed", why: expect.stringContaining("no-such-profile") });
  const text = await runCommand(runDoctorCommand, ["--alibaba-region", ali.region], { env: cloud.env });
  expect(text.stdout).toMatch(/ {2}sources {6}1\. [^\n]*keys[^\n]*: used\n/i);
});

test("a region the services hold nothing in is still ready: the read proves access, and sees 0", async () => {
  const { code, report } = await doctor(cloud.env, "--huawei-region", "cn-east-3", "--project-id", hw.projectId);
  expect(code).toBe(0);
  expect(report.checks.map((c) => [c.service, c.endpoint, c.read.visible])).toEqual([
    ["dws", "http://dws.cn-east-3.myhuaweicloud.com/", 0],
    ["taurusdb", "http://gaussdb.cn-east-3.myhuaweicloud.com/", 0],
  ]);
});

test("wrong secret: the gateway's refusal, unauthenticated, exit 1; the other cloud stays ready", async () => {
  const { code, report } = await doctor({ ...cloud.env, HW_SECRET_KEY: "not-the-secret-key-of-this-access-key" }, ...FLAGS);
  expect(code).toBe(1);
  const { dws, taurusdb, ack } = byService(report);
  for (const check of [dws, taurusdb]) {
    expect(check.status).toBe("unauthenticated");
    expect(check.read).toMatchObject({ sent: true, reachable: true, authenticated: false, authorised: false });
    expect(check.read.error).toMatch(/failed: APIGW\.0301 \(HTTP 401\): Incorrect IAM authentication information/);
  }
  expect(ack.status).toBe("ready");
  expect(JSON.stringify(report)).not.toContain("not-the-secret-key-of-this-access-key");
});

test("missing permission: signed correctly, refused as denied: unauthorised, exit 1", async () => {
  const env = {
    ...cloud.env,
    HW_ACCESS_KEY: hw.noPermissionAccessKey,
    HW_SECRET_KEY: hw.noPermissionSecretKey,
    ALIBABA_CLOUD_ACCESS_KEY_ID: ali.noPermissionAccessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: ali.noPermissionAccessKeySecret,
  };
  const { code, report } = await doctor(env, ...FLAGS);
  expect(code).toBe(1);
  expect(report.checks.map((c) => [c.service, c.status, c.read.authenticated, c.read.authorised])).toEqual([
    ["dws", "unauthorised", true, false],
    ["taurusdb", "unauthorised", true, false],
    ["ack", "unauthorised", true, false],
  ]);
  expect(byService(report).ack.read.error).toMatch(/ACK DescribeClustersV1 .*failed: StatusForbidden \(HTTP 403\)/);
});

test("unreachable endpoint: not reachable, exit 1, with the connection error", async () => {
  const port = await closedPort();
  const { code, report } = await doctor({ ...cloud.env, CDKTF_ENCRYPTION_CONNECT_TO: `http://127.0.0.1:${port}` }, ...FLAGS);
  expect(code).toBe(1);
  for (const check of report.checks) {
    expect(check.status).toBe("unreachable");
    expect(check.read).toMatchObject({ sent: true, reachable: false });
    expect(check.read.error).toContain("ECONNREFUSED");
  }
});

test("a proxy that does not answer is named as the route and in the refusal", async () => {
  const port = await closedPort();
  const { CDKTF_ENCRYPTION_CONNECT_TO: url, ...rest } = cloud.env;
  const { code, report } = await doctor({ ...rest, CDKTF_ENCRYPTION_ENDPOINT: url, HTTP_PROXY: `http://127.0.0.1:${port}`, NODE_EXTRA_CA_CERTS: "/etc/ssl/bank-ca.pem" }, "--alibaba-region", ali.region);
  expect(code).toBe(1);
  expect(report.checks[0]).toMatchObject({
    status: "unreachable",
    network: { route: `through proxy http://127.0.0.1:${port} (HTTP_PROXY)`, proxy: `http://127.0.0.1:${port}`, proxyVariable: "HTTP_PROXY", extraCaCerts: "/etc/ssl/bank-ca.pem" },
  });
  expect(report.checks[0].read.error).toContain(`cannot reach proxy http://127.0.0.1:${port} (from HTTP_PROXY)`);
});

test("no credentials: the refusal of the credential source, nothing sent, exit 1", async () => {
  const { HW_ACCESS_KEY: _ak, HW_SECRET_KEY: _sk, ...rest } = cloud.env;
  // No keys, no profile file, and no metadata service answering: the chain finds nothing.
  const env = { ...rest, HOME: "/nonexistent", CDKTF_ENCRYPTION_HUAWEI_METADATA_URL: `http://127.0.0.1:${await closedPort()}` };
  const { code, report } = await doctor(env, ...FLAGS);
  expect(code).toBe(1);
  const { dws, ack } = byService(report);
  expect(dws).toMatchObject({ status: "no-credentials", read: { sent: false } });
  expect(dws.credentials.error).toMatch(/metadata/);
  expect(ack.status).toBe("ready");
  expect(cloud.calls().map((c) => c.operation)).toEqual(["DescribeClustersV1"]);
});

test("usage errors exit 64 with one line; --help exits 0", async () => {
  const bad = await runCommand(runDoctorCommand, ["--format", "xml", ...FLAGS], { env: cloud.env });
  expect(bad.code).toBe(64);
  expect(bad.stderr).toBe('error: --format "xml" is invalid: expected text or json (see `cdktf-encryption doctor --help`)\n');
  const half = await runCommand(runDoctorCommand, ["--huawei-region", "cn-north-4"], { env: cloud.env });
  expect(half.code).toBe(64);
  const unknown = await runCommand(runDoctorCommand, ["--regoin", "x"], { env: cloud.env });
  expect(unknown.code).toBe(64);
  const help = await runCommand(runDoctorCommand, ["--help"], { env: cloud.env });
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("usage: cdktf-encryption doctor");
});

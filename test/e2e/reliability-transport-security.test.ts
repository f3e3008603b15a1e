// Transport security: certificates are always verified (a private CA is trusted only through
// NODE_EXTRA_CA_CERTS, and NODE_TLS_REJECT_UNAUTHORIZED=0 does not turn verification off), plain
// http is refused for any host that is not loopback, for every cloud, before anything is sent.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { Server, createServer } from "node:https";
import { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runHook } from "../../lib/cli/hook";
import { MemoryLog } from "../../lib/runtime/log";
import { HOOK_BUNDLE } from "../chaos/campaign";
import { run } from "../support/terraform-harness";
import { ACK_SPEC, TAURUSDB_SPEC } from "../support/spec-fixtures";
import { createTestCa } from "../support/test-ca";

const CREDENTIALS = {
  HW_ACCESS_KEY: "AKTRANSPORTSEC000001",
  HW_SECRET_KEY: "transport-security-secret-00000000001",
  ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tTransportSec001",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "transportSecuritySecret000001",
};

let dir: string;
let server: Server;
let port: number;
let requests = 0;

beforeAll(async () => {
  // A private CA and a certificate it signed for localhost (not for 127.0.0.1).
  dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-tls-"));
  const ca = createTestCa(dir, ["localhost"]);
  server = createServer({ key: ca.key, cert: ca.cert }, (req, res) => {
    requests++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ encryption_status: "on" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** The bundled hook as Terraform runs it, with only the given environment. */
function hookProcess(spec: object, env: Record<string, string>) {
  return run(process.execPath, [HOOK_BUNDLE, "apply"], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec), CDKTF_ENCRYPTION_ENDPOINT: `https://localhost:${port}`, ...CREDENTIALS, ...env },
  });
}

test("a certificate from an unknown CA is refused, in one line naming the operation", async () => {
  const result = await hookProcess(TAURUSDB_SPEC, {});
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split("\n").filter((l) => l.startsWith("error: "));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: TaurusDB ShowBackupEncryptStatus on instance \S+ failed: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
});

test("NODE_TLS_REJECT_UNAUTHORIZED=0 does not turn verification off", async () => {
  const before = requests;
  const result = await hookProcess(TAURUSDB_SPEC, { NODE_TLS_REJECT_UNAUTHORIZED: "0" });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: TaurusDB ShowBackupEncryptStatus .*failed: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/m);
  expect(requests).toBe(before);
});

test("a private CA is trusted through NODE_EXTRA_CA_CERTS, and the certificate is still checked", async () => {
  const trusted = await hookProcess(TAURUSDB_SPEC, { NODE_EXTRA_CA_CERTS: path.join(dir, "ca.pem") });
  expect(trusted.stderr).toContain("in sync (encrypted backup on), nothing to do");
  expect(trusted.code).toBe(0);
  // The same CA, but a name the certificate does not carry: refused.
  const wrongName = await run(process.execPath, [HOOK_BUNDLE, "apply"], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", CDKTF_ENCRYPTION_SPEC: JSON.stringify(TAURUSDB_SPEC), CDKTF_ENCRYPTION_ENDPOINT: `https://127.0.0.1:${port}`, NODE_EXTRA_CA_CERTS: path.join(dir, "ca.pem"), ...CREDENTIALS },
  });
  expect(wrongName.code).toBe(1);
});

test.each([
  ["Huawei Cloud (TaurusDB)", TAURUSDB_SPEC],
  ["Alibaba Cloud (ACK)", ACK_SPEC],
])("%s: plain http to a host that is not loopback is refused before anything is sent", async (_cloud, spec) => {
  const log = new MemoryLog();
  const env = { ...CREDENTIALS, CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec), CDKTF_ENCRYPTION_ENDPOINT: "http://10.20.30.40:4599" };
  const code = await runHook(["apply"], { env, log });
  expect(code).toBe(1);
  expect(log.lines).toEqual([
    'error: CDKTF_ENCRYPTION_ENDPOINT "http://10.20.30.40:4599" uses plain http to a non-loopback host: only https is allowed there (http only for 127.0.0.1/localhost, e.g. the emulator)',
  ]);
});

test("no code path turns certificate verification off", () => {
  const root = path.resolve(__dirname, "../../lib");
  const files = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(path.join(d, n)).isDirectory() ? files(path.join(d, n)) : [path.join(d, n)]));
  const offenders = files(root)
    .filter((f) => f.endsWith(".ts"))
    .filter((f) => {
      const code = readFileSync(f, "utf8").replace(/\/\*[^]*?\*\//g, "").replace(/\/\/.*$/gm, "");
      return /rejectUnauthorized\s*:\s*(?!\s|true\b)|NODE_TLS_REJECT_UNAUTHORIZED|checkServerIdentity\s*:/.test(code);
    })
    .map((f) => path.relative(root, f));
  expect(offenders).toEqual([]);
});

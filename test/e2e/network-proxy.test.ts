// Proxies, as a bank's runner has them: the bundled hook process goes through a forward proxy
// for plain http (the emulator on loopback) and through a CONNECT tunnel for https, with TLS
// verified end to end against a private CA given in NODE_EXTRA_CA_CERTS; NO_PROXY exempts what
// it names; an unreachable proxy fails in one line naming the proxy.
import { mkdtempSync, rmSync } from "node:fs";
import { IncomingMessage, Server, ServerResponse, createServer, request as httpRequest } from "node:http";
import { AddressInfo, Socket, connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Server as TlsServer, createServer as createTlsServer } from "node:tls";
import { HOOK_BUNDLE } from "../chaos/campaign";
import { closedPort } from "../support/closed-port";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { ACK_IN_SYNC_SPEC as LEDGER_K8S, TAURUSDB_IN_SYNC_SPEC as LEDGER_DB } from "../support/spec-fixtures";
import { ProcessResult, run } from "../support/terraform-harness";
import { createTestCa } from "../support/test-ca";

let cloud: RunningEmulator;
let dir: string;
let proxy: Server;
let proxyUrl: string;
let tls: TlsServer;
let caFile: string;
/** Absolute-form requests the proxy forwarded, and CONNECT authorities it tunnelled. */
const forwarded: string[] = [];
const tunnels: string[] = [];

function listen(server: { listen(port: number, host: string, cb: () => void): unknown; address(): unknown }): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  cloud = await startEmulator();
  const emulatorPort = Number(new URL(cloud.url).port);

  // A private CA and a certificate it signed for the public host names the hook will use.
  dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-proxy-"));
  const ca = createTestCa(dir, ["*.cn-north-4.myhuaweicloud.com", "*.cn-hangzhou.aliyuncs.com"]);
  caFile = ca.caFile;

  // The "cloud" behind the proxy: TLS terminated with that certificate, then the emulator.
  tls = createTlsServer({ key: ca.key, cert: ca.cert }, (socket) => {
    const upstream = netConnect(emulatorPort, "127.0.0.1");
    socket.pipe(upstream).pipe(socket);
    socket.on("error", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
  });
  const tlsPort = await listen(tls);

  // The proxy: forwards absolute-form http requests, tunnels CONNECT to the TLS endpoint
  // (it plays the DNS that would resolve the public names).
  proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
    forwarded.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? "/");
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  proxy.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? "");
    const upstream = netConnect(tlsPort, "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
});

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await new Promise<void>((resolve) => tls.close(() => resolve()));
  await cloud.stop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  cloud.emulator.reset();
  forwarded.length = 0;
  tunnels.length = 0;
});

/** The bundled hook as Terraform runs it: the emulator's credentials, no endpoint variable unless given. */
function hook(spec: object, env: Record<string, string>): Promise<ProcessResult> {
  const { CDKTF_ENCRYPTION_CONNECT_TO: _connectTo, ...credentials } = cloud.env;
  return run(process.execPath, [HOOK_BUNDLE, "apply"], { cwd: dir, env: { PATH: process.env.PATH ?? "", ...credentials, CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec), ...env } });
}

function errorLines(result: ProcessResult): string[] {
  return result.stderr.split("\n").filter((l) => l.startsWith("error: "));
}

test("plain http to the emulator goes through the forward proxy of HTTP_PROXY, and NO_PROXY exempts it", async () => {
  const viaProxy = await hook(LEDGER_DB, { CDKTF_ENCRYPTION_ENDPOINT: cloud.url, HTTP_PROXY: proxyUrl });
  expect(viaProxy.stderr).toContain("in sync");
  expect(viaProxy.code).toBe(0);
  expect(forwarded).toEqual([`GET ${cloud.url}/v3/${LEDGER_DB.project_id}/instances/${LEDGER_DB.instance_id}/backups/encryption`]);

  forwarded.length = 0;
  const exempt = await hook(LEDGER_DB, { CDKTF_ENCRYPTION_ENDPOINT: cloud.url, http_proxy: proxyUrl, NO_PROXY: "localhost,127.0.0.1" });
  expect(exempt.code).toBe(0);
  expect(forwarded).toEqual([]);
  expect(cloud.calls({ operation: "ShowBackupEncryptStatus" })).toHaveLength(2);
});

test.each([
  ["TaurusDB", LEDGER_DB, "gaussdb.cn-north-4.myhuaweicloud.com:443"],
  ["ACK", LEDGER_K8S, "cs.cn-hangzhou.aliyuncs.com:443"],
])("%s over https: a CONNECT tunnel through HTTPS_PROXY, the certificate of the public host verified with NODE_EXTRA_CA_CERTS", async (_service, spec, authority) => {
  const trusted = await hook(spec, { HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: caFile });
  expect(errorLines(trusted)).toEqual([]);
  expect(trusted.stderr).toContain("in sync");
  expect(trusted.code).toBe(0);
  expect(tunnels).toEqual([authority]);

  // Without the CA the tunnel opens, but the certificate behind it is refused: TLS is end to end.
  tunnels.length = 0;
  const untrusted = await hook(spec, { HTTPS_PROXY: proxyUrl });
  expect(untrusted.code).toBe(1);
  expect(errorLines(untrusted)).toHaveLength(1);
  expect(errorLines(untrusted)[0]).toMatch(/failed: (UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
  expect(tunnels).toEqual([authority]);
});

test("an unreachable proxy fails at once in one line naming the proxy and its variable", async () => {
  const port = await closedPort();
  const started = Date.now();
  const result = await hook(LEDGER_DB, { HTTPS_PROXY: `http://proxyuser:proxy-pass-0001@127.0.0.1:${port}` });
  expect(result.code).toBe(1);
  const lines = errorLines(result);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`failed: ECONNREFUSED: cannot reach proxy http://127.0.0.1:${port} (from HTTPS_PROXY)`);
  expect(lines[0]).toContain(`Check: that the proxy http://127.0.0.1:${port} is running and reachable from this machine`);
  expect(result.stderr).not.toContain("proxy-pass-0001");
  expect(result.stderr).not.toMatch(/\n\s+at /);
  // Refused by the proxy's host: a configuration error, not retried for minutes.
  expect(Date.now() - started).toBeLessThan(15_000);
});

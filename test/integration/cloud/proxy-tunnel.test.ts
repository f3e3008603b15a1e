// The library's CONNECT tunnel (lib/cloud/proxy-tunnel.ts), through the transport: the proxy's
// credentials go in Proxy-Authorization and never into a message; a 407 is a clear,
// unretried error; a proxy that answers with something that is not HTTP is named.
import { AddressInfo, Server, createServer } from "node:net";
import { CloudError } from "../../../lib/cloud/cloud-error";
import { HttpTransport, closeConnections } from "../../../lib/cloud/http-transport";
import { HUAWEI_DIALECT } from "../../../lib/cloud/huawei/huawei-dialect";
import { huaweiErrorParser } from "../../../lib/cloud/huawei/huawei-errors";
import { HuaweiSigner } from "../../../lib/cloud/huawei/huawei-signer";

let server: Server;
let answer = "";
const heads: string[] = [];

beforeAll(async () => {
  server = createServer((socket) => {
    socket.on("error", () => socket.destroy());
    socket.once("data", (chunk) => {
      heads.push(chunk.toString("latin1"));
      socket.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => closeConnections());

async function callThroughProxy(): Promise<CloudError> {
  const port = (server.address() as AddressInfo).port;
  const transport = new HttpTransport({
    baseUrl: new URL("https://dws.cn-north-4.myhuaweicloud.com"),
    signer: new HuaweiSigner({ kind: "aksk", accessKey: "AKTUNNELTEST00000001", secretKey: "tunnel-test-secret-00000000000000000001" }, "0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
    parseError: huaweiErrorParser({ busyCodes: new Set(), notFoundCodes: new Set(), successCodes: new Set() }),
    dialect: HUAWEI_DIALECT,
    maxAttempts: 1,
    env: { HTTPS_PROXY: `http://bank%20user:p%40ss-0022@127.0.0.1:${port}` },
  });
  return transport.call({ service: "DWS", operation: "ListClusters", method: "GET", path: "/v1.0/p/clusters", idempotent: true }).then(
    () => {
      throw new Error("the call succeeded");
    },
    (error: unknown) => error as CloudError,
  );
}

test("a 407: Proxy-Authorization carried the URL's user and password (decoded), the error names the proxy without them and is not retried", async () => {
  heads.length = 0;
  answer = "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n";
  const error = await callThroughProxy();
  expect(heads).toHaveLength(1);
  expect(heads[0]).toMatch(/^CONNECT dws\.cn-north-4\.myhuaweicloud\.com:443 HTTP\/1\.1\r\nHost: dws\.cn-north-4\.myhuaweicloud\.com:443\r\n/);
  expect(heads[0]).toContain(`Proxy-Authorization: Basic ${Buffer.from("bank user:p@ss-0022").toString("base64")}\r\n`);
  expect(error.code).toBe("ProxyAuthenticationRequired");
  expect(error.retryable).toBe(false);
  expect(error.message).toMatch(/^DWS ListClusters failed: ProxyAuthenticationRequired: proxy http:\/\/127\.0\.0\.1:\d+ \(from HTTPS_PROXY\) requires authentication \(HTTP 407\) for CONNECT to dws\.cn-north-4\.myhuaweicloud\.com:443/);
  expect(error.message).not.toContain("p@ss-0022");
  expect(error.message).not.toContain("p%40ss-0022");
});

test("an answer that is not HTTP is the proxy's failure, said as such", async () => {
  answer = "SSH-2.0-OpenSSH_9.6\r\n\r\n";
  const error = await callThroughProxy();
  expect(error.code).toBe("ProxyRefused");
  expect(error.message).toContain('answered CONNECT to dws.cn-north-4.myhuaweicloud.com:443 with something that is not HTTP: "SSH-2.0-OpenSSH_9.6"');
});

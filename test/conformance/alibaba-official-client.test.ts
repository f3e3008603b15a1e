import { IncomingMessage, ServerResponse, createServer, request as httpRequest } from "node:http";
import { AddressInfo } from "node:net";
import CsClient, { UpdateKMSEncryptionRequest } from "@alicloud/cs20151215";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { ACK_WORLD, ackCluster } from "../support/ack-world";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";

const ali = EMULATOR_CREDENTIALS.alibaba;
const { payments: PAYMENTS, key: KEY } = ACK_WORLD;

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

/** The official ACK client, pointed at a local endpoint (`host:port`, plain http). */
function officialClient(endpoint: string, credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = ali): CsClient {
  return new CsClient(new $OpenApiUtil.Config({ ...credentials, endpoint, protocol: "http", regionId: ali.region }));
}

function hostOf(url: string): string {
  return new URL(url).host;
}

const cluster = () => ackCluster(cloud.emulator);

test("UpdateKMSEncryption and DescribeClusterDetail from the official client succeed", async () => {
  const client = officialClient(hostOf(cloud.url));
  const before = await client.describeClusterDetail(PAYMENTS);
  expect(before.statusCode).toBe(200);
  expect(before.body?.clusterId).toBe(PAYMENTS);
  expect(before.body?.clusterSpec).toBe("ack.pro.small");
  expect(before.body?.state).toBe("running");
  expect(JSON.parse(before.body?.metaData ?? "{}").Capabilities.EncryptionKMSKeyId).toBeUndefined();

  const updated = await client.updateKMSEncryption(PAYMENTS, new UpdateKMSEncryptionRequest({ disableEncryption: false, kmsKeyId: KEY }));
  expect(updated.statusCode).toBe(200);
  cloud.emulator.clock.advance(60);
  const after = await client.describeClusterDetail(PAYMENTS);
  expect(JSON.parse(after.body?.metaData ?? "{}").Capabilities).toEqual(expect.objectContaining({ EncryptionKMSKeyId: KEY, DisableEncryption: false }));
  expect(cluster().secret_encryption).toBe("on");
});

test("the official client with STS credentials is accepted", async () => {
  const client = officialClient(hostOf(cloud.url), { accessKeyId: ali.stsAccessKeyId, accessKeySecret: ali.stsAccessKeySecret, securityToken: ali.securityToken });
  const detail = await client.describeClusterDetail(PAYMENTS);
  expect(detail.statusCode).toBe(200);
});

test("a wrong secret is refused with SignatureDoesNotMatch and changes nothing", async () => {
  const client = officialClient(hostOf(cloud.url), { accessKeyId: ali.accessKeyId, accessKeySecret: "not-the-secret-of-this-key" });
  await expect(client.updateKMSEncryption(PAYMENTS, new UpdateKMSEncryptionRequest({ kmsKeyId: KEY }))).rejects.toMatchObject({ code: "SignatureDoesNotMatch" });
  cloud.emulator.clock.advance(60);
  expect(cluster().secret_encryption).toBe("off");
  expect(cloud.performed()).toHaveLength(0);
});

test("a body altered on the way is refused and changes nothing", async () => {
  // A man in the middle that swaps the key id for another of the same length.
  const proxy = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.from(Buffer.concat(chunks).toString("utf8").replace(KEY, "key-hzz6payments0secrets02"));
      const target = new URL(cloud.url);
      const { "transfer-encoding": _chunked, ...headers } = req.headers;
      const forward = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...headers, "content-length": String(body.length) } },
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        },
      );
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  try {
    const client = officialClient(`127.0.0.1:${(proxy.address() as AddressInfo).port}`);
    await expect(client.updateKMSEncryption(PAYMENTS, new UpdateKMSEncryptionRequest({ kmsKeyId: KEY }))).rejects.toMatchObject({ code: "SignatureDoesNotMatch" });
  } finally {
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  }
  cloud.emulator.clock.advance(60);
  expect(cluster().secret_encryption).toBe("off");
  expect(cloud.performed()).toHaveLength(0);
});

test("ACK's own errors reach the official client in its shape", async () => {
  const client = officialClient(hostOf(cloud.url));
  await expect(client.describeClusterDetail("c00000000000000000000000000000000")).rejects.toMatchObject({ code: "ErrorClusterNotFound", statusCode: 404 });
  await expect(client.updateKMSEncryption(PAYMENTS, new UpdateKMSEncryptionRequest({ kmsKeyId: "key-shh6payments0secrets01" }))).rejects.toMatchObject({
    code: "ErrorKMSKeyNotFound",
  });
});

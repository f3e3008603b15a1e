import { IncomingMessage, ServerResponse, createServer, request as httpRequest } from "node:http";
import { AddressInfo } from "node:net";
import CsClient, { DescribeClusterDetailResponseBody, UpdateKMSEncryptionRequest } from "@alicloud/cs20151215";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { EMULATOR_CREDENTIALS } from "../../../lib/emulator/fixture";
import { ACK_WORLD, ackCluster } from "../../support/ack-world";
import { RunningEmulator, startEmulator } from "../../support/emulator-harness";

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
  expect(JSON.parse(before.body?.metaData ?? "{}").Capabilities.EncryptionKMSKeyId).toBe("");

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
    code: "UNVERIFIED.ACK.KmsKeyNotFound",
  });
});

/** Properties of an @alicloud/cs20151215 model the client left unset, nested models included. */
function unsetFields(value: unknown, model: { names(): Record<string, string>; types(): Record<string, unknown> }, path = ""): string[] {
  const object = value as Record<string, unknown>;
  const out: string[] = [];
  for (const property of Object.keys(model.names())) {
    const field = object[property];
    if (field === undefined || field === null) {
      out.push(`${path}${property}`);
      continue;
    }
    const type = model.types()[property];
    if (typeof type === "function" && "names" in type) out.push(...unsetFields(field, type as never, `${path}${property}.`));
    const item = (type as { itemType?: unknown } | undefined)?.itemType;
    if (typeof item === "function" && "names" in item && Array.isArray(field)) field.forEach((v, i) => out.push(...unsetFields(v, item as never, `${path}${property}[${i}].`)));
  }
  return out;
}

test("the official client drives enable, the 409 cool-down, a key change and disable; every answer fills its model", async () => {
  const client = officialClient(hostOf(cloud.url));
  const capabilities = async () => {
    const detail = await client.describeClusterDetail(PAYMENTS);
    expect(unsetFields(detail.body, DescribeClusterDetailResponseBody)).toEqual([]);
    expect(detail.headers?.["x-acs-request-id"]).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    return JSON.parse(detail.body!.metaData!).Capabilities as Record<string, unknown>;
  };
  expect(await capabilities()).toEqual(expect.objectContaining({ DisableEncryption: true, EncryptionKMSKeyId: "" }));

  const enabled = await client.updateKMSEncryption(PAYMENTS, new UpdateKMSEncryptionRequest({ disableEncryption: false, kmsKeyId: KEY }));
  expect(enabled.statusCode).toBe(200);
  cloud.emulator.clock.advance(60);
  expect(await capabilities()).toEqual(expect.objectContaining({ DisableEncryption: false, EncryptionKMSKeyId: KEY }));

  // Within five minutes of the last change ACK answers 409; the code string is not documented.
  await expect(client.updateKMSEncryption(PAYMENTS, new UpdateKMSEncryptionRequest({ kmsKeyId: ACK_WORLD.key2 }))).rejects.toMatchObject({ statusCode: 409 });
  expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(1);
  cloud.emulator.clock.advance(300);

  const changed = await client.updateKMSEncryption(PAYMENTS, new UpdateKMSEncryptionRequest({ kmsKeyId: ACK_WORLD.key2 }));
  expect(changed.statusCode).toBe(200);
  cloud.emulator.clock.advance(60);
  expect(await capabilities()).toEqual(expect.objectContaining({ DisableEncryption: false, EncryptionKMSKeyId: ACK_WORLD.key2 }));
  cloud.emulator.clock.advance(300);

  const disabled = await client.updateKMSEncryption(PAYMENTS, new UpdateKMSEncryptionRequest({ disableEncryption: true }));
  expect(disabled.statusCode).toBe(200);
  cloud.emulator.clock.advance(60);
  expect(await capabilities()).toEqual(expect.objectContaining({ DisableEncryption: true, EncryptionKMSKeyId: ACK_WORLD.key2 }));
  expect(cluster().secret_encryption).toBe("off");
  expect(cloud.performed("UpdateKMSEncryption")).toHaveLength(3);
});

test("a RAM denial reaches the official client as StatusForbidden (HTTP 403) naming the action", async () => {
  const client = officialClient(hostOf(cloud.url), { accessKeyId: ali.readOnlyAccessKeyId, accessKeySecret: ali.readOnlyAccessKeySecret });
  await expect(client.updateKMSEncryption(PAYMENTS, new UpdateKMSEncryptionRequest({ kmsKeyId: KEY }))).rejects.toMatchObject({
    code: "StatusForbidden",
    statusCode: 403,
    message: expect.stringContaining("RAM policy Forbidden for action cs:UpdateKMSEncryption"),
  });
});

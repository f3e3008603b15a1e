import { createServer, IncomingMessage, Server } from "node:http";
import { AddressInfo } from "node:net";
import { AckClient } from "../../../../lib/cloud/alibaba/ack-client";
import { CloudError } from "../../../../lib/cloud/cloud-error";
import { closeConnections } from "../../../../lib/cloud/http-transport";
import { EMULATOR_CREDENTIALS } from "../../../../lib/emulator/emulator-credentials";

const CLUSTER = "c8155823d057948c69a9b9dbc1f0c8f1e";

let server: Server;
let env: NodeJS.ProcessEnv;
const received: IncomingMessage[] = [];
let detail: Record<string, unknown> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(req);
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "x-acs-request-id": "5E4C2C04-0000-0000-0000-000000000001" });
      res.end(JSON.stringify(detail));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  env = {
    CDKTF_ENCRYPTION_CONNECT_TO: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // The emulator's made-up keys: the recording server checks no signature.
    ALIBABA_CLOUD_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.alibaba.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: EMULATOR_CREDENTIALS.alibaba.accessKeySecret,
  };
});

afterAll(async () => {
  await closeConnections();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test("DescribeClusterDetail names its action and API version and reads Secret encryption from meta_data", async () => {
  detail = { cluster_id: CLUSTER, state: "running", meta_data: JSON.stringify({ Capabilities: { EncryptionKMSKeyId: "key-1", DisableEncryption: false } }) };
  const cluster = await new AckClient({ region: "cn-hangzhou", env }).describeClusterDetail(CLUSTER);
  expect(cluster).toMatchObject({ clusterId: CLUSTER, state: "running", encryption: { enabled: true, kmsKeyId: "key-1" } });
  const request = received[received.length - 1];
  expect([request.method, request.url, request.headers["x-acs-action"], request.headers["x-acs-version"], request.headers.accept]).toEqual([
    "GET",
    `/clusters/${CLUSTER}`,
    "DescribeClusterDetail",
    "2015-12-15",
    "application/json",
  ]);
});

test("meta_data that is not JSON is an unexpected answer about that cluster, not a cluster without encryption", async () => {
  detail = { cluster_id: CLUSTER, state: "running", meta_data: "{not json" };
  const calls = received.length;
  const error = await new AckClient({ region: "cn-hangzhou", env }).describeClusterDetail(CLUSTER).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CloudError);
  expect(error).toMatchObject({ service: "ACK", operation: "DescribeClusterDetail", resource: `cluster ${CLUSTER}`, code: "UnexpectedResponse", retryable: false });
  expect((error as CloudError).message).toContain("meta_data is not JSON");
  expect(received.length).toBe(calls + 1);
});

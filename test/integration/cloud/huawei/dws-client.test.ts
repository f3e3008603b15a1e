import { createServer, IncomingMessage, Server } from "node:http";
import { AddressInfo } from "node:net";
import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials";
import { CloudError } from "../../../../lib/cloud/cloud-error";
import { Clock } from "../../../../lib/runtime/clock";
import { closeConnections } from "../../../../lib/cloud/http-transport";
import { DwsClient, isDwsNotFound } from "../../../../lib/cloud/huawei/dws-client";
import { MemoryLog } from "../../../../lib/runtime/log";

const PROJECT = "89cd04f168b84af6be287f71730fdb4b";
const CLUSTER = "97cbaab3-939e-4dbc-9187-0fe240f2b9fd";
const KEY = "0f3196c8-5c23-469f-84da-92ecd2499dce";
const AK = "AKDWSCLIENTTEST00001";
const SK = "dws-client-test-secret-00000000000001";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}
type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/** A loopback server that records every request and answers from a queue per path suffix. */
class RecordingServer {
  readonly received: Received[] = [];
  private readonly replies: { match: string; reply: Reply }[] = [];
  private server!: Server;
  url!: string;

  reply(match: string, ...replies: Reply[]): void {
    for (const reply of replies) this.replies.push({ match, reply });
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.received.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        const index = this.replies.findIndex((r) => req.url!.endsWith(r.match));
        const { reply } = index >= 0 ? this.replies.splice(index, 1)[0] : { reply: { status: 500, body: { error_code: "DWS.9999", error_msg: "no scripted reply" } } as Reply };
        res.writeHead(reply.status, { "content-type": "application/json", "x-request-id": "req-0001", ...(reply.headers ?? {}) });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

function instantClock(): Clock & { sleeps: number[] } {
  let now = Date.parse("2026-01-01T00:00:00Z");
  const sleeps: number[] = [];
  return { sleeps, now: () => now, sleep: async (ms) => void (sleeps.push(ms), (now += ms)) };
}

let server: RecordingServer;
let clock: ReturnType<typeof instantClock>;
let log: MemoryLog;
let client: DwsClient;

beforeEach(async () => {
  server = new RecordingServer();
  await server.start();
  clock = instantClock();
  log = new MemoryLog();
  client = new DwsClient({
    region: "cn-north-4",
    projectId: PROJECT,
    env: { CDKTF_ENCRYPTION_ENDPOINT: server.url, HW_ACCESS_KEY: AK, HW_SECRET_KEY: SK },
    clock,
    log,
  });
});
afterEach(async () => {
  await closeConnections();
  await server.stop();
});

/** The official SDK's Authorization for exactly what the server received. */
function officialAuthorization(r: Received): string {
  const headers: Record<string, string> = { "X-Sdk-Date": String(r.headers["x-sdk-date"]), "X-Project-Id": String(r.headers["x-project-id"]) };
  if (r.headers["content-type"]) headers["content-type"] = String(r.headers["content-type"]);
  const signed = AKSKSigner.sign(
    { endpoint: `${server.url}${r.url}`, method: r.method, headers, queryParams: {}, data: r.body ? JSON.parse(r.body) : undefined } as never,
    new BasicCredentials().withAk(AK).withSk(SK),
  ) as Record<string, string>;
  return signed.Authorization;
}

describe("requests are shaped as the API reference says and signed as the official SDK signs", () => {
  test("convert to encrypted: POST /v2/…/encrypt with the encrypt object, not retried blindly", async () => {
    server.reply("/encrypt", { status: 200, body: { job_id: "2c9080d08cc99d28018ccd139e942498" } });
    const jobId = await client.encryptCluster(CLUSTER, { masterKeyId: KEY, masterKeyName: "KMS-1abd-1016", cryptAlgorithm: "generalCipher" });
    expect(jobId).toBe("2c9080d08cc99d28018ccd139e942498");
    const [r] = server.received;
    expect(r.method).toBe("POST");
    expect(r.url).toBe(`/v2/${PROJECT}/clusters/${CLUSTER}/encrypt`);
    expect(r.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(r.body)).toEqual({ encrypt: { master_key_id: KEY, master_key_name: "KMS-1abd-1016", crypt_algorithm: "generalCipher" } });
    expect(r.headers.authorization).toBe(officialAuthorization(r));
    expect(r.headers.authorization).toContain("SignedHeaders=content-type;host;x-project-id;x-sdk-date");
  });

  test("the key name is optional and left out when not given", async () => {
    server.reply("/encrypt", { status: 200, body: { job_id: "j1" } });
    await client.encryptCluster(CLUSTER, { masterKeyId: KEY, cryptAlgorithm: "SMcompatible" });
    expect(JSON.parse(server.received[0].body)).toEqual({ encrypt: { master_key_id: KEY, crypt_algorithm: "SMcompatible" } });
  });

  test("encrypt-info: GET /v1/…/encrypt-info; all-null means not encrypted; the server's clock is kept", async () => {
    server.reply(
      "/encrypt-info",
      { status: 200, body: { id: null, cluster_id: null, master_key_id: null, master_key_name: null, last_rotate_key_time: null, crypt_algorithm: null } },
      {
        status: 200,
        headers: { date: "Wed, 14 May 2025 08:03:00 GMT" },
        body: { id: "e1", cluster_id: CLUSTER, master_key_id: KEY, master_key_name: "KMS-1abd-1016", last_rotate_key_time: "2025-05-14 08:02:59", crypt_algorithm: "generalCipher" },
      },
    );
    expect((await client.getEncryptInfo(CLUSTER)).encryption).toBeUndefined();
    const info = await client.getEncryptInfo(CLUSTER);
    expect(info.encryption).toEqual({ masterKeyId: KEY, masterKeyName: "KMS-1abd-1016", cryptAlgorithm: "generalCipher", lastRotateKeyTime: "2025-05-14 08:02:59" });
    expect(info.serverTime?.toISOString()).toBe("2025-05-14T08:03:00.000Z");
    for (const r of server.received) {
      expect(r.method).toBe("GET");
      expect(r.url).toBe(`/v1/${PROJECT}/clusters/${CLUSTER}/encrypt-info`);
      expect(r.body).toBe("");
      expect(r.headers["content-type"]).toBeUndefined();
      expect(r.headers.authorization).toBe(officialAuthorization(r));
    }
  });

  test("rotate-key always sends a JSON object, as the official SDK does: {} without a key, {master_key_id} with one", async () => {
    server.reply("/rotate-key", { status: 200, body: { master_key_name: "KMS-1abd-1016", cluster_id: CLUSTER, rotate_key_time: "2025-05-14 08:02:59" } });
    server.reply("/rotate-key", { status: 200, body: { master_key_name: "rotation-key-2", cluster_id: CLUSTER, rotate_key_time: "2025-05-14 09:00:00" } });
    expect(await client.rotateKey(CLUSTER)).toEqual({ masterKeyName: "KMS-1abd-1016", rotateKeyTime: "2025-05-14 08:02:59" });
    expect(await client.rotateKey(CLUSTER, KEY)).toEqual({ masterKeyName: "rotation-key-2", rotateKeyTime: "2025-05-14 09:00:00" });
    const [plain, withKey] = server.received;
    expect(plain.url).toBe(`/v1/${PROJECT}/clusters/${CLUSTER}/rotate-key`);
    expect(plain.body).toBe("{}");
    expect(plain.headers["content-type"]).toBe("application/json");
    expect(withKey.body).toBe(JSON.stringify({ master_key_id: KEY }));
    expect(withKey.headers["content-type"]).toBe("application/json");
    for (const r of server.received) {
      expect(r.method).toBe("POST");
      expect(r.headers.authorization).toBe(officialAuthorization(r));
    }
  });

  test("job status: GET /v1.0/…/job/{id}, flat fields, progress as a number", async () => {
    server.reply("/job/j1", { status: 200, body: { job_id: "j1", job_name: "encryptCluster", status: "RUNNING", progress: "40%", failed_code: null, failed_detail: null } });
    expect(await client.getJob("j1")).toEqual({ jobId: "j1", jobName: "encryptCluster", status: "RUNNING", progress: 40, failedCode: undefined, failedDetail: undefined });
    expect(server.received[0].url).toBe(`/v1.0/${PROJECT}/job/j1`);
    expect(server.received[0].headers.authorization).toBe(officialAuthorization(server.received[0]));
  });

  test("cluster detail: GET /v1.0/…/clusters/{id}", async () => {
    server.reply(`/clusters/${CLUSTER}`, {
      status: 200,
      body: { cluster: { id: CLUSTER, status: "AVAILABLE", task_status: "SNAPSHOTTING", action_progress: { SNAPSHOTTING: "20%" }, version: "8.1.3.110" } },
    });
    const detail = await client.getCluster(CLUSTER);
    expect(detail).toEqual(expect.objectContaining({ status: "AVAILABLE", taskStatus: "SNAPSHOTTING", actionProgress: { SNAPSHOTTING: "20%" }, version: "8.1.3.110" }));
    expect(server.received[0].url).toBe(`/v1.0/${PROJECT}/clusters/${CLUSTER}`);
  });
});

describe("DWS errors", () => {
  test("an error inside an HTTP 200 is an error, not a job", async () => {
    server.reply("/encrypt", { status: 200, body: { error_code: "UNVERIFIED.DWS.GuestAgentTooOld", error_msg: "The guestAgent version is too old." } });
    const error = await client.encryptCluster(CLUSTER, { masterKeyId: KEY, cryptAlgorithm: "generalCipher" }).catch((e) => e);
    expect(error).toBeInstanceOf(CloudError);
    expect(error.message).toBe(
      `GaussDB(DWS) EncryptCluster on cluster ${CLUSTER} failed: UNVERIFIED.DWS.GuestAgentTooOld (HTTP 200): The guestAgent version is too old [request id req-0001].`,
    );
    expect(server.received).toHaveLength(1);
  });

  test("DWS.0000 inside a 200 is a success", async () => {
    server.reply("/encrypt", { status: 200, body: { error_code: "DWS.0000", error_msg: "success", job_id: "j9" } });
    expect(await client.encryptCluster(CLUSTER, { masterKeyId: KEY, cryptAlgorithm: "generalCipher" })).toBe("j9");
  });

  test("the legacy errCode/externalMessage shape is read", async () => {
    server.reply("/rotate-key", { status: 400, body: { errCode: "UNVERIFIED.DWS.NotEncrypted", externalMessage: "The cluster is not an encryption cluster." } });
    await expect(client.rotateKey(CLUSTER)).rejects.toThrow(/failed: UNVERIFIED\.DWS\.NotEncrypted \(HTTP 400\): The cluster is not an encryption cluster/);
  });

  test.each([
    [403, "DWS.7023", "The cluster status is not allowed to operation."],
    [503, "DWS.0005", "Service unavailable."],
  ])("HTTP %s %s on the conversion is not repeated by the client: the reconciler observes before deciding again", async (status, code, message) => {
    server.reply("/encrypt", { status, body: { error_code: code, error_msg: message } }, { status: 200, body: { job_id: "j2" } });
    await expect(client.encryptCluster(CLUSTER, { masterKeyId: KEY, cryptAlgorithm: "generalCipher" })).rejects.toMatchObject({ code, notRepeated: true, ambiguous: false });
    expect(server.received).toHaveLength(1);
    expect(clock.sleeps).toHaveLength(0);
  });

  test("DWS.7023 and 503 on reads are retried with growing backoff", async () => {
    server.reply(
      "/job/j1",
      { status: 403, body: { error_code: "DWS.7023", error_msg: "The cluster status is not allowed to operation." } },
      { status: 503, body: { error_code: "DWS.0005", error_msg: "Service unavailable." } },
      { status: 403, body: { error_code: "DWS.7023", error_msg: "The cluster status is not allowed to operation." } },
      { status: 200, body: { status: "SUCCESS", progress: 100 } },
    );
    expect((await client.getJob("j1")).status).toBe("SUCCESS");
    expect(server.received).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(3);
    expect(clock.sleeps[2]).toBeGreaterThan(clock.sleeps[0]);
    expect(log.lines.filter((l) => l.includes("retrying in"))).toHaveLength(3);
  });

  test("a 500 on the conversion is not repeated: the server may have acted", async () => {
    server.reply("/encrypt", { status: 500, body: { error_code: "DWS.9999", error_msg: "Internal error." } }, { status: 200, body: { job_id: "never" } });
    const error = await client.encryptCluster(CLUSTER, { masterKeyId: KEY, cryptAlgorithm: "generalCipher" }).catch((e) => e);
    expect(error).toBeInstanceOf(CloudError);
    expect(error.ambiguous).toBe(true);
    expect(server.received).toHaveLength(1);
  });

  test("a 500 on a read is retried", async () => {
    server.reply("/job/j1", { status: 500, body: { error_code: "DWS.9999", error_msg: "Internal error." } }, { status: 200, body: { status: "SUCCESS", progress: 100 } });
    expect((await client.getJob("j1")).status).toBe("SUCCESS");
  });

  test("a busy refusal wrapped as DWS.9999 carrying DWS.7023 is a refusal (nothing was done), not an unclear answer; rotate-key is not repeated by the client", async () => {
    server.reply(
      "/rotate-key",
      { status: 500, body: { error_code: "DWS.9999", error_msg: "Failed to restart the logical cluster: DWS.7023 cluster status is not allowed to operation" } },
      { status: 200, body: { master_key_name: "KMS-1abd-1016", cluster_id: CLUSTER, rotate_key_time: "2025-05-14 08:02:59" } },
    );
    await expect(client.rotateKey(CLUSTER)).rejects.toMatchObject({ code: "DWS.9999", retryable: true, ambiguous: false, notRepeated: true });
    expect(server.received).toHaveLength(1);
    server.reply("/job/j1", { status: 500, body: { error_code: "DWS.9999", error_msg: "Failed: DWS.7023 cluster status is not allowed to operation" } }, { status: 200, body: { status: "SUCCESS", progress: 100 } });
    expect((await client.getJob("j1")).status).toBe("SUCCESS");
    expect(log.lines.join("\n")).toMatch(/ShowJob on job j1: DWS\.9999 \(busy, nothing was done\), retrying in/);
  });

  test("a plain DWS.9999 on rotate-key is not repeated: the server may have acted", async () => {
    server.reply("/rotate-key", { status: 500, body: { error_code: "DWS.9999", error_msg: "Internal error." } });
    await expect(client.rotateKey(CLUSTER)).rejects.toMatchObject({ code: "DWS.9999", ambiguous: true });
    expect(server.received).toHaveLength(1);
  });

  test.each(["DWS.0001", "DWS.0015", "DWS.0047", "DWS.3027"])("%s means not found, with a hint naming the ids", async (code) => {
    server.reply("/encrypt-info", { status: code === "DWS.0001" ? 400 : 404, body: { error_code: code, error_msg: "The cluster does not exist." } });
    const error = await client.getEncryptInfo(CLUSTER).catch((e) => e);
    expect(isDwsNotFound(error)).toBe(true);
    expect(error.message).toMatch(/Check: the cluster id and project id are right/);
  });
});

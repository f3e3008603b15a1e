import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo } from "node:net";
import { CloudError } from "../../../lib/cloud/cloud-error";
import { Clock } from "../../../lib/runtime/clock";
import { HttpTransport, closeConnections } from "../../../lib/cloud/http-transport";
import { HUAWEI_DIALECT } from "../../../lib/cloud/huawei/huawei-dialect";
import { huaweiErrorParser } from "../../../lib/cloud/huawei/huawei-errors";
import { HuaweiSigner } from "../../../lib/cloud/huawei/huawei-signer";
import { MemoryLog } from "../../../lib/runtime/log";

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

/** A loopback server answering each attempt with the next behaviour; records what it got. */
class ScriptedServer {
  readonly received: { method: string; headers: IncomingMessage["headers"] }[] = [];
  private server!: Server;
  constructor(private readonly script: Handler[]) {}
  async start(): Promise<URL> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        this.received.push({ method: req.method!, headers: req.headers });
        const handler = this.script[Math.min(this.received.length - 1, this.script.length - 1)];
        handler(req, res, this.received.length);
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    return new URL(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}`);
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const reset: Handler = (req) => req.socket.destroy();

/** A clock whose sleeps return at once and move its time forward. */
function manualClock(start = Date.parse("2026-01-01T00:00:00Z")): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return { sleeps, now: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms; } };
}

const parseError = huaweiErrorParser({ busyCodes: new Set(["DWS.7023"]), notFoundCodes: new Set(["DWS.0001"]), successCodes: new Set(["DWS.0000"]) });

async function withServer(script: Handler[], body: (transport: HttpTransport, server: ScriptedServer, clock: ReturnType<typeof manualClock>, log: MemoryLog) => Promise<void>, timeoutMs = 5000) {
  const server = new ScriptedServer(script);
  const baseUrl = await server.start();
  const clock = manualClock();
  const log = new MemoryLog();
  const transport = new HttpTransport({
    baseUrl,
    signer: new HuaweiSigner({ kind: "aksk", accessKey: "AKTRANSPORTTEST00001", secretKey: "transport-test-secret-0000000000000001" }, "0a1b2c3d4e5f60718293a4b5c6d7e8f9"),
    parseError,
    dialect: HUAWEI_DIALECT,
    clock,
    log,
    timeoutMs,
    maxAttempts: 4,
    backoffBaseMs: 2000,
    random: () => 0.5,
  });
  try {
    await body(transport, server, clock, log);
  } finally {
    await closeConnections();
    await server.stop();
  }
}

const GET = { service: "DWS", operation: "ShowClusterDetail", resource: "cluster c1", method: "GET" as const, path: "/v1.0/p/clusters/c1", idempotent: true };
const SUBMIT = { service: "DWS", operation: "EncryptCluster", resource: "cluster c1", method: "POST" as const, path: "/v2/p/clusters/c1/encrypt", body: { encrypt: {} }, idempotent: false };

test("a 503 is retried with backoff and a fresh signature date on every attempt", async () => {
  await withServer([json(503, { error_code: "DWS.0005", error_msg: "busy" }), json(503, { error_code: "DWS.0005", error_msg: "busy" }), json(200, { ok: true })], async (t, server, clock, log) => {
    const result = await t.call<{ ok: boolean }>(GET);
    expect(result.body).toEqual({ ok: true });
    const dates = server.received.map((r) => r.headers["x-sdk-date"]);
    expect(new Set(dates).size).toBe(3);
    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[1]).toBeGreaterThan(clock.sleeps[0]);
    expect(log.lines.join("\n")).toMatch(/DWS ShowClusterDetail on cluster c1: DWS\.0005 \(service unavailable\), retrying in [\d.]+ s \(attempt 2 of 4\)/);
  });
});

test.each([
  ["a busy code (DWS.7023)", json(403, { error_code: "DWS.7023", error_msg: "cluster status is not allowed to operation" })],
  ["a 503", json(503, { error_code: "DWS.0005", error_msg: "busy" })],
  ["a 429", json(429, { error_code: "APIGW.0308", error_msg: "The throttling threshold has been reached" })],
])("after %s a call that is not idempotent is not repeated: another deploy may be making the change, the caller observes first", async (_n, refusal) => {
  await withServer([refusal, json(200, { job_id: "j1" })], async (t, server) => {
    const error = (await t.call(SUBMIT).catch((e: unknown) => e)) as CloudError;
    expect(error).toBeInstanceOf(CloudError);
    expect(error).toMatchObject({ notRepeated: true, ambiguous: false, retryable: true });
    expect(server.received).toHaveLength(1);
  });
});

test("busy refusals of a read are retried for the busy window, beyond the attempt count", async () => {
  const busy = json(403, { error_code: "DWS.7023", error_msg: "cluster status is not allowed to operation" });
  const server = new ScriptedServer([busy, busy, busy, busy, busy, busy, json(200, { job_id: "j7" })]);
  const baseUrl = await server.start();
  const clock = manualClock();
  const transport = new HttpTransport({
    baseUrl,
    signer: new HuaweiSigner({ kind: "aksk", accessKey: "AKTRANSPORTTEST00001", secretKey: "transport-test-secret-0000000000000001" }),
    parseError,
    dialect: HUAWEI_DIALECT,
    clock,
    maxAttempts: 3,
    busyRetryMs: 120_000,
    backoffMaxMs: 20_000,
    random: () => 0.5,
  });
  try {
    expect((await transport.call<{ job_id: string }>(GET)).body.job_id).toBe("j7");
    expect(server.received).toHaveLength(7);
    expect(clock.sleeps).toHaveLength(6);
  } finally {
    await closeConnections();
    await server.stop();
  }
});

test("without a busy window, busy refusals stop after the attempt count", async () => {
  const busy = json(403, { error_code: "DWS.7023", error_msg: "cluster status is not allowed to operation" });
  await withServer([busy, busy, busy, busy, json(200, {})], async (t, server) => {
    await expect(t.call(GET)).rejects.toThrow("DWS.7023");
    expect(server.received).toHaveLength(4);
  });
});

test.each([
  ["a 500", [json(500, { error_code: "DWS.9999", error_msg: "internal" }), json(200, {})], "DWS.9999"],
  ["a connection reset", [reset, json(200, {})], "ConnectionReset"],
])("after %s a call that is not idempotent is not repeated: the server may have acted", async (_n, script, code) => {
  await withServer(script, async (t, server) => {
    const error = await t.call(SUBMIT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudError);
    expect((error as CloudError).code).toBe(code);
    expect((error as CloudError).ambiguous).toBe(true);
    expect(server.received).toHaveLength(1);
  });
});

test("after a connection reset an idempotent call is repeated", async () => {
  await withServer([reset, json(200, { ok: 1 })], async (t, server) => {
    expect((await t.call<{ ok: number }>(GET)).body.ok).toBe(1);
    expect(server.received).toHaveLength(2);
  });
});

test("a 429's Retry-After is honoured when longer than the backoff", async () => {
  await withServer([json(429, { error_code: "APIGW.0308", error_msg: "throttled" }, { "retry-after": "7" }), json(200, {})], async (t, _s, clock) => {
    await t.call(GET);
    expect(clock.sleeps).toEqual([7000]);
  });
});

test("a response slower than the timeout is a Timeout error naming the limit", async () => {
  const slow: Handler = (_req, res) => setTimeout(() => json(200, {})(_req, res, 0), 1500);
  await withServer([slow], async (t) => {
    const error = (await t.call({ ...SUBMIT }).catch((e: unknown) => e)) as CloudError;
    expect(error.code).toBe("Timeout");
    expect(error.message).toContain("no complete response within 0.3 s");
  }, 300);
});

test("an error inside an HTTP 200 is an error; DWS.0000 inside a 200 is success", async () => {
  await withServer([json(200, { error_code: "DWS.6001", error_msg: "the KMS key is disabled" }), json(200, { error_code: "DWS.0000", job_id: "j" })], async (t) => {
    await expect(t.call(SUBMIT)).rejects.toThrow("DWS EncryptCluster on cluster c1 failed: DWS.6001 (HTTP 200): the KMS key is disabled.");
    await expect(t.call(SUBMIT)).resolves.toEqual(expect.objectContaining({ body: { error_code: "DWS.0000", job_id: "j" } }));
  });
});

test("the legacy errCode/externalMessage shape is read", async () => {
  await withServer([json(400, { errCode: "DWS.0001", externalMessage: "cluster id is invalid" })], async (t) => {
    await expect(t.call(GET)).rejects.toThrow(/failed: DWS\.0001 \(HTTP 400\): cluster id is invalid\..*Check: the cluster c1 exists/);
  });
});

test("a gateway's HTML page becomes a readable error, retried for reads", async () => {
  const html: Handler = (_req, res) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end("<html><head><title>502 Bad Gateway</title></head></html>");
  };
  await withServer([html], async (t, server) => {
    await expect(t.call(GET)).rejects.toThrow('HTTP502 (HTTP 502): the gateway answered with an HTML page "502 Bad Gateway"');
    expect(server.received).toHaveLength(4);
  });
});

test("a 200 whose body is not JSON is a MalformedResponse error", async () => {
  const text: Handler = (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("upstream reset");
  };
  await withServer([text], async (t) => {
    await expect(t.call(SUBMIT)).rejects.toThrow(/MalformedResponse \(HTTP 200\): the response is not JSON/);
  });
});

test("debug logging never shows the Authorization header or the secret", async () => {
  const log = new MemoryLog();
  const server = new ScriptedServer([json(200, {})]);
  const baseUrl = await server.start();
  const secret = "very-secret-key-that-must-not-leak-0001";
  const transport = new HttpTransport({ baseUrl, signer: new HuaweiSigner({ kind: "aksk", accessKey: "AKLEAKTEST0000000001", secretKey: secret, securityToken: "sts-token-that-must-not-leak" }), parseError, dialect: HUAWEI_DIALECT, log });
  await transport.call(GET);
  await closeConnections();
  await server.stop();
  const text = log.lines.join("\n");
  expect(text).toContain('"Authorization":"***"');
  expect(text).toContain('"X-Security-Token":"***"');
  expect(text).not.toContain(secret);
  expect(text).not.toContain("sts-token-that-must-not-leak");
});

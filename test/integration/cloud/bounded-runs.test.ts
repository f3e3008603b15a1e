// Issue 15 items 1, 2, 5 and 7, issue 12 items 13 and 15: every hook run is bounded by its
// construct's timeout, sustained throttling converges, hostile answers stay one safe line,
// clock skew is named, an unreachable endpoint fails fast with a useful hint. Hostile servers
// are the emulator's faults, or a raw `node:net` server where HTTP itself is bent.
import { AddressInfo, Server, Socket, createServer } from "node:net";
import { runHook } from "../../../lib/cli/hook";
import { Clock, systemClock } from "../../../lib/runtime/clock";
import { CloudError } from "../../../lib/cloud/cloud-error";
import { DwsClient } from "../../../lib/cloud/huawei/dws-client";
import { MAX_RESPONSE_BYTES, closeConnections } from "../../../lib/cloud/http-transport";
import { UNREACHABLE_RETRY_MS } from "../../../lib/cloud/retry-policy";
import { MemoryLog, StderrLog } from "../../../lib/runtime/log";
import { REQUEST_TIMEOUT_ENV } from "../../../lib/cloud/request-timeout";
import { EMULATOR_CREDENTIALS } from "../../../lib/emulator/fixture";
import { VirtualClock } from "../../chaos/campaign";
import { parallelApply, parallelConverged, parallelWorld } from "../../chaos/parallel-apply";
import { RunningEmulator, startEmulator } from "../../support/emulator-harness";
import { ACK_SPEC, TAURUSDB_SPEC } from "../../support/spec-fixtures";

jest.setTimeout(120_000);

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

interface HookRun {
  readonly code: number;
  readonly output: string;
  /** The one `error: …` line, when the run failed. */
  readonly error?: string;
  /** Time the run took on its clock (virtual time: waits and backoffs cost nothing real). */
  readonly elapsedMs: number;
}

async function hook(spec: Record<string, string>, extraEnv: Record<string, string> = {}, clock: Clock = new VirtualClock(cloud.emulator)): Promise<HookRun> {
  const env = { ...cloud.env, CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec), ...extraEnv };
  const lines: string[] = [];
  const log = new StderrLog({ env, write: (line) => lines.push(line) });
  const started = clock.now();
  const code = await runHook(["apply"], { env, log, clock });
  const output = lines.join("");
  return { code, output, error: output.split("\n").find((l) => l.startsWith("error: ")), elapsedMs: clock.now() - started };
}

const TEN_SECONDS = { ...TAURUSDB_SPEC, timeout: "10s" };

/** A raw HTTP server that answers every request with `answer(socket)`: for what no HTTP library sends. */
async function rawServer(answer: (socket: Socket) => void): Promise<{ url: string; stop: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.once("data", () => answer(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("every run is bounded by its construct's timeout", () => {
  test("a body trickled a byte at a time is cut at the per-attempt limit, not read for ever", async () => {
    // 2 KB at 50 ms a byte is 100 s per answer; undici's idle body timeout never fires.
    cloud.emulator.faults.add({ operation: "ShowBackupEncryptStatus", trickle_ms: 50, json: { padding: "x".repeat(2000) }, count: 100 });
    const real = Date.now();
    const run = await hook(TEN_SECONDS, { [REQUEST_TIMEOUT_ENV]: "0.3" });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(/^error: TaurusDB ShowBackupEncryptStatus on instance \S+ failed: Timeout: no complete response within 0\.3 s; gave up after 6 attempts/);
    expect(Date.now() - real).toBeLessThan(15_000);
  });

  test("an endless stream of 102 Processing interim answers does not hold an attempt open", async () => {
    cloud.emulator.faults.add({ operation: "ShowBackupEncryptStatus", interim_ms: 50, count: 100 });
    const real = Date.now();
    const run = await hook(TEN_SECONDS, { [REQUEST_TIMEOUT_ENV]: "0.3" });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(/failed: Timeout: no complete response within 0\.3 s/);
    expect(Date.now() - real).toBeLessThan(15_000);
  });

  test("the same through a raw server: 102 every 20 ms, and a trickled body, end at the attempt's limit", async () => {
    const interim = await rawServer((socket) => {
      const timer = setInterval(() => socket.write("HTTP/1.1 102 Processing\r\n\r\n"), 20);
      socket.on("close", () => clearInterval(timer));
    });
    const trickle = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{");
      const timer = setInterval(() => socket.write(" "), 20);
      socket.on("close", () => clearInterval(timer));
    });
    try {
      for (const server of [interim, trickle]) {
        const client = new DwsClient({ ...EMULATOR_CREDENTIALS.huawei, env: { ...cloud.env, CDKTF_ENCRYPTION_ENDPOINT: server.url }, timeoutMs: 400, maxAttempts: 2, clock: new VirtualClock(cloud.emulator) });
        const real = Date.now();
        const error = await client.getCluster("c1").catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CloudError);
        expect((error as CloudError).code).toBe("Timeout");
        expect(Date.now() - real).toBeLessThan(5_000);
      }
    } finally {
      await closeConnections();
      await interim.stop();
      await trickle.stop();
    }
  });

  test("Retry-After: 86400 on a 429 is not slept when the run has 10 s: the run ends at once and says why", async () => {
    cloud.emulator.faults.add({ operation: "ShowBackupEncryptStatus", status: 429, code: "APIGW.0308", retry_after: 86400 });
    const run = await hook(TEN_SECONDS);
    expect(run.code).toBe(1);
    expect(run.elapsedMs).toBeLessThan(10_000);
    expect(run.error).toMatch(/APIGW\.0308 \(HTTP 429\).*gave up after 1 attempt: the service asked to wait 24 h 0 min, more than the \d+(\.\d)? s left of the run's timeout/);
    // Gateway throttling is not a credentials problem.
    expect(run.error).not.toMatch(/HW_ACCESS_KEY|HW_SECRET_KEY/);
  });

  test("throttling that never ends is retried until the run's timeout, then one line names the call and its last answer", async () => {
    cloud.emulator.faults.add({ operation: "ShowBackupEncryptStatus", status: 429, code: "APIGW.0308", message: "The throttling threshold has been reached", count: 10_000 });
    const run = await hook({ ...TAURUSDB_SPEC, timeout: "2m" });
    expect(run.code).toBe(1);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(110_000);
    expect(run.elapsedMs).toBeLessThanOrEqual(120_000 + 30_000);
    expect(run.error).toMatch(
      /^error: TaurusDB ShowBackupEncryptStatus on instance \S+ failed: APIGW\.0308 \(HTTP 429\): The throttling threshold has been reached \[request id \S+\]; gave up after \d+ attempts in 2 min \d+ s: the run's timeout ran out\.$/,
    );
    expect(cloud.calls({ operation: "ShowBackupEncryptStatus" }).length).toBeGreaterThan(6);
    expect(run.output).toMatch(/APIGW\.0308 \(throttled: too many requests\), retrying in [\d.]+ s \(attempt 2\)/);
  });

  test("a wait cut by the run's timeout names what was awaited, the last state, and the last check's failure", async () => {
    const instance = TAURUSDB_SPEC.instance_id;
    cloud.emulator.services.find((s) => s.name === "taurusdb")!.patch(instance, { status: "BACKING UP" });
    cloud.emulator.faults.add({ operation: "ShowInstanceDetail", status: 429, code: "APIGW.0308", count: 10_000, after: true });
    cloud.emulator.faults.add({ operation: "ShowInstanceDetail", count: 1 });
    const run = await hook({ ...TAURUSDB_SPEC, timeout: "1m" });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(/^error: gave up waiting for TaurusDB instance \S+ to be ACTIVE after (\d+ s|\d+ min \d+ s): last observed state not yet observed; the last check failed: .*APIGW\.0308/);
    expect(run.elapsedMs).toBeLessThanOrEqual(60_000 + 30_000);
  });
});

describe("an unreachable endpoint fails in about 30 s, with a hint", () => {
  test("a refused connection: DWS gives up within the unreachable budget (not its 2-minute busy window), counting attempts honestly", async () => {
    const log = new MemoryLog();
    const clock = new VirtualClock(cloud.emulator);
    const closed = await rawServer(() => undefined);
    const url = closed.url;
    await closed.stop();
    const client = new DwsClient({ ...EMULATOR_CREDENTIALS.huawei, env: { ...cloud.env, CDKTF_ENCRYPTION_ENDPOINT: url }, clock, log });
    const started = clock.now();
    const error = await client.getCluster("c1").catch((e: unknown) => e);
    expect((error as CloudError).code).toBe("ECONNREFUSED");
    expect(clock.now() - started).toBeLessThanOrEqual(UNREACHABLE_RETRY_MS + 10_000);
    expect((error as CloudError).message).toMatch(/gave up after \d+ attempts in [\d.]+ s \(an unreachable endpoint is tried for 20 s\)/);
    for (const line of log.lines) {
      const counted = /attempt (\d+) of (\d+)/.exec(line);
      if (counted) expect(Number(counted[1])).toBeLessThanOrEqual(Number(counted[2]));
    }
    await closeConnections();
  });

  test("a public endpoint that does not resolve names CDKTF_ENCRYPTION_ENDPOINT in the hint when it is unset", async () => {
    // `.invalid` never resolves (RFC 6761): the public-endpoint case without touching the internet.
    const env = { ...cloud.env, CDKTF_ENCRYPTION_ENDPOINT: "", CDKTF_ENCRYPTION_CONNECT_TO: "", HW_CLOUD: "nowhere.invalid" };
    const client = new DwsClient({ ...EMULATOR_CREDENTIALS.huawei, env, clock: new VirtualClock(cloud.emulator) });
    const error = (await client.getCluster("c1").catch((e: unknown) => e)) as CloudError;
    expect(error).toBeInstanceOf(CloudError);
    expect(error.message).toMatch(/Check: that https:\/\/\S+\.invalid is reachable from this machine \(DNS, firewall, proxy\); for the emulator or a private endpoint set CDKTF_ENCRYPTION_ENDPOINT/);
    await closeConnections();
  });
});

describe("hostile answers stay one safe line", () => {
  test("newlines and terminal escapes in code, message and request id are escaped, and every field is capped", async () => {
    const forged = "denied\nApply complete! Resources: 9 added, 0 changed, 0 destroyed.\u001b[2J\u001b[31m\u202eesrever";
    cloud.emulator.faults.add({
      operation: "DescribeClusterDetail",
      status: 400,
      json: { code: `Bad\nCode\u001b[0m${"C".repeat(500_000)}`, message: `${forged}${"M".repeat(100_000)}`, requestId: "req\r\nSet-Cookie: x\u001b]0;title\u0007" },
    });
    const run = await hook(ACK_SPEC);
    expect(run.code).toBe(1);
    const failure = run.output.slice(run.output.indexOf("error: "));
    expect(failure.trimEnd().split("\n")).toHaveLength(1);
    expect(failure).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(failure).toContain("denied Apply complete!");
    expect(failure).toContain("\\x1b[2J");
    expect(failure).toContain("\\u202eesrever");
    expect(failure).toContain("[request id req\\x0d\\x0aSet-Cookie: x\\x1b]0;title\\x07]");
    expect(failure.length).toBeLessThan(1_000);
  });

  test("an answer past the size cap is read no further and is a service error, not retried", async () => {
    cloud.emulator.faults.add({ operation: "ShowBackupEncryptStatus", body_bytes: 3 * MAX_RESPONSE_BYTES, count: 10 });
    const run = await hook(TEN_SECONDS);
    expect(run.code).toBe(1);
    expect(run.error).toMatch(/failed: ResponseTooLarge: the answer is larger than 4 MiB/);
    expect(cloud.calls({ operation: "ShowBackupEncryptStatus" })).toHaveLength(1);
  });

  test("a credential with a control character inside is a configuration error, and nothing is sent", async () => {
    const run = await hook(TEN_SECONDS, { HW_SECURITY_TOKEN: "token-part-one\npart-two" });
    expect(run.code).toBe(1);
    expect(run.error).toMatch(/^error: the x-security-token header carries a control character .*Check the credential variables/i);
    expect(run.output).not.toContain("retrying");
    expect(cloud.calls()).toHaveLength(0);
  });

  test("a redirect is not followed, and the message names its Location", async () => {
    cloud.emulator.faults.add({ operation: "ShowBackupEncryptStatus", status: 302, location: "https://portal.example.net/login?next=%2F" });
    const run = await hook(TEN_SECONDS);
    expect(run.code).toBe(1);
    expect(run.error).toMatch(/failed: HTTP302 \(HTTP 302\): the answer is a redirect to "https:\/\/portal\.example\.net\/login\?next=%2F", not followed/);
    expect(cloud.calls()).toHaveLength(1);
  });
});

describe("clock skew is named", () => {
  test("ACK InvalidTimeStamp.* says to check the clock, like Huawei's APIGW.0301", async () => {
    cloud.emulator.faults.add({ operation: "DescribeClusterDetail", status: 400, code: "InvalidTimeStamp.Expired", message: "Specified time stamp or date value is expired." });
    const run = await hook(ACK_SPEC);
    expect(run.error).toMatch(/InvalidTimeStamp\.Expired .*Check: the machine's clock is right/);
  });

  test("a service Date minutes away from the local clock is said, with by how much", async () => {
    cloud.emulator.clock.advance(7 * 60 + 30);
    cloud.emulator.faults.add({ operation: "ShowBackupEncryptStatus", status: 401, code: "APIGW.0301", message: "Incorrect IAM authentication information: verify aksk signature fail" });
    const run = await hook(TEN_SECONDS, {}, systemClock);
    expect(run.error).toMatch(/verify aksk signature fail \(the service's clock is 7 min (29|30|31) s ahead of this machine's\)/);
    expect(run.error).toMatch(/machine's clock is right/);
  });
});

describe("sustained throttling converges", () => {
  const COUNT = 48;
  let world: RunningEmulator;
  beforeAll(async () => {
    world = await startEmulator({ fixture: parallelWorld(COUNT) });
  });
  afterAll(() => world.stop());

  test.each([5, 2])("%i requests/s through the gateway: 48 resources applied 10 at a time all converge", async (perSecond) => {
    const results = await parallelApply(world.emulator, { count: COUNT, parallelism: 10, perSecond, timeout: "60m" });
    const failed = results.filter((r) => r.code !== 0);
    expect(failed.map((r) => `${r.index}: ${r.output.split("\n").find((l) => l.startsWith("error: "))}`)).toEqual([]);
    expect(parallelConverged(world.emulator)).toBe(COUNT);
    // The limit really bit: many requests were refused with the gateway's throttling code.
    expect(world.calls().filter((c) => c.status === 429).length).toBeGreaterThan(10);
    // Each resource was changed once.
    expect(world.performed("SetBackupEncryption")).toHaveLength(COUNT);
  });
});

// The blocking-file family's verdict can fail: a fall-through to another identity, a hang, a
// call sent or a vague line each read as a violation; and each kind of file it puts in place is
// one `readCredentialFile` refuses in the words the verdict expects; a process blocked on a FIFO
// is killed by the harness at the deadline.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { readCredentialFile } from "../../../lib/cloud/credentials/credential-file";
import { CallRecord } from "../../../lib/emulator/call-log";
import { BLOCKING_FILE_DEADLINE_MS, BLOCKING_FILE_KINDS, BlockingFileObservation, classifyBlockingFileRun, runHookUntil } from "../../chaos/blocking-files";

const FILE = "/tmp/chaos-blocking-file-x/credentials-file";
const TIMEOUT_MS = 6 * 60_000;
const CLEAR_LINE = `error: Alibaba Cloud credentials (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_*): the OIDC token file ${FILE} is a named pipe (FIFO), not a file: reading it could wait forever. Check: that ALIBABA_CLOUD_OIDC_TOKEN_FILE names the service account token file mounted in the pod`;

function observed(fields: Partial<BlockingFileObservation> = {}): BlockingFileObservation {
  return { code: 1, output: `${CLEAR_LINE}\n`, elapsedMs: 800, killed: false, calls: [], file: FILE, source: /OIDC token file/, problem: /named pipe \(FIFO\)/, ...fields };
}

function call(operation: string, principal: string, mutating = false): CallRecord {
  return { seq: 1, time: "2026-12-07T00:00:00Z", service: "ack", operation, method: mutating ? "PUT" : "GET", path: "/", status: 200, mutating, performed: mutating, principal };
}

test("one line naming the source, the file and its problem, nothing sent: failed clearly", () => {
  expect(classifyBlockingFileRun(observed(), TIMEOUT_MS)).toEqual({ outcome: "failed-clearly", problems: [], failure: CLEAR_LINE });
});

test("a fall-through to the instance role that deploys is a violation naming the identity", () => {
  const verdict = classifyBlockingFileRun(
    observed({ code: 0, output: "credentials: instance role ecs-deployer\nack: secret encryption on\n", calls: [call("DescribeClusterDetail", "instance role ecs-deployer"), call("UpdateKMSEncryption", "instance role ecs-deployer", true)] }),
    TIMEOUT_MS,
  );
  expect(verdict.outcome).toBe("violation");
  expect(verdict.problems).toEqual([
    "2 call(s) reached the cloud although the configured file cannot be read: DescribeClusterDetail as instance role ecs-deployer, UpdateKMSEncryption (mutating) as instance role ecs-deployer",
    `the run succeeded although ${FILE} cannot be read: it fell through to another source`,
  ]);
});

test("a clear line after a read call made as another identity is still a violation", () => {
  const verdict = classifyBlockingFileRun(observed({ calls: [call("MetadataToken", "instance role ecs-deployer")] }), TIMEOUT_MS);
  expect(verdict.outcome).toBe("violation");
  expect(verdict.problems).toEqual(["1 call(s) reached the cloud although the configured file cannot be read: MetadataToken as instance role ecs-deployer"]);
});

test("a hook killed at the deadline is a violation", () => {
  const verdict = classifyBlockingFileRun(observed({ code: -1, output: "", killed: true, elapsedMs: BLOCKING_FILE_DEADLINE_MS }), TIMEOUT_MS);
  expect(verdict).toEqual({ outcome: "violation", problems: [`the hook hung: still running at the ${BLOCKING_FILE_DEADLINE_MS / 1000} s deadline, killed`], failure: undefined });
});

test("a line that names neither the file nor its problem, or more than one line, is a violation", () => {
  const vague = classifyBlockingFileRun(observed({ output: "error: Alibaba Cloud credentials: the OIDC token file could not be read\n" }), TIMEOUT_MS);
  expect(vague.outcome).toBe("violation");
  expect(vague.problems.map((p) => p.split(":")[0])).toEqual([`the failure line does not name the file ${FILE}`, "the failure line does not say what is wrong with the file (/named pipe \\(FIFO\\)/)"]);
  const twice = classifyBlockingFileRun(observed({ output: `error: something else\n${CLEAR_LINE}\n` }), TIMEOUT_MS);
  expect(twice.problems).toEqual(["2 error lines, not one"]);
});

test.each(BLOCKING_FILE_KINDS.map((k) => [k.name, k] as const))("a %s in place of the file is refused in the words the verdict expects, without blocking", (_name, kind) => {
  const dir = mkdtempSync(path.join(tmpdir(), "blocking-kind-"));
  try {
    const file = path.join(dir, "credentials-file");
    kind.make(file);
    expect(() => readCredentialFile(file)).toThrow(kind.problem);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a process blocked reading a FIFO is killed at the deadline and reported as killed, not waited on", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "blocking-hang-"));
  try {
    const fifo = path.join(dir, "token");
    BLOCKING_FILE_KINDS.find((k) => k.name === "FIFO")!.make(fifo);
    // What a hook reading the token with a plain readFileSync does: wait for a writer that never comes.
    const script = path.join(dir, "blocked-hook.js");
    writeFileSync(script, `require("node:fs").readFileSync(${JSON.stringify(fifo)}); console.log("read");`);
    const result = await runHookUntil({ PATH: process.env.PATH ?? "" }, 1000, script);
    expect({ killed: result.killed, output: result.output }).toEqual({ killed: true, output: "" });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(1000);
    const verdict = classifyBlockingFileRun(observed({ ...result, calls: [] }), TIMEOUT_MS);
    expect(verdict.outcome).toBe("violation");
    expect(verdict.problems[0]).toMatch(/^the hook hung: still running at the \d+ s deadline, killed$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

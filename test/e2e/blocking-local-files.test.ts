// Local files the user names are read without ever blocking: a synthesized stack or a plan that
// is a FIFO nobody writes to, through the real CLI process, ends at once in one line; a plan
// handed over through a pipe is read until it ends, and one that never ends stops at its bound.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import { loadPlan } from "../../lib/review/plan-source";

const CLI = path.join(__dirname, "..", "..", "dist", "bin", "cdktf-encryption.js");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-local-files-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fifo(name: string): string {
  const file = path.join(dir, name);
  expect(spawnSync("mkfifo", [file]).status).toBe(0);
  return file;
}

/** The CLI as a user runs it; killed (and the test failed) if it is still running at 20 s. */
function cli(args: string[]): Promise<{ code: number | null; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let killed = false;
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, 20_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, killed });
    });
  });
}

test("drift --stack with a cdk.tf.json that is a FIFO: one line naming it, exit 1, no wait", async () => {
  const stack = fifo("cdk.tf.json");
  const result = await cli(["drift", "--stack", dir]);
  expect(result).toMatchObject({ killed: false, code: 1 });
  expect(result.stderr.trim().split("\n")).toEqual([`error: ${stack} is a named pipe (FIFO), not a file: reading it could wait forever: give a synthesized stack directory (run \`cdktf synth\` first)`]);
});

test("review --plan naming a FIFO nobody writes to stops at its bound, in one line", async () => {
  const plan = fifo("plan.json");
  const started = Date.now();
  await expect(loadPlan(plan, { showTimeoutMs: 300 })).rejects.toThrow(`--plan ${plan}: the pipe did not end within 0.3 s (0 bytes read)`);
  expect(Date.now() - started).toBeLessThan(5_000);
});

test("review --plan <(terraform show -json …): a plan handed over through a pipe is read until it ends", async () => {
  const plan = fifo("plan.json");
  const writer = spawn("sh", ["-c", `printf '{"format_version":"1.2"}' > "${plan}"`]);
  await expect(loadPlan(plan, { showTimeoutMs: 10_000 })).resolves.toEqual({ format_version: "1.2" });
  await new Promise((resolve) => writer.on("close", resolve));
});

test("review --plan - with a stdin that never ends stops at its bound, saying how much arrived", async () => {
  const stdin = new PassThrough();
  stdin.write('{"format_');
  await expect(loadPlan("-", { stdin, showTimeoutMs: 300 })).rejects.toThrow("--plan -: stdin did not end within 0.3 s (9 bytes read)");
});

test("a plan file that is a directory is refused in words", async () => {
  const plan = path.join(dir, "plan.json");
  writeFileSync(path.join(dir, "x"), "");
  await expect(loadPlan(dir)).rejects.toThrow(`--plan ${dir} is a directory, not a file: give the plan file`);
  expect(plan).toContain(dir);
});

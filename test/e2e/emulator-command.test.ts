import { ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { request } from "undici";

const BIN = path.resolve(__dirname, "../../dist/bin/cdktf-encryption.js");

interface Started {
  readonly child: ChildProcessWithoutNullStreams;
  readonly exports: Record<string, string>;
}

/** Starts `cdktf-encryption emulator` and resolves once it has printed its variables. */
function startCommand(args: string[]): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "emulator", "--port", "0", ...args]);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    // The exports are written before the "listening" line on stderr.
    child.stderr.on("data", (d: Buffer) => {
      if (!d.toString().includes("listening on")) return;
      resolve({ child, exports: Object.fromEntries([...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]])) });
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  return exited;
}

async function json(url: string, init: { method?: "GET" | "POST"; body?: unknown } = {}): Promise<Record<string, unknown>> {
  const response = await request(url, { method: init.method ?? "GET", body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return (await response.body.json()) as Record<string, unknown>;
}

test("prints the variables to export, serves the admin API, keeps its state in --state-file across restarts", async () => {
  const stateFile = path.join(mkdtempSync(path.join(tmpdir(), "cdktf-encryption-emulator-")), "state.json");
  const first = await startCommand(["--state-file", stateFile]);
  const { CDKTF_ENCRYPTION_CONNECT_TO: url } = first.exports;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(Object.keys(first.exports)).toEqual(expect.arrayContaining(["CDKTF_ENCRYPTION_CONNECT_TO", "HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_REGION_NAME", "HW_PROJECT_ID"]));

  const state = (await json(`${url}/_emulator/state`)) as { taurusdb: { instances: { instance_id: string; project_id: string }[] } };
  const instance = state.taurusdb.instances[0];
  expect(instance.project_id).toBe(first.exports.HW_PROJECT_ID);
  await json(`${url}/_emulator/resources`, { method: "POST", body: { service: "taurusdb", id: instance.instance_id, backup_encryption: "on", kms_key_id: "b82fa43f-f6e8-4ec4-9c31-231bc547c526" } });
  expect(await stop(first.child)).toBe(0);
  expect(JSON.parse(readFileSync(stateFile, "utf8")).taurusdb.instances[0].backup_encryption).toBe("on");

  const second = await startCommand(["--state-file", stateFile]);
  try {
    const again = (await json(`${second.exports.CDKTF_ENCRYPTION_CONNECT_TO}/_emulator/state`)) as typeof state & { taurusdb: { instances: { backup_encryption: string }[] } };
    expect(again.taurusdb.instances[0].backup_encryption).toBe("on");
    const unknown = await json(`${second.exports.CDKTF_ENCRYPTION_CONNECT_TO}/_emulator/nothing`);
    expect(unknown.error).toBe("unknown admin route GET /_emulator/nothing");
  } finally {
    await stop(second.child);
  }
});

test("a bad --port is refused with the value and the range", async () => {
  const child = spawn(process.execPath, [BIN, "emulator", "--port", "99999"]);
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).toBe(64);
  expect(err).toBe('error: --port "99999" is invalid: expected a port number 0-65535 (see `cdktf-encryption emulator --help`)\n');
});

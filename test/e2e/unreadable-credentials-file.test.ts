// A credentials file the deploy user may not read (EACCES) is the configured source's error,
// through the real bundled hook: never a fall-through to the keys below it. As root the hook runs
// as user nobody (setpriv), since root reads any file; as any other user it runs as that user.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { HOOK_BUNDLE } from "../chaos/campaign";
import { closedPort } from "../support/closed-port";
import { TAURUSDB_IN_SYNC_SPEC } from "../support/spec-fixtures";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-eacces-"));
  chmodSync(dir, 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function runHookAsUnprivileged(env: Record<string, string>): { status: number | null; stderr: string } {
  const asRoot = process.getuid?.() === 0;
  const command = asRoot ? "setpriv" : process.execPath;
  const args = asRoot ? ["--reuid", "65534", "--regid", "65534", "--clear-groups", process.execPath, HOOK_BUNDLE, "apply"] : [HOOK_BUNDLE, "apply"];
  const result = spawnSync(command, args, { env, encoding: "utf8", timeout: 30_000 });
  if (result.error) throw result.error;
  return { status: result.status, stderr: result.stderr };
}

test("a KooCLI config file the deploy user may not read stops the run in one line, and the keys below it are never used", async () => {
  const config = path.join(dir, "config.json");
  writeFileSync(config, JSON.stringify({ current: "deploy", profiles: [{ name: "deploy", mode: "AKSK", accessKeyId: "EMULATORPROFILEKEY01", secretAccessKey: "not-read" }] }));
  chmodSync(config, 0o600);
  const hw = EMULATOR_CREDENTIALS.huawei;
  const { status, stderr } = runHookAsUnprivileged({
    PATH: process.env.PATH ?? "",
    HOME: dir,
    HW_SHARED_CONFIG_FILE: config,
    HW_PROFILE: "deploy",
    // Valid-looking keys below the profile in the provider's order: a fall-through would use them.
    HW_ACCESS_KEY: hw.accessKey,
    HW_SECRET_KEY: hw.secretKey,
    // Nothing listens here: a request sent despite the broken source would fail differently.
    CDKTF_ENCRYPTION_ENDPOINT: `http://127.0.0.1:${await closedPort()}`,
    CDKTF_ENCRYPTION_SPEC: JSON.stringify(TAURUSDB_IN_SYNC_SPEC),
  });
  expect(status).toBe(1);
  const errors = stderr.split("\n").filter((line) => line.startsWith("error: "));
  expect(errors).toEqual([
    expect.stringMatching(new RegExp(`^error: Huawei Cloud credentials \\(shared config file ${config.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\): the file cannot be read: permission denied \\(EACCES\\)\\. Check: `)),
  ]);
  expect(stderr).not.toContain(hw.accessKey);
  expect(stderr).not.toMatch(/ECONNREFUSED|unreachable/i);
});

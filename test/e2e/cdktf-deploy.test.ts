import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { TaurusDbService } from "../../lib/emulator/services/taurusdb";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { expectExit, run, terraformEnv } from "../support/terraform-harness";

const ROOT = path.resolve(__dirname, "../..");
const CDKTF = path.join(ROOT, "node_modules/.bin/cdktf");
const ORDERS = "7033e7c3cf93438797d44ad7ae0a7d95in07";

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());

function backupEncryption(): string {
  const state = cloud.emulator.service<TaurusDbService>("taurusdb").snapshot() as { instances: { instance_id: string; backup_encryption: string }[] };
  return state.instances.find((i) => i.instance_id === ORDERS)!.backup_encryption;
}

test("cdktf deploy and cdktf destroy of the real cdktf-cli drive the hook", async () => {
  const project = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-cli-"));
  writeFileSync(
    path.join(project, "cdktf.json"),
    JSON.stringify({
      language: "typescript",
      app: `node ${path.join(ROOT, "dist/examples/taurusdb/main.js")}`,
      context: { "cdktf-encryption:hookEngine": "terraform_data" },
    }),
  );
  const env = terraformEnv({ ...cloud.env, CI: "true", FORCE_COLOR: "0" });

  const deployed = await run(CDKTF, ["deploy", "orders-database", "--auto-approve"], { cwd: project, env });
  expectExit(deployed, 0);
  expect(deployed.stdout).toContain("verified (encrypted backup on)");
  expect(backupEncryption()).toBe("on");

  cloud.clearCalls();
  const again = await run(CDKTF, ["deploy", "orders-database", "--auto-approve"], { cwd: project, env });
  expectExit(again, 0);
  expect(cloud.calls()).toHaveLength(0);

  const destroyed = await run(CDKTF, ["destroy", "orders-database", "--auto-approve"], { cwd: project, env });
  expectExit(destroyed, 0);
  expect(destroyed.stdout).toContain("removal policy RETAIN: encrypted backup stays on");
  expect(backupEncryption()).toBe("on");
});

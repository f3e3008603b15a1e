// TaurusDB's error codes as the reference documents them (cloud-apis.md §2): DBS.280001 is a
// parameter error, not "not found"; the six "instance is being operated" codes are retried.
import { CloudError } from "../../../../lib/cloud/cloud-error";
import { TaurusDbClient } from "../../../../lib/cloud/huawei/taurusdb-client";
import { EMULATOR_CREDENTIALS } from "../../../../lib/emulator/fixture";
import { RunningEmulator, startEmulator } from "../../../support/emulator-harness";

const { region, projectId } = EMULATOR_CREDENTIALS.huawei;
const INSTANCE = "7033e7c3cf93438797d44ad7ae0a7d95in07";

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

const client = () => new TaurusDbClient({ region, projectId, env: cloud.env, clock: { now: () => Date.now(), sleep: async () => undefined } });

test("DBS.280001 is a parameter error: the hint points at the request's parameters, not at a missing instance", async () => {
  cloud.emulator.faults.add({ operation: "ShowBackupEncryptStatus", status: 400, code: "DBS.280001", message: "Parameter error." });
  const error = (await client().getBackupEncryption(INSTANCE).catch((e: unknown) => e)) as CloudError;
  expect(error).toBeInstanceOf(CloudError);
  expect(error.code).toBe("DBS.280001");
  expect(error.hint).toMatch(/^the request's parameters/);
  expect(error.hint).not.toMatch(/exists|in this region/);
  expect(error.retryable).toBe(false);
});

test("DBS.200022 (an instance name that already exists) is not read as not found", async () => {
  cloud.emulator.faults.add({ operation: "ShowBackupEncryptStatus", status: 400, code: "DBS.200022", message: "The DB instance name already exists." });
  const error = (await client().getBackupEncryption(INSTANCE).catch((e: unknown) => e)) as CloudError;
  expect(error.hint ?? "").not.toMatch(/in this region/);
});

test("an unknown instance is recognised by HTTP 404, with a hint naming region and project", async () => {
  const error = (await client().getBackupEncryption("00000000000000000000000000000000in07").catch((e: unknown) => e)) as CloudError;
  expect(error.status).toBe(404);
  expect(error.hint).toMatch(/exists in this region and project/);
});

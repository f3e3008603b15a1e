// The emulator answers as the cloud does for a resource addressed in another region than its
// own: not found. It learns the region from the host name the hook connected to and signed
// (CDKTF_ENCRYPTION_CONNECT_TO keeps the public host names), never from the Spec.
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { hostServes, regionFromHost } from "../../lib/emulator/request-region";
import { HOOK_BUNDLE } from "../chaos/campaign";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { ACK_IN_SYNC_SPEC as LEDGER_K8S, TAURUSDB_IN_SYNC_SPEC as LEDGER_DB } from "../support/spec-fixtures";
import { ProcessResult, run } from "../support/terraform-harness";

let cloud: RunningEmulator;
let dir: string;

beforeAll(async () => {
  cloud = await startEmulator();
  dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-regions-"));
});
afterAll(async () => {
  await cloud.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => cloud.emulator.reset());

function hook(spec: object, env: Record<string, string> = cloud.env): Promise<ProcessResult> {
  return run(process.execPath, [HOOK_BUNDLE, "apply"], { cwd: dir, env: { PATH: process.env.PATH ?? "", ...env, CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec) } });
}

test.each([
  ["a TaurusDB instance of cn-north-4 declared in cn-east-3", LEDGER_DB, "cn-east-3", /^error: TaurusDB ShowBackupEncryptStatus on instance 3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07 failed: \S+ \(HTTP 4\d\d\): .*(does not exist|not found)/i],
  ["an ACK cluster of cn-hangzhou declared in cn-shanghai", LEDGER_K8S, "cn-shanghai", /^error: ACK DescribeClusterDetail on cluster c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a failed: ErrorClusterNotFound \(HTTP 404\)/],
])("%s gets the service's not-found answer, through the bundled hook", async (_case, spec, wrongRegion, notFound) => {
  expect(cloud.env.CDKTF_ENCRYPTION_CONNECT_TO).toBe(cloud.url);
  const home = await hook(spec);
  expect(home.stderr).toContain("in sync");
  expect(home.code).toBe(0);

  const elsewhere = await hook({ ...spec, region: wrongRegion });
  expect(elsewhere.code).toBe(1);
  const errors = elsewhere.stderr.split("\n").filter((l) => l.startsWith("error: "));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(notFound);
  expect(cloud.performed()).toEqual([]);
});

test("with CDKTF_ENCRYPTION_ENDPOINT (every host reads 127.0.0.1) the emulator cannot tell the region: documented as region-blind", async () => {
  const { CDKTF_ENCRYPTION_CONNECT_TO: url, ...rest } = cloud.env;
  const blind = await hook({ ...LEDGER_DB, region: "cn-east-3" }, { ...rest, CDKTF_ENCRYPTION_ENDPOINT: url });
  expect(blind.stderr).toContain("in sync");
  expect(blind.code).toBe(0);
});

test("the region is the host's second label on the clouds' domains; loopback, IPs and central endpoints say nothing", () => {
  expect(regionFromHost("gaussdbformysql.tr-west-1.myhuaweicloud.com")).toBe("tr-west-1");
  expect(regionFromHost("dws.eu-west-101.myhuaweicloud.eu")).toBe("eu-west-101");
  expect(regionFromHost("cs-vpc.cn-shanghai.aliyuncs.com:443")).toBe("cn-shanghai");
  expect(regionFromHost("cs.aliyuncs.com")).toBeUndefined();
  expect(regionFromHost("127.0.0.1:4599")).toBeUndefined();
  expect(regionFromHost("dws.cn-north-4.example.com")).toBeUndefined();
});

test("a public host name reaches only its own service, so the hook's host prefixes are checked too", () => {
  expect(hostServes("gaussdbformysql.tr-west-1.myhuaweicloud.com", "taurusdb")).toBe(true);
  expect(hostServes("gaussdbformysql.tr-west-1.myhuaweicloud.com", "dws")).toBe(false);
  expect(hostServes("dws.cn-north-4.myhuaweicloud.com", "taurusdb")).toBe(false);
  expect(hostServes("cs-vpc.cn-hangzhou.aliyuncs.com", "ack")).toBe(true);
  expect(hostServes("127.0.0.1:4599", "dws")).toBe(true);
});

test("a TaurusDB path sent to a DWS host finds no API (APIGW.0101), as at the cloud's gateway", async () => {
  const path = `/v3/${LEDGER_DB.project_id}/instances/${LEDGER_DB.instance_id}/backups/encryption`;
  const answer = (host: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${cloud.url}${path}`, { headers: { host } }, (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.end();
    });
  const misrouted = await answer("dws.cn-north-4.myhuaweicloud.com");
  expect(misrouted.status).toBe(404);
  expect(JSON.parse(misrouted.body).error_code).toBe("APIGW.0101");
  // The right host reaches TaurusDB, whose gateway then asks for a signature.
  expect((await answer("gaussdb.cn-north-4.myhuaweicloud.com")).status).toBe(401);
});

import { tmpdir } from "node:os";
import { HOOK_BUNDLE } from "../chaos/campaign";
import { EMULATOR_IDENTITIES } from "../../lib/emulator/huawei-identities-fixture";
import { ALIBABA_IDENTITIES } from "../support/alibaba-identity-world";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { ACK_SPEC, TAURUSDB_SPEC } from "../support/spec-fixtures";
import { ProcessResult, run } from "../support/terraform-harness";
import { runDoctorCommand } from "../../lib/cli/doctor-command";
import { DoctorReport } from "../../lib/doctor/doctor";
import { runCommand } from "../support/review-harness";

let cloud: RunningEmulator;
let env: Record<string, string>;
beforeAll(async () => {
  cloud = await startEmulator();
  env = cloud.env;
});
afterAll(() => cloud.stop());

function hook(spec: Record<string, string>): Promise<ProcessResult> {
  return run(process.execPath, [HOOK_BUNDLE, "apply"], { cwd: tmpdir(), env: { PATH: process.env.PATH ?? "", HOME: tmpdir(), ...env, CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec) } });
}

/** The calls that reached a resource service (not the identity services). */
function serviceCalls(): string[] {
  return cloud.emulator.calls.list().filter((c) => !["iam", "sts"].includes(c.service)).map((c) => `${c.service} ${c.operation}`);
}

test("an agency that does not exist: one line naming the agency, the base identity and IAM's refusal; nothing sent to TaurusDB or KMS", async () => {
  cloud.emulator.reset();
  const result = await hook({ ...TAURUSDB_SPEC, assume_agency_name: "no-such-agency", assume_agency_domain_name: EMULATOR_IDENTITIES.agency.domainName });
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain("agency no-such-agency in domain acme-prod");
  expect(lines[0]).toContain("agency declared in code for the resource");
  expect(lines[0]).toMatch(/HW_ACCESS_KEY/);
  expect(lines[0]).toMatch(/IAM\.\d{4}/);
  expect(serviceCalls()).toEqual([]);
});

test("a role the base identity may not assume: one line naming the role, the base identity and STS's refusal; nothing sent to ACK or KMS", async () => {
  cloud.emulator.reset();
  const result = await hook({ ...ACK_SPEC, assume_role_arn: ALIBABA_IDENTITIES.auditor });
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(ALIBABA_IDENTITIES.auditor);
  expect(lines[0]).toContain("role declared in code for the resource; base identity tried: AccessKey");
  expect(lines[0]).toContain("STS AssumeRole was refused");
  expect(serviceCalls()).toEqual([]);
});

test("a Spec naming an identity of the other cloud is refused before any call", async () => {
  cloud.emulator.reset();
  const result = await hook({ ...ACK_SPEC, assume_agency_name: "encryption-admin", assume_agency_domain_name: "acme-prod" });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("assume_agency_name, assume_agency_domain_name are unknown to ack.secret-encryption");
  expect(cloud.emulator.calls.list()).toEqual([]);
});

test("in-process commands given CDKTF_ENCRYPTION_CONNECT_TO in their environment reach IAM like every service: doctor assumes the agency", async () => {
  cloud.emulator.reset();
  expect(process.env.CDKTF_ENCRYPTION_CONNECT_TO).toBeUndefined();
  const flags = ["--huawei-region", TAURUSDB_SPEC.region, "--project-id", TAURUSDB_SPEC.project_id, "--huawei-agency", "encryption-admin/acme-prod", "--format", "json"];
  const result = await runCommand(runDoctorCommand, flags, { env: cloud.env });
  const report = JSON.parse(result.stdout) as DoctorReport;
  expect(report.checks.map((c) => [c.service, c.status, c.credentials.error])).toEqual([
    ["dws", "ready", undefined],
    ["taurusdb", "ready", undefined],
  ]);
  expect(new Set(cloud.calls({ service: "taurusdb" }).map((c) => c.principal))).toEqual(new Set(["agency encryption-admin in domain acme-prod"]));
});

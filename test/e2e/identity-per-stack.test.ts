import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { AckCluster, AssumedIdentity, BackupEncryption, Duration, EncryptedCluster, Identity } from "../../lib";
import { HOOK_ENGINE_CONTEXT_KEY, HookEngine } from "../../lib/constructs/hook-engine";
import { EMULATOR_IDENTITIES } from "../../lib/emulator/huawei-identities-fixture";
import { ACK_WORLD, ackCluster } from "../support/ack-world";
import { ALIBABA_IDENTITIES } from "../support/alibaba-identity-world";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { TAURUSDB_SPEC } from "../support/spec-fixtures";
import { ProcessResult, expectExit, run, terraformEnv } from "../support/terraform-harness";
import { runDriftCommand } from "../../lib/cli/drift-command";
import { runReviewCommand } from "../../lib/cli/review-command";
import { runCommand } from "../support/review-harness";
import { runAuditCommand } from "../../lib/cli/audit-command";
import { runDoctorCommand } from "../../lib/cli/doctor-command";
import { DoctorReport } from "../../lib/doctor/doctor";

const AGENCY = `agency ${EMULATOR_IDENTITIES.agency.name} in domain ${EMULATOR_IDENTITIES.agency.domainName}`;
const ROLE = `role ${ALIBABA_IDENTITIES.encryptionAdmin}`;
const AGENCY_IDENTITY = AssumedIdentity.huaweiAgency({ agencyName: EMULATOR_IDENTITIES.agency.name, domainName: EMULATOR_IDENTITIES.agency.domainName });

let cloud: RunningEmulator;
let env: Record<string, string>;
beforeAll(async () => {
  cloud = await startEmulator();
  env = cloud.env;
});
afterAll(() => cloud.stop());

/** One app, a stack per account: each stack declares the identity its resources are managed as. */
function synthLandingZone(outdir: string, prodIdentity: AssumedIdentity | null = AGENCY_IDENTITY): void {
  const app = new App({ outdir, context: { [HOOK_ENGINE_CONTEXT_KEY]: HookEngine.TERRAFORM_DATA } });
  const prod = new TerraformStack(app as Construct, "prod");
  const payments = new TerraformStack(app as Construct, "payments");
  for (const stack of [prod, payments]) new LocalBackend(stack, { path: path.join(outdir, `${stack.node.id}.tfstate`) });
  if (prodIdentity) Identity.of(prod).assume(prodIdentity);
  Identity.of(payments).assume(AssumedIdentity.alibabaRole({ roleArn: ALIBABA_IDENTITIES.encryptionAdmin, sessionName: "cdktf-encryption" }));
  new BackupEncryption(prod, "orders", {
    instance: { region: TAURUSDB_SPEC.region, projectId: TAURUSDB_SPEC.project_id, instanceId: TAURUSDB_SPEC.instance_id },
    kmsKeyId: TAURUSDB_SPEC.kms_key_id,
    timeout: Duration.minutes(5),
  });
  new EncryptedCluster(payments, "payments-k8s", {
    cluster: AckCluster.fromId({ region: ACK_WORLD.region, clusterId: ACK_WORLD.payments }),
    masterKey: { id: ACK_WORLD.key },
    timeout: Duration.minutes(5),
  });
  app.synth();
}

async function terraform(outdir: string, stack: string, args: readonly string[]): Promise<ProcessResult> {
  return run("terraform", [...args, "-input=false", "-no-color"], { cwd: path.join(outdir, "stacks", stack), env: terraformEnv(env) });
}

/** `terraform init`, `plan -out` and `show -json`: the plan file review reads. */
async function savedPlan(outdir: string, stack: string): Promise<string> {
  expectExit(await terraform(outdir, stack, ["init"]), 0);
  expectExit(await terraform(outdir, stack, ["plan", "-out=plan.bin"]), 0);
  const shown = await run("terraform", ["show", "-json", "plan.bin"], { cwd: path.join(outdir, "stacks", stack), env: terraformEnv(env) });
  expectExit(shown, 0);
  const file = path.join(outdir, "stacks", stack, "plan.json");
  writeFileSync(file, shown.stdout);
  return file;
}

test("two stacks of one app, each managed as its own identity: real terraform apply, every change made by the stack's identity", async () => {
  cloud.emulator.reset();
  cloud.emulator.service("ack").patch(ACK_WORLD.payments, { update_lag_seconds: 0, update_seconds: 1 });
  const outdir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-identity-"));
  synthLandingZone(outdir);

  // The Spec carries the names only, and the plan shows them.
  const prodJson = readFileSync(path.join(outdir, "stacks", "prod", "cdk.tf.json"), "utf8");
  expect(prodJson).toContain('"assume_agency_name": "encryption-admin"');
  expect(prodJson).toContain('"assume_agency_domain_name": "acme-prod"');
  expect(prodJson).not.toContain("assume_role_arn");

  // review --live: the plan in words names the identity, and the live read is made as it.
  const plans = { prod: await savedPlan(outdir, "prod"), payments: await savedPlan(outdir, "payments") };
  const prodReview = await runCommand(runReviewCommand, ["--plan", plans.prod, "--live"], { env });
  const paymentsReview = await runCommand(runReviewCommand, ["--plan", plans.payments, "--live"], { env });
  expect(prodReview.code).toBe(0);
  expect(paymentsReview.code).toBe(0);
  expect(prodReview.stdout).toContain(`managed as ${AGENCY}`);
  expect(paymentsReview.stdout).toContain(`managed as ${ROLE}`);
  expect(new Set(cloud.calls({ service: "taurusdb" }).map((c) => c.principal))).toEqual(new Set([AGENCY]));
  expect(new Set(cloud.calls({ service: "ack" }).map((c) => c.principal))).toEqual(new Set([ROLE]));
  cloud.emulator.calls.clear();

  const prodApply = await terraform(outdir, "prod", ["apply", "-auto-approve"]);
  const paymentsApply = await terraform(outdir, "payments", ["apply", "-auto-approve"]);
  expectExit(prodApply, 0);
  expectExit(paymentsApply, 0);

  expect(prodApply.stdout).toMatch(/assume_agency_name\s+= "encryption-admin"/);
  expect(paymentsApply.stdout).toMatch(/assume_role_arn\s+= "acs:ram::1234567890123456:role\/encryption-admin"/);
  expect(prodApply.stdout).toContain(`credentials: assumed ${AGENCY} (from agency declared in code for the resource`);
  expect(paymentsApply.stdout).toContain("credentials: assumed role acs:ram::123…:role/encryption-admin (from role declared in code for the resource; base identity tried: ");

  // Each resource changed, by its own stack's identity, never by the base keys.
  const taurus = cloud.calls({ service: "taurusdb" });
  expect(taurus.some((c) => c.performed && c.mutating)).toBe(true);
  expect(new Set(taurus.map((c) => c.principal))).toEqual(new Set([AGENCY]));
  const ack = cloud.calls({ service: "ack" });
  expect(ack.map((c) => c.operation)).toContain("UpdateKMSEncryption");
  expect(new Set(ack.map((c) => c.principal))).toEqual(new Set([ROLE]));
  expect(ackCluster(cloud.emulator)).toMatchObject({ secret_encryption: "on", encryption_kms_key_id: ACK_WORLD.key });

  // One assumption per identity per run: the run's clients (TaurusDB, KMS) share it.
  expect(cloud.calls({ service: "iam" }).filter((c) => c.operation === "CreateTemporaryAccessKey").map((c) => c.principal)).toEqual(["user deployer"]);
  expect(cloud.calls({ service: "sts" }).map((c) => c.operation)).toEqual(["AssumeRole"]);

  // drift: each resource read as its own identity, both stacks in sync.
  cloud.emulator.calls.clear();
  for (const stack of ["prod", "payments"]) {
    const drift = await runCommand(runDriftCommand, ["--stack", path.join(outdir, "stacks", stack)], { env });
    expect({ stack, code: drift.code, stderr: drift.stderr }).toEqual({ stack, code: 0, stderr: "" });
    expect(drift.stdout).toContain("in sync");
  }
  expect(new Set(cloud.calls({ service: "taurusdb" }).map((c) => c.principal))).toEqual(new Set([AGENCY]));
  expect(new Set(cloud.calls({ service: "ack" }).map((c) => c.principal))).toEqual(new Set([ROLE]));

  // doctor: each service checked as the identity its resources declare; flags name one for flag-given services.
  cloud.emulator.calls.clear();
  const doctorReport = async (args: string[]) => {
    const result = await runCommand(runDoctorCommand, [...args, "--format", "json"], { env });
    return { code: result.code, report: JSON.parse(result.stdout) as DoctorReport };
  };
  for (const [stack, identity] of [["prod", AGENCY], ["payments", ROLE]]) {
    const { code, report } = await doctorReport(["--stack", path.join(outdir, "stacks", stack)]);
    expect({ stack, code, checks: report.checks.map((c) => [c.status, c.identity]) }).toEqual({ stack, code: 0, checks: [["ready", identity]] });
    expect(report.checks[0].credentials.source).toMatch(/^assumed /);
  }
  expect(new Set(cloud.calls({ service: "taurusdb" }).map((c) => c.principal))).toEqual(new Set([AGENCY]));
  expect(new Set(cloud.calls({ service: "ack" }).map((c) => c.principal))).toEqual(new Set([ROLE]));
  const flaggedDoctor = await doctorReport([
    "--huawei-region", TAURUSDB_SPEC.region, "--project-id", TAURUSDB_SPEC.project_id, "--huawei-agency", "no-such-agency/acme-prod",
    "--alibaba-region", ACK_WORLD.region, "--alibaba-role", ALIBABA_IDENTITIES.encryptionAdmin,
  ]);
  expect(flaggedDoctor.code).toBe(1);
  expect(flaggedDoctor.report.checks.map((c) => [c.service, c.status, c.identity])).toEqual([
    ["dws", "no-credentials", "agency no-such-agency in domain acme-prod"],
    ["taurusdb", "no-credentials", "agency no-such-agency in domain acme-prod"],
    ["ack", "ready", ROLE],
  ]);
  expect(flaggedDoctor.report.checks[0].credentials.error).toMatch(/IAM did not let .* assume agency no-such-agency in domain acme-prod: HTTP 404 IAM\.0004/);

  // audit: a declared resource's scope is read as the identity it declares; a flag's scope as the one after @.
  cloud.emulator.calls.clear();
  const { HW_REGION_NAME: _r, HW_PROJECT_ID: _p, ALIBABA_CLOUD_REGION: _a, ...noScopes } = env;
  const stacks = ["--stack", path.join(outdir, "stacks", "prod"), "--stack", path.join(outdir, "stacks", "payments")];
  const declared = await runCommand(runAuditCommand, [...stacks, "--format", "json"], { env: noScopes });
  const report = JSON.parse(declared.stdout) as { scopes: { scope: { identity?: unknown }; errors: string[] }[] };
  expect(report.scopes.map((s) => s.scope)).toEqual([
    { cloud: "huawei", region: TAURUSDB_SPEC.region, projectId: TAURUSDB_SPEC.project_id, identity: { cloud: "huaweicloud", agencyName: "encryption-admin", domainName: "acme-prod" } },
    { cloud: "alibaba", region: ACK_WORLD.region, identity: { cloud: "alibabacloud", roleArn: ALIBABA_IDENTITIES.encryptionAdmin, sessionName: "cdktf-encryption" } },
  ]);
  expect(report.scopes.flatMap((s) => s.errors)).toEqual([]);
  expect(new Set(cloud.calls({ service: "taurusdb" }).map((c) => c.principal))).toEqual(new Set([AGENCY]));
  expect(new Set(cloud.calls({ service: "ack" }).map((c) => c.principal))).toEqual(new Set([ROLE]));

  cloud.emulator.calls.clear();
  const flagged = await runCommand(
    runAuditCommand,
    ["--huawei", `${TAURUSDB_SPEC.region}:${TAURUSDB_SPEC.project_id}@encryption-admin/acme-prod`, "--alibaba", `${ACK_WORLD.region}@${ALIBABA_IDENTITIES.encryptionAdmin}`],
    { env: noScopes },
  );
  expect(flagged.stdout).toContain(`Huawei Cloud ${TAURUSDB_SPEC.region} project ${TAURUSDB_SPEC.project_id} as ${AGENCY}`);
  expect(flagged.stdout).toContain(`Alibaba Cloud ${ACK_WORLD.region} as ${ROLE}`);
  expect(new Set(cloud.calls({ service: "dws" }).map((c) => c.principal))).toEqual(new Set([AGENCY]));
  expect(new Set(cloud.calls({ service: "ack" }).map((c) => c.principal))).toEqual(new Set([ROLE]));

  // The declaration drops the identity: the plan replaces the hook, and review says who acts now.
  synthLandingZone(outdir, null);
  const changed = await runCommand(runReviewCommand, ["--plan", await savedPlan(outdir, "prod")], { env });
  expect(changed.stdout).toContain(`the hook now acts as the deploy environment's own identity (was ${AGENCY})`);
});

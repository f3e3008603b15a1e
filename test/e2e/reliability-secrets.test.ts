// Canary credentials through a whole deploy of every kind: the emulator accepts them (so the
// hooks really sign and send with them), debug logging is on everywhere, and then every byte
// the run left or printed is searched for them: cdktf.out, the plan and its JSON, the state,
// everything terraform and the hooks printed, review and drift output, and the output of
// requests the gateway refused. Expected occurrences: 0.
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { AlibabaIdentityWorld, alibabaIdentityWorld } from "../../lib/emulator/alibaba-identities";
import { AlibabaStsService } from "../../lib/emulator/services/alibaba-sts";
import { ALIBABA_IDENTITIES, freshHome, runHookProcess, tokenFile } from "../support/alibaba-identity-world";
import { TerraformStack } from "cdktf";
import { AckCluster, AssumedIdentity, BackupEncryption, Duration, DwsCluster, EncryptedCluster, Identity } from "../../lib";
import { runAuditCommand } from "../../lib/cli/audit-command";
import { runDoctorCommand } from "../../lib/cli/doctor-command";
import { runDriftCommand } from "../../lib/cli/drift-command";
import { runReviewCommand } from "../../lib/cli/review-command";
import { EMULATOR_CREDENTIALS, defaultFixture } from "../../lib/emulator/fixture";
import { EMULATOR_IDENTITIES, huaweiIdentityWorld } from "../../lib/emulator/huawei-identities-fixture";
import { HuaweiIamService } from "../../lib/emulator/services/huawei-iam";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { runCommand, savePlan } from "../support/review-harness";
import { TerraformWorkspace, expectExit, run } from "../support/terraform-harness";
import { HOOK_BUNDLE } from "../chaos/campaign";

jest.setTimeout(240_000);

const CANARY = {
  HW_ACCESS_KEY: "CANARYAKHW7Q2X9Z0001",
  HW_SECRET_KEY: "canaryHwSecretKey7f3e9a1c5b2d8e4f60a1",
  HW_SECURITY_TOKEN: "canary-hw-security-token-2b9c4e7f1a3d5e8c",
  HW_AUTH_TOKEN: "canary-hw-iam-token-6d1f8a2c4e9b7d3f5a0c",
  ALIBABA_CLOUD_ACCESS_KEY_ID: "LTAI5tCanaryAli0000001",
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: "canaryAliSecret4c7e1b9d3f6a8c2e",
  ALIBABA_CLOUD_SECURITY_TOKEN: "canary-ali-sts-token-9e3b7c1d5f2a8e4b",
} as const;
const { region, projectId } = EMULATOR_CREDENTIALS.huawei;

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator({
    extraCredentials: {
      huawei: [{ accessKey: CANARY.HW_ACCESS_KEY, secretKey: CANARY.HW_SECRET_KEY }],
      huaweiTokens: [CANARY.HW_AUTH_TOKEN],
      alibaba: [{ accessKeyId: CANARY.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: CANARY.ALIBABA_CLOUD_ACCESS_KEY_SECRET, securityToken: CANARY.ALIBABA_CLOUD_SECURITY_TOKEN }],
    },
  });
});
afterAll(() => cloud.stop());

/**
 * The emulator's endpoint with the canary keys instead of its own credentials, debug logging on.
 * The canary IAM token is added where a run uses it: it wins over keys, as in the provider.
 */
function canaryEnv(extra: Record<string, string> = {}): Record<string, string> {
  const { HW_AUTH_TOKEN: _token, ...keys } = CANARY;
  return {
    CDKTF_ENCRYPTION_ENDPOINT: cloud.url,
    ALIBABA_CLOUD_REGION: EMULATOR_CREDENTIALS.alibaba.region,
    CDKTF_ENCRYPTION_DEBUG: "1",
    ...keys,
    ...extra,
  };
}

function declare(stack: TerraformStack): void {
  new BackupEncryption(stack, "orders-backups", {
    instance: { region, projectId, instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" },
    kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
    timeout: Duration.minutes(5),
  });
  new EncryptedCluster(stack, "warehouse", {
    cluster: DwsCluster.fromId({ region, projectId, clusterId: "97cbaab3-939e-4dbc-9187-0fe240f2b9fd" }),
    masterKey: { id: "0f3196c8-5c23-469f-84da-92ecd2499dce", name: "KMS-1abd-1016" },
    timeout: Duration.minutes(5),
  });
  new EncryptedCluster(stack, "payments-k8s", {
    cluster: AckCluster.fromId({ region: EMULATOR_CREDENTIALS.alibaba.region, clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" }),
    masterKey: { id: "key-hzz6payments0secrets01" },
    timeout: Duration.minutes(5),
  });
}

test("temporary Alibaba credentials and OIDC tokens from every source never appear in what the hook prints, debug on, success or refusal", async () => {
  const OIDC_CANARY = "canary-ali-oidc-token-5c8e2a7d1f3b9e6c";
  const sts = alibabaIdentityWorld(EMULATOR_CREDENTIALS.alibaba.accessKeyId) as AlibabaIdentityWorld;
  sts.oidc_providers = [{ ...sts.oidc_providers![0], tokens: [OIDC_CANARY] }];
  sts.roles = sts.roles!.map((r) => (r.arn === ALIBABA_IDENTITIES.encryptionAdmin ? { ...r, trusted_principals: [...r.trusted_principals, CANARY.ALIBABA_CLOUD_ACCESS_KEY_ID] } : r));
  cloud.emulator.reset();
  const identities = (cloud.emulator.service("sts") as AlibabaStsService).identities;
  identities.load(sts);
  const base: Record<string, string> = { ...canaryEnv(), CDKTF_ENCRYPTION_ALIBABA_METADATA_URL: cloud.url };
  const { ALIBABA_CLOUD_ACCESS_KEY_ID: _id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: _secret, ALIBABA_CLOUD_SECURITY_TOKEN: _token, ...noKeys } = base;
  const oidcFile = tokenFile(OIDC_CANARY);
  const runs: [string, Record<string, string>, number][] = [
    ["assumed role over the canary key", { ...base, ALICLOUD_ASSUME_ROLE_ARN: ALIBABA_IDENTITIES.encryptionAdmin }, 0],
    ["RRSA with the canary OIDC token", { ...noKeys, ALIBABA_CLOUD_ROLE_ARN: ALIBABA_IDENTITIES.ciRunner, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ALIBABA_IDENTITIES.oidcProvider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: oidcFile }, 0],
    ["ECS RAM role", noKeys, 0],
    ["credentials URI", { ...noKeys, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ALIBABA_CLOUD_CREDENTIALS_URI: `${cloud.url}/credentials-uri` }, 0],
    ["assume-role refused", { ...base, ALICLOUD_ASSUME_ROLE_ARN: ALIBABA_IDENTITIES.auditor }, 1],
    ["OIDC token refused (role not trusting the provider)", { ...noKeys, ALIBABA_CLOUD_ROLE_ARN: ALIBABA_IDENTITIES.auditor, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ALIBABA_IDENTITIES.oidcProvider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: oidcFile }, 1],
  ];
  const printed: { name: string; text: string }[] = [];
  for (const [name, env, code] of runs) {
    const result = await runHookProcess({ PATH: process.env.PATH ?? "", HOME: freshHome(), ...env });
    expect({ name, code: result.code, stderr: result.code === code ? "" : result.stderr }).toEqual({ name, code, stderr: "" });
    printed.push({ name, text: result.stdout + result.stderr });
  }
  expect(printed[0].text).toMatch(/\[debug\] GET \/clusters\/\S+ .*"x-acs-security-token":"\*\*\*"/);
  const issued = identities.issuedCredentials();
  expect(issued.length).toBeGreaterThanOrEqual(4);
  const secrets = [OIDC_CANARY, ...Object.values(CANARY), ...issued.flatMap((c) => [c.accessKeyId, c.accessKeySecret, c.securityToken])];
  const found = printed.flatMap(({ name, text }) => secrets.filter((s) => text.includes(s) || text.includes(Buffer.from(s).toString("base64"))).map((s) => `${name}: ${s.slice(0, 6)}…`));
  expect(found).toEqual([]);
});

/** Every file below a directory, as text. */
function filesUnder(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...filesUnder(file));
    else out.push({ file, text: readFileSync(file).toString("latin1") });
  }
  return out;
}

/** Where a canary (or its base64 form) occurs, as `source: NAME`. */
function leaks(sources: { name: string; text: string }[], canaries: Record<string, string> = CANARY): string[] {
  const found: string[] = [];
  for (const { name, text } of sources) {
    for (const [variable, value] of Object.entries(canaries)) {
      if (text.includes(value) || text.includes(Buffer.from(value).toString("base64"))) found.push(`${name}: ${variable}`);
    }
  }
  return found;
}

test("no canary credential appears in cdktf.out, the plan, the state, or anything the hooks, terraform, review, drift, doctor and audit print", async () => {
  cloud.emulator.reset();
  cloud.emulator.clock.setRate(10);
  cloud.emulator.service("ack").patch("c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6", { update_lag_seconds: 10, update_seconds: 20 });
  const printed: { name: string; text: string }[] = [];

  // Synthesized with the canaries in the environment of the synthesizing process.
  const saved = { ...process.env };
  Object.assign(process.env, CANARY);
  let ws: TerraformWorkspace;
  try {
    ws = TerraformWorkspace.synth(declare, canaryEnv());
  } finally {
    for (const name of Object.keys(CANARY)) delete process.env[name];
    Object.assign(process.env, saved);
  }

  const plan = await savePlan(ws);
  printed.push({ name: "terraform plan", text: plan.text });
  const review = await runCommand(runReviewCommand, ["--plan", plan.json, "--live"], { env: canaryEnv() });
  printed.push({ name: "review --live", text: review.stdout + review.stderr });
  const applied = await ws.terraform(["apply", "-input=false", "-no-color", "plan.bin"]);
  expectExit(applied, 0);
  printed.push({ name: "terraform apply", text: applied.stdout + applied.stderr });
  // The hooks really ran with the canaries, with debug logging on and the headers redacted.
  expect(applied.stdout).toMatch(/\[debug\] POST \/v2\/\S+\/encrypt .*"authorization":"\*\*\*"/i);
  expect(applied.stdout).toMatch(/"x-security-token":"\*\*\*"/i);
  expect(applied.stdout).toMatch(/"x-acs-security-token":"\*\*\*"/);
  expect(cloud.performed().map((c) => c.operation).sort()).toEqual(["EncryptCluster", "SetBackupEncryption", "UpdateKMSEncryption"]);

  const drift = await runCommand(runDriftCommand, ["--stack", ws.stackDir], { env: canaryEnv() });
  printed.push({ name: "drift", text: drift.stdout + drift.stderr });
  expect(drift.code).toBe(0);
  // doctor names the credential source and identity; audit lists what the accounts hold: both
  // with debug on, in every format.
  for (const format of ["text", "json"]) {
    const doctor = await runCommand(runDoctorCommand, ["--stack", ws.stackDir, "--format", format], { env: canaryEnv() });
    expect(doctor.code).toBe(0);
    printed.push({ name: `doctor --format ${format}`, text: doctor.stdout + doctor.stderr });
  }
  for (const format of ["text", "json", "sarif", "markdown"]) {
    const audit = await runCommand(runAuditCommand, ["--stack", ws.stackDir, "--format", format], { env: canaryEnv() });
    expect(audit.code).toBe(2);
    printed.push({ name: `audit --format ${format}`, text: audit.stdout + audit.stderr });
  }
  const state = await ws.terraform(["show", "-json"]);
  printed.push({ name: "terraform show -json (state)", text: state.stdout });

  // An IAM token instead of AK/SK, and requests the gateway refuses (wrong secret, unknown key):
  // the hook process as the provisioner runs it, debug logging on.
  const spec = JSON.stringify({
    spec_version: "1",
    kind: "taurusdb.backup-encryption",
    region,
    project_id: projectId,
    instance_id: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07",
    encryption: "off",
    removal_policy: "retain",
    timeout: "5m",
  });
  const hook = (env: Record<string, string>) => run(process.execPath, [HOOK_BUNDLE, "apply"], { cwd: ws.stackDir, env: { PATH: process.env.PATH ?? "", CDKTF_ENCRYPTION_SPEC: spec, ...env } });
  // The token wins over the canary keys also set.
  const withToken = await hook(canaryEnv({ HW_AUTH_TOKEN: CANARY.HW_AUTH_TOKEN }));
  expect(withToken).toMatchObject({ code: 0 });
  expect(withToken.stderr).toMatch(/"x-auth-token":"\*\*\*"/i);
  printed.push({ name: "hook with HW_AUTH_TOKEN", text: withToken.stdout + withToken.stderr });
  const refused = await hook(canaryEnv({ HW_SECRET_KEY: `${CANARY.HW_SECRET_KEY}x` }));
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/^error: TaurusDB ShowBackupEncryptStatus .* APIGW\.0301/m);
  printed.push({ name: "hook refused (wrong secret)", text: refused.stdout + refused.stderr });
  const unknownKey = await hook(canaryEnv({ HW_ACCESS_KEY: "CANARYAKHWUNKNOWN001" }));
  expect(unknownKey.code).toBe(1);
  printed.push({ name: "hook refused (unknown key)", text: unknownKey.stdout + unknownKey.stderr });

  const destroyed = await ws.destroy(canaryEnv());
  expectExit(destroyed, 0);
  printed.push({ name: "terraform destroy", text: destroyed.stdout + destroyed.stderr });

  // Everything on disk: cdktf.out (manifest, stacks, assets), plan.bin, plan.json, the state and its backup.
  const files = filesUnder(ws.outdir).map(({ file, text }) => ({ name: path.relative(ws.outdir, file), text }));
  expect(files.some((f) => f.name.endsWith(".tfstate"))).toBe(true);
  expect(files.some((f) => f.name.endsWith("plan.json"))).toBe(true);
  expect(leaks([...files, ...printed])).toEqual([]);
});

test("credentials padded with whitespace, echoed long, URL-encoded or JSON-escaped by a service, never print, even cut", async () => {
  cloud.emulator.reset();
  // As CI secrets often come: surrounding spaces, a trailing newline. The token has characters
  // that URL and JSON encode differently.
  const token = 'canary/tok+en="q"\\2b9c4e7f1a3d5e8c0d1f';
  const padded = {
    HW_ACCESS_KEY: `  ${CANARY.HW_ACCESS_KEY}\n`,
    HW_SECRET_KEY: `${CANARY.HW_SECRET_KEY}\n`,
    HW_SECURITY_TOKEN: ` ${token}\n`,
    ALIBABA_CLOUD_ACCESS_KEY_ID: `${CANARY.ALIBABA_CLOUD_ACCESS_KEY_ID}\r\n`,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: ` ${CANARY.ALIBABA_CLOUD_ACCESS_KEY_SECRET} `,
    ALIBABA_CLOUD_SECURITY_TOKEN: `${CANARY.ALIBABA_CLOUD_SECURITY_TOKEN}\n`,
  };
  // A message longer than the printed cut, with the credentials echoed past the cut and in encodings.
  const echo = (...values: string[]) =>
    `${"x".repeat(280)} ${values.map((v) => `${v} ${encodeURIComponent(v)} ${JSON.stringify(v).slice(1, -1)}`).join(" ")}`;
  cloud.emulator.faults.add([
    { operation: "ShowBackupEncryptStatus", status: 400, code: "DBS.280001", message: echo(token, CANARY.HW_ACCESS_KEY) },
    { operation: "DescribeClusterDetail", status: 400, code: "InvalidParameter", message: echo(CANARY.ALIBABA_CLOUD_ACCESS_KEY_ID, CANARY.ALIBABA_CLOUD_SECURITY_TOKEN) },
  ]);
  const hook = (spec: Record<string, string>) =>
    run(process.execPath, [HOOK_BUNDLE, "apply"], { cwd: process.cwd(), env: { PATH: process.env.PATH ?? "", ...canaryEnv(padded), CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec) } });
  const taurus = await hook({ spec_version: "1", kind: "taurusdb.backup-encryption", region, project_id: projectId, instance_id: "7033e7c3cf93438797d44ad7ae0a7d95in07", encryption: "off", removal_policy: "retain", timeout: "1m" });
  const ack = await hook({ spec_version: "1", kind: "ack.secret-encryption", region: EMULATOR_CREDENTIALS.alibaba.region, cluster_id: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6", encryption: "off", removal_policy: "retain", timeout: "1m" });
  // The runs signed with the trimmed values (the gateway took them) and failed on the echo.
  expect(taurus.stderr).toMatch(/^error: TaurusDB ShowBackupEncryptStatus .*DBS\.280001/m);
  expect(ack.stderr).toMatch(/^error: ACK DescribeClusterDetail .*InvalidParameter/m);
  expect(ack.stderr).toMatch(/"x-acs-accesskey-id":"\*\*\*"/);
  const printed = [
    { name: "taurusdb hook", text: taurus.stdout + taurus.stderr },
    { name: "ack hook", text: ack.stdout + ack.stderr },
  ];
  expect(leaks(printed)).toEqual([]);
  const forms = (value: string) => [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), value.slice(0, 12)];
  for (const { name, text } of printed) {
    for (const form of [token, CANARY.HW_ACCESS_KEY, CANARY.ALIBABA_CLOUD_ACCESS_KEY_ID, CANARY.ALIBABA_CLOUD_SECURITY_TOKEN].flatMap(forms)) {
      expect({ name, leaked: text.includes(form) ? form : undefined }).toEqual({ name, leaked: undefined });
    }
  }
});

test("an assumed agency through real terraform apply: the agency makes the change, and no password, ID token, IAM token or temporary key appears anywhere", async () => {
  // Canary password and ID token for the emulated IAM; the tokens and temporary keys it issues
  // during the run are collected from it afterwards and searched for too.
  const PASSWORD = "canary-hw-password-5e1a9c3f7b2d4e6a";
  const ID_TOKEN = "canary-hw-oidc-id-token-8c2e4a6f1b3d5e7a";
  const { user, agency, identityProvider } = EMULATOR_IDENTITIES;
  const world = huaweiIdentityWorld() as { users: { password?: string }[]; identity_providers: { accepted_tokens: string[] }[] };
  world.users[0].password = PASSWORD;
  world.identity_providers[0].accepted_tokens = [ID_TOKEN];
  cloud.emulator.reset({ ...defaultFixture(), iam: world });

  const env = {
    CDKTF_ENCRYPTION_ENDPOINT: cloud.url,
    CDKTF_ENCRYPTION_HUAWEI_METADATA_URL: cloud.url,
    CDKTF_ENCRYPTION_DEBUG: "1",
    HW_USER_NAME: user.name,
    HW_USER_PASSWORD: PASSWORD,
    HW_DOMAIN_NAME: user.domainName,
    HW_ASSUME_ROLE_AGENCY_NAME: agency.name,
    HW_ASSUME_ROLE_DOMAIN_NAME: agency.domainName,
  };
  const ws = TerraformWorkspace.synth((stack) => {
    new BackupEncryption(stack, "orders-backups", {
      instance: { region, projectId, instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" },
      kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
      timeout: Duration.minutes(5),
    });
  }, env);
  const printed: { name: string; text: string }[] = [];
  const plan = await savePlan(ws);
  printed.push({ name: "terraform plan", text: plan.text });
  const applied = await ws.terraform(["apply", "-input=false", "-no-color", "plan.bin"]);
  expectExit(applied, 0);
  printed.push({ name: "terraform apply", text: applied.stdout + applied.stderr });
  expect(applied.stdout).toMatch(/credentials: assumed agency encryption-admin in domain acme-prod \(from HW_ASSUME_ROLE_\*, temporary key TMPA…\w{4}; via IAM v3 securitytokens, 43200 s; base: IAM token of user deployer in domain acme \(password from HW_USER_NAME\/HW_USER_PASSWORD\)\)/);
  const changes = cloud.performed("SetBackupEncryption");
  expect(changes.map((c) => c.principal)).toEqual([`agency ${agency.name} in domain ${agency.domainName}`]);
  expect(changes[0].accessKey).toMatch(/^TMPAK/);
  const state = await ws.terraform(["show", "-json"]);
  printed.push({ name: "terraform show -json (state)", text: state.stdout });

  // OIDC federation and the instance agency, through the hook process as the provisioner runs it.
  const spec = JSON.stringify({ spec_version: "1", kind: "taurusdb.backup-encryption", region, project_id: projectId, instance_id: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07", encryption: "off", removal_policy: "retain", timeout: "5m" });
  const hook = (extra: Record<string, string>) =>
    run(process.execPath, [HOOK_BUNDLE, "apply"], {
      cwd: ws.stackDir,
      env: { PATH: process.env.PATH ?? "", HOME: ws.outdir, CDKTF_ENCRYPTION_SPEC: spec, CDKTF_ENCRYPTION_ENDPOINT: cloud.url, CDKTF_ENCRYPTION_HUAWEI_METADATA_URL: cloud.url, CDKTF_ENCRYPTION_DEBUG: "1", ...extra },
    });
  const federated = await hook({ HW_ASSUME_ROLE_IDP_ID: identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN: ID_TOKEN });
  expect(federated).toMatchObject({ code: 0 });
  printed.push({ name: "hook with OIDC", text: federated.stdout + federated.stderr });
  const instance = await hook({});
  expect(instance).toMatchObject({ code: 0 });
  printed.push({ name: "hook with ECS metadata", text: instance.stdout + instance.stderr });
  const wrongPassword = await hook({ HW_USER_NAME: user.name, HW_USER_PASSWORD: `${PASSWORD}x`, HW_DOMAIN_NAME: user.domainName });
  expect(wrongPassword.code).toBe(1);
  printed.push({ name: "hook with a wrong password", text: wrongPassword.stdout + wrongPassword.stderr });

  const destroyed = await ws.destroy(env);
  expectExit(destroyed, 0);
  printed.push({ name: "terraform destroy", text: destroyed.stdout + destroyed.stderr });

  const iam = cloud.emulator.service<HuaweiIamService>("iam");
  const issued: Record<string, string> = { HW_USER_PASSWORD: PASSWORD, HW_ASSUME_ROLE_ID_TOKEN: ID_TOKEN };
  for (const [i, t] of iam.gatewayTokens([]).filter((t) => t.expiresAt !== undefined).entries()) issued[`issued IAM token ${i}`] = t.token;
  for (const [i, a] of iam.accounts([]).entries()) {
    issued[`temporary access key ${i}`] = a.accessKey;
    issued[`temporary secret key ${i}`] = a.secretKey;
    issued[`security token ${i}`] = a.securityToken!;
  }
  // Password login (apply, destroy) and the federated login issued tokens; the agency, the
  // federation and the metadata service issued temporary keys.
  expect(Object.keys(issued).filter((k) => k.startsWith("issued IAM token")).length).toBeGreaterThanOrEqual(3);
  expect(Object.keys(issued).filter((k) => k.startsWith("security token")).length).toBeGreaterThanOrEqual(4);
  const files = filesUnder(ws.outdir).map(({ file, text }) => ({ name: path.relative(ws.outdir, file), text }));
  expect(files.some((f) => f.name.endsWith(".tfstate"))).toBe(true);
  expect(leaks([...files, ...printed], issued)).toEqual([]);
});

test("identities declared in code: the Spec names the agency and the role only; no base key or assumed credential appears in cdktf.out, the plan, the state or any output", async () => {
  const { agency } = EMULATOR_IDENTITIES;
  // The canary keys are the base identity: IAM knows the Huawei one as user deployer's, and the role trusts the Alibaba one.
  const world = huaweiIdentityWorld() as { users: { access_keys?: string[] }[] };
  world.users[0].access_keys = [...(world.users[0].access_keys ?? []), CANARY.HW_ACCESS_KEY];
  const sts = alibabaIdentityWorld(EMULATOR_CREDENTIALS.alibaba.accessKeyId) as AlibabaIdentityWorld;
  sts.roles = sts.roles!.map((r) => (r.arn === ALIBABA_IDENTITIES.encryptionAdmin ? { ...r, trusted_principals: [...r.trusted_principals, CANARY.ALIBABA_CLOUD_ACCESS_KEY_ID] } : r));
  cloud.emulator.reset({ ...defaultFixture(), iam: world });
  const stsIdentities = (cloud.emulator.service("sts") as AlibabaStsService).identities;
  stsIdentities.load(sts);
  cloud.emulator.service("ack").patch("c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6", { update_lag_seconds: 0, update_seconds: 1 });
  const env = canaryEnv();

  const ws = TerraformWorkspace.synth((stack) => {
    Identity.of(stack).assume(AssumedIdentity.huaweiAgency({ agencyName: agency.name, domainName: agency.domainName }));
    new BackupEncryption(stack, "orders-backups", {
      instance: { region, projectId, instanceId: "7033e7c3cf93438797d44ad7ae0a7d95in07" },
      kmsKeyId: "b82fa43f-f6e8-4ec4-9c31-231bc547c526",
      timeout: Duration.minutes(5),
    });
    new EncryptedCluster(stack, "payments-k8s", {
      cluster: AckCluster.fromId({ region: EMULATOR_CREDENTIALS.alibaba.region, clusterId: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6" }),
      masterKey: { id: "key-hzz6payments0secrets01" },
      timeout: Duration.minutes(5),
      identity: AssumedIdentity.alibabaRole({ roleArn: ALIBABA_IDENTITIES.encryptionAdmin }),
    });
  }, env);
  const printed: { name: string; text: string }[] = [];
  const plan = await savePlan(ws);
  printed.push({ name: "terraform plan", text: plan.text });
  expect(plan.text).toMatch(/assume_agency_name\s+= "encryption-admin"/);
  const review = await runCommand(runReviewCommand, ["--plan", plan.json, "--live"], { env });
  printed.push({ name: "review --live", text: review.stdout + review.stderr });
  expect(review.stdout).toContain("managed as agency encryption-admin in domain acme-prod");
  const applied = await ws.terraform(["apply", "-input=false", "-no-color", "plan.bin"]);
  expectExit(applied, 0);
  printed.push({ name: "terraform apply", text: applied.stdout + applied.stderr });
  expect(cloud.performed("SetBackupEncryption").map((c) => c.principal)).toEqual([`agency ${agency.name} in domain ${agency.domainName}`]);
  expect(cloud.performed("UpdateKMSEncryption").map((c) => c.principal)).toEqual([`role ${ALIBABA_IDENTITIES.encryptionAdmin}`]);
  const drift = await runCommand(runDriftCommand, ["--stack", ws.stackDir], { env });
  printed.push({ name: "drift", text: drift.stdout + drift.stderr });
  // doctor and audit read as the declared identities, in every format.
  for (const format of ["text", "json"]) {
    const doctor = await runCommand(runDoctorCommand, ["--stack", ws.stackDir, "--format", format], { env });
    expect({ format, code: doctor.code }).toEqual({ format, code: 0 });
    printed.push({ name: `doctor --format ${format}`, text: doctor.stdout + doctor.stderr });
  }
  for (const format of ["text", "json", "sarif", "markdown"]) {
    const audit = await runCommand(runAuditCommand, ["--stack", ws.stackDir, "--format", format], { env });
    printed.push({ name: `audit --format ${format}`, text: audit.stdout + audit.stderr });
  }
  expect(printed.find((p) => p.name === "audit --format text")?.text).toContain("as agency encryption-admin in domain acme-prod");
  const state = await ws.terraform(["show", "-json"]);
  printed.push({ name: "terraform show -json (state)", text: state.stdout });

  // The role, through the hook process as the provisioner runs it, debug on: success and refusal.
  const ackSpec = (roleArn: string) =>
    JSON.stringify({ spec_version: "1", kind: "ack.secret-encryption", region: EMULATOR_CREDENTIALS.alibaba.region, cluster_id: "c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6", encryption: "on", kms_key_id: "key-hzz6payments0secrets01", removal_policy: "retain", timeout: "5m", assume_role_arn: roleArn });
  for (const [name, roleArn, code] of [["hook as a declared role", ALIBABA_IDENTITIES.encryptionAdmin, 0], ["hook refused a declared role", ALIBABA_IDENTITIES.auditor, 1]] as const) {
    const result = await runHookProcess({ PATH: process.env.PATH ?? "", HOME: freshHome(), ...env }, ackSpec(roleArn));
    expect({ name, code: result.code }).toEqual({ name, code });
    printed.push({ name, text: result.stdout + result.stderr });
  }

  const destroyed = await ws.destroy(env);
  expectExit(destroyed, 0);
  printed.push({ name: "terraform destroy", text: destroyed.stdout + destroyed.stderr });

  const secrets: Record<string, string> = { ...CANARY };
  for (const [i, a] of cloud.emulator.service<HuaweiIamService>("iam").accounts([]).entries()) {
    if (!a.securityToken) continue;
    secrets[`agency key ${i}`] = a.accessKey;
    secrets[`agency secret ${i}`] = a.secretKey;
    secrets[`agency token ${i}`] = a.securityToken;
  }
  for (const [i, c] of stsIdentities.issuedCredentials().entries()) Object.assign(secrets, { [`role key ${i}`]: c.accessKeyId, [`role secret ${i}`]: c.accessKeySecret, [`role token ${i}`]: c.securityToken });
  expect(Object.keys(secrets).filter((k) => k.startsWith("agency token")).length).toBeGreaterThanOrEqual(2);
  expect(Object.keys(secrets).filter((k) => k.startsWith("role token")).length).toBeGreaterThanOrEqual(1);
  const files = filesUnder(ws.outdir).map(({ file, text }) => ({ name: path.relative(ws.outdir, file), text }));
  expect(leaks([...files, ...printed], secrets)).toEqual([]);
});

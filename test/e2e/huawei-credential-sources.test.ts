// Every Huawei credential source, alone and in combination, through the bundled hook process
// against the emulator's IAM and ECS metadata: the hook says which source and identity it used,
// and the emulator's call log shows the identity that made the change. Bad configuration of a
// source fails with one line and nothing sent to the service.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { TerraformStack } from "cdktf";
import { BackupEncryption } from "../../lib";
import { EMULATOR_CREDENTIALS, defaultFixture } from "../../lib/emulator/fixture";
import { EMULATOR_IDENTITIES, huaweiIdentityWorld } from "../../lib/emulator/huawei-identities-fixture";
import { HOOK_BUNDLE } from "../chaos/campaign";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { TAURUSDB_SPEC } from "../support/spec-fixtures";
import { ProcessResult, TerraformWorkspace, run } from "../support/terraform-harness";

jest.setTimeout(60_000);

const hw = EMULATOR_CREDENTIALS.huawei;
const id = EMULATOR_IDENTITIES;
const AGENCY_PRINCIPAL = `agency ${id.agency.name} in domain ${id.agency.domainName}`;
const INSTANCE_PRINCIPAL = `agency ${id.instanceAgency.name} in domain ${id.instanceAgency.domainName}`;
const FEDERATED_PRINCIPAL = `federated user of identity provider ${id.identityProvider.id}`;

let cloud: RunningEmulator;
let dir: string;
beforeAll(async () => {
  cloud = await startEmulator();
  dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-creds-"));
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset(defaultFixture()));

const KEYS = { HW_ACCESS_KEY: hw.accessKey, HW_SECRET_KEY: hw.secretKey };
const PASSWORD = { HW_USER_NAME: id.user.name, HW_USER_PASSWORD: id.user.password, HW_DOMAIN_NAME: id.user.domainName };
const AGENCY = { HW_ASSUME_ROLE_AGENCY_NAME: id.agency.name, HW_ASSUME_ROLE_DOMAIN_NAME: id.agency.domainName };

/** A file in the test's directory. */
function file(name: string, text: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, text);
  return at;
}

function koocliConfig(profiles: Record<string, unknown>[], current = "default"): string {
  return JSON.stringify({ current, profiles });
}

/**
 * Runs the bundled hook as the provisioner does, with only the given credential variables: HOME
 * is an empty directory (no ~/.hcloud), the metadata service is the emulator's.
 */
async function hook(env: Record<string, string>): Promise<ProcessResult> {
  return run(process.execPath, [HOOK_BUNDLE, "apply"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: mkdtempSync(path.join(dir, "home-")),
      CDKTF_ENCRYPTION_SPEC: JSON.stringify(TAURUSDB_SPEC),
      CDKTF_ENCRYPTION_ENDPOINT: cloud.url,
      CDKTF_ENCRYPTION_HUAWEI_METADATA_URL: cloud.url,
      ...env,
    },
  });
}

/** The one `credentials:` line of a run. */
function credentialLine(result: ProcessResult): string {
  const lines = result.stderr.split("\n").filter((l) => l.startsWith("credentials: "));
  expect(lines).toHaveLength(1);
  return lines[0];
}

/** Who made the change, as the emulator's gateway saw it. */
function changedBy(): { accessKey?: string; principal?: string }[] {
  return cloud.performed("SetBackupEncryption").map((c) => ({ accessKey: c.accessKey, principal: c.principal }));
}

function expectConverged(result: ProcessResult): void {
  expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
  expect(cloud.performed("SetBackupEncryption")).toHaveLength(1);
}

describe("each source alone", () => {
  test.each([
    ["HW_ACCESS_KEY/HW_SECRET_KEY", KEYS],
    ["OS_ACCESS_KEY/OS_SECRET_KEY", { OS_ACCESS_KEY: hw.accessKey, OS_SECRET_KEY: hw.secretKey }],
    ["HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK", { HUAWEICLOUD_SDK_AK: hw.accessKey, HUAWEICLOUD_SDK_SK: hw.secretKey }],
  ])("static keys from %s", async (variables, env) => {
    const result = await hook(env);
    expectConverged(result);
    expect(credentialLine(result)).toBe(`credentials: access key EMUL…0001 from ${variables}`);
    expect(changedBy()).toEqual([{ accessKey: hw.accessKey, principal: "user deployer" }]);
  });

  test("IAM token from HW_AUTH_TOKEN (and OS_AUTH_TOKEN)", async () => {
    const result = await hook({ OS_AUTH_TOKEN: hw.authToken });
    expectConverged(result);
    expect(credentialLine(result)).toBe("credentials: IAM token from OS_AUTH_TOKEN");
    expect(changedBy()).toEqual([{ accessKey: "token", principal: "user deployer" }]);
  });

  test("user and password: an IAM token from POST /v3/auth/tokens", async () => {
    const result = await hook(PASSWORD);
    expectConverged(result);
    expect(credentialLine(result)).toBe("credentials: IAM token of user deployer in domain acme (password from HW_USER_NAME/HW_USER_PASSWORD)");
    expect(cloud.calls({ service: "iam" }).map((c) => `${c.operation} ${c.status}`)).toEqual(["KeystoneCreateUserTokenByPassword 201"]);
    expect(changedBy()).toEqual([{ accessKey: "token", principal: "user deployer" }]);
    expect(result.stderr).not.toContain(id.user.password);
  });

  test("the shared config file's profile (HW_SHARED_CONFIG_FILE, HW_PROFILE)", async () => {
    const config = file(
      "config.json",
      koocliConfig([
        { name: "default", mode: "AKSK", accessKeyId: "UNUSEDAK000000000000", secretAccessKey: "unused" },
        { name: "deploy", mode: "AKSK", accessKeyId: hw.accessKey, secretAccessKey: hw.secretKey, region: "cn-north-4" },
      ]),
    );
    const result = await hook({ HW_SHARED_CONFIG_FILE: config, HW_PROFILE: "deploy" });
    expectConverged(result);
    expect(credentialLine(result)).toBe(`credentials: access key EMUL…0001 from profile "deploy" of ${config}`);
    expect(changedBy()).toEqual([{ accessKey: hw.accessKey, principal: "user deployer" }]);
  });

  test("~/.hcloud/config.json is read when HW_PROFILE names a profile without HW_SHARED_CONFIG_FILE; the profile's agency is assumed", async () => {
    const home = mkdtempSync(path.join(dir, "koocli-home-"));
    const config = path.join(home, ".hcloud", "config.json");
    mkdirSync(path.dirname(config));
    writeFileSync(
      config,
      koocliConfig([{ name: "default", mode: "AKSK", accessKeyId: hw.accessKey, secretAccessKey: hw.secretKey, agencyName: id.agency.name, agencyDomainName: id.agency.domainName }]),
    );
    const result = await hook({ HOME: home, HW_PROFILE: "default" });
    expectConverged(result);
    expect(credentialLine(result)).toMatch(
      new RegExp(`^credentials: assumed agency encryption-admin in domain acme-prod \\(from profile "default" of ${config.replace(/[.]/g, "\\.")}, temporary key TMPA…\\w{4}; via IAM v3 securitytokens, 43200 s; base: access key EMUL…0001 from profile "default"`),
    );
    expect(changedBy()).toEqual([{ accessKey: expect.stringMatching(/^TMPAK/), principal: AGENCY_PRINCIPAL }]);
  });

  test("OIDC federation: ID token file and IdP id, as a CI job has them", async () => {
    const token = file("id-token", `${id.identityProvider.idToken}\n`);
    const result = await hook({ HW_ASSUME_ROLE_IDP_ID: id.identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN_FILE: token });
    expectConverged(result);
    expect(credentialLine(result)).toMatch(/^credentials: federated identity from identity provider github-ci \(from HW_ASSUME_ROLE_IDP_ID with HW_ASSUME_ROLE_ID_TOKEN_FILE, temporary key TMPA…\w{4}\)$/);
    expect(cloud.calls({ service: "iam" }).map((c) => `${c.operation} ${c.status}`)).toEqual(["CreateTokenWithIdToken 201", "CreateTemporaryAccessKey 201"]);
    expect(changedBy()).toEqual([{ accessKey: expect.stringMatching(/^TMPAK/), principal: FEDERATED_PRINCIPAL }]);
  });

  test("OIDC federation with the official SDKs' variables and an inline token", async () => {
    const sdk = await hook({ HUAWEICLOUD_SDK_IDP_ID: id.identityProvider.id, HUAWEICLOUD_SDK_ID_TOKEN_FILE: file("sdk-token", id.identityProvider.idToken) });
    expectConverged(sdk);
    cloud.emulator.reset(defaultFixture());
    const inline = await hook({ HW_ASSUME_ROLE_IDP_ID: id.identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN: id.identityProvider.idToken });
    expectConverged(inline);
    expect(credentialLine(inline)).toContain("(from HW_ASSUME_ROLE_IDP_ID with HW_ASSUME_ROLE_ID_TOKEN,");
    expect(inline.stderr).not.toContain(id.identityProvider.idToken);
  });

  test("ECS metadata: the instance's agency when nothing is configured", async () => {
    const result = await hook({});
    expectConverged(result);
    expect(credentialLine(result)).toMatch(new RegExp(`^credentials: ECS instance agency \\(temporary key TMPA…\\w{4} from ECS metadata ${cloud.url.replace(/[.]/g, "\\.")}\\)$`));
    expect(cloud.calls({ service: "ecs_metadata" })).toHaveLength(1);
    expect(changedBy()).toEqual([{ accessKey: expect.stringMatching(/^TMPAK/), principal: INSTANCE_PRINCIPAL }]);
  });

  test("assumed agency (HW_ASSUME_ROLE_*) with static base keys: the change is made by the agency, not the base key", async () => {
    const result = await hook({ ...KEYS, ...AGENCY });
    expectConverged(result);
    expect(credentialLine(result)).toMatch(
      /^credentials: assumed agency encryption-admin in domain acme-prod \(from HW_ASSUME_ROLE_\*, temporary key TMPA…\w{4}; via IAM v3 securitytokens, 43200 s; base: access key EMUL…0001 from HW_ACCESS_KEY\/HW_SECRET_KEY\)$/,
    );
    const assume = cloud.calls({ service: "iam" });
    expect(assume.map((c) => ({ operation: c.operation, status: c.status, principal: c.principal }))).toEqual([
      { operation: "CreateTemporaryAccessKey", status: 201, principal: "user deployer" },
    ]);
    // Every call to the service is the agency's; none is the base key's.
    const taurus = cloud.calls({ service: "taurusdb" });
    expect(taurus.length).toBeGreaterThanOrEqual(2);
    expect(new Set(taurus.map((c) => c.principal))).toEqual(new Set([AGENCY_PRINCIPAL]));
    expect(taurus.some((c) => c.accessKey === hw.accessKey)).toBe(false);
  });

  test.each([
    ["the instance agency", {}, INSTANCE_PRINCIPAL],
    ["a federated identity", { HW_ASSUME_ROLE_IDP_ID: id.identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN: id.identityProvider.idToken }, FEDERATED_PRINCIPAL],
    ["a password login", PASSWORD, "user deployer"],
  ])("an agency by domain id is assumed through STS v5 with %s as base credentials", async (_name, base, basePrincipal) => {
    const result = await hook({ ...base, ...AGENCY, HW_ASSUME_ROLE_DOMAIN_NAME: "", HW_ASSUME_ROLE_DOMAIN_ID: id.agency.domainId, HW_ASSUME_ROLE_DURATION: "3600" });
    expectConverged(result);
    expect(credentialLine(result)).toContain(`credentials: assumed agency encryption-admin in domain id ${id.agency.domainId} (from HW_ASSUME_ROLE_*`);
    expect(credentialLine(result)).toContain("via STS v5 /v5/agencies/assume, 3600 s;");
    // buildClientByAgencyV5: POST /v5/agencies/assume signed with the base credentials, never IAM v3's assume_role.
    expect(cloud.calls({ operation: "AssumeAgency" }).map((c) => c.principal)).toEqual([basePrincipal]);
    expect(changedBy()).toEqual([{ accessKey: expect.stringMatching(/^TMPAK/), principal: AGENCY_PRINCIPAL }]);
  });
});

describe("precedence (the huaweicloud provider's order)", () => {
  const profile = () => file("precedence.json", koocliConfig([{ name: "default", accessKeyId: hw.readOnlyAccessKey, secretAccessKey: hw.readOnlySecretKey }]));
  const oidc = { HW_ASSUME_ROLE_IDP_ID: id.identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN: id.identityProvider.idToken };

  // The provider's order (v1.97.1): configureProvider reads the profile into the keys, LoadAndValidate's
  // OIDC exchange replaces them, buildClient takes the token, else keys, else password, else metadata.
  test.each([
    ["an IAM token wins over OIDC, a profile, keys and a password", () => ({ HW_AUTH_TOKEN: hw.authToken, HW_ACCESS_KEY: "UNKNOWNAK00000000001", HW_SECRET_KEY: "x", ...PASSWORD, HW_SHARED_CONFIG_FILE: profile(), ...oidc }), "IAM token from HW_AUTH_TOKEN"],
    ["HW_* keys win over OS_* and HUAWEICLOUD_SDK_* keys", () => ({ ...KEYS, OS_ACCESS_KEY: "UNKNOWNAK00000000002", OS_SECRET_KEY: "x", HUAWEICLOUD_SDK_AK: "UNKNOWNAK00000000003", HUAWEICLOUD_SDK_SK: "x" }), "access key EMUL…0001 from HW_ACCESS_KEY/HW_SECRET_KEY"],
    ["OIDC wins over a profile, keys and a password", () => ({ HW_SHARED_CONFIG_FILE: profile(), HW_ACCESS_KEY: "UNKNOWNAK00000000004", HW_SECRET_KEY: "x", ...PASSWORD, ...oidc }), "federated identity from identity provider github-ci"],
    ["a profile wins over keys and a password", () => ({ HW_SHARED_CONFIG_FILE: profile(), HW_ACCESS_KEY: "UNKNOWNAK00000000005", HW_SECRET_KEY: "x", ...PASSWORD, HW_USER_PASSWORD: "wrong" }), "access key EMUL…LY01 from profile"],
    ["keys win over a password", () => ({ ...KEYS, ...PASSWORD, HW_USER_PASSWORD: "wrong" }), "access key EMUL…0001 from HW_ACCESS_KEY/HW_SECRET_KEY"],
    ["a password wins over the instance", () => PASSWORD, "IAM token of user deployer in domain acme (password from HW_USER_NAME/HW_USER_PASSWORD)"],
    ["OIDC wins over the instance", () => oidc, "federated identity from identity provider github-ci"],
  ])("%s", async (_name, env, expected) => {
    const result = await hook(env());
    expect(credentialLine(result)).toContain(expected);
    // Only the chosen source was contacted: no metadata call, no IAM call unless it is the chosen one's.
    expect(cloud.calls({ service: "ecs_metadata" })).toHaveLength(0);
  });

  test("a refusal by the service names the identity that was used", async () => {
    // The profile holds the read-only key: the change is denied, and the error says whose key it was.
    const config = file("read-only.json", koocliConfig([{ name: "default", accessKeyId: hw.readOnlyAccessKey, secretAccessKey: hw.readOnlySecretKey }]));
    const denied = await hook({ HW_SHARED_CONFIG_FILE: config });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(new RegExp(`^error: TaurusDB SetBackupEncryption .*\\(HTTP 403\\).*\\(identity: access key EMUL…LY01 from profile "default" of ${config}\\)`, "m"));
    const wrong = await hook({ HW_ACCESS_KEY: hw.accessKey, HW_SECRET_KEY: "not-the-secret" });
    expect(wrong.stderr).toMatch(/^error: TaurusDB ShowBackupEncryptStatus .*APIGW\.0301.*Check: the credentials \(access key EMUL…0001 from HW_ACCESS_KEY\/HW_SECRET_KEY\) are valid for this account/m);
  });
});

/** A run that fails in one line (no stack), with nothing sent to the service. */
async function refused(env: Record<string, string>): Promise<string> {
  const result = await hook(env);
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/\n|\bat \S+:\d+/);
  expect(cloud.calls({ service: "taurusdb" })).toHaveLength(0);
  return lines[0];
}

describe("a source that is configured but wrong: one line, nothing sent to the service, exit 1", () => {

  test("a profile file that does not parse", async () => {
    const config = file("broken.json", '{"current": "default", "profiles": [');
    expect(await refused({ HW_SHARED_CONFIG_FILE: config })).toMatch(
      new RegExp(`^error: Huawei Cloud credentials \\(shared config file ${config}\\): the file is not JSON \\(.+\\)\\. Check: that it is a KooCLI configuration file`),
    );
  });

  test("a profile name that does not exist", async () => {
    const config = file("profiles.json", koocliConfig([{ name: "default", accessKeyId: hw.accessKey, secretAccessKey: hw.secretKey }, { name: "prod", accessKeyId: "A", secretAccessKey: "B" }]));
    expect(await refused({ HW_SHARED_CONFIG_FILE: config, HW_PROFILE: "staging" })).toBe(
      `error: Huawei Cloud credentials (shared config file ${config}): Error finding profile staging from shared config file (from HW_PROFILE). Check: HW_PROFILE names one of the profiles in the file: default, prod`,
    );
  });

  test("an encrypted (KooCLI default) profile", async () => {
    const config = file("encrypted.json", koocliConfig([{ name: "default", mode: "AKSK", accessKeyId: "", secretAccessKey: "" }]));
    expect(await refused({ HW_SHARED_CONFIG_FILE: config })).toContain("has no accessKeyId/secretAccessKey (mode AKSK). Check: that the profile is an AKSK (or SSO) profile and that KooCLI does not encrypt it (hcloud configure set --cli-auth-encrypt=false");
  });

  test("an ID token file that is missing, or empty", async () => {
    const missing = path.join(dir, "no-such-token");
    expect(await refused({ HW_ASSUME_ROLE_IDP_ID: id.identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN_FILE: missing })).toBe(
      `error: Huawei Cloud credentials (HW_ASSUME_ROLE_IDP_ID with HW_ASSUME_ROLE_ID_TOKEN_FILE): the ID token file ${missing} does not exist. Check: that HW_ASSUME_ROLE_ID_TOKEN_FILE names the file your CI system writes the OIDC token to, and that it exists when the deploy runs`,
    );
    const empty = file("empty-token", "\n");
    expect(await refused({ HW_ASSUME_ROLE_IDP_ID: id.identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN_FILE: empty })).toContain(`the ID token file ${empty} is empty`);
    expect(cloud.calls({ service: "iam" })).toHaveLength(0);
  });

  test("an ID token the identity provider does not accept", async () => {
    expect(await refused({ HW_ASSUME_ROLE_IDP_ID: id.identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN: "not-a-token-it-knows" })).toMatch(
      /^error: Huawei Cloud credentials \(HW_ASSUME_ROLE_IDP_ID with HW_ASSUME_ROLE_ID_TOKEN\): exchanging the ID token at identity provider github-ci failed: HTTP 400 IAM\.0011: The id_token is invalid\. \(request id [\w-]+\)\. Check: that identity provider github-ci exists/,
    );
  });

  test("the metadata service unreachable, with nothing configured", async () => {
    const line = await refused({ CDKTF_ENCRYPTION_HUAWEI_METADATA_URL: "http://127.0.0.1:9" });
    // Every source in the provider's order, with why it was passed over.
    expect(line).toMatch(
      /^error: Huawei Cloud credentials \(no source\): no credentials found; tried in order: IAM token \(.+\); OIDC federation \(.+\); shared config file profile \(.+\); environment access keys \(.+\); user and password \(.+\); ECS instance agency \(metadata\) \(no answer from the metadata service http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\): not a Huawei Cloud ECS/,
    );
    expect(line).toContain("Check: set HW_ACCESS_KEY/HW_SECRET_KEY, HW_AUTH_TOKEN");
  });

  test("an instance without an agency", async () => {
    cloud.emulator.reset({ ...defaultFixture(), iam: { ...huaweiIdentityWorld(), instance_agency: null } });
    expect(await refused({})).toContain("ECS instance agency (metadata) (this ECS instance has no agency attached)");
  });

  test("IAM refusing the assume: not allowed, unknown agency", async () => {
    expect(await refused({ ...KEYS, HW_ASSUME_ROLE_AGENCY_NAME: id.refusingAgency.name, HW_ASSUME_ROLE_DOMAIN_NAME: id.refusingAgency.domainName })).toMatch(
      /^error: Huawei Cloud credentials \(HW_ASSUME_ROLE_\*\): IAM did not let access key EMUL…0001 from HW_ACCESS_KEY\/HW_SECRET_KEY assume agency audit-only in domain acme-prod: HTTP 403 IAM\.0003: Policy doesn't allow user deployer to assume agency audit-only\. \(request id [\w-]+\)\. Check: that the agency exists in that account, trusts the account of the base credentials/,
    );
    expect(await refused({ ...KEYS, HW_ASSUME_ROLE_AGENCY_NAME: "no-such-agency", HW_ASSUME_ROLE_DOMAIN_NAME: id.agency.domainName })).toContain(
      "assume agency no-such-agency in domain acme-prod: HTTP 404 IAM.0004: The agency no-such-agency does not exist in domain acme-prod.",
    );
    // Refusals are not retried: one IAM call each.
    expect(cloud.calls({ service: "iam" })).toHaveLength(2);
  });

  test("a wrong password", async () => {
    expect(await refused({ ...PASSWORD, HW_USER_PASSWORD: "not-the-password" })).toMatch(
      /^error: Huawei Cloud credentials \(password of HW_USER_NAME\/HW_USER_PASSWORD\): the login of user deployer in domain acme failed: HTTP 401 IAM\.0101: The username or password is wrong\./,
    );
  });

  test("an agency without its account, a duration out of range", async () => {
    expect(await refused({ ...KEYS, HW_ASSUME_ROLE_AGENCY_NAME: id.agency.name })).toBe(
      `error: HW_ASSUME_ROLE_AGENCY_NAME "${id.agency.name}" is set without the account that owns the agency: set HW_ASSUME_ROLE_DOMAIN_NAME (or HW_ASSUME_ROLE_DOMAIN_ID)`,
    );
    expect(await refused({ ...KEYS, ...AGENCY, HW_ASSUME_ROLE_DURATION: "60" })).toBe('error: HW_ASSUME_ROLE_DURATION "60" is not a whole number of seconds from 900 to 86400');
  });
});

describe("files that are not credential files (issue 22): refused in one line, never read past, never passed over", () => {
  async function refusedFast(env: Record<string, string>): Promise<string> {
    const line = await refused(env);
    // Nothing else was used in its place: no metadata call.
    expect(cloud.calls({ service: "ecs_metadata" })).toHaveLength(0);
    return line;
  }

  test("an ID token file that is a FIFO does not hang the hook: refused before it is opened", async () => {
    const fifo = path.join(dir, `token-fifo-${Date.now()}`);
    execFileSync("mkfifo", [fifo]);
    expect(await refusedFast({ HW_ASSUME_ROLE_IDP_ID: id.identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN_FILE: fifo })).toBe(
      `error: Huawei Cloud credentials (HW_ASSUME_ROLE_IDP_ID with HW_ASSUME_ROLE_ID_TOKEN_FILE): the ID token file ${fifo} is a named pipe (FIFO), not a file: reading it could wait forever. Check: that HW_ASSUME_ROLE_ID_TOKEN_FILE names the file your CI system writes the OIDC token to, and that it exists when the deploy runs`,
    );
  });

  test.each([
    ["a dangling symbolic link", (at: string) => symlinkSync(path.join(dir, "no-such-target.json"), at), "is a dangling symbolic link (its target does not exist)"],
    ["a symbolic link that loops", (at: string) => symlinkSync(at, at), "is a symbolic link that loops"],
    ["a directory", (at: string) => mkdirSync(at), "is a directory, not a file"],
  ])("a profile file that is %s fails the run instead of acting as the instance's agency", async (_kind, make, problem) => {
    const at = path.join(dir, `profile-${Math.random().toString(36).slice(2)}`);
    make(at);
    expect(await refusedFast({ HW_SHARED_CONFIG_FILE: at })).toBe(
      `error: Huawei Cloud credentials (shared config file ${at}): the file ${problem}. Check: that HW_SHARED_CONFIG_FILE names the KooCLI configuration file (hcloud configure init writes ~/.hcloud/config.json)`,
    );
  });

  test("HW_PROFILE with no ~/.hcloud/config.json: the provider's words, not the next source", async () => {
    const line = await refusedFast({ HW_PROFILE: "default" });
    expect(line).toMatch(/^error: Huawei Cloud credentials \(shared config file \S+\/\.hcloud\/config\.json\): The specified shared config file \S+ does not exist\./);
  });

  test("temporary keys whose expires_at is not a date are the source's error, not keys that never expire", async () => {
    cloud.emulator.faults.add({ operation: "ecs_metadata:GetSecurityKey", json: { credential: { access: "TMPAKNOTADATE0000001", secret: "s", securitytoken: "t", expires_at: "soon" } } });
    const result = await hook({});
    expect(result.code).toBe(1);
    expect(cloud.calls({ service: "taurusdb" })).toHaveLength(0);
    expect(result.stderr.trim()).toBe(
      `error: Huawei Cloud credentials (ECS metadata ${cloud.url}): the credentials' expires_at "soon" is not a date. Check: that the endpoint is Huawei Cloud IAM (or ECS metadata) and not a proxy answering in its place`,
    );
  });
});

describe("a transient IAM or metadata failure is retried like any idempotent read (issue 22)", () => {
  test.each([
    ["a 503 from IAM on assume", { operation: "iam:CreateTemporaryAccessKey", status: 503, code: "IAM.0009", message: "Service unavailable" }, () => ({ ...KEYS, ...AGENCY }), AGENCY_PRINCIPAL],
    ["throttling by STS v5 on assume", { operation: "iam:AssumeAgency", status: 429, code: "APIGW.0308", message: "The throttling threshold has been reached" }, () => ({ ...KEYS, HW_ASSUME_ROLE_AGENCY_NAME: id.agency.name, HW_ASSUME_ROLE_DOMAIN_ID: id.agency.domainId }), AGENCY_PRINCIPAL],
    ["a 503 from the metadata service", { operation: "ecs_metadata:GetSecurityKey", status: 503, code: "HTTP503", message: "busy" }, () => ({}), INSTANCE_PRINCIPAL],
  ])("%s: the deploy converges as the same identity", async (_case, fault, env, principal) => {
    cloud.emulator.faults.add(fault);
    const result = await hook(env());
    expectConverged(result);
    expect(cloud.calls().filter((c) => c.status === fault.status)).toHaveLength(1);
    expect(changedBy()).toEqual([{ accessKey: expect.stringMatching(/^TMPAK/), principal }]);
  });
});

describe("SSO profiles and the default file (huaweicloud provider v1.97.1 readConfig)", () => {
  test("an SSO profile signs with its ssoAuth.stsToken keys", async () => {
    const config = file("sso.json", koocliConfig([{ name: "sso", mode: "SSO", ssoAuth: { stsToken: { accessKeyId: hw.accessKey, secretAccessKey: hw.secretKey } } }], "sso"));
    const result = await hook({ HW_SHARED_CONFIG_FILE: config });
    expectConverged(result);
    expect(credentialLine(result)).toBe(`credentials: access key EMUL…0001 from profile "sso" of ${config}`);
    expect(changedBy()).toEqual([{ accessKey: hw.accessKey, principal: "user deployer" }]);
  });

  test("an SSO profile without its STS token is refused in the provider's words", async () => {
    const config = file("sso-empty.json", koocliConfig([{ name: "sso", mode: "SSO", ssoAuth: {} }], "sso"));
    const result = await hook({ HW_SHARED_CONFIG_FILE: config });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `error: Huawei Cloud credentials (shared config file ${config}): Error finding ssoAuth.stsToken config when auth mode is SSO. Check: that \`hcloud configure sso\` has logged in and written the profile's ssoAuth.stsToken (its keys expire: log in again)`,
    );
  });

  test("~/.hcloud/config.json alone (no HW_SHARED_CONFIG_FILE, no HW_PROFILE) is not read, as by Terraform: the instance's agency is used", async () => {
    const home = mkdtempSync(path.join(dir, "koocli-unread-"));
    mkdirSync(path.join(home, ".hcloud"));
    writeFileSync(path.join(home, ".hcloud", "config.json"), koocliConfig([{ name: "default", accessKeyId: hw.accessKey, secretAccessKey: hw.secretKey }]));
    const result = await hook({ HOME: home });
    expectConverged(result);
    expect(changedBy()).toEqual([{ accessKey: expect.stringMatching(/^TMPAK/), principal: INSTANCE_PRINCIPAL }]);
  });
});

describe("terraform apply with the public host names (CDKTF_ENCRYPTION_CONNECT_TO): the identity the provider would use", () => {
  /**
   * A real `terraform apply` of a stack declaring the TaurusDB backup encryption of TAURUSDB_SPEC,
   * every cloud host dialled at the emulator under its public name. The hook's lines come back
   * without Terraform's `(local-exec):` prefix, in `stderr`, as `hook` gives them.
   */
  async function connectTo(env: Record<string, string>): Promise<ProcessResult> {
    const deployEnv = { HOME: mkdtempSync(path.join(dir, "home-")), CDKTF_ENCRYPTION_CONNECT_TO: cloud.url, CDKTF_ENCRYPTION_HUAWEI_METADATA_URL: cloud.url, ...env };
    const ws = TerraformWorkspace.synth((stack: TerraformStack) => {
      new BackupEncryption(stack, "orders-backups", {
        instance: { region: TAURUSDB_SPEC.region, projectId: TAURUSDB_SPEC.project_id, instanceId: TAURUSDB_SPEC.instance_id },
        kmsKeyId: TAURUSDB_SPEC.kms_key_id,
      });
    }, deployEnv);
    const applied = await ws.apply();
    const hookLines = `${applied.stdout}\n${applied.stderr}`.split("\n").flatMap((line) => {
      const at = line.indexOf("(local-exec): ");
      return at >= 0 ? [line.slice(at + "(local-exec): ".length)] : [];
    });
    return { ...applied, stderr: hookLines.join("\n") };
  }

  test("OIDC and keys both set: the OIDC exchange wins (LoadAndValidate exchanges before buildClient)", async () => {
    const result = await connectTo({ ...KEYS, HW_ASSUME_ROLE_IDP_ID: id.identityProvider.id, HW_ASSUME_ROLE_ID_TOKEN: id.identityProvider.idToken });
    expectConverged(result);
    expect(credentialLine(result)).toMatch(/^credentials: federated identity from identity provider github-ci/);
    // Reached at iam.cn-north-4.myhuaweicloud.com (the emulator serves IAM's paths only on IAM's host name).
    expect(cloud.calls({ service: "iam" }).map((c) => `${c.operation} ${c.status}`)).toEqual(["CreateTokenWithIdToken 201", "CreateTemporaryAccessKey 201"]);
    expect(changedBy()).toEqual([{ accessKey: expect.stringMatching(/^TMPAK/), principal: FEDERATED_PRINCIPAL }]);
  });

  test("HW_PROFILE and keys both set: the profile wins (configureProvider reads it into the keys)", async () => {
    const home = mkdtempSync(path.join(dir, "koocli-connect-"));
    mkdirSync(path.join(home, ".hcloud"));
    writeFileSync(path.join(home, ".hcloud", "config.json"), koocliConfig([{ name: "ops", accessKeyId: hw.readOnlyAccessKey, secretAccessKey: hw.readOnlySecretKey }, { name: "deploy", accessKeyId: hw.accessKey, secretAccessKey: hw.secretKey }], "ops"));
    const result = await connectTo({ HOME: home, HW_PROFILE: "deploy", HW_ACCESS_KEY: hw.readOnlyAccessKey, HW_SECRET_KEY: hw.readOnlySecretKey });
    expectConverged(result);
    expect(credentialLine(result)).toBe(`credentials: access key EMUL…0001 from profile "deploy" of ${path.join(home, ".hcloud", "config.json")}`);
    expect(changedBy()).toEqual([{ accessKey: hw.accessKey, principal: "user deployer" }]);
  });
});

test("temporary credentials that expire during a long wait are renewed and the change converges", async () => {
  // A 30-minute DWS conversion on an emulated clock 300× faster than ours: the agency's
  // 15-minute keys expire half-way; the gateway refuses them and the hook renews them.
  const warehouse = "97cbaab3-939e-4dbc-9187-0fe240f2b9fd";
  cloud.emulator.service("dws").patch(warehouse, { encrypt_duration_seconds: 1800 });
  cloud.emulator.clock.setRate(300);
  const spec = {
    spec_version: "1",
    kind: "dws.cluster-encryption",
    region: hw.region,
    project_id: hw.projectId,
    cluster_id: warehouse,
    master_key_id: "0f3196c8-5c23-469f-84da-92ecd2499dce",
    master_key_name: "KMS-1abd-1016",
    crypt_algorithm: "generalCipher",
    timeout: "2h",
  };
  const result = await hook({ ...KEYS, ...AGENCY, HW_ASSUME_ROLE_DURATION: "900", CDKTF_ENCRYPTION_SPEC: JSON.stringify(spec) });
  expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
  expect(cloud.performed("EncryptCluster")).toHaveLength(1);
  const assumed = cloud.calls({ operation: "CreateTemporaryAccessKey" });
  expect(assumed.length).toBeGreaterThanOrEqual(2);
  const dws = cloud.calls({ service: "dws" });
  const accepted = dws.filter((c) => c.status !== 401);
  // The gateway refused the expired keys (401 APIGW.0307 "The token must be updated."), then accepted renewed ones of the same agency.
  expect(dws.filter((c) => c.status === 401).length).toBeGreaterThanOrEqual(1);
  expect(new Set(accepted.map((c) => c.accessKey)).size).toBeGreaterThanOrEqual(2);
  expect(new Set(accepted.map((c) => c.principal))).toEqual(new Set([AGENCY_PRINCIPAL]));
  expect(result.stderr.match(/^credentials: /gm)).toHaveLength(1);
});

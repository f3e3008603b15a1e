import { AckClient } from "../../lib/cloud/alibaba/ack-client";
import { AlibabaIdentityWorld, alibabaIdentityWorld } from "../../lib/emulator/alibaba-identities";
import { AlibabaStsService } from "../../lib/emulator/services/alibaba-sts";
import { ALI, ALIBABA_IDENTITIES as ID, bareEnv, cliConfig, freshHome, runHookProcess, tokenFile } from "../support/alibaba-identity-world";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";
import { ProcessResult } from "../support/terraform-harness";

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());
beforeEach(() => cloud.emulator.reset());

const role = (arn: string) => `role ${arn}`;
const INSTANCE_ROLE = `acs:ram::1234567890123456:role/${ID.instanceRole}`;

/** The ACK calls of the run: who made them. */
function ackCallers(): { accessKey?: string; principal?: string }[] {
  return cloud.calls({ service: "ack" }).map((c) => ({ accessKey: c.accessKey, principal: c.principal }));
}

/** The one `credentials:` line of the run. */
function credentialsLine(result: ProcessResult): string {
  const lines = result.stderr.split("\n").filter((l) => l.startsWith("credentials: "));
  expect(lines).toHaveLength(1);
  return lines[0];
}

function expectActedAs(result: ProcessResult, principal: string | undefined, accessKey?: string | RegExp): void {
  expect(result).toMatchObject({ code: 0 });
  const callers = ackCallers();
  expect(callers.length).toBeGreaterThan(0);
  for (const caller of callers) {
    expect(caller.principal).toBe(principal);
    if (typeof accessKey === "string") expect(caller.accessKey).toBe(accessKey);
    else if (accessKey) expect(caller.accessKey).toMatch(accessKey);
  }
}

const AK_PROFILE = { name: "keys", mode: "AK", access_key_id: ALI.accessKeyId, access_key_secret: ALI.accessKeySecret };

describe("each source alone drives the hook, acting as its identity", () => {
  test("environment keys: the alicloud provider's ALICLOUD_* names win over ALIBABA_CLOUD_* and ALIBABACLOUD_*", async () => {
    const result = await runHookProcess(
      bareEnv(cloud, {
        ALICLOUD_ACCESS_KEY: ALI.accessKeyId,
        ALICLOUD_SECRET_KEY: ALI.accessKeySecret,
        ALIBABA_CLOUD_ACCESS_KEY_ID: ALI.readOnlyAccessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong",
        ALIBABACLOUD_ACCESS_KEY_ID: "LTAI5tUnused000000000001",
        ALIBABACLOUD_ACCESS_KEY_SECRET: "wrong",
      }),
    );
    expectActedAs(result, undefined, ALI.accessKeyId);
    expect(credentialsLine(result)).toBe("credentials: AccessKey LTAI…a001 (from ALICLOUD_ACCESS_KEY)");
  });

  test("environment keys: ALIBABACLOUD_* alone, and an STS token with its key", async () => {
    const plain = await runHookProcess(bareEnv(cloud, { ALIBABACLOUD_ACCESS_KEY_ID: ALI.accessKeyId, ALIBABACLOUD_ACCESS_KEY_SECRET: ALI.accessKeySecret }));
    expectActedAs(plain, undefined, ALI.accessKeyId);
    cloud.clearCalls();
    const sts = await runHookProcess(
      bareEnv(cloud, { ALIBABA_CLOUD_ACCESS_KEY_ID: ALI.stsAccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: ALI.stsAccessKeySecret, ALIBABA_CLOUD_SECURITY_TOKEN: ALI.securityToken }),
    );
    expectActedAs(sts, undefined, ALI.stsAccessKeyId);
    expect(credentialsLine(sts)).toBe("credentials: STS token STS.…0001 (from ALIBABA_CLOUD_ACCESS_KEY_ID)");
  });

  test("RRSA: AssumeRoleWithOIDC with the token file, the role's temporary key on every call", async () => {
    const result = await runHookProcess(
      bareEnv(cloud, { ALIBABA_CLOUD_ROLE_ARN: ID.ciRunner, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ID.oidcProvider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile(), ALIBABA_CLOUD_ROLE_SESSION_NAME: "pod-1" }),
    );
    expectActedAs(result, role(ID.ciRunner), /^STS\./);
    expect(credentialsLine(result)).toBe("credentials: assumed role acs:ram::123…:role/ci-runner with OIDC (from ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_*)");
    expect(cloud.calls({ service: "sts" }).map((c) => `${c.operation} ${c.status}`)).toEqual(["AssumeRoleWithOIDC 200"]);
  });

  test.each([
    ["AK", [AK_PROFILE], undefined, ALI.accessKeyId],
    ["StsToken", [{ name: "sts", mode: "StsToken", access_key_id: ALI.stsAccessKeyId, access_key_secret: ALI.stsAccessKeySecret, sts_token: ALI.securityToken }], undefined, ALI.stsAccessKeyId],
    ["RamRoleArn", [{ ...AK_PROFILE, name: "deploy", mode: "RamRoleArn", ram_role_arn: ID.encryptionAdmin, ram_session_name: "laptop" }], role(ID.encryptionAdmin), /^STS\./],
    ["EcsRamRole", [{ name: "vm", mode: "EcsRamRole", ram_role_name: ID.instanceRole }], role(INSTANCE_ROLE), /^STS\./],
    ["OIDC", [{ name: "pod", mode: "OIDC", ram_role_arn: ID.ciRunner, oidc_provider_arn: ID.oidcProvider, oidc_token_file: tokenFile() }], role(ID.ciRunner), /^STS\./],
    [
      "ChainableRamRoleArn (OIDC → ci-runner → encryption-admin)",
      [
        { name: "admin", mode: "ChainableRamRoleArn", source_profile: "pod", ram_role_arn: ID.encryptionAdmin },
        { name: "pod", mode: "OIDC", ram_role_arn: ID.ciRunner, oidc_provider_arn: ID.oidcProvider, oidc_token_file: tokenFile() },
      ],
      role(ID.encryptionAdmin),
      /^STS\./,
    ],
    ["CredentialsURI", [{ name: "sidecar", mode: "CredentialsURI", credentials_uri: "URI" }], role(ID.sidecar), /^STS\./],
  ])("aliyun CLI profile, mode %s (the file's current profile)", async (_mode, profiles, principal, accessKey) => {
    const text = cliConfig(profiles as Record<string, unknown>[]).replace('"URI"', JSON.stringify(`${cloud.url}/credentials-uri`));
    const result = await runHookProcess({ ...bareEnv(cloud), HOME: freshHome({ ".aliyun/config.json": text }) });
    expectActedAs(result, principal, accessKey);
    expect(credentialsLine(result)).toContain(`aliyun CLI profile "${profiles[0].name}"`);
  });

  test("aliyun CLI profile named by ALIBABA_CLOUD_PROFILE instead of the file's current", async () => {
    const text = cliConfig([{ ...AK_PROFILE, name: "readonly", access_key_id: ALI.readOnlyAccessKeyId, access_key_secret: ALI.readOnlyAccessKeySecret }, AK_PROFILE]);
    const result = await runHookProcess({ ...bareEnv(cloud), HOME: freshHome({ ".aliyun/config.json": text }), ALIBABA_CLOUD_PROFILE: "keys" });
    expectActedAs(result, undefined, ALI.accessKeyId);
  });

  test.each([
    ["access_key", `[default]\ntype = access_key\naccess_key_id = ${ALI.accessKeyId}\naccess_key_secret = ${ALI.accessKeySecret}\n`, undefined, ALI.accessKeyId],
    ["ram_role_arn", `; deploy role\n[default]\ntype = ram_role_arn\naccess_key_id = ${ALI.accessKeyId}\naccess_key_secret = ${ALI.accessKeySecret}\nrole_arn = ${ID.encryptionAdmin}\n`, role(ID.encryptionAdmin), /^STS\./],
    ["ecs_ram_role", `[default]\ntype = ecs_ram_role\nrole_name = ${ID.instanceRole}\n`, role(INSTANCE_ROLE), /^STS\./],
  ])("credentials file (INI), type %s", async (_type, ini, principal, accessKey) => {
    const result = await runHookProcess({ ...bareEnv(cloud), HOME: freshHome({ ".alibabacloud/credentials": ini }) });
    expectActedAs(result, principal, accessKey);
    expect(credentialsLine(result)).toMatch(/\(from credentials file .*\.alibabacloud\/credentials, profile \[default\], type /);
  });

  test("ECS RAM role: the role discovered from instance metadata with an IMDSv2 token", async () => {
    const result = await runHookProcess(bareEnv(cloud));
    expectActedAs(result, role(INSTANCE_ROLE), /^STS\./);
    expect(credentialsLine(result)).toBe(`credentials: ECS RAM role ${ID.instanceRole} (from instance metadata)`);
    expect(cloud.calls({ service: "alibaba_metadata" }).map((c) => `${c.method} ${c.operation} ${c.status}`)).toEqual([
      "PUT MetadataToken 200",
      "GET MetadataRoleName 200",
      "GET MetadataRoleCredentials 200",
    ]);
  });

  test("credentials URI, with instance metadata turned off", async () => {
    const result = await runHookProcess(bareEnv(cloud, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ALIBABA_CLOUD_CREDENTIALS_URI: `${cloud.url}/credentials-uri` }));
    expectActedAs(result, role(ID.sidecar), /^STS\./);
    expect(cloud.calls({ service: "alibaba_metadata" })).toEqual([]);
    expect(credentialsLine(result)).toBe(`credentials: credentials from ${cloud.url}/credentials-uri (from ALIBABA_CLOUD_CREDENTIALS_URI)`);
  });

  test("ALICLOUD_ASSUME_ROLE_ARN on top of the environment keys: every ACK call as the role, not the base key", async () => {
    const result = await runHookProcess(
      bareEnv(cloud, { ALICLOUD_ACCESS_KEY: ALI.accessKeyId, ALICLOUD_SECRET_KEY: ALI.accessKeySecret, ALICLOUD_ASSUME_ROLE_ARN: ID.encryptionAdmin, ALICLOUD_ASSUME_ROLE_SESSION_NAME: "ci" }),
    );
    expectActedAs(result, role(ID.encryptionAdmin), /^STS\./);
    expect(ackCallers().some((c) => c.accessKey === ALI.accessKeyId)).toBe(false);
    expect(cloud.calls({ service: "sts" }).map((c) => `${c.operation} ${c.accessKey} ${c.status}`)).toEqual([`AssumeRole ${ALI.accessKeyId} 200`]);
    expect(credentialsLine(result)).toBe(
      "credentials: assumed role acs:ram::123…:role/encryption-admin (from ALICLOUD_ASSUME_ROLE_ARN; base identity: AccessKey LTAI…a001 (from ALICLOUD_ACCESS_KEY))",
    );
  });
});

describe("precedence: the first configured source in the official chain's order is used", () => {
  const cliHome = () => freshHome({ ".aliyun/config.json": cliConfig([{ ...AK_PROFILE, access_key_id: ALI.readOnlyAccessKeyId, access_key_secret: ALI.readOnlyAccessKeySecret }]) });
  const rrsa = () => ({ ALIBABA_CLOUD_ROLE_ARN: ID.ciRunner, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ID.oidcProvider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile() });

  test("environment keys before RRSA", async () => {
    const result = await runHookProcess({ ...bareEnv(cloud, { ...rrsa(), ALICLOUD_ACCESS_KEY: ALI.accessKeyId, ALICLOUD_SECRET_KEY: ALI.accessKeySecret }), HOME: cliHome() });
    expectActedAs(result, undefined, ALI.accessKeyId);
    expect(cloud.calls({ service: "sts" })).toEqual([]);
  });

  test("RRSA before the CLI profile", async () => {
    const result = await runHookProcess({ ...bareEnv(cloud, rrsa()), HOME: cliHome() });
    expectActedAs(result, role(ID.ciRunner), /^STS\./);
  });

  test("CLI profile before the credentials file, instance metadata and the URI", async () => {
    const home = freshHome({
      ".aliyun/config.json": cliConfig([AK_PROFILE]),
      ".alibabacloud/credentials": `[default]\ntype = ecs_ram_role\nrole_name = ${ID.instanceRole}\n`,
    });
    const result = await runHookProcess({ ...bareEnv(cloud, { ALIBABA_CLOUD_CREDENTIALS_URI: `${cloud.url}/credentials-uri` }), HOME: home });
    expectActedAs(result, undefined, ALI.accessKeyId);
    expect(cloud.calls().filter((c) => c.service !== "ack")).toEqual([]);
  });

  test("instance metadata before the URI; the URI when metadata does not answer", async () => {
    const both = await runHookProcess(bareEnv(cloud, { ALIBABA_CLOUD_CREDENTIALS_URI: `${cloud.url}/credentials-uri` }));
    expectActedAs(both, role(INSTANCE_ROLE), /^STS\./);
    cloud.clearCalls();
    const closed = await runHookProcess(bareEnv(cloud, { ALIBABA_CLOUD_CREDENTIALS_URI: `${cloud.url}/credentials-uri`, CDKTF_ENCRYPTION_ALIBABA_METADATA_URL: "http://127.0.0.1:9" }));
    expectActedAs(closed, role(ID.sidecar), /^STS\./);
  });

  test("instance metadata with no role attached is passed over for the URI, as in the official chain", async () => {
    const identities = (cloud.emulator.service("sts") as AlibabaStsService).identities;
    identities.load({ ...(alibabaIdentityWorld(ALI.accessKeyId) as AlibabaIdentityWorld), instance_role: null });
    const result = await runHookProcess(bareEnv(cloud, { ALIBABA_CLOUD_CREDENTIALS_URI: `${cloud.url}/credentials-uri` }));
    expectActedAs(result, role(ID.sidecar), /^STS\./);
    expect(cloud.calls({ service: "alibaba_metadata" }).map((c) => c.operation)).toEqual(["MetadataToken", "MetadataRoleName"]);
  });
});

describe("a configured source that cannot give credentials: one line naming it, nothing sent to ACK, exit 1", () => {
  const cases: [string, () => Record<string, string>, RegExp][] = [
    ["a CLI profile file that does not parse", () => ({ HOME: freshHome({ ".aliyun/config.json": '{"current": "keys", "profiles": [' }) }), /^error: Alibaba Cloud credentials \(aliyun CLI profile .*config\.json\): the file does not parse as JSON .*\. Check: /],
    [
      "a profile name that does not exist",
      () => ({ HOME: freshHome({ ".aliyun/config.json": cliConfig([AK_PROFILE]) }), ALIBABA_CLOUD_PROFILE: "prod" }),
      /^error: Alibaba Cloud credentials \(aliyun CLI profile "prod" in .*\): there is no profile "prod" \(named by ALIBABA_CLOUD_PROFILE\); the file has "keys"\. Check: ALIBABA_CLOUD_PROFILE/,
    ],
    [
      "an OIDC token file that is missing",
      () => ({ ALIBABA_CLOUD_ROLE_ARN: ID.ciRunner, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ID.oidcProvider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/nonexistent/token" }),
      /^error: Alibaba Cloud credentials \(ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_\*\): the OIDC token file \/nonexistent\/token cannot be read \(ENOENT\)\. Check: /,
    ],
    [
      "an OIDC token file that is empty",
      () => ({ ALIBABA_CLOUD_ROLE_ARN: ID.ciRunner, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ID.oidcProvider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile("  \n") }),
      /^error: Alibaba Cloud credentials \(ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_\*\): the OIDC token file \S+ is empty\. Check: /,
    ],
    [
      "instance metadata unreachable for a named role",
      () => ({ ALIBABA_CLOUD_ECS_METADATA: ID.instanceRole, CDKTF_ENCRYPTION_ALIBABA_METADATA_URL: "http://127.0.0.1:9" }),
      /^error: Alibaba Cloud credentials \(instance metadata, ALIBABA_CLOUD_ECS_METADATA\): http:\/\/127\.0\.0\.1:9 is unreachable \(ECONNREFUSED\)\. Check: that this machine is an ECS instance/,
    ],
    [
      "no source at all (metadata not answering)",
      () => ({ CDKTF_ENCRYPTION_ALIBABA_METADATA_URL: "http://127.0.0.1:9" }),
      /^error: no Alibaba Cloud credentials found: set ALICLOUD_ACCESS_KEY .*; ECS instance metadata: http:\/\/127\.0\.0\.1:9 is unreachable \(ECONNREFUSED\)$/,
    ],
    [
      "STS refusing the assume-role (the base key is not trusted by the role)",
      () => ({ ALICLOUD_ACCESS_KEY: ALI.accessKeyId, ALICLOUD_SECRET_KEY: ALI.accessKeySecret, ALICLOUD_ASSUME_ROLE_ARN: ID.auditor }),
      /^error: Alibaba Cloud credentials \(ALICLOUD_ASSUME_ROLE_ARN\): STS AssumeRole was refused \(HTTP 403\): NoPermission: You are not authorized to do this action\. You should be authorized by RAM\. \[request id [\w-]+\]\. Check: that the base identity may assume acs:ram::1234567890123456:role\/auditor/,
    ],
    [
      "STS: a role that does not exist",
      () => ({ ALICLOUD_ACCESS_KEY: ALI.accessKeyId, ALICLOUD_SECRET_KEY: ALI.accessKeySecret, ALICLOUD_ASSUME_ROLE_ARN: "acs:ram::1234567890123456:role/nobody" }),
      /^error: Alibaba Cloud credentials \(ALICLOUD_ASSUME_ROLE_ARN\): STS AssumeRole was refused \(HTTP 404\): EntityNotExist\.Role: /,
    ],
    [
      "a credentials URI answering JSON without keys",
      () => ({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ALIBABA_CLOUD_CREDENTIALS_URI: `${cloud.url}/_emulator/clock` }),
      /^error: Alibaba Cloud credentials \(ALIBABA_CLOUD_CREDENTIALS_URI\): http:\/\/127\.0\.0\.1:\d+\/_emulator\/clock answered without AccessKeyId and AccessKeySecret\. Check: /,
    ],
  ];
  test.each(cases)("%s", async (_name, extra, message) => {
    const result = await runHookProcess(bareEnv(cloud, extra()));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
    expect(cloud.calls({ service: "ack" })).toEqual([]);
  });

  test("a credentials URI answering HTML (a proxy's error page)", async () => {
    cloud.emulator.faults.add({ operation: "credentials_uri:GetCredentials", body: "html", status: 200 });
    const result = await runHookProcess(bareEnv(cloud, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ALIBABA_CLOUD_CREDENTIALS_URI: `${cloud.url}/credentials-uri` }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: Alibaba Cloud credentials \(ALIBABA_CLOUD_CREDENTIALS_URI\): http:\/\/127\.0\.0\.1:\d+\/credentials-uri answered something that is not JSON\. Check: that .* serves Alibaba Cloud credentials as JSON/);
    expect(cloud.calls({ service: "ack" })).toEqual([]);
  });
});

test("GET /_emulator/state lists the RAM roles with their ARN and the keys issued; GET /_emulator/calls names the key and the identity of each call", async () => {
  await runHookProcess(bareEnv(cloud, { ALICLOUD_ACCESS_KEY: ALI.accessKeyId, ALICLOUD_SECRET_KEY: ALI.accessKeySecret, ALICLOUD_ASSUME_ROLE_ARN: ID.encryptionAdmin }));
  const state = (await (await fetch(`${cloud.url}/_emulator/state`)).json()) as { sts: { roles: { arn: string }[]; issued: { access_key_id: string; principal: string }[] } };
  expect(state.sts.roles.map((r) => r.arn)).toEqual(expect.arrayContaining([ID.encryptionAdmin, ID.ciRunner, ID.auditor]));
  expect(state.sts.issued).toEqual([expect.objectContaining({ principal: role(ID.encryptionAdmin) })]);
  const { calls } = (await (await fetch(`${cloud.url}/_emulator/calls`)).json()) as { calls: { service: string; operation: string; accessKey?: string; principal?: string }[] };
  expect(calls.map((c) => [c.service, c.operation, c.accessKey, c.principal])).toEqual([
    ["sts", "AssumeRole", ALI.accessKeyId, undefined],
    ["ack", "DescribeClusterDetail", state.sts.issued[0].access_key_id, role(ID.encryptionAdmin)],
  ]);
});

test("one chain per run: two clients of the same environment assume the role once", async () => {
  const env = bareEnv(cloud, { ALICLOUD_ACCESS_KEY: ALI.accessKeyId, ALICLOUD_SECRET_KEY: ALI.accessKeySecret, ALICLOUD_ASSUME_ROLE_ARN: ID.encryptionAdmin });
  const first = new AckClient({ region: ALI.region, env });
  const second = new AckClient({ region: "cn-shanghai", env });
  await first.describeClusterDetail("c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6");
  await second.describeClusterDetail("c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6");
  expect(cloud.calls({ service: "sts" })).toHaveLength(1);
  expect(new Set(ackCallers().map((c) => c.accessKey)).size).toBe(1);
});

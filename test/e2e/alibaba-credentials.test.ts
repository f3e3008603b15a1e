import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
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
  ])("aliyun CLI profile named by ALICLOUD_PROFILE, mode %s", async (_mode, profiles, principal, accessKey) => {
    const text = cliConfig(profiles as Record<string, unknown>[]).replace('"URI"', JSON.stringify(`${cloud.url}/credentials-uri`));
    const result = await runHookProcess({ ...bareEnv(cloud), HOME: freshHome({ ".aliyun/config.json": text }), ALICLOUD_PROFILE: String(profiles[0].name) });
    expectActedAs(result, principal, accessKey);
    expect(credentialsLine(result)).toContain(`aliyun CLI profile "${profiles[0].name}"`);
  });

  test("aliyun CLI profile named by ALIBABA_CLOUD_PROFILE instead of the file's current", async () => {
    const text = cliConfig([{ ...AK_PROFILE, name: "readonly", access_key_id: ALI.readOnlyAccessKeyId, access_key_secret: ALI.readOnlyAccessKeySecret }, AK_PROFILE]);
    const result = await runHookProcess({ ...bareEnv(cloud), HOME: freshHome({ ".aliyun/config.json": text }), ALIBABA_CLOUD_PROFILE: "keys" });
    expectActedAs(result, undefined, ALI.accessKeyId);
  });

  test("ALIBABA_CLOUD_CREDENTIALS_FILE is the profile file in the provider's format (aliyun CLI JSON), read for the named profile", async () => {
    const dir = freshHome({ "ci/config.json": cliConfig([AK_PROFILE]) });
    const result = await runHookProcess({ ...bareEnv(cloud), ALIBABA_CLOUD_CREDENTIALS_FILE: `${dir}/ci/config.json`, ALIBABA_CLOUD_PROFILE: "keys" });
    expectActedAs(result, undefined, ALI.accessKeyId);
    expect(credentialsLine(result)).toContain(`aliyun CLI profile "keys" in ${dir}/ci/config.json`);
  });

  test("neither the CLI file's current profile nor the official SDKs' INI file is read unless a profile is named (the provider reads neither): the run acts as the next source", async () => {
    const home = freshHome({
      ".aliyun/config.json": cliConfig([AK_PROFILE]),
      ".alibabacloud/credentials": `[default]\ntype = access_key\naccess_key_id = ${ALI.readOnlyAccessKeyId}\naccess_key_secret = ${ALI.readOnlyAccessKeySecret}\n`,
    });
    const result = await runHookProcess({ ...bareEnv(cloud), HOME: home });
    expectActedAs(result, role(INSTANCE_ROLE), /^STS\./);
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

describe("precedence: the first configured source in the alicloud provider's order is used", () => {
  const cliHome = () => freshHome({ ".aliyun/config.json": cliConfig([{ ...AK_PROFILE, name: "ro", access_key_id: ALI.readOnlyAccessKeyId, access_key_secret: ALI.readOnlyAccessKeySecret }]) });
  const rrsa = () => ({ ALIBABA_CLOUD_ROLE_ARN: ID.ciRunner, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ID.oidcProvider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile() });
  const uri = () => ({ ALIBABA_CLOUD_CREDENTIALS_URI: `${cloud.url}/credentials-uri` });

  test("environment keys before RRSA (ALIBABA_CLOUD_ROLE_ARN stays RRSA's role, not assumed with the keys)", async () => {
    const result = await runHookProcess({ ...bareEnv(cloud, { ...rrsa(), ALICLOUD_ACCESS_KEY: ALI.accessKeyId, ALICLOUD_SECRET_KEY: ALI.accessKeySecret }), HOME: cliHome() });
    expectActedAs(result, undefined, ALI.accessKeyId);
    expect(cloud.calls({ service: "sts" })).toEqual([]);
  });

  test("a named CLI profile before the URI, a named ECS role and RRSA", async () => {
    const result = await runHookProcess({ ...bareEnv(cloud, { ...rrsa(), ...uri(), ALICLOUD_ECS_ROLE_NAME: ID.instanceRole, ALICLOUD_PROFILE: "ro" }), HOME: cliHome() });
    expectActedAs(result, undefined, ALI.readOnlyAccessKeyId);
    expect(cloud.calls().filter((c) => c.service !== "ack")).toEqual([]);
  });

  test("the credentials URI before a named ECS role (the provider's order; the official chain has them the other way round)", async () => {
    const result = await runHookProcess(bareEnv(cloud, { ...uri(), ALIBABA_CLOUD_ECS_METADATA: ID.instanceRole }));
    expectActedAs(result, role(ID.sidecar), /^STS\./);
    expect(cloud.calls({ service: "alibaba_metadata" })).toEqual([]);
  });

  test("a named ECS role before RRSA", async () => {
    const result = await runHookProcess(bareEnv(cloud, { ...rrsa(), ALICLOUD_ECS_ROLE_NAME: ID.instanceRole }));
    expectActedAs(result, role(INSTANCE_ROLE), /^STS\./);
    expect(cloud.calls({ service: "sts" })).toEqual([]);
  });

  test("the URI before instance metadata that nothing named: metadata is not asked", async () => {
    const both = await runHookProcess(bareEnv(cloud, uri()));
    expectActedAs(both, role(ID.sidecar), /^STS\./);
    expect(cloud.calls({ service: "alibaba_metadata" })).toEqual([]);
  });

  test("instance metadata with no role attached is passed over: the run says what it tried", async () => {
    const identities = (cloud.emulator.service("sts") as AlibabaStsService).identities;
    identities.load({ ...(alibabaIdentityWorld(ALI.accessKeyId) as AlibabaIdentityWorld), instance_role: null });
    const result = await runHookProcess(bareEnv(cloud));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: no Alibaba Cloud credentials found: .*; ECS instance metadata: no RAM role is attached to this instance$/);
    expect(cloud.calls({ service: "alibaba_metadata" }).map((c) => c.operation)).toEqual(["MetadataToken", "MetadataRoleName"]);
  });
});

describe("a configured source that cannot give credentials: one line naming it, nothing sent to ACK, exit 1", () => {
  const cases: [string, () => Record<string, string>, RegExp][] = [
    [
      "a CLI profile file that does not parse",
      () => ({ HOME: freshHome({ ".aliyun/config.json": '{"current": "keys", "profiles": [' }), ALICLOUD_PROFILE: "keys" }),
      /^error: Alibaba Cloud credentials \(aliyun CLI profile file .*config\.json\): the file does not parse as JSON .*\. Check: /,
    ],
    [
      "a profile name that does not exist",
      () => ({ HOME: freshHome({ ".aliyun/config.json": cliConfig([AK_PROFILE]) }), ALIBABA_CLOUD_PROFILE: "prod" }),
      /^error: Alibaba Cloud credentials \(aliyun CLI profile "prod" in .*\): there is no profile "prod" \(named by ALIBABA_CLOUD_PROFILE\); the file has "keys"\. Check: ALIBABA_CLOUD_PROFILE/,
    ],
    [
      "an OIDC token file that is missing",
      () => ({ ALIBABA_CLOUD_ROLE_ARN: ID.ciRunner, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ID.oidcProvider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/nonexistent/token" }),
      /^error: Alibaba Cloud credentials \(ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_\*\): the OIDC token file \/nonexistent\/token does not exist\. Check: /,
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

describe("broken or blocking sources stop the run in one line; a busy STS is asked again", () => {
  test("an OIDC token file that is a FIFO: refused at once, never waited on", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-fifo-"));
    const fifo = path.join(dir, "token");
    execFileSync("mkfifo", [fifo]);
    const result = await runHookProcess(bareEnv(cloud, { ALIBABA_CLOUD_ROLE_ARN: ID.ciRunner, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: ID.oidcProvider, ALIBABA_CLOUD_OIDC_TOKEN_FILE: fifo }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: Alibaba Cloud credentials \(ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_\*\): the OIDC token file \S+ is a named pipe \(FIFO\), not a file/);
    expect(cloud.calls({ service: "sts" })).toEqual([]);
  });

  test.each([
    ["a dangling symbolic link", (file: string) => symlinkSync(`${file}.missing`, file), /the file is a dangling symbolic link/],
    ["a symbolic link that loops", (file: string) => symlinkSync(file, file), /the file is a symbolic link that loops/],
    ["a directory", (file: string) => mkdirSync(file), /the file is a directory, not a file/],
  ])("a named profile's file that is %s stops the run instead of acting as the instance role", async (_what, make, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-profile-"));
    const file = path.join(dir, "config.json");
    make(file);
    const result = await runHookProcess(bareEnv(cloud, { ALICLOUD_PROFILE: "keys", ALICLOUD_SHARED_CREDENTIALS_FILE: file }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
    expect(cloud.calls({ service: "ack" })).toEqual([]);
    expect(cloud.calls({ service: "alibaba_metadata" })).toEqual([]);
  });

  test("a credentials URI whose Expiration is not a date: the source's error, not keys treated as never expiring", async () => {
    cloud.emulator.faults.add({ operation: "credentials_uri:GetCredentials", status: 200, json: { Code: "Success", AccessKeyId: "STS.Sidecar000000000001", AccessKeySecret: "s", SecurityToken: "t", Expiration: "in an hour" } });
    const result = await runHookProcess(bareEnv(cloud, { ALIBABA_CLOUD_CREDENTIALS_URI: `${cloud.url}/credentials-uri` }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: Alibaba Cloud credentials \(ALIBABA_CLOUD_CREDENTIALS_URI\): the credentials' Expiration "in an hour" is not a date\. Check: /);
    expect(cloud.calls({ service: "ack" })).toEqual([]);
  });

  test.each([
    ["503 ServiceUnavailable", 503, "ServiceUnavailable"],
    ["400 Throttling.User", 400, "Throttling.User"],
  ])("one STS %s on AssumeRole is asked again and the run goes on as the role", async (_what, status, code) => {
    cloud.emulator.faults.add({ operation: "sts:AssumeRole", status, code, count: 1 });
    const result = await runHookProcess(bareEnv(cloud, { ALICLOUD_ACCESS_KEY: ALI.accessKeyId, ALICLOUD_SECRET_KEY: ALI.accessKeySecret, ALICLOUD_ASSUME_ROLE_ARN: ID.encryptionAdmin }));
    expectActedAs(result, role(ID.encryptionAdmin), /^STS\./);
    expect(cloud.calls({ service: "sts" }).map((c) => c.status)).toEqual([status, 200]);
  });
});

test("one instance-metadata 503 for the role's credentials is asked again and the run goes on as the instance role", async () => {
  cloud.emulator.faults.add({ operation: "alibaba_metadata:MetadataRoleCredentials", status: 503, count: 1 });
  const result = await runHookProcess(bareEnv(cloud, { ALICLOUD_ECS_ROLE_NAME: ID.instanceRole }));
  expectActedAs(result, role(INSTANCE_ROLE), /^STS\./);
  expect(cloud.calls({ service: "alibaba_metadata", operation: "MetadataRoleCredentials" }).map((c) => c.status)).toEqual([503, 200]);
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

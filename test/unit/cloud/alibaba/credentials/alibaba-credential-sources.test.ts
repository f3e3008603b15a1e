import { alibabaBaseUrl } from "../../../../../lib/cloud/alibaba/alibaba-endpoints";
import { alibabaCredentialChain } from "../../../../../lib/cloud/alibaba/credentials/alibaba-credential-chain";
import { assumedRole } from "../../../../../lib/cloud/alibaba/credentials/assume-role-source";
import { namedCliProfile } from "../../../../../lib/cloud/alibaba/credentials/cli-profile-source";
import { isRetryableAnswer } from "../../../../../lib/cloud/alibaba/credentials/credential-http";
import { NO_EXPIRATION_REFRESH_MS, temporaryCredentials } from "../../../../../lib/cloud/alibaba/credentials/temporary-credentials";
import { oidcRoleFromEnv } from "../../../../../lib/cloud/alibaba/credentials/oidc-role-source";
import { staticKeys } from "../../../../../lib/cloud/alibaba/credentials/static-keys-source";
import { stsRegion } from "../../../../../lib/cloud/alibaba/credentials/sts-client";
import { rpcSignature, rpcStringToSign } from "../../../../../lib/cloud/alibaba/rpc-hmac-sha1";
import { systemClock } from "../../../../../lib/runtime/clock";
import { MemoryLog } from "../../../../../lib/runtime/log";
import { cliConfig, freshHome } from "../../../../support/alibaba-identity-world";

const ctx = (env: NodeJS.ProcessEnv) => ({ env, clock: systemClock });
const base = staticKeys({ accessKeyId: "LTAI5tTest0000000001", accessKeySecret: "secret" }, "test");

describe("STS endpoint and signing", () => {
  test("STS region from ALIBABA_CLOUD_STS_REGION, else the run's region (provider's order), else the central endpoint; its host from the official map; the global override moves it", () => {
    expect(stsRegion({ ALIBABA_CLOUD_STS_REGION: "cn-beijing", ALICLOUD_REGION: "cn-hangzhou" })).toBe("cn-beijing");
    expect(stsRegion({ ALIBABA_CLOUD_REGION: "cn-shanghai", ALICLOUD_REGION: "cn-hangzhou" })).toBe("cn-hangzhou");
    expect(alibabaBaseUrl("sts", "cn-hangzhou", {}).href).toBe("https://sts.cn-hangzhou.aliyuncs.com/");
    expect(alibabaBaseUrl("sts", "cn-wuhan", {}).href).toBe("https://sts.aliyuncs.com/");
    expect(alibabaBaseUrl("sts", "", {}).href).toBe("https://sts.aliyuncs.com/");
    expect(alibabaBaseUrl("sts", "", { CDKTF_ENCRYPTION_ENDPOINT: "http://127.0.0.1:4599" }).href).toBe("http://127.0.0.1:4599/");
  });

  test("RPC signature 1.0: sorted, RFC 3986 encoded pairs under POST&%2F&, HMAC-SHA1 keyed with secret&", () => {
    const params = { Action: "AssumeRole", RoleArn: "acs:ram::1:role/a b", Timestamp: "2024-01-01T00:00:00Z" };
    expect(rpcStringToSign("POST", params)).toBe("POST&%2F&Action%3DAssumeRole%26RoleArn%3Dacs%253Aram%253A%253A1%253Arole%252Fa%2520b%26Timestamp%3D2024-01-01T00%253A00%253A00Z");
    expect(rpcSignature("POST", params, "secret")).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(rpcSignature("POST", params, "secret")).not.toBe(rpcSignature("POST", params, "secreu"));
  });
});

describe("configuration mistakes are refused naming the source, before anything is sent", () => {
  test("some but not all RRSA variables; the role variable alone is not RRSA (it names a role to assume)", () => {
    expect(() => oidcRoleFromEnv(ctx({ ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/var/run/token" }))).toThrow(
      "Alibaba Cloud credentials (ALIBABA_CLOUD_ROLE_ARN/OIDC_*): ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_PROVIDER_ARN are not set. Check: set all of",
    );
    expect(oidcRoleFromEnv(ctx({ ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/x" }))).toBeUndefined();
    expect(oidcRoleFromEnv(ctx({}))).toBeUndefined();
  });

  test("a role ARN that is not one, a session duration out of range", () => {
    expect(() => assumedRole({ roleArn: "deploy" }, base, ctx({}), "ALICLOUD_ASSUME_ROLE_ARN")).toThrow('(ALICLOUD_ASSUME_ROLE_ARN): "deploy" is not a RAM role ARN. Check: the form acs:ram::<account id>:role/<role name>');
    expect(() => assumedRole({ roleArn: "acs:ram::1:role/x", durationSeconds: 600 }, base, ctx({}), "profile")).toThrow("session duration 600 is invalid");
  });

  test("CLI profiles: a missing field, an unsupported mode, a ChainableRamRoleArn loop; only a named profile is read", () => {
    const home = (profiles: Record<string, unknown>[]) => ({ HOME: freshHome({ ".aliyun/config.json": cliConfig(profiles) }), ALICLOUD_PROFILE: String(profiles[0].name) });
    expect(() => namedCliProfile(ctx(home([{ name: "a", mode: "AK", access_key_id: "id" }])))).toThrow('profile "a" (mode AK) has no access_key_secret');
    expect(() => namedCliProfile(ctx(home([{ name: "sso", mode: "CloudSSO" }])))).toThrow('profile "sso" has mode "CloudSSO", which cdktf-encryption does not read. Check: use one of AK, StsToken');
    expect(() =>
      namedCliProfile(
        ctx(
          home([
            { name: "a", mode: "ChainableRamRoleArn", source_profile: "b", ram_role_arn: "acs:ram::1:role/a" },
            { name: "b", mode: "ChainableRamRoleArn", source_profile: "a", ram_role_arn: "acs:ram::1:role/b" },
          ]),
        ),
      ),
    ).toThrow('profile "b" chains back to "a" in a loop');
    expect(namedCliProfile(ctx({ HOME: freshHome({ ".aliyun/config.json": cliConfig([{ name: "a", mode: "AK" }]) }) }))).toBeUndefined();
  });

  test("a named profile's file: ALICLOUD_SHARED_CREDENTIALS_FILE before ALIBABA_CLOUD_CREDENTIALS_FILE, JSON as the provider reads it; missing is an error", () => {
    const json = freshHome({ "cfg.json": cliConfig([{ name: "p", mode: "AK", access_key_id: "LTAI5tFile0000000001", access_key_secret: "s" }]) });
    const provider = namedCliProfile(ctx({ HOME: freshHome(), ALICLOUD_PROFILE: "p", ALICLOUD_SHARED_CREDENTIALS_FILE: `${json}/cfg.json`, ALIBABA_CLOUD_CREDENTIALS_FILE: "/nonexistent/ini" }));
    expect(provider?.describe()).toContain('aliyun CLI profile "p" in');
    expect(() => namedCliProfile(ctx({ HOME: freshHome(), ALIBABA_CLOUD_PROFILE: "p", ALIBABA_CLOUD_CREDENTIALS_FILE: "/nonexistent/credentials" }))).toThrow(
      'Alibaba Cloud credentials (aliyun CLI profile file /nonexistent/credentials): ALIBABA_CLOUD_PROFILE names profile "p", but the file does not exist. Check: ALIBABA_CLOUD_CREDENTIALS_FILE (/nonexistent/credentials)',
    );
    const ini = freshHome({ credentials: "[default]\ntype = access_key\n" });
    expect(() => namedCliProfile(ctx({ HOME: freshHome(), ALIBABA_CLOUD_PROFILE: "default", ALIBABA_CLOUD_CREDENTIALS_FILE: `${ini}/credentials` }))).toThrow("the file does not parse as JSON");
  });

  test("an OIDC-mode profile whose token file is a directory: the line says to check the profile's oidc_token_file, not the RRSA variable", async () => {
    const home = freshHome({ "token/.keep": "" });
    const profile = { name: "pod", mode: "OIDC", ram_role_arn: "acs:ram::1:role/x", oidc_provider_arn: "acs:ram::1:oidc-provider/p", oidc_token_file: `${home}/token` };
    const provider = namedCliProfile(ctx({ HOME: freshHome({ ".aliyun/config.json": cliConfig([profile]) }), ALICLOUD_PROFILE: "pod" }))!;
    await expect(provider.get()).rejects.toThrow(`the OIDC token file ${home}/token is a directory, not a file. Check: that the oidc_token_file of profile "pod" names the service account token file mounted in the pod`);
  });
});

test("the chain is made once per environment object and says which source it used once, through the first caller's log", async () => {
  const env = { ALICLOUD_ACCESS_KEY: "LTAI5tTest0000000001", ALICLOUD_SECRET_KEY: "secret", HOME: freshHome() };
  const log = new MemoryLog();
  const chain = alibabaCredentialChain(env, { log });
  expect(alibabaCredentialChain(env, { log: new MemoryLog() })).toBe(chain);
  expect(alibabaCredentialChain({ ...env })).not.toBe(chain);
  await chain.get();
  await chain.get();
  expect(log.lines).toEqual(["credentials: AccessKey LTAI…0001 (from ALICLOUD_ACCESS_KEY)"]);
});

test("ALIBABA_CLOUD_ECS_METADATA_DISABLED=true: a named role stops the run naming it, a profile's EcsRamRole mode is refused, discovery is not tried", async () => {
  const disabled = { HOME: freshHome(), ALIBABA_CLOUD_ECS_METADATA: "ecs-deployer", ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" };
  await expect(alibabaCredentialChain(disabled).get()).rejects.toThrow("(instance metadata, ALIBABA_CLOUD_ECS_METADATA): instance metadata is turned off (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)");
  const nothing = alibabaCredentialChain({ HOME: freshHome(), ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" });
  await expect(nothing.get()).rejects.toThrow(/^no Alibaba Cloud credentials found: .*; ECS instance metadata: ALIBABA_CLOUD_ECS_METADATA_DISABLED=true$/);
  expect(nothing.sourcesTried?.().map((t) => t.outcome)).toEqual(["not configured", "not configured", "not configured", "not configured", "not configured", "not configured"]);
  const home = freshHome({ ".aliyun/config.json": cliConfig([{ name: "vm", mode: "EcsRamRole", ram_role_name: "ecs-deployer" }]) });
  expect(() => namedCliProfile(ctx({ HOME: home, ALICLOUD_PROFILE: "vm", ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" }))).toThrow("instance metadata is turned off (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)");
});

describe("temporary credentials' Expiration and repeated requests", () => {
  const keys = { accessKeyId: "STS.Unit0000000000001", accessKeySecret: "s", securityToken: "t" };
  const now = Date.parse("2026-01-01T00:00:00Z");

  test("an ISO 8601 UTC Expiration is counted from the issuer's Date; none means fetched again in 15 minutes; anything else is the source's error", () => {
    expect(temporaryCredentials({ ...keys, expiration: "2026-01-01T01:00:00Z" }, new Date("2026-01-01T00:00:00Z"), now, "uri").expiresAt).toBe(now + 3_600_000);
    expect(temporaryCredentials({ ...keys, expiration: "2026-01-01T01:00:00.500Z" }, undefined, now, "uri").expiresAt).toBe(now + 3_600_500);
    expect(temporaryCredentials({ ...keys }, undefined, now, "uri").expiresAt).toBe(now + NO_EXPIRATION_REFRESH_MS);
    for (const bad of ["in an hour", "2026-01-01 01:00:00", "1767229200", "2026-01-01T01:00:00+08:00"]) {
      expect(() => temporaryCredentials({ ...keys, expiration: bad }, undefined, now, "ALIBABA_CLOUD_CREDENTIALS_URI")).toThrow(
        `Alibaba Cloud credentials (ALIBABA_CLOUD_CREDENTIALS_URI): the credentials' Expiration ${JSON.stringify(bad)} is not a date`,
      );
    }
  });

  test.each([
    [503, '{"Code":"ServiceUnavailable"}', true],
    [500, "oops", true],
    [400, '{"Code":"Throttling.User","Message":"Request was denied due to user flow control."}', true],
    [400, '{"Code":"Rejected.Throttling"}', true],
    [403, '{"Code":"NoPermission"}', false],
    [404, '{"Code":"EntityNotExist.Role"}', false],
    [200, '{"Credentials":{}}', false],
  ])("HTTP %s %s is asked again: %s (the provider's needRetry)", (status, text, retried) => {
    expect(isRetryableAnswer({ status, headers: {}, text })).toBe(retried);
  });
});

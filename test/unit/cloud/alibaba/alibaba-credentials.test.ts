import { alibabaCredentialsFromEnv } from "../../../../lib/cloud/alibaba/alibaba-credentials";
import { alibabaBaseUrl } from "../../../../lib/cloud/alibaba/alibaba-endpoints";

describe("credentials and endpoint from the environment", () => {
  test.each([
    ["official variables", { ALIBABA_CLOUD_ACCESS_KEY_ID: "id1", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s1", ALIBABA_CLOUD_SECURITY_TOKEN: "t1" }, { accessKeyId: "id1", accessKeySecret: "s1", securityToken: "t1" }],
    ["the alicloud provider's forms", { ALICLOUD_ACCESS_KEY: "id2", ALICLOUD_SECRET_KEY: "s2" }, { accessKeyId: "id2", accessKeySecret: "s2", securityToken: undefined }],
    ["the provider's forms win over the official ones (alicloud/provider.go), each with its own token", { ALIBABA_CLOUD_ACCESS_KEY_ID: "id1", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "s1", ALIBABA_CLOUD_SECURITY_TOKEN: "t1", ALICLOUD_ACCESS_KEY: "id2", ALICLOUD_SECRET_KEY: "s2" }, { accessKeyId: "id2", accessKeySecret: "s2", securityToken: undefined }],
    ["ALIBABACLOUD_* last", { ALIBABACLOUD_ACCESS_KEY_ID: "id3", ALIBABACLOUD_ACCESS_KEY_SECRET: "s3", ALIBABACLOUD_SECURITY_TOKEN: "t3" }, { accessKeyId: "id3", accessKeySecret: "s3", securityToken: "t3" }],
  ])("%s", (_name, env, expected) => {
    expect(alibabaCredentialsFromEnv(env)).toEqual(expected);
  });

  test.each([
    [{}, /no Alibaba Cloud credentials in the environment: set ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY .*, or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/],
    [{ ALIBABA_CLOUD_ACCESS_KEY_ID: "id1" }, /incomplete: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set/],
    [{ ALICLOUD_SECRET_KEY: "s2" }, /incomplete: ALICLOUD_ACCESS_KEY is not set/],
  ])("missing or partial credentials are named: %j", (env, message) => {
    expect(() => alibabaCredentialsFromEnv(env)).toThrow(message);
  });

  test("cs.{region}.aliyuncs.com, overridable for the emulator on loopback only", () => {
    expect(alibabaBaseUrl("cs", "cn-hangzhou", {}).href).toBe("https://cs.cn-hangzhou.aliyuncs.com/");
    expect(alibabaBaseUrl("cs", "cn-hangzhou", { CDKTF_ENCRYPTION_ENDPOINT: "http://127.0.0.1:4599" }).href).toBe("http://127.0.0.1:4599/");
    expect(() => alibabaBaseUrl("cs", "cn-hangzhou", { CDKTF_ENCRYPTION_ENDPOINT: "http://example.com" })).toThrow(/plain http to a non-loopback host/);
  });
});

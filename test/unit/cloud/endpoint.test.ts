import { resolveBaseUrl } from "../../../lib/cloud/endpoint";
import { ConfigError } from "../../../lib/runtime/config-error";

describe("endpoints", () => {
  test.each(["http://127.0.0.1:4599", "http://localhost:8080", "https://dws.example.com"])("%s is accepted", (url) => {
    expect(resolveBaseUrl("https://dws.cn-north-4.myhuaweicloud.com", { CDKTF_ENCRYPTION_ENDPOINT: url }).toString()).toBe(new URL(url).toString());
  });
  test("plain http to a non-loopback host is refused with the reason", () => {
    expect(() => resolveBaseUrl("https://x", { CDKTF_ENCRYPTION_ENDPOINT: "http://10.0.0.5:4599" })).toThrow(ConfigError);
    expect(() => resolveBaseUrl("https://x", { CDKTF_ENCRYPTION_ENDPOINT: "http://10.0.0.5:4599" })).toThrow(
      'CDKTF_ENCRYPTION_ENDPOINT "http://10.0.0.5:4599" uses plain http to a non-loopback host: only https is allowed there',
    );
  });
  test("without an override the public endpoint is used", () => {
    expect(resolveBaseUrl("https://gaussdb.cn-north-4.myhuaweicloud.com", {}).host).toBe("gaussdb.cn-north-4.myhuaweicloud.com");
  });
});

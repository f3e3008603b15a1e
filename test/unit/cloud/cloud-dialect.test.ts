import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ALIBABA_DIALECT } from "../../../lib/cloud/alibaba/alibaba-dialect";
import { HUAWEI_DIALECT } from "../../../lib/cloud/huawei/huawei-dialect";

const CLOUD = path.join(__dirname, "..", "..", "..", "lib", "cloud");

test("the generic transport and retry policy name no vendor code, header or variable: each cloud's dialect does", () => {
  const names = /huawei|alibaba|aliyun|x-acs-|x-sdk-|x-request-id|openstack|security-token|auth-token|HW_|ALIBABA_CLOUD/i;
  const codes = /APIGW|APIG\.|DWS\.|\bThrottling|InvalidTimeStamp|ServiceUnavailable/;
  for (const file of ["http-transport.ts", "retry-policy.ts"]) {
    const hits = readFileSync(path.join(CLOUD, file), "utf8")
      .split("\n")
      .map((line, i) => `${file}:${i + 1}: ${line.trim()}`)
      .filter((line) => names.test(line.replace(/^[^:]+:\d+: /, "")) || codes.test(line));
    expect(hits).toEqual([]);
  }
});

test("Alibaba's x-acs-retry-after is in milliseconds and wins over Retry-After; Huawei reads Retry-After (seconds or an HTTP date)", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  expect(ALIBABA_DIALECT.retryAfterSeconds({ "x-acs-retry-after": "1500", "retry-after": "9" }, now)).toBe(1.5);
  expect(ALIBABA_DIALECT.retryAfterSeconds({ "x-acs-retry-after": "soon", "retry-after": "9" }, now)).toBeUndefined();
  expect(ALIBABA_DIALECT.retryAfterSeconds({ "retry-after": "9" }, now)).toBe(9);
  expect(HUAWEI_DIALECT.retryAfterSeconds({ "x-acs-retry-after": "1500" }, now)).toBeUndefined();
  expect(HUAWEI_DIALECT.retryAfterSeconds({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }, now)).toBe(30);
});

test("each dialect finds the access key in its own Authorization scheme only", () => {
  expect(HUAWEI_DIALECT.accessKeyInAuthorization("SDK-HMAC-SHA256 Access=AKHW0001, SignedHeaders=host, Signature=ab")).toBe("AKHW0001");
  expect(ALIBABA_DIALECT.accessKeyInAuthorization("ACS3-HMAC-SHA256 Credential=LTAI0001,SignedHeaders=host,Signature=ab")).toBe("LTAI0001");
  expect(HUAWEI_DIALECT.accessKeyInAuthorization("ACS3-HMAC-SHA256 Credential=LTAI0001,SignedHeaders=host")).toBeUndefined();
});

test("throttling and clock refusals are each cloud's own codes", () => {
  expect(["APIGW.0308", "APIG.0308", "Throttling.User"].map(HUAWEI_DIALECT.isThrottlingCode)).toEqual([true, true, false]);
  expect(["Throttling.User", "Rejected.Throttling", "APIGW.0308"].map(ALIBABA_DIALECT.isThrottlingCode)).toEqual([true, true, false]);
  expect(ALIBABA_DIALECT.isClockRefusal("InvalidTimeStamp.Expired")).toBe(true);
  expect(HUAWEI_DIALECT.isClockRefusal("InvalidTimeStamp.Expired")).toBe(false);
});

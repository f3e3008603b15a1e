import { readFileSync } from "node:fs";
import * as path from "node:path";
import CsClient from "@alicloud/cs20151215";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { alibabaPublicEndpoint } from "../../../lib/cloud/alibaba/alibaba-endpoints";
import { huaweiPublicEndpoint } from "../../../lib/cloud/huawei/huawei-endpoints";

/** The official Huawei Node SDK's DwsRegion.ts and GaussDBRegion.ts, copied from reference/data/huawei-endpoints.json. */
const huaweiTables = JSON.parse(readFileSync(path.join(__dirname, "../../support/official-data", "huawei-endpoints.json"), "utf8")) as Record<"dws" | "taurusdb", Record<string, string[]>>;

describe.each(["dws", "taurusdb"] as const)("%s endpoints match the official SDK's region file", (service) => {
  const regions = Object.entries(huaweiTables[service]);

  test.each(regions)("%s", (region, [endpoint]) => {
    expect(huaweiPublicEndpoint(service, region, {})).toBe(endpoint);
  });
});

/** IAM, KMS and STS as the official SDKs' region files give them (see the file's `source`). */
const identityTables = JSON.parse(readFileSync(path.join(__dirname, "../../support/official-data", "huawei-identity-endpoints.json"), "utf8")) as Record<"iam" | "kms" | "sts", Record<string, string[]>>;

describe.each(["iam", "kms", "sts"] as const)("%s endpoints match the official SDK's region file", (service) => {
  test.each(Object.entries(identityTables[service]))("%s", (region, [endpoint]) => {
    expect(huaweiPublicEndpoint(service, region, {})).toBe(endpoint);
  });
});

test("a European region outside a table is on myhuaweicloud.eu, as the huaweicloud provider's getCloudDomain derives it; HW_CLOUD overrides", () => {
  expect(huaweiPublicEndpoint("kms", "eu-west-101", {})).toBe("https://kms.eu-west-101.myhuaweicloud.eu");
  expect(huaweiPublicEndpoint("sts", "eu-west-101", {})).toBe("https://sts.eu-west-101.myhuaweicloud.eu");
  expect(huaweiPublicEndpoint("kms", "eu-west-0", {})).toBe("https://kms.eu-west-0.myhuaweicloud.com");
  expect(huaweiPublicEndpoint("kms", "cn-north-4", { HW_CLOUD: "example.com" })).toBe("https://kms.cn-north-4.example.com");
});

test("TaurusDB does not take DWS's domain exceptions (tr-west-1, cn-south-4, ap-southeast-4 live on .com)", () => {
  expect(huaweiPublicEndpoint("taurusdb", "tr-west-1", {})).toBe("https://gaussdbformysql.tr-west-1.myhuaweicloud.com");
  expect(huaweiPublicEndpoint("taurusdb", "cn-south-4", {})).toBe("https://gaussdb.cn-south-4.myhuaweicloud.com");
  expect(huaweiPublicEndpoint("taurusdb", "ap-southeast-4", {})).toBe("https://gaussdb.ap-southeast-4.myhuaweicloud.com");
  expect(huaweiPublicEndpoint("dws", "ap-southeast-4", {})).toBe("https://dws.ap-southeast-4.myhuaweicloud.cn");
});

test("ACK endpoints match every entry of the official @alicloud/cs20151215 client's endpoint map", () => {
  const client = new CsClient(new $OpenApiUtil.Config({ regionId: "cn-hangzhou", accessKeyId: "x", accessKeySecret: "y" }));
  const map = (client as unknown as { _endpointMap: Record<string, string> })._endpointMap;
  expect(Object.keys(map).length).toBeGreaterThan(40);
  for (const [region, host] of Object.entries(map)) {
    expect([region, alibabaPublicEndpoint("cs", region)]).toEqual([region, `https://${host}`]);
  }
  // Regions outside the map follow the SDK's regional rule.
  expect(alibabaPublicEndpoint("cs", "ap-south-1")).toBe("https://cs.ap-south-1.aliyuncs.com");
});

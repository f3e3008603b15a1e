import { readFileSync } from "node:fs";
import * as path from "node:path";
import CsClient from "@alicloud/cs20151215";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { alibabaPublicEndpoint } from "../../lib/cloud/alibaba/alibaba-endpoints";
import { huaweiPublicEndpoint } from "../../lib/cloud/huawei/huawei-endpoints";

/** The official Huawei Node SDK's DwsRegion.ts and GaussDBRegion.ts, copied from reference/data/huawei-endpoints.json. */
const huaweiTables = JSON.parse(readFileSync(path.join(__dirname, "data", "huawei-endpoints.json"), "utf8")) as Record<"dws" | "taurusdb", Record<string, string[]>>;

describe.each(["dws", "taurusdb"] as const)("%s endpoints match the official SDK's region file", (service) => {
  const regions = Object.entries(huaweiTables[service]);

  test.each(regions)("%s", (region, [endpoint]) => {
    expect(huaweiPublicEndpoint(service, region, {})).toBe(endpoint);
  });
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

import { readFileSync } from "node:fs";
import * as path from "node:path";
import CsClient from "@alicloud/cs20151215";
import StsClient from "@alicloud/sts20150401";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { ALIBABA_REGION_PATTERN } from "../../../lib/cloud/alibaba/alibaba-region";
import { alibabaPublicEndpoint } from "../../../lib/cloud/alibaba/alibaba-endpoints";
import { HUAWEI_REGION_PATTERN } from "../../../lib/cloud/huawei/huawei-region";
import { huaweiPublicEndpoint } from "../../../lib/cloud/huawei/huawei-endpoints";
import { RULES } from "../../../lib/contract/rules";

const DATA = path.join(__dirname, "..", "..", "support", "official-data");

/** Every region id of the official Huawei SDKs' region files (DWS, TaurusDB, IAM, KMS, STS). */
function huaweiRegionIds(): string[] {
  const ids = new Set<string>();
  for (const file of ["huawei-endpoints.json", "huawei-identity-endpoints.json"]) {
    const tables = JSON.parse(readFileSync(path.join(DATA, file), "utf8")) as Record<string, unknown>;
    for (const [key, table] of Object.entries(tables)) if (key !== "source") for (const id of Object.keys(table as object)) ids.add(id);
  }
  return [...ids].sort();
}

/** The public regions of the alicloud Terraform provider's `alicloud/connectivity/regions.go`, and the official clients' endpoint maps. */
function alibabaRegionIds(): string[] {
  const provider = [
    "cn-hangzhou", "cn-qingdao", "cn-beijing", "cn-hongkong", "cn-shenzhen", "cn-shanghai", "cn-zhangjiakou", "cn-huhehaote", "cn-chengdu", "cn-heyuan",
    "cn-wulanchabu", "cn-guangzhou", "cn-nanjing", "ap-southeast-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5",
    "ap-southeast-6", "ap-southeast-7", "ap-south-1", "us-west-1", "us-east-1", "me-east-1", "me-central-1", "eu-central-1", "eu-west-1", "rus-west-1",
    "cn-hangzhou-finance", "cn-beijing-finance-1", "cn-beijing-finance-1-pub", "cn-shanghai-finance-1", "cn-shanghai-finance-1-pub", "cn-shenzhen-finance-1",
    "cn-shenzhen-finance", "cn-north-2-gov-1",
  ];
  const config = new $OpenApiUtil.Config({ regionId: "cn-hangzhou", accessKeyId: "x", accessKeySecret: "y" });
  const maps = [new CsClient(config), new StsClient(config)].map((client) => Object.keys((client as unknown as { _endpointMap: Record<string, string> })._endpointMap));
  return [...new Set([...provider, ...maps.flat()])].sort();
}

test("every official Huawei region id matches HUAWEI_REGION_PATTERN, and endpoints and synth validation use that one pattern", () => {
  const ids = huaweiRegionIds();
  expect(ids.length).toBeGreaterThan(30);
  expect(ids.filter((id) => !HUAWEI_REGION_PATTERN.test(id))).toEqual([]);
  expect(RULES.huaweiRegion.pattern).toBe(HUAWEI_REGION_PATTERN);
  for (const id of ids) expect(() => huaweiPublicEndpoint("dws", id, {})).not.toThrow();
});

test("every official Alibaba region id matches ALIBABA_REGION_PATTERN (rus-west-1 has a three-letter area), and endpoints and synth validation use that one pattern", () => {
  const ids = alibabaRegionIds();
  expect(ids.length).toBeGreaterThan(50);
  expect(ids).toEqual(expect.arrayContaining(["rus-west-1", "rus-west-1-pop"]));
  expect(ids.filter((id) => !ALIBABA_REGION_PATTERN.test(id))).toEqual([]);
  expect(RULES.alibabaRegion.pattern).toBe(ALIBABA_REGION_PATTERN);
  for (const id of ids) expect(() => alibabaPublicEndpoint("cs", id)).not.toThrow();
});

test.each([
  ["Huawei", HUAWEI_REGION_PATTERN, ["cn-north", "CN-NORTH-4", "cn-north-4 ", "c-north-4", "cn_north_4", "cn-north-1000", "north-4", "cn--4", "cn-north-4-", "https://cn-north-4", ""]],
  ["Alibaba", ALIBABA_REGION_PATTERN, ["cn", "CN-HANGZHOU", "cn-hangzhou ", "c-hangzhou", "cn_hangzhou", "abcd-west-1", "cn-", "-hangzhou", "cn-hangzhou-", "cn.hangzhou", ""]],
])("%s near misses do not match", (_cloud, pattern, misses) => {
  expect((misses as string[]).filter((id) => pattern.test(id))).toEqual([]);
});

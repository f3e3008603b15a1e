// The list calls `doctor` makes, answered by the emulator with every field of the official
// models: Huawei's (reference data/huawei-sdk-models.json) and, for ACK, the official client's.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import CsClient, { DescribeClustersV1Request } from "@alicloud/cs20151215";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { huaweiErrorParser } from "../../lib/cloud/huawei/huawei-errors";
import { huaweiTransport } from "../../lib/cloud/huawei/huawei-transport";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { RunningEmulator, startEmulator } from "../support/emulator-harness";

const models = (JSON.parse(readFileSync(path.join(__dirname, "data", "huawei-sdk-models.json"), "utf8")) as { models: Record<string, string[]> }).models;
const fields = (model: string) => models[model].map((f) => f.split(":")[0].trim());
const hw = EMULATOR_CREDENTIALS.huawei;

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());

async function huaweiList(service: "dws" | "taurusdb", listPath: string): Promise<Record<string, unknown>> {
  const transport = huaweiTransport(service, huaweiErrorParser({ busyCodes: new Set(), notFoundCodes: new Set() }), { region: hw.region, projectId: hw.projectId, env: cloud.env });
  const result = await transport.call<Record<string, unknown>>({ service, operation: "List", method: "GET", path: listPath, idempotent: true });
  return result.body;
}

test.each([
  ["dws", `/v1.0/${hw.projectId}/clusters`, "dws/v2/ListClustersResponse", "clusters", "dws/v2/ClusterInfo"],
  ["taurusdb", `/v3/${hw.projectId}/instances`, "gaussdb/v3/ListGaussMySqlInstancesResponse", "instances", "gaussdb/v3/MysqlInstanceListInfo"],
] as const)("%s list (%s): every field of the response model and of each item's model", async (service, listPath, responseModel, itemsField, itemModel) => {
  const body = await huaweiList(service, listPath);
  expect(Object.keys(body).sort()).toEqual(fields(responseModel).sort());
  const items = body[itemsField] as Record<string, unknown>[];
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) expect(Object.keys(item).sort()).toEqual(fields(itemModel).sort());
});

test("ACK DescribeClustersV1 from the official client: the region's clusters and page_info", async () => {
  const ali = EMULATOR_CREDENTIALS.alibaba;
  const client = new CsClient(new $OpenApiUtil.Config({ accessKeyId: ali.accessKeyId, accessKeySecret: ali.accessKeySecret, endpoint: new URL(cloud.url).host, protocol: "http", regionId: ali.region }));
  const answer = await client.describeClustersV1(new DescribeClustersV1Request({ regionId: ali.region, pageSize: 2, pageNumber: 1 }));
  expect(answer.statusCode).toBe(200);
  expect(answer.body?.pageInfo?.totalCount).toBe(3);
  expect(answer.body?.clusters).toHaveLength(2);
  expect(answer.body?.clusters?.[0].clusterId).toMatch(/^c[0-9a-f]{32}$/);
  const elsewhere = await client.describeClustersV1(new DescribeClustersV1Request({ regionId: "cn-shanghai" }));
  expect(elsewhere.body?.pageInfo?.totalCount).toBe(0);
});

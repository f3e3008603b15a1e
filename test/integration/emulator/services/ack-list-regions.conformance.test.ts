// The official ACK client lists a region's clusters from the emulator (DescribeClustersV1, what
// `doctor` reads); the emulator answers per region. Field-by-field conformance of every list
// answer is in emulator-responses.test.ts.
import CsClient, { DescribeClustersV1Request } from "@alicloud/cs20151215";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { EMULATOR_CREDENTIALS } from "../../../../lib/emulator/fixture";
import { RunningEmulator, startEmulator } from "../../../support/emulator-harness";

let cloud: RunningEmulator;
beforeAll(async () => {
  cloud = await startEmulator();
});
afterAll(() => cloud.stop());

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

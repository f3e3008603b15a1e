// The official KMS client, @alicloud/kms20160120 1.2.0 (dist/client.js, read, not a dependency),
// sets `_endpointRule = "regional"` and no `_endpointMap`: every region resolves through the
// shared @alicloud/endpoint-util regional rule. That rule is what this test holds our KMS hosts
// against, for every region id the official STS and ACK clients' maps know.
import EndpointUtil from "@alicloud/endpoint-util";
import CsClient from "@alicloud/cs20151215";
import StsClient from "@alicloud/sts20150401";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { alibabaPublicEndpoint } from "../../../../lib/cloud/alibaba/alibaba-endpoints";

function endpointMap(client: unknown): Record<string, string> {
  return (client as { _endpointMap: Record<string, string> })._endpointMap;
}

const config = new $OpenApiUtil.Config({ regionId: "cn-hangzhou", accessKeyId: "x", accessKeySecret: "y" });
const regions = new Set([...Object.keys(endpointMap(new StsClient(config))), ...Object.keys(endpointMap(new CsClient(config))), "cn-hangzhou", "eu-central-1", "me-east-1"]);

test("KMS hosts are the official clients' regional rule for every known region", () => {
  expect(regions.size).toBeGreaterThan(30);
  for (const region of regions) {
    expect([region, alibabaPublicEndpoint("kms", region)]).toEqual([region, `https://${EndpointUtil.getEndpointRules("kms", region, "regional", "", "")}`]);
  }
});

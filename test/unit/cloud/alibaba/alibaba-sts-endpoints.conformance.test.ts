import StsClient from "@alicloud/sts20150401";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { alibabaPublicEndpoint } from "../../../../lib/cloud/alibaba/alibaba-endpoints";

/** The host the official STS client (`@alicloud/sts20150401`) itself resolves for a region. */
function officialStsHost(regionId: string): string {
  const client = new StsClient(new $OpenApiUtil.Config({ regionId, accessKeyId: "x", accessKeySecret: "y" }));
  return (client as unknown as { _endpoint: string })._endpoint;
}

test("STS hosts match every entry of the official @alicloud/sts20150401 client's endpoint map (finance, gov, cn-wuhan, cn-zhangbei…)", () => {
  const client = new StsClient(new $OpenApiUtil.Config({ regionId: "cn-hangzhou", accessKeyId: "x", accessKeySecret: "y" }));
  const map = (client as unknown as { _endpointMap: Record<string, string> })._endpointMap;
  expect(Object.keys(map).length).toBeGreaterThan(30);
  for (const [region, host] of Object.entries(map)) {
    expect([region, alibabaPublicEndpoint("sts", region)]).toEqual([region, `https://${host}`]);
  }
});

test.each(["cn-hangzhou", "cn-shanghai-finance-1", "cn-north-2-gov-1", "ap-southeast-1", "eu-central-1", "me-east-1", "cn-wuhan-lr", "na-south-1"])(
  "a region outside the map (%s) goes where the official client sends it",
  (region) => {
    expect(alibabaPublicEndpoint("sts", region)).toBe(`https://${officialStsHost(region)}`);
  },
);

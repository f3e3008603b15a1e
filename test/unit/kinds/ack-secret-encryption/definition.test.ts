import { declaredResource } from "../../../../lib/kinds/resource-identity";
import { ACK_SECRET_ENCRYPTION_KIND } from "../../../../lib/kinds/ack-secret-encryption/definition";
import { KINDS } from "../../../../lib/kinds/index";
import { ACK_SPEC } from "../../../support/spec-fixtures";

const definition = ACK_SECRET_ENCRYPTION_KIND;

test("is registered under its kind", () => {
  expect(KINDS.get("ack.secret-encryption")).toBe(definition);
});

test("names its cluster by the cluster id alone (unique across Alibaba Cloud; the region may come from the environment)", () => {
  expect(definition.resource.keyFields).toEqual(["cluster_id"]);
  expect(declaredResource(ACK_SPEC)).toEqual({
    key: "ack.secret-encryption|alibabacloud|c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6",
    description: "ack.secret-encryption of ACK cluster c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6",
  });
  expect(declaredResource({ ...ACK_SPEC, region: "cn-shanghai" }).key).toBe(declaredResource(ACK_SPEC).key);
});

test("audit and doctor read the ACK service: DescribeClustersV1 at the region's endpoint", () => {
  const service = definition.resource.service;
  expect({ id: service.id, cloud: service.cloud, title: service.title }).toEqual({ id: "ack", cloud: "alibabacloud", title: "ACK" });
  expect(service.probe.operation).toBe("DescribeClustersV1");
  expect(service.probe.baseUrl("cn-hangzhou", {}).host).toBe("cs.cn-hangzhou.aliyuncs.com");
});

test("summarizes the declared state and has no deploy sequencing of its own", () => {
  expect(definition.summarize(definition.parse(ACK_SPEC))).toContain("removal policy RETAIN");
  expect(definition.afterEarlierSteps).toBeUndefined();
});

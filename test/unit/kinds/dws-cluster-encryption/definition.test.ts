import { declaredResource } from "../../../../lib/kinds/resource-identity";
import { DWS_CLUSTER_ENCRYPTION_KIND } from "../../../../lib/kinds/dws-cluster-encryption/definition";
import { KINDS } from "../../../../lib/kinds/index";
import { ENCRYPTION_MAP, ROTATION_MAP } from "../dws-fixtures";

const definition = DWS_CLUSTER_ENCRYPTION_KIND;

test("is registered under its kind", () => {
  expect(KINDS.get("dws.cluster-encryption")).toBe(definition);
});

test("names its cluster by region, project and cluster id; a key rotation of the same cluster is another declaration", () => {
  expect(definition.resource.keyFields).toEqual(["region", "project_id", "cluster_id"]);
  expect(declaredResource(ENCRYPTION_MAP)).toEqual({
    key: "dws.cluster-encryption|huaweicloud|cn-north-4|0a1b2c3d4e5f60718293a4b5c6d7e8f9|97cbaab3-939e-4dbc-9187-0fe240f2b9fd",
    description: "dws.cluster-encryption of GaussDB(DWS) cluster 97cbaab3-939e-4dbc-9187-0fe240f2b9fd in project 0a1b2c3d4e5f60718293a4b5c6d7e8f9 of cn-north-4",
  });
  expect(declaredResource(ROTATION_MAP).key).not.toBe(declaredResource(ENCRYPTION_MAP).key);
});

test("shares the GaussDB(DWS) service with key rotation: one ListClusters probe, one listing", () => {
  const service = definition.resource.service;
  expect({ id: service.id, cloud: service.cloud, title: service.title }).toEqual({ id: "dws", cloud: "huaweicloud", title: "GaussDB(DWS)" });
  expect(KINDS.get("dws.key-rotation")!.resource.service).toBe(service);
  expect(service.probe.operation).toBe("ListClusters");
  expect(service.probe.baseUrl("cn-north-4", {}).host).toBe("dws.cn-north-4.myhuaweicloud.com");
});

test("summarizes the declared state and has no deploy sequencing of its own", () => {
  expect(definition.summarize(definition.parse(ENCRYPTION_MAP))).toContain("converting is one-way and restarts the cluster");
  expect(definition.afterEarlierSteps).toBeUndefined();
});

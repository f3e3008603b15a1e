import { declaredResource } from "../../../../lib/kinds/resource-identity";
import { KINDS } from "../../../../lib/kinds/index";
import { TAURUSDB_BACKUP_ENCRYPTION_KIND } from "../../../../lib/kinds/taurusdb-backup-encryption/definition";
import { TAURUSDB_SPEC } from "../../../support/spec-fixtures";

const definition = TAURUSDB_BACKUP_ENCRYPTION_KIND;

test("is registered under its kind", () => {
  expect(KINDS.get("taurusdb.backup-encryption")).toBe(definition);
});

test("names its instance by region, project and instance id, on Huawei Cloud", () => {
  expect(definition.resource.keyFields).toEqual(["region", "project_id", "instance_id"]);
  expect(declaredResource(TAURUSDB_SPEC)).toEqual({
    key: "taurusdb.backup-encryption|huaweicloud|cn-north-4|0a1b2c3d4e5f60718293a4b5c6d7e8f9|7033e7c3cf93438797d44ad7ae0a7d95in07",
    description: "taurusdb.backup-encryption of TaurusDB instance 7033e7c3cf93438797d44ad7ae0a7d95in07 in project 0a1b2c3d4e5f60718293a4b5c6d7e8f9 of cn-north-4",
  });
  // Another instance in the same project is another resource.
  expect(declaredResource({ ...TAURUSDB_SPEC, instance_id: "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07" }).key).not.toBe(declaredResource(TAURUSDB_SPEC).key);
});

test("audit and doctor read the TaurusDB service: ListGaussMySqlInstances at the region's endpoint", () => {
  const service = definition.resource.service;
  expect({ id: service.id, cloud: service.cloud, title: service.title }).toEqual({ id: "taurusdb", cloud: "huaweicloud", title: "TaurusDB" });
  expect(service.probe.operation).toBe("ListGaussMySqlInstances");
  expect(service.probe.baseUrl("cn-north-4", {}).host).toBe("gaussdb.cn-north-4.myhuaweicloud.com");
});

test("summarizes the declared state and has no deploy sequencing of its own", () => {
  const spec = definition.parse(TAURUSDB_SPEC);
  expect(definition.summarize(spec)).toBe("encrypted backup on with KMS key b82fa43f-f6e8-4ec4-9c31-231bc547c526, removal policy RETAIN");
  expect(definition.afterEarlierSteps).toBeUndefined();
});

import { targetsFromFlags, targetsFromStack } from "../../../lib/doctor/doctor-targets";
import { StackHook } from "../../../lib/stack/stack-hook";
import { ACK_SPEC, TAURUSDB_IN_SYNC_SPEC, TAURUSDB_SPEC } from "../../support/spec-fixtures";

function hook(address: string, map: Record<string, string>, unknown: string[] = []): StackHook {
  return { address, comment: {}, found: { attribute: "input", map, unknown, reconcilesOnEveryDeploy: false } };
}

test("each service, region and project once, with the hooks that use it", () => {
  const { targets, problems } = targetsFromStack([hook("a.orders", TAURUSDB_SPEC), hook("a.ledger", TAURUSDB_IN_SYNC_SPEC), hook("a.k8s", ACK_SPEC)], {});
  expect(problems).toEqual([]);
  expect(targets).toEqual([
    { service: "taurusdb", region: "cn-north-4", projectId: TAURUSDB_SPEC.project_id, usedBy: ["a.orders", "a.ledger"] },
    { service: "ack", region: "cn-hangzhou", projectId: undefined, usedBy: ["a.k8s"] },
  ]);
});

test("an ACK hook without a region takes ALICLOUD_REGION or ALIBABA_CLOUD_REGION, else is a problem", () => {
  const regionless = hook("a.k8s", { ...ACK_SPEC, region: "" });
  expect(targetsFromStack([regionless], { ALICLOUD_REGION: "cn-shanghai" }).targets[0].region).toBe("cn-shanghai");
  expect(targetsFromStack([regionless], {}).problems).toEqual(["a.k8s: no region in the Spec and ALICLOUD_REGION / ALIBABA_CLOUD_REGION are not set"]);
});

test("a region or project known only at deploy is a problem naming the flags to use", () => {
  const late = hook("a.orders", { ...TAURUSDB_SPEC, project_id: "${var.project}" }, ["project_id"]);
  expect(targetsFromStack([late], {})).toEqual({
    targets: [],
    problems: ["a.orders: project_id known only at deploy (${var.project}): check with --huawei-region R --project-id P"],
  });
});

test("flags: both Huawei services in the region and project, ACK in its region", () => {
  expect(targetsFromFlags({ huaweiRegion: "cn-east-3", projectId: "p", alibabaRegion: "cn-shanghai" }).map((t) => `${t.service} ${t.region}`)).toEqual([
    "dws cn-east-3",
    "taurusdb cn-east-3",
    "ack cn-shanghai",
  ]);
  expect(targetsFromFlags({})).toEqual([]);
});

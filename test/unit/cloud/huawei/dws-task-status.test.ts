import { DWS_TASK_STATUSES, classifyDwsTask } from "../../../../lib/cloud/huawei/dws-task-status";

describe("DWS task states: every documented task_status is classified explicitly", () => {
  // The values of the official SDK's ClusterDetail model docs (reference/cloud-apis.md §1).
  const DOCUMENTED = `UNFREEZING FREEZING RESTORING SNAPSHOTTING GROWING REBOOTING SETTING_CONFIGURATION
    CONFIGURING_EXT_DATASOURCE DELETING_EXT_DATASOURCE REBOOT_FAILURE RESIZE_FAILURE ADD_CN_ING DEL_CN_ING
    CREATING_NODE CREATE_NODE_FAILED DELETING_NODE DELETE_NODE_FAILED REDISTRIBUTING REDISTRIBUTE_FAILURE
    WAITING_REDISTRIBUTION REDISTRIBUTION_PAUSED ELB_BINDING ELB_BIND_FAILED ELB_UNBINDING ELB_UNBIND_FAILED
    ELB_SWITCHING ELB_SWITCHING_FAILED NETWORK_CONFIGURING NETWORK_CONFIG_FAILED DISK_EXPAND_FAILED DISK_EXPANDING
    ACTIVE_STANDY_SWITCHOVER ACTIVE_STANDY_SWITCHOVER_FAILURE CLUSTER_SHRINK_FAILED CLUSTER_SHRINKING
    SHRINK_CHECK_FAILED SHRINK_CHECKING FLAVOR_RESIZING_FAILED FLAVOR_RESIZING MANAGE_IP_BIND_FAILED
    MANAGE_IP_BINDING ORDER_PENDING FINE_GRAINED_RESTORING DR_RECOVERING`.split(/\s+/);

  test("the table holds exactly the documented values", () => {
    expect([...DWS_TASK_STATUSES.keys()].sort()).toEqual([...DOCUMENTED].sort());
  });

  test.each(DOCUMENTED)("%s", (task) => {
    const expected = /_(FAILED|FAILURE)$/.test(task) ? "failed" : "pending";
    expect(classifyDwsTask(task)).toEqual({ class: expected, documented: true });
  });

  test("no task is idle; an undocumented one is taken as pending, never idle", () => {
    expect(classifyDwsTask(undefined)).toEqual({ class: "idle", documented: true });
    expect(classifyDwsTask("")).toEqual({ class: "idle", documented: true });
    expect(classifyDwsTask("SOMETHING_NEW")).toEqual({ class: "pending", documented: false });
  });
});

/**
 * What a DWS cluster's `task_status` means for a client that wants to change the cluster:
 * `idle` (no task), `pending` (a task is running or waiting: wait), or `failed` (the last task
 * failed: DWS does not retry it by itself, so waiting is pointless).
 */
export type DwsTaskClass = "idle" | "pending" | "failed";

/**
 * Every `task_status` value the official SDK's model documents (cloud-apis.md §1), classified
 * one by one: "contains ING" is wrong both ways (`ACTIVE_STANDY_SWITCHOVER`,
 * `WAITING_REDISTRIBUTION`, `REDISTRIBUTION_PAUSED` and `ORDER_PENDING` are pending; the
 * `…_FAILED`/`…_FAILURE` tasks are not busy, they failed). The Terraform provider also treats
 * `ACTIVE_STANDY_SWITCHOVER` as pending.
 */
export const DWS_TASK_STATUSES: ReadonlyMap<string, Exclude<DwsTaskClass, "idle">> = new Map([
  ["UNFREEZING", "pending"],
  ["FREEZING", "pending"],
  ["RESTORING", "pending"],
  ["SNAPSHOTTING", "pending"],
  ["GROWING", "pending"],
  ["REBOOTING", "pending"],
  ["SETTING_CONFIGURATION", "pending"],
  ["CONFIGURING_EXT_DATASOURCE", "pending"],
  ["DELETING_EXT_DATASOURCE", "pending"],
  ["REBOOT_FAILURE", "failed"],
  ["RESIZE_FAILURE", "failed"],
  ["ADD_CN_ING", "pending"],
  ["DEL_CN_ING", "pending"],
  ["CREATING_NODE", "pending"],
  ["CREATE_NODE_FAILED", "failed"],
  ["DELETING_NODE", "pending"],
  ["DELETE_NODE_FAILED", "failed"],
  ["REDISTRIBUTING", "pending"],
  ["REDISTRIBUTE_FAILURE", "failed"],
  ["WAITING_REDISTRIBUTION", "pending"],
  ["REDISTRIBUTION_PAUSED", "pending"],
  ["ELB_BINDING", "pending"],
  ["ELB_BIND_FAILED", "failed"],
  ["ELB_UNBINDING", "pending"],
  ["ELB_UNBIND_FAILED", "failed"],
  ["ELB_SWITCHING", "pending"],
  ["ELB_SWITCHING_FAILED", "failed"],
  ["NETWORK_CONFIGURING", "pending"],
  ["NETWORK_CONFIG_FAILED", "failed"],
  ["DISK_EXPAND_FAILED", "failed"],
  ["DISK_EXPANDING", "pending"],
  ["ACTIVE_STANDY_SWITCHOVER", "pending"],
  ["ACTIVE_STANDY_SWITCHOVER_FAILURE", "failed"],
  ["CLUSTER_SHRINK_FAILED", "failed"],
  ["CLUSTER_SHRINKING", "pending"],
  ["SHRINK_CHECK_FAILED", "failed"],
  ["SHRINK_CHECKING", "pending"],
  ["FLAVOR_RESIZING_FAILED", "failed"],
  ["FLAVOR_RESIZING", "pending"],
  ["MANAGE_IP_BIND_FAILED", "failed"],
  ["MANAGE_IP_BINDING", "pending"],
  ["ORDER_PENDING", "pending"],
  ["FINE_GRAINED_RESTORING", "pending"],
  ["DR_RECOVERING", "pending"],
]);

export interface DwsTaskVerdict {
  readonly class: DwsTaskClass;
  /** False for a value the SDK does not document: it is treated as pending (the safe side). */
  readonly documented: boolean;
}

/** Classifies a `task_status`; no task (null, empty) is idle. */
export function classifyDwsTask(taskStatus: string | undefined): DwsTaskVerdict {
  const task = (taskStatus ?? "").trim().toUpperCase();
  if (task === "") return { class: "idle", documented: true };
  const known = DWS_TASK_STATUSES.get(task);
  // An undocumented task is waited for, never taken as idle: a conversion is irreversible.
  return known ? { class: known, documented: true } : { class: "pending", documented: false };
}

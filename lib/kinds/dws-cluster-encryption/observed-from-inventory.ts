import { InventoryRead } from "../inventory-read";
import { DwsEncryptionObserved } from "./reconciler";

/**
 * What `observe` reads, from audit's inventory: encrypt-info, and for a cluster that is not
 * encrypted its ListClusters item in place of ShowClusterDetail (the SDK's `ClusterInfo`
 * carries the same status, task_status, action_progress and version: dws/v2 ClusterInfo,
 * cloud-apis.md §1). That the list fills them as the detail would at the same moment is
 * *unverified* (docs/cloud-fidelity.md): any status or task still makes the verdict drifted or
 * refused, only the correction's wording could differ. Undefined when the item has no status:
 * ShowClusterDetail's answer would be refused as malformed too.
 */
export function dwsEncryptionObservedFromInventory(read: InventoryRead): DwsEncryptionObserved | undefined {
  if (read.service !== "dws") return undefined;
  const { encryption } = read.encryptInfo;
  if (encryption) return { exists: true, encryption };
  const { id, name, status, taskStatus, version, actionProgress } = read.cluster;
  if (!status) return undefined;
  return { exists: true, cluster: { id, name, status, taskStatus, version, actionProgress: actionProgress ?? {} } };
}

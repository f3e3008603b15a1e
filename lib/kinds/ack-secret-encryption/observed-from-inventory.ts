import { InventoryRead } from "../inventory-read";
import { AckObserved, observedFrom } from "./reconciler";

/**
 * What `observe` reads, from the DescribeClustersV1 item audit's inventory listed: the same
 * cluster fields DescribeClusterDetail gives (cloud-apis.md §3), parsed by the same client.
 */
export function ackObservedFromInventory(read: InventoryRead): AckObserved | undefined {
  if (read.service !== "ack" || read.cluster.encryption.unreadable) return undefined;
  return observedFrom(read.cluster);
}

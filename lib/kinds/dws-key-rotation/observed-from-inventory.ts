import { InventoryRead } from "../inventory-read";
import { DwsRotationObserved } from "./reconciler";

/**
 * What `observe` reads (encrypt-info, judged by the service's clock from its `Date` header,
 * else `now`), from audit's inventory, which read encrypt-info for every cluster it listed.
 */
export function dwsRotationObservedFromInventory(read: InventoryRead, now: number): DwsRotationObserved | undefined {
  if (read.service !== "dws") return undefined;
  return { exists: true, encryption: read.encryptInfo.encryption, now: read.encryptInfo.serverTime?.getTime() ?? now };
}

import { InventoryRead } from "../inventory-read";
import { TaurusDbObserved } from "./reconciler";

/** What `observe` reads (GetBackupEncryption), from audit's inventory, which read the same. */
export function taurusDbObservedFromInventory(read: InventoryRead): TaurusDbObserved | undefined {
  return read.service === "taurusdb" ? { encryption: read.backupEncryption } : undefined;
}

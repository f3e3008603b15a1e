import { AckClusterDetail } from "../cloud/alibaba/ack-client";
import { DwsClusterSummary, DwsEncryptInfoResult } from "../cloud/huawei/dws-client";
import { BackupEncryptionStatus } from "../cloud/huawei/taurusdb-client";

/**
 * What audit's inventory read of one resource: the services' own answers (a listing item and
 * the encryption read), from which each kind builds the observed state its reconciler plans
 * from (`KindDefinition.observedFromInventory`), so audit judges drift as `drift` does.
 */
export type InventoryRead =
  | { readonly service: "dws"; readonly cluster: DwsClusterSummary; readonly encryptInfo: DwsEncryptInfoResult }
  | { readonly service: "taurusdb"; readonly backupEncryption: BackupEncryptionStatus }
  | { readonly service: "ack"; readonly cluster: AckClusterDetail };

import { SpecMap } from "../contract/spec";
import { DeclaredSpec } from "../kinds";
import { ackSecretEncryptionToMap } from "../kinds/ack-secret-encryption/spec";
import { dwsClusterEncryptionToMap } from "../kinds/dws-cluster-encryption/spec";
import { dwsKeyRotationToMap } from "../kinds/dws-key-rotation/spec";
import { taurusDbBackupEncryptionToMap } from "../kinds/taurusdb-backup-encryption/spec";

/** A typed Spec as the map the hook resource carries (its `triggers`). */
export function specToMap(spec: DeclaredSpec): SpecMap {
  switch (spec.kind) {
    case "taurusdb.backup-encryption":
      return taurusDbBackupEncryptionToMap(spec);
    case "dws.cluster-encryption":
      return dwsClusterEncryptionToMap(spec);
    case "dws.key-rotation":
      return dwsKeyRotationToMap(spec);
    case "ack.secret-encryption":
      return ackSecretEncryptionToMap(spec);
  }
}

import { KindDefinition, defineKind } from "../kind-definition";
import { TaurusDbBackupEncryptionReconciler } from "./reconciler";
import { TAURUSDB_SERVICE } from "./service";
import { TAURUSDB_BACKUP_ENCRYPTION, parseTaurusDbBackupEncryption } from "./spec";

export const TAURUSDB_BACKUP_ENCRYPTION_KIND: KindDefinition = defineKind({
  kind: TAURUSDB_BACKUP_ENCRYPTION,
  title: "TaurusDB backup encryption",
  parse: parseTaurusDbBackupEncryption,
  reconciler: (ctx) => new TaurusDbBackupEncryptionReconciler(ctx),
  summarize: (spec) =>
    spec.encryption === "on" ? `encrypted backup on with KMS key ${spec.kmsKeyId}, removal policy ${spec.removalPolicy.toUpperCase()}` : `encrypted backup off`,
  assumeObserved: (spec) => ({ encryption: spec.encryption }),
  assumeUnmanaged: (spec) => ({ encryption: spec.encryption === "on" ? "off" : "on" }),
  // Huawei Cloud project ids are per account and region: region, project and instance name the instance.
  resource: { service: TAURUSDB_SERVICE, keyFields: ["region", "project_id", "instance_id"] },
  // The inventory read GetBackupEncryption, as `observe` does.
  observedFromInventory: (read) => ({ encryption: read.backupEncryption }),
});

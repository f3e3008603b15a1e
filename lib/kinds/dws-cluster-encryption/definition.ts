import { DWS_MIN_ENCRYPT_VERSION } from "../../reconcile/dws-cluster-state";
import { KindDefinition, defineKind } from "../kind-definition";
import { DWS_SERVICE } from "./dws-service";
import { DwsClusterEncryptionReconciler, describeKey } from "./reconciler";
import { DWS_CLUSTER_ENCRYPTION, describeCryptAlgorithm, parseDwsClusterEncryption } from "./spec";
import { dwsEncryptionObservedFromInventory } from "./observed-from-inventory";

export const DWS_CLUSTER_ENCRYPTION_KIND: KindDefinition = defineKind({
  kind: DWS_CLUSTER_ENCRYPTION,
  title: "GaussDB(DWS) cluster encryption",
  parse: parseDwsClusterEncryption,
  reconciler: (ctx) => new DwsClusterEncryptionReconciler(ctx),
  summarize: (spec) =>
    `cluster ${spec.clusterId} encrypted with master key ${describeKey(spec.masterKeyId, spec.masterKeyName)} (${describeCryptAlgorithm(spec.algorithm)}); converting is one-way and restarts the cluster`,
  assumeObserved: (spec) => ({
    exists: true,
    encryption: { masterKeyId: spec.masterKeyId, masterKeyName: spec.masterKeyName, cryptAlgorithm: spec.algorithm },
  }),
  // An ordinary, available cluster: applying converts it (irreversible, restarts).
  assumeUnmanaged: (spec) => ({
    exists: true,
    cluster: { id: spec.clusterId, status: "AVAILABLE", actionProgress: {}, version: DWS_MIN_ENCRYPT_VERSION },
  }),
  resource: { service: DWS_SERVICE, keyFields: ["region", "project_id", "cluster_id"] },
  observedFromInventory: dwsEncryptionObservedFromInventory,
});

import { DWS_MIN_ENCRYPT_VERSION } from "../../reconcile/dws-cluster-state";
import { KindDefinition, defineKind } from "../kind-definition";
import { DWS_SERVICE } from "./service";
import { DwsClusterEncryptionReconciler, describeKey } from "./reconciler";
import { describeCryptAlgorithm } from "../../cloud/huawei/dws-crypt-algorithm";
import { DWS_CLUSTER_ENCRYPTION, parseDwsClusterEncryption } from "./spec";

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
  // encrypt-info, and for a cluster that is not encrypted its ListClusters item in place of
  // ShowClusterDetail: the SDK's `ClusterInfo` carries the same status, task_status,
  // action_progress and version (dws/v2 ClusterInfo, cloud-apis.md §1). That the list fills them
  // as the detail would at the same moment is *unverified* (docs/cloud-fidelity.md): any status
  // or task still makes the verdict drifted or refused, only the correction's wording could
  // differ. No status: ShowClusterDetail's answer would be refused as malformed too.
  observedFromInventory: ({ cluster, encryptInfo }) => {
    if (encryptInfo.encryption) return { exists: true, encryption: encryptInfo.encryption };
    const { id, name, status, taskStatus, version, actionProgress } = cluster;
    return status ? { exists: true, cluster: { id, name, status, taskStatus, version, actionProgress: actionProgress ?? {} } } : undefined;
  },
});

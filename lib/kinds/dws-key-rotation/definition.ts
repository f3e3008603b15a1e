import { formatDwsTime } from "../../reconcile/dws-cluster-state";
import { DWS_SERVICE } from "../dws-cluster-encryption/service";
import { KindDefinition, defineKind } from "../kind-definition";
import { DwsKeyRotationReconciler } from "./reconciler";
import { afterClusterEncryption } from "./sequencing";
import { DWS_KEY_ROTATION, parseDwsKeyRotation } from "./spec";

export const DWS_KEY_ROTATION_KIND: KindDefinition = defineKind({
  kind: DWS_KEY_ROTATION,
  title: "GaussDB(DWS) key rotation",
  parse: parseDwsKeyRotation,
  reconciler: (ctx) => new DwsKeyRotationReconciler(ctx),
  summarize: (spec) =>
    `rotate the encryption key of cluster ${spec.clusterId} when the last rotation is ${spec.rotationPeriod.toText()} old${spec.masterKeyId ? `, master key ${spec.masterKeyId}` : ""}; checked on the first deploy of each ${spec.checkInterval.toText()} window (this one from ${spec.rotationWindow})`,
  // As if the key had been rotated when the Spec's window began and were read then: not due.
  assumeObserved: (spec) => {
    const windowStart = Date.parse(`${spec.rotationWindow}T00:00:00Z`);
    return {
      exists: true,
      encryption: { masterKeyId: spec.masterKeyId ?? "(any)", lastRotateKeyTime: formatDwsTime(windowStart) },
      now: windowStart,
    };
  },
  // No rotation recorded: applying rotates the key.
  assumeUnmanaged: (spec) => ({
    exists: true,
    encryption: { masterKeyId: spec.masterKeyId ?? "(any)" },
    now: Date.parse(`${spec.rotationWindow}T00:00:00Z`),
  }),
  // A key rotation declares something else of the cluster than its encryption does: a key of its own.
  resource: { service: DWS_SERVICE, keyFields: ["region", "project_id", "cluster_id"] },
  // encrypt-info, as `observe` reads it, judged by the service's clock (its Date header), else `now`.
  observedFromInventory: (read, now) => ({ exists: true, encryption: read.encryptInfo.encryption, now: read.encryptInfo.serverTime?.getTime() ?? now }),
  plansKeyRotation: true,
  afterEarlierSteps: afterClusterEncryption,
});

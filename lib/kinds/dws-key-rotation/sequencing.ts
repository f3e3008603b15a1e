import { formatDwsTime } from "../../reconcile/dws-cluster-state";
import { CONVERT, ROTATE_MASTER_KEY } from "../dws-cluster-encryption/reconciler";
import { DWS_CLUSTER_ENCRYPTION, DwsClusterEncryptionSpec } from "../dws-cluster-encryption/spec";
import { EarlierStep, SequencedReading } from "../kind-definition";
import { DwsRotationObserved } from "./reconciler";
import { DwsKeyRotationSpec } from "./spec";

/**
 * What a key rotation's hook reads after the hooks of the same deploy it depends on have acted.
 *
 * A `KeyRotationPolicy` depends on its `EncryptedCluster`: when the cluster's hook moves the
 * cluster to another master key (DWS rotate-key with `master_key_id`, whose answer carries the
 * `rotate_key_time` it records), the policy's hook then reads the new key and a rotation made
 * just now, so it neither moves the key again nor rotates. After a conversion, review assumes
 * no rotation is recorded (*unverified*: no official page says whether DWS sets
 * `last_rotate_key_time` when it encrypts a cluster), the case in which the hook rotates.
 */
export function afterClusterEncryption(rotation: DwsKeyRotationSpec, reading: DwsRotationObserved, earlier: readonly EarlierStep[]): SequencedReading {
  for (const step of [...earlier].reverse()) {
    if (step.kind !== DWS_CLUSTER_ENCRYPTION) continue;
    const cluster = step.spec as DwsClusterEncryptionSpec;
    if (cluster.clusterId !== rotation.clusterId || cluster.projectId !== rotation.projectId || cluster.region !== rotation.region) continue;
    const moved = step.actions.some((a) => a.type === ROTATE_MASTER_KEY);
    const converted = step.actions.some((a) => a.type === CONVERT);
    if (!moved && !converted) continue;
    const encryption = {
      masterKeyId: cluster.masterKeyId,
      masterKeyName: cluster.masterKeyName,
      cryptAlgorithm: cluster.algorithm,
      lastRotateKeyTime: moved ? formatDwsTime(reading.now) : undefined,
    };
    return { observed: { exists: true, encryption, now: reading.now } satisfies DwsRotationObserved, after: step.address };
  }
  return { observed: reading };
}

import { CONVERT, ROTATE_MASTER_KEY } from "../kinds/dws-cluster-encryption/reconciler";
import { DwsRotationObserved } from "../kinds/dws-key-rotation/reconciler";
import { Action } from "../reconcile/reconciler";
import { DWS_CLUSTER_ENCRYPTION, DwsClusterEncryptionSpec } from "../kinds/dws-cluster-encryption/spec";
import { DWS_KEY_ROTATION, DwsKeyRotationSpec } from "../kinds/dws-key-rotation/spec";
import { HookChange } from "./plan-json";

/** A hook run that this deploy makes before a later one, as review planned it. */
export interface EarlierStep {
  readonly address: string;
  readonly kind: string;
  readonly spec: unknown;
  readonly actions: readonly Action[];
}

/** What a later hook reads once the earlier hooks of the same deploy have acted. */
export interface SequencedReading {
  readonly observed: unknown;
  /** The earlier hook whose actions the reading includes. */
  readonly after?: string;
}

/**
 * The cloud a hook observes when it runs, given what hooks applied before it in the same
 * deploy (its `depends_on`) do first. Review plans each hook from this, so one change that two
 * hooks would both make shows once, where the deploy makes it.
 *
 * A `KeyRotationPolicy` depends on its `EncryptedCluster`: when the cluster's hook moves the
 * cluster to another master key (DWS rotate-key with `master_key_id`, whose answer carries the
 * `rotate_key_time` it records), the policy's hook then reads the new key and a rotation made
 * just now, so it neither moves the key again nor rotates. After a conversion, review assumes
 * no rotation is recorded (*unverified*: no official page says whether DWS sets
 * `last_rotate_key_time` when it encrypts a cluster), the case in which the hook rotates.
 */
export function afterEarlierSteps(kind: string, spec: unknown, observed: unknown, earlier: readonly EarlierStep[]): SequencedReading {
  if (kind !== DWS_KEY_ROTATION) return { observed };
  const rotation = spec as DwsKeyRotationSpec;
  const reading = observed as DwsRotationObserved;
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
      lastRotateKeyTime: moved ? new Date(reading.now).toISOString().slice(0, 19).replace("T", " ") : undefined,
    };
    return { observed: { exists: true, encryption, now: reading.now } satisfies DwsRotationObserved, after: step.address };
  }
  return { observed };
}

/** Hooks in the order the deploy runs them: every resource after what it depends on, otherwise the plan's order. */
export function deployOrder(changes: readonly HookChange[]): HookChange[] {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const done = new Set<string>();
  const ordered: HookChange[] = [];
  const visit = (change: HookChange, path: Set<string>) => {
    if (done.has(change.address) || path.has(change.address)) return;
    path.add(change.address);
    for (const dependency of change.dependsOn ?? []) {
      const c = byAddress.get(dependency);
      if (c) visit(c, path);
    }
    done.add(change.address);
    ordered.push(change);
  };
  for (const change of changes) visit(change, new Set());
  return ordered;
}

/** Every hook address a change depends on, directly or through others. */
export function dependenciesOf(change: HookChange, changes: readonly HookChange[]): Set<string> {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const found = new Set<string>();
  const walk = (c: HookChange | undefined) => {
    for (const dependency of c?.dependsOn ?? []) {
      if (found.has(dependency)) continue;
      found.add(dependency);
      walk(byAddress.get(dependency));
    }
  };
  walk(change);
  return found;
}
